#include "json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "json_linear_parse.hpp"

namespace wegwijzer::detail {
namespace {

using nlohmann::json;

/// Thrown from the parser callback to stop parsing at a structural problem.
struct StructureStop {
  std::string pointer;
  std::string message;
};

/// Tracks where the parser is (for JSON pointers) and which keys each open object has.
class ParseTracker {
 public:
  explicit ParseTracker(std::size_t max_depth) : max_depth_(max_depth) {}

  bool on_event(int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (static_cast<std::size_t>(depth) >= max_depth_) {
          throw StructureStop{
              current_pointer(),
              fmt::format("the JSON is nested more than {} levels deep; a bank never needs that", max_depth_)};
        }
        frames_.push_back({event == json::parse_event_t::array_start, 0, {}, {}});
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          throw StructureStop{current_pointer(),
                              fmt::format("the key '{}' appears twice in this object; keep one", frame.key)};
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        count_element();
        break;
      case json::parse_event_t::value: count_element(); break;
    }
    return true;
  }

  /// The JSON pointer of the place being parsed.
  std::string current_pointer() const {
    std::string pointer;
    for (const Frame& frame : frames_) {
      pointer = frame.is_array ? pointer_append(pointer, frame.count) : pointer_append(pointer, frame.key);
    }
    return pointer;
  }

 private:
  struct Frame {
    bool is_array = false;
    std::size_t count = 0;  ///< arrays: elements completed so far
    std::string key;        ///< objects: the key being parsed
    std::set<std::string> keys;
  };

  void count_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().count;
  }

  std::size_t max_depth_;
  std::vector<Frame> frames_;
};

/// The index of the last byte before `offset` that is not JSON whitespace, if any.
std::optional<std::size_t> previous_non_space(std::string_view text, std::size_t offset) {
  for (std::size_t i = std::min(offset, text.size()); i > 0; --i) {
    char c = text[i - 1];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return i - 1;
  }
  return std::nullopt;
}

/// True when a curly double quote (U+201C or U+201D, UTF-8 E2 80 9C / E2 80 9D) starts within
/// three bytes of `offset` (the parser stops inside or just after the multi-byte character).
bool curly_quote_near(std::string_view text, std::size_t offset) {
  std::size_t from = offset >= 3 ? offset - 3 : 0;
  for (std::size_t i = from; i <= offset && i + 2 < text.size(); ++i) {
    if (text[i] == '\xE2' && text[i + 1] == '\x80' && (text[i + 2] == '\x9C' || text[i + 2] == '\x9D')) return true;
  }
  return false;
}

/// A fixed, plain hint for the common mistakes behind a syntax error ("" when none fits).
/// `detail` is nlohmann's fixed description; `offset` is the byte the parser stopped at.
/// The hint never quotes the input.
std::string syntax_hint(std::string_view text, std::size_t offset, const std::string& detail) {
  if (offset < text.size() && (text[offset] == ']' || text[offset] == '}')) {
    auto before = previous_non_space(text, offset);
    if (before && text[*before] == ',') return "remove the comma after the last item";
  }
  if (detail.find("invalid literal") != std::string::npos) {
    for (std::size_t i = offset >= 1 ? offset - 1 : 0; i <= offset && i + 1 < text.size(); ++i) {
      if (text[i] == '/' && (text[i + 1] == '/' || text[i + 1] == '*')) return "JSON has no comments; remove it";
    }
    if (curly_quote_near(text, offset)) return "use straight double quotes \" instead of curly quotes";
  }
  if (detail.find("invalid string") != std::string::npos && curly_quote_near(text, offset)) {
    return "use straight double quotes \" instead of curly quotes";
  }
  const bool expected_separator = detail.find("expected '}'") != std::string::npos ||
                                  detail.find("expected ']'") != std::string::npos ||
                                  detail.find("expected ','") != std::string::npos;
  const bool found_item = detail.find("unexpected string literal") != std::string::npos ||
                          detail.find("unexpected number literal") != std::string::npos ||
                          detail.find("unexpected true literal") != std::string::npos ||
                          detail.find("unexpected false literal") != std::string::npos ||
                          detail.find("unexpected null literal") != std::string::npos ||
                          detail.find("unexpected '{'") != std::string::npos ||
                          detail.find("unexpected '['") != std::string::npos;
  if (expected_separator && found_item) return "a comma is probably missing before this";
  return "";
}

/// A plain description of a syntax error that never quotes the input.
std::string describe_parse_error(const json::parse_error& error, std::string_view text, std::size_t offset,
                                 bool at_end) {
  if (at_end) return "unexpected end of file; the JSON is truncated or a bracket is missing";
  std::string what = error.what();
  // nlohmann's text is "... syntax error while parsing CONTEXT - DETAIL[; last read: 'INPUT'][; expected X]".
  // CONTEXT, DETAIL and X are fixed phrases; only the 'last read' part quotes input, so drop it.
  const std::string marker = "syntax error while parsing ";
  auto start = what.find(marker);
  if (start == std::string::npos) return "the text is not valid JSON";
  std::string rest = what.substr(start + marker.size());
  auto dash = rest.find(" - ");
  if (dash == std::string::npos) return "the text is not valid JSON";
  std::string context = rest.substr(0, dash);
  std::string detail = rest.substr(dash + 3);
  auto last_read = detail.find("; last read: '");
  std::string expected;
  if (last_read != std::string::npos) {
    // Keep a trailing "; expected X" only when X is one of nlohmann's token names (never input).
    static const std::set<std::string> kTokenNames{
        "true literal", "false literal", "null literal", "string literal", "number literal",        "'['", "'{'", "']'",
        "'}'",          "':'",           "','",          "end of input",   "'[', '{', or a literal"};
    auto expected_at = detail.rfind("; expected ");
    if (expected_at != std::string::npos && expected_at > last_read &&
        kTokenNames.count(detail.substr(expected_at + 11)) > 0) {
      expected = detail.substr(expected_at);
    }
    detail = detail.substr(0, last_read) + expected;
  }
  std::string hint = syntax_hint(text, offset, detail);
  if (!hint.empty()) hint = "; " + hint;
  if (detail.find("invalid string") != std::string::npos || detail.find("ill-formed UTF-8") != std::string::npos) {
    return fmt::format("invalid text string in {}: {}{}", context, detail, hint);
  }
  return fmt::format("syntax error in {}: {}{}", context, detail, hint);
}

}  // namespace

std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0u) != 0x80u) {  // count characters, not UTF-8 continuation bytes
      ++column;
    }
  }
  return {line, column};
}

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string result = pointer + "/";
  for (char c : token) {
    if (c == '~') {
      result += "~0";
    } else if (c == '/') {
      result += "~1";
    } else {
      result += c;
    }
  }
  return result;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::optional<nlohmann::json> read_json(std::string_view text, const std::string& file_name, std::size_t max_bytes,
                                        std::size_t max_depth, std::vector<Diagnostic>& diagnostics) {
  if (text.size() > max_bytes) {
    diagnostics.push_back(
        {file_name, "", 0, 0, Severity::error,
         // The CLI reads at most max_bytes + 1 bytes of a file: the size beyond the limit is unknown here.
         fmt::format("the file is larger than the limit for a bank of {} bytes ({:.1f} MiB); split or shorten it",
                     max_bytes, static_cast<double>(max_bytes) / (1024.0 * 1024.0))});
    return std::nullopt;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diagnostics.push_back(
        {file_name, "", 1, 1, Severity::error,
         "the file is empty; a bank is a JSON object that starts with '{' (see docs/bank-format.md)"});
    return std::nullopt;
  }
  ParseTracker tracker(max_depth);
  try {
    // Not json::parse with a callback: that is quadratic in the length of a list of objects.
    return parse_json_linear(text, [&tracker](int depth, json::parse_event_t event, json& parsed) {
      return tracker.on_event(depth, event, parsed);
    });
  } catch (const json::parse_error& error) {
    // error.byte is the 1-based position of the last character read.
    std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    bool at_end = offset >= text.size();
    auto [line, column] = line_and_column(text, offset);
    diagnostics.push_back(
        {file_name, "", line, column, Severity::error, describe_parse_error(error, text, offset, at_end)});
  } catch (const StructureStop& stop) {
    diagnostics.push_back({file_name, stop.pointer, 0, 0, Severity::error, stop.message});
  } catch (const json::out_of_range&) {
    // A number too large for a double ("1e309"): nlohmann reports it without a position and
    // quotes the input, so name the place by JSON pointer instead.
    diagnostics.push_back({file_name, tracker.current_pointer(), 0, 0, Severity::error,
                           "a number here is too large; numbers in a bank must fit in a double (about 1.8e308)"});
  } catch (const json::exception&) {
    diagnostics.push_back({file_name, tracker.current_pointer(), 0, 0, Severity::error, "the text is not valid JSON"});
  }
  return std::nullopt;
}

}  // namespace wegwijzer::detail
