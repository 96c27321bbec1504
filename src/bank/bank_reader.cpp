#include "bank_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "json_reader.hpp"

namespace wegwijzer::detail {
namespace {

using nlohmann::json;

std::string join(std::initializer_list<std::string_view> a, std::initializer_list<std::string_view> b) {
  std::vector<std::string_view> all(a);
  all.insert(all.end(), b.begin(), b.end());
  std::string out;
  for (std::size_t i = 0; i < all.size(); ++i) out += fmt::format("{}{}", i == 0 ? "" : ", ", all[i]);
  return out;
}

bool contains(std::initializer_list<std::string_view> list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
  return text.substr(0, end) + "...";
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::number_integer: return fmt::format("the number {}", value.get<std::int64_t>());
    case json::value_t::number_unsigned: return fmt::format("the number {}", value.get<std::uint64_t>());
    case json::value_t::number_float: {
      // 1.0 is a decimal number in JSON, not the whole number 1: say so, or "found 1, expected 1" puzzles.
      double number = value.get<double>();
      bool whole = std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 1e15;
      return whole ? fmt::format("the decimal number {:.1f}", number) : fmt::format("the number {}", number);
    }
    case json::value_t::string: return fmt::format("the text \"{}\"", shorten(value.get<std::string>(), 40));
    case json::value_t::array:
      if (value.empty()) return "an empty list";
      return value.size() == 1 ? "a list of 1 item" : fmt::format("a list of {} items", value.size());
    case json::value_t::object: return value.empty() ? "an empty object" : "an object";
    default: return "an unsupported value";
  }
}

const json* member(const json& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  auto found = value.find(std::string(key));
  return found == value.end() ? nullptr : &*found;
}

void BankReader::error(const std::string& pointer, std::string message) {
  ++errors_;
  diagnostics_.push_back({file_name_, pointer, 0, 0, Severity::error, std::move(message)});
}

void BankReader::warning(const std::string& pointer, std::string message) {
  diagnostics_.push_back({file_name_, pointer, 0, 0, Severity::warning, std::move(message)});
}

bool BankReader::object(const json& value, const std::string& pointer, std::initializer_list<std::string_view> required,
                        std::initializer_list<std::string_view> optional, std::string_view what) {
  if (!value.is_object()) {
    error(pointer, fmt::format("found {}, expected {} (an object {{...}})", describe(value), what));
    return false;
  }
  for (const auto& item : value.items()) {
    if (!contains(required, item.key()) && !contains(optional, item.key())) {
      error(pointer_append(pointer, item.key()), fmt::format("unknown key '{}' in {}; the keys allowed here are: {}",
                                                             shorten(item.key(), 40), what, join(required, optional)));
    }
  }
  for (std::string_view key : required) {
    if (!value.contains(std::string(key))) error(pointer, fmt::format("{} is missing the key '{}'", what, key));
  }
  return true;
}

const json* BankReader::array(const json& value, const std::string& pointer, std::size_t min_size,
                              std::string_view what) {
  if (!value.is_array()) {
    error(pointer, fmt::format("found {}, expected {} (a list [...])", describe(value), what));
    return nullptr;
  }
  if (value.size() < min_size) {
    error(pointer, fmt::format("found {}, expected {} with at least {} {}", describe(value), what, min_size,
                               min_size == 1 ? "item" : "items"));
    return nullptr;
  }
  return &value;
}

std::optional<std::string> BankReader::string(const json& value, const std::string& pointer, std::string_view what) {
  if (!value.is_string()) {
    error(pointer, fmt::format("found {}, expected {} (a text in double quotes)", describe(value), what));
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<std::string> BankReader::id(const json& value, const std::string& pointer) {
  auto text = string(value, pointer, "an id");
  if (!text) return std::nullopt;
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  };
  bool ok = !text->empty() && text->size() <= 64 && std::all_of(text->begin(), text->end(), allowed) &&
            (*text)[0] != '_' && (*text)[0] != '-' && (*text)[0] != '.';
  if (!ok) {
    error(pointer, fmt::format("found {}, expected an id: 1 to 64 letters, digits, '_', '-' or '.', starting with "
                               "a letter or digit",
                               describe(value)));
    return std::nullopt;
  }
  return text;
}

std::optional<double> BankReader::number(const json& value, const std::string& pointer, std::string_view what) {
  if (!value.is_number()) {
    error(pointer, fmt::format("found {}, expected {}", describe(value), what));
    return std::nullopt;
  }
  double number = value.get<double>();
  if (!std::isfinite(number) || std::fabs(number) > 1e6) {
    error(pointer, fmt::format("found {}, expected {} between -1000000 and 1000000", describe(value), what));
    return std::nullopt;
  }
  return number;
}

std::optional<int> BankReader::integer(const json& value, const std::string& pointer, int min, int max,
                                       std::string_view what) {
  if (!value.is_number_integer()) {
    error(pointer, fmt::format("found {}, expected {} (a whole number)", describe(value), what));
    return std::nullopt;
  }
  bool in_range = value.is_number_unsigned() ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                             : value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max;
  if (!in_range) {
    error(pointer, fmt::format("found {}, expected {} from {} to {}", describe(value), what, min, max));
    return std::nullopt;
  }
  return static_cast<int>(value.get<std::int64_t>());
}

std::optional<bool> BankReader::boolean(const json& value, const std::string& pointer) {
  if (!value.is_boolean()) {
    error(pointer, fmt::format("found {}, expected true or false", describe(value)));
    return std::nullopt;
  }
  return value.get<bool>();
}

LocalText BankReader::text(const json& value, const std::string& pointer) {
  if (!value.is_object()) {
    std::string example;
    for (std::size_t i = 0; i < languages.size(); ++i) {
      example += fmt::format("{}\"{}\": \"...\"", i == 0 ? "" : ", ", languages[i]);
    }
    error(pointer, fmt::format("found {}, expected a text per language, like {{{}}}", describe(value), example));
    return {};
  }
  std::map<std::string, std::string> by_language;
  for (const auto& item : value.items()) {
    std::string item_pointer = pointer_append(pointer, item.key());
    if (std::find(languages.begin(), languages.end(), item.key()) == languages.end()) {
      error(item_pointer, fmt::format("the language '{}' is not one of the bank's languages", shorten(item.key(), 40)));
      continue;
    }
    if (!item.value().is_string()) {
      error(item_pointer, fmt::format("found {}, expected the '{}' text (a text in double quotes)",
                                      describe(item.value()), item.key()));
      continue;
    }
    std::string text = item.value().get<std::string>();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      error(item_pointer, fmt::format("the '{}' text is empty", item.key()));
      continue;
    }
    by_language.emplace(item.key(), std::move(text));
  }
  for (const std::string& language : languages) {
    if (!value.contains(language)) {
      error(pointer, fmt::format("missing translation: there is no '{}' text here", language));
    }
  }
  return LocalText(std::move(by_language));
}

}  // namespace wegwijzer::detail
