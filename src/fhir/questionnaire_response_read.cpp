// QuestionnaireResponses (NDJSON, one resource or a Bundle) as answer records for the batch: linkIds to question
// ids, answer values to option ids. What does not fit is left for the batch's own checks to report.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "wegwijzer/fhir/fhir.hpp"

namespace wegwijzer {
namespace {

using nlohmann::json;

/// An answer that names no option: no option id can be "?", so the batch reports an unknown option.
constexpr std::string_view kNoOption = "?";

/// The name under which an item that cannot be put to a question is handed on (no linkId, or an item list that is no
/// list): an unknown question to the batch, which names it (and with --strict refuses the record, keeping the
/// urgency and red flags of the other answers).
constexpr std::string_view kUnreadableItem = "unreadable-item";

/// An answer that is not one: the batch reports a value of the wrong type for the question (wrong_type).
const json& malformed_value() {
  static const json value = json::object();
  return value;
}

/// "url|version" split at the bar.
std::pair<std::string, std::string> split_canonical(const std::string& canonical) {
  const std::size_t bar = canonical.find('|');
  if (bar == std::string::npos) return {canonical, ""};
  return {canonical.substr(0, bar), canonical.substr(bar + 1)};
}

std::string string_member(const json& object, const char* name) {
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

class Reader {
 public:
  Reader(const Bank& bank, std::string file_name, std::string id_field)
      : bank_(bank), file_(std::move(file_name)), id_field_(std::move(id_field)) {
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      by_link_.emplace(question.fhir ? question.fhir->link_id : question.id, q);
    }
    std::tie(url_, version_) = split_canonical(questionnaire_canonical(bank));
  }

  /// The answer record of one resource (`place` names it in diagnostics: "line 3", "/entry/2/resource"). An object
  /// without "resourceType" (an answer record among the responses) stays as it is.
  std::string record(const json& resource, const std::string& place) {
    if (resource.is_object() && !resource.contains("resourceType")) {
      return resource.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    json out = json::object();
    const bool response = resource.is_object() && string_member(resource, "resourceType") == "QuestionnaireResponse";
    if (resource.is_object()) {
      std::string id;
      if (auto identifier = resource.find("identifier"); identifier != resource.end() && identifier->is_object())
        id = string_member(*identifier, "value");
      if (id.empty()) id = string_member(resource, "id");
      if (!id.empty()) out[id_field_] = id;
    }
    if (!response) return out.dump(-1, ' ', false, json::error_handler_t::replace);
    check_questionnaire(resource, place);
    // Written by hand so that a question answered twice (a repeated group) stays twice: the batch reports it.
    std::string answers = "{";
    unattributed_ = false;
    if (auto items = resource.find("item"); items != resource.end()) {
      if (items->is_array()) {
        walk(*items, answers);
      } else {
        unattributed_ = true;
      }
    }
    // What cannot be put to a question is never dropped unsaid: the batch names it as an unknown question.
    if (unattributed_) append_member(answers, std::string(kUnreadableItem), malformed_value());
    answers += "}";
    std::string line = out.dump(-1, ' ', false, json::error_handler_t::replace);
    line.pop_back();
    if (line.size() > 1) line += ",";
    return line + "\"answers\":" + answers + "}";
  }

  std::vector<Diagnostic> diagnostics;

 private:
  void check_questionnaire(const json& resource, const std::string& place) {
    const std::string canonical = string_member(resource, "questionnaire");
    if (canonical.empty()) {
      if (!unnamed_) {
        add(Severity::warning, place,
            fmt::format("a response that names no Questionnaire (no \"questionnaire\" canonical); read as answers "
                        "to '{}'",
                        url_));
      }
      unnamed_ = true;
      return;
    }
    const auto [url, version] = split_canonical(canonical);
    if (url != url_) {
      if (!other_named_) {
        add(Severity::error, place,
            fmt::format("a response to the Questionnaire '{}', but the bank answers '{}': score it with that "
                        "Questionnaire's bank (--bank)",
                        url.substr(0, 200), url_));
      }
      other_named_ = true;
    } else if (!version.empty() && !version_.empty() && version != version_ && !other_version_) {
      other_version_ = true;
      add(Severity::warning, place,
          fmt::format("a response to version {} of the Questionnaire; the bank is version {} (scored all the same)",
                      version.substr(0, 40), version_));
    }
  }

  void add(Severity severity, const std::string& place, std::string message) {
    diagnostics.push_back(pointed_diagnostic(file_, place, severity, std::move(message)));
  }

  void walk(const json& items, std::string& answers) {
    for (const json& item : items) {
      if (!item.is_object()) {
        unattributed_ = true;
        continue;
      }
      const std::string link = string_member(item, "linkId");
      const json* values = nullptr;
      auto found = item.find("answer");
      if (found != item.end() && found->is_array() && !found->empty()) values = &*found;
      if (found != item.end() && !found->is_array()) {
        if (link.empty()) {
          unattributed_ = true;
        } else {
          auto known = by_link_.find(link);
          append_member(answers, known == by_link_.end() ? link : bank_.questions[known->second].id, malformed_value());
        }
      }
      if (values != nullptr && link.empty()) unattributed_ = true;
      if (values != nullptr && !link.empty()) add_answer(link, *values, answers);
      if (auto children = item.find("item"); children != item.end()) {
        if (children->is_array()) {
          walk(*children, answers);
        } else {
          unattributed_ = true;
        }
      }
      if (values != nullptr) {
        for (const json& value : *values) {
          if (!value.is_object()) continue;
          if (auto children = value.find("item"); children != value.end() && children->is_array())
            walk(*children, answers);
        }
      }
    }
  }

  void add_answer(const std::string& link, const json& values, std::string& answers) {
    auto found = by_link_.find(link);
    json value;
    std::string key = link;
    if (found != by_link_.end()) {
      const Question& question = bank_.questions[found->second];
      key = question.id;
      json list = json::array();
      bool broken = false;
      for (const json& entry : values) {
        if (!entry.is_object()) {
          broken = true;
          continue;
        }
        json one = question.type == QuestionType::text ? text_of(entry) : option_of(question, entry);
        broken = broken || one.is_null();
        list.push_back(std::move(one));
      }
      value = question.type == QuestionType::multiple || list.size() != 1 ? list : list[0];
      if (broken) value = malformed_value();  // an answer without a value: wrong_type, never "unanswered"
    } else {
      value = std::string(kNoOption);  // an unknown key: named (or refused with --strict) by the batch
    }
    append_member(answers, key, value);
  }

  static void append_member(std::string& answers, const std::string& key, const json& value) {
    if (answers.size() > 1) answers += ",";
    answers += json(key).dump(-1, ' ', false, json::error_handler_t::replace);
    answers += ":";
    answers += value.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  /// A free-text answer: the primitive value as text (a coding: its display, else its code).
  static json text_of(const json& entry) {
    for (const auto& [key, value] : entry.items()) {
      if (key.rfind("value", 0) != 0) continue;
      if (value.is_string()) return value;
      if (value.is_number() || value.is_boolean()) return value.dump();
      if (value.is_object()) {
        const std::string display = string_member(value, "display");
        return display.empty() ? json(string_member(value, "code")) : json(display);
      }
    }
    return json(nullptr);
  }

  /// The option an answer value names, else "?" (also when it could be two: a coding without a system whose code
  /// two systems have); null for an entry without a value.
  static json option_of(const Question& question, const json& entry) {
    bool has_value = false;
    for (const auto& member : entry.items()) has_value = has_value || member.key().rfind("value", 0) == 0;
    if (!has_value) return json(nullptr);
    json found = nullptr;
    for (const Option& option : question.options) {
      json match = match_option(question, option, entry);
      if (match.is_null()) continue;
      if (!found.is_null()) return std::string(kNoOption);
      found = std::move(match);
    }
    return found.is_null() ? json(std::string(kNoOption)) : found;
  }

  /// The option's id when `entry` is its answer value, else null.
  static json match_option(const Question& question, const Option& option, const json& entry) {
    const FhirAnswer& fhir = option.fhir;
    if (auto coding = entry.find("valueCoding"); coding != entry.end() && coding->is_object()) {
      const std::string code = string_member(*coding, "code");
      const std::string system = string_member(*coding, "system");
      if (fhir.kind == FhirAnswer::Kind::coding) {
        if (code == fhir.code && (system.empty() || fhir.system.empty() || system == fhir.system)) return option.id;
      } else if (fhir.kind == FhirAnswer::Kind::none && system.empty() && code == option.id) {
        return option.id;
      }
    } else if (auto flag = entry.find("valueBoolean"); flag != entry.end() && flag->is_boolean()) {
      if (fhir.kind == FhirAnswer::Kind::boolean
              ? fhir.boolean == flag->get<bool>()
              : fhir.kind == FhirAnswer::Kind::none && question.type == QuestionType::yes_no &&
                    option.id == (flag->get<bool>() ? "yes" : "no")) {
        return option.id;
      }
    } else if (auto text = entry.find("valueString"); text != entry.end() && text->is_string()) {
      if (fhir.kind == FhirAnswer::Kind::string && fhir.string == text->get<std::string>()) return option.id;
    } else if (auto number = entry.find("valueInteger"); number != entry.end() && number->is_number_integer()) {
      if (fhir.kind == FhirAnswer::Kind::integer && fhir.integer == number->get<std::int64_t>()) return option.id;
    }
    return json(nullptr);
  }

  const Bank& bank_;
  std::string file_;
  std::string id_field_;
  std::map<std::string, std::size_t> by_link_;
  std::string url_;
  std::string version_;
  bool other_named_ = false;
  bool other_version_ = false;
  bool unnamed_ = false;
  bool unattributed_ = false;  ///< the response being read has an item that cannot be put to a question
};

/// `text` without a leading UTF-8 byte-order mark and JSON whitespace.
std::string_view trimmed_start(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

}  // namespace

bool looks_like_fhir_resources(std::string_view prefix) {
  const std::string_view start = trimmed_start(prefix);
  if (start.empty() || start.front() != '{') return false;
  const std::string_view first_line = start.substr(0, start.find('\n'));
  const json line = json::parse(first_line.begin(), first_line.end(), nullptr, false);
  if (line.is_object()) return line.contains("resourceType");
  // The first line is not whole here: a pretty-printed resource, or one longer than `prefix` (a Bundle on one line).
  // A resource names its type; an answer record has no such key (answer text holds its quotes escaped).
  for (std::size_t at = start.find("\"resourceType\""); at != std::string_view::npos;
       at = start.find("\"resourceType\"", at + 1)) {
    const std::size_t next = start.find_first_not_of(" \t\r\n", at + 14);
    if (next != std::string_view::npos && start[next] == ':') return true;
  }
  return false;
}

FhirRecords responses_to_records(std::string_view text, const Bank& bank, const std::string& file_name,
                                 const std::string& id_field) {
  FhirRecords out;
  Reader reader(bank, file_name, id_field);
  const std::string_view body = trimmed_start(text);
  const json whole = json::parse(body.begin(), body.end(), nullptr, false);
  const std::string_view first_line = body.substr(0, body.find('\n'));
  const bool one_per_line = json::accept(first_line.begin(), first_line.end());
  auto fail = [&](std::string pointer, std::string message) {
    out.diagnostics.push_back(pointed_diagnostic(file_name, std::move(pointer), Severity::error, std::move(message)));
    return out;
  };
  if (whole.is_discarded() && !one_per_line) {
    // Not NDJSON (its first line is no whole JSON value), so one resource: say where it breaks.
    try {
      const json checked = json::parse(body.begin(), body.end());  // throws where it breaks
      static_cast<void>(checked);
    } catch (const json::parse_error& e) {
      return fail("", fmt::format("not valid JSON at byte {}; expected one FHIR resource, a Bundle, or NDJSON (one "
                                  "resource per line)",
                                  e.byte));
    }
  }
  if (whole.is_object() && string_member(whole, "resourceType") == "Bundle") {
    auto found = whole.find("entry");
    if (found == whole.end() || !found->is_array()) {
      return fail("/entry", "a Bundle without a list of entries; expected \"entry\": [{\"resource\": {...}}, ...]");
    }
    const json* entries = &*found;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const json& entry = (*entries)[i];
      const json resource = entry.is_object() && entry.contains("resource") ? entry["resource"] : json();
      out.jsonl += reader.record(resource, fmt::format("/entry/{}/resource", i)) + "\n";
    }
  } else if (whole.is_object()) {
    out.jsonl = reader.record(whole, "") + "\n";
  } else {
    // NDJSON: a record per line; blank lines and lines that are not JSON stay as they are (line numbers hold).
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::size_t number = 0;
    while (!text.empty()) {
      ++number;
      const std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      const json value = json::parse(line.begin(), line.end(), nullptr, false);
      if (value.is_object() && string_member(value, "resourceType") == "Bundle") {
        return fail(fmt::format("line {}", number),
                    "a Bundle among resources one per line; give each Bundle a file "
                    "of its own");
      }
      if (value.is_discarded() || !value.is_object()) {
        out.jsonl.append(line);
      } else {
        out.jsonl += reader.record(value, fmt::format("line {}", number));
      }
      out.jsonl += '\n';
    }
  }
  out.diagnostics = std::move(reader.diagnostics);
  return out;
}

}  // namespace wegwijzer
