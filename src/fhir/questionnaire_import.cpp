// A FHIR R4 Questionnaire as a bank: items walked in order, groups and display items as leads, options with their
// weights, enableWhen as show_if, translations as languages. What has no counterpart is a warning with the linkId.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/support/ascii.hpp"

namespace wegwijzer {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view kTranslation = "http://hl7.org/fhir/StructureDefinition/translation";
constexpr std::string_view kWeightUrls[] = {
    "http://hl7.org/fhir/StructureDefinition/itemWeight",
    "http://hl7.org/fhir/StructureDefinition/ordinalValue",
    "http://hl7.org/fhir/StructureDefinition/questionnaire-ordinalValue",
};
/// Extensions whose FHIRPath wegwijzer does not evaluate, and what they do.
constexpr std::pair<std::string_view, std::string_view> kExpressionUrls[] = {
    {"sdc-questionnaire-calculatedExpression", "a calculated value (calculatedExpression)"},
    {"sdc-questionnaire-answerExpression", "answer options computed by FHIRPath (answerExpression)"},
    {"sdc-questionnaire-initialExpression", "an initial value computed by FHIRPath (initialExpression)"},
    {"sdc-questionnaire-enableWhenExpression", "a FHIRPath condition (enableWhenExpression)"},
    {"sdc-questionnaire-candidateExpression", "candidate answers computed by FHIRPath (candidateExpression)"},
};

/// Said of every import: a Questionnaire carries no red flags, so nothing the person answers leads to crisis help.
constexpr std::string_view kNoRedFlags =
    "the bank has no red flags and no crisis lines (a Questionnaire has no such notion): no answer leads to crisis "
    "help; add rules with \"red_flag\" and \"crisis_lines\" to the imported bank (docs/fhir.md)";

/// A word of the imported bank itself, per language (English for any language but nl).
struct Word {
  std::string_view nl;
  std::string_view en;
};
constexpr Word kYes{"Ja", "Yes"};
constexpr Word kNo{"Nee", "No"};
constexpr Word kTotal{"Totaal", "Total"};
constexpr Word kDisclaimer{"Deze vragenlijst geeft een indicatie, geen diagnose.",
                           "This questionnaire gives an indication, not a diagnosis."};

/// `text` as an id: characters outside A-Z a-z 0-9 _ - . become '_', a leading one that is not a letter or digit
/// goes, at most 64 characters; empty: "item".
std::string as_id(const std::string& text) {
  std::string id;
  for (char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (id.empty() && !plain) continue;
    id += plain || c == '_' || c == '-' || c == '.' ? c : '_';
  }
  if (id.size() > 64) id.resize(64);
  return id.empty() ? "item" : id;
}

/// A unique id from `wanted` among `taken` (adds "_2", "_3", ...), recorded in `taken`.
std::string unique_id(const std::string& wanted, std::set<std::string>& taken) {
  std::string id = wanted;
  for (int n = 2; taken.count(id) != 0; ++n) id = wanted.substr(0, 60) + "_" + std::to_string(n);
  taken.insert(id);
  return id;
}

/// "nl-NL" → "nl", "en-US" → "en" (the languages the program speaks itself); any other tag stays as written.
std::string language_of(const std::string& tag) {
  const std::string lower = ascii_lower(tag.substr(0, tag.find('-')));
  return lower == "nl" || lower == "en" ? lower : tag;
}

/// The member `name` of `object` when it is an array, else an empty array (a reference into `object`: label
/// pointers into it stay valid).
const json& list_of(const json& object, const std::string& name) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  auto found = object.find(name);
  return found != object.end() && found->is_array() ? *found : empty;
}

/// The member `name` of `object` when it is an object, else an empty object.
const json& object_of(const json& object, const std::string& name) {
  static const json empty = json::object();
  if (!object.is_object()) return empty;
  auto found = object.find(name);
  return found != object.end() && found->is_object() ? *found : empty;
}

/// The translation extensions of the element `_name` of `object`: language → text.
std::map<std::string, std::string> translations(const json& object, const std::string& name) {
  std::map<std::string, std::string> found;
  auto element = object.find("_" + name);
  if (element == object.end() || !element->is_object()) return found;
  auto extensions = element->find("extension");
  if (extensions == element->end() || !extensions->is_array()) return found;
  for (const json& extension : *extensions) {
    if (!extension.is_object() || extension.value("url", "") != kTranslation) continue;
    std::string lang;
    std::string content;
    for (const json& part : list_of(extension, "extension")) {
      if (!part.is_object()) continue;
      if (part.value("url", "") == "lang" && part.contains("valueCode") && part["valueCode"].is_string())
        lang = part["valueCode"].get<std::string>();
      if (part.value("url", "") == "content" && part.contains("valueString") && part["valueString"].is_string())
        content = part["valueString"].get<std::string>();
    }
    if (!lang.empty() && !content.empty()) found[language_of(lang)] = content;
  }
  return found;
}

/// A string member, or empty.
std::string string_of(const json& object, const std::string& name) {
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

/// The weight an extension list gives, if any (valueDecimal or valueInteger).
std::optional<double> weight_in(const json& object) {
  auto extensions = object.find("extension");
  if (extensions == object.end() || !extensions->is_array()) return std::nullopt;
  for (const json& extension : *extensions) {
    if (!extension.is_object()) continue;
    const std::string url = extension.value("url", "");
    if (std::find(std::begin(kWeightUrls), std::end(kWeightUrls), url) == std::end(kWeightUrls)) continue;
    for (const char* key : {"valueDecimal", "valueInteger"}) {
      if (extension.contains(key) && extension[key].is_number()) return extension[key].get<double>();
    }
  }
  return std::nullopt;
}

/// One answer option as read: how FHIR names it and what it is worth.
struct ReadOption {
  std::string id;
  std::string system;
  std::string code;
  std::optional<std::int64_t> integer;  ///< valueInteger
  std::string string;                   ///< valueString (or the coding's display)
  const json* label_owner = nullptr;    ///< the object whose "display"/"valueString" (and translations) is the label
  std::string label_key;                ///< "display" or "valueString"
  std::string label;
  std::optional<double> weight;
};

/// What a converted question is, for the conditions that refer to it.
struct Imported {
  std::string id;
  std::string fhir_type;  ///< boolean, choice, text, ...
  bool repeats = false;
  std::vector<ReadOption> options;  ///< choice questions
};

class Importer {
 public:
  Importer(const json& root, std::string file_name) : root_(root), file_(std::move(file_name)) {}

  FhirImport run() {
    FhirImport out;
    base_ = language_of(string_of(root_, "language"));
    if (base_.empty()) base_ = "en";
    collect_languages(root_);
    ordered_json bank;
    bank["format"] = 1;
    std::string id = string_of(root_, "id");
    if (id.empty()) id = string_of(root_, "name");
    bank["id"] = as_id(id.empty() ? std::string("questionnaire") : id);
    const std::string version = string_of(root_, "version");
    bank["version"] = version.empty() ? std::string("1") : version;
    bank["languages"] = languages_;
    const std::string title_key = root_.contains("title") ? "title" : "name";
    bank["title"] = root_.contains(title_key) ? text(root_, title_key, "") : word(kTotal);
    bank["introduction"] = root_.contains("description") ? text(root_, "description", "") : ordered_json(bank["title"]);
    bank["disclaimer"] = word(kDisclaimer);
    if (const std::string url = string_of(root_, "url");
        !url.empty() && url.find_first_of(" |\t\n") == std::string::npos) {
      bank["fhir"] = {{"url", url}};
      if (!version.empty()) bank["fhir"]["version"] = version;
    } else if (!url.empty()) {
      warn("/url", "the url is not a canonical url (it has a space or '|'); responses name the bank instead");
    }
    if (auto items = root_.find("item"); items != root_.end() && items->is_array()) {
      walk(*items, "/item");
    }
    if (questions_.empty()) {
      error("/item",
            "the Questionnaire has no item that can be asked (a question of type boolean, choice, "
            "open-choice, integer, decimal, string or text)");
      out.diagnostics = std::move(diagnostics_);
      return out;
    }
    if (!pending_lead_.empty()) warn(pending_lead_pointer_, "text after the last question is not shown");
    bank["questions"] = questions_;
    if (!scale_items_.empty()) bank["scales"] = ordered_json::array({total_scale()});
    for (const auto& [language, count] : missing_translations_) {
      warn("", fmt::format("{} {} no '{}' translation; the '{}' text stands in", count,
                           count == 1 ? "text has" : "texts have", language, base_));
    }
    warn("", std::string(kNoRedFlags));
    out.no_red_flags = diagnostics_.size() - 1;
    out.bank_json = bank.dump(2) + "\n";
    out.diagnostics = std::move(diagnostics_);
    return out;
  }

 private:
  void error(const std::string& pointer, std::string message) { add(Severity::error, pointer, std::move(message)); }
  void warn(const std::string& pointer, std::string message) { add(Severity::warning, pointer, std::move(message)); }
  void add(Severity severity, const std::string& pointer, std::string message) {
    diagnostics_.push_back(pointed_diagnostic(file_, pointer, severity, std::move(message)));
  }

  /// Every language a translation extension names, after the Questionnaire's own.
  void collect_languages(const json& value) {
    std::set<std::string> others;
    std::vector<const json*> stack{&value};
    while (!stack.empty()) {
      const json* node = stack.back();
      stack.pop_back();
      if (node->is_object()) {
        for (const auto& item : node->items()) {
          if (item.key().size() > 1 && item.key()[0] == '_') {
            for (const auto& [language, content] : translations(*node, item.key().substr(1))) {
              if (language != base_) others.insert(language);
            }
          }
          stack.push_back(&item.value());
        }
      } else if (node->is_array()) {
        for (const json& child : *node) stack.push_back(&child);
      }
    }
    languages_.push_back(base_);
    for (const std::string& language : others) {
      if (languages_.size() < 32) languages_.push_back(language);
    }
  }

  /// The text `object[name]` in every language: its translations, else the base text (counted as missing).
  ordered_json text(const json& object, const std::string& name, const std::string& fallback) {
    std::string base = string_of(object, name);
    if (base.empty()) base = fallback;
    const auto translated = translations(object, name);
    ordered_json result;
    for (const std::string& language : languages_) {
      auto found = translated.find(language);
      if (language == base_) {
        result[language] = base;
      } else if (found != translated.end()) {
        result[language] = found->second;
      } else {
        result[language] = base;
        ++missing_translations_[language];
      }
    }
    return result;
  }

  /// A word of the importer in every language.
  ordered_json word(const Word& w) const {
    ordered_json result;
    for (const std::string& language : languages_) result[language] = std::string(language == "nl" ? w.nl : w.en);
    return result;
  }

  /// Adds a lead text (a group's title, a display item) to the lead of the next question.
  void add_lead(const json& item, const std::string& pointer) {
    if (!item.contains("text")) return;
    ordered_json lead = text(item, "text", "");
    if (pending_lead_.empty()) {
      pending_lead_ = lead;
      pending_lead_pointer_ = pointer;
      return;
    }
    for (auto& [language, value] : pending_lead_.items()) {
      value = value.get<std::string>() + "\n" + lead[language].get<std::string>();
    }
  }

  void walk(const json& items, const std::string& pointer) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const json& item = items[i];
      const std::string here = pointer + "/" + std::to_string(i);
      if (!item.is_object()) {
        warn(here, "an item that is not an object is skipped");
        continue;
      }
      item_(item, here);
    }
  }

  void item_(const json& item, const std::string& pointer) {
    const std::string link = string_of(item, "linkId");
    const std::string type = string_of(item, "type");
    const std::string named = fmt::format("item '{}'", link.empty() ? pointer : link);
    for (const auto& [url, what] : kExpressionUrls) {
      if (has_extension(item, url)) {
        warn(pointer, fmt::format("{}: {} is FHIRPath, which wegwijzer does not evaluate{}", named, what,
                                  url == kExpressionUrls[0].first ? "; the item is left out (a total of weights "
                                                                    "is the scale \"total\")"
                                                                  : ""));
        if (url == kExpressionUrls[0].first) return;
      }
    }
    if (type == "group") {
      if (item.value("repeats", false)) warn(pointer, named + ": a repeating group is asked once");
      if (item.contains("enableWhen")) {
        warn(pointer, named + ": the enableWhen of a group is not carried over; its questions are always asked");
      }
      add_lead(item, pointer);
      if (auto children = item.find("item"); children != item.end() && children->is_array()) {
        if (!link.empty()) parents_.push_back(link);
        walk(*children, pointer + "/item");
        if (!link.empty()) parents_.pop_back();
      }
      return;
    }
    if (type == "display") {
      add_lead(item, pointer);
      return;
    }
    static const std::set<std::string> free_text{"integer",  "decimal", "string", "text",    "date",
                                                 "dateTime", "time",    "url",    "quantity"};
    const bool choice = type == "choice" || type == "open-choice" || type == "coding";
    if (type != "boolean" && !choice && free_text.count(type) == 0) {
      warn(pointer, fmt::format("{}: type '{}' has no counterpart in a bank; the item is left out", named, type));
      return;
    }
    if (link.empty()) {
      warn(pointer, named + ": an item without a linkId is left out (conditions and answers name it)");
      return;
    }
    Imported imported;
    imported.id = unique_id(as_id(link), question_ids_);
    imported.fhir_type = type;
    imported.repeats = item.value("repeats", false);
    ordered_json question;
    question["id"] = imported.id;
    question["text"] = text(item, "text", link);
    std::string bank_type = "text";
    if (type == "boolean") {
      bank_type = "yes_no";
      question["options"] =
          ordered_json::array({{{"id", "yes"}, {"label", word(kYes)}, {"fhir", {{"valueBoolean", true}}}},
                               {{"id", "no"}, {"label", word(kNo)}, {"fhir", {{"valueBoolean", false}}}}});
    } else if (choice) {
      read_options(item, pointer, named, imported);
      if (imported.options.empty()) {
        warn(pointer, named + ": no answer options could be read; it is asked as free text");
      } else {
        bank_type = imported.repeats ? "multiple" : "single";
        const bool all_weighted = std::all_of(imported.options.begin(), imported.options.end(),
                                              [](const ReadOption& option) { return option.weight.has_value(); });
        const bool some_weighted = std::any_of(imported.options.begin(), imported.options.end(),
                                               [](const ReadOption& option) { return option.weight.has_value(); });
        if (some_weighted && !all_weighted) {
          warn(pointer, named + ": only some options have a weight; the question does not count in the total");
        }
        if (all_weighted && !imported.repeats) bank_type = "scale";
        ordered_json options = ordered_json::array();
        for (const ReadOption& option : imported.options) {
          ordered_json entry;
          entry["id"] = option.id;
          entry["label"] = option.label_owner != nullptr ? text(*option.label_owner, option.label_key, option.label)
                                                         : text(json::object(), "", option.label);
          if (all_weighted) entry["points"] = points(*option.weight, pointer, named);
          entry["fhir"] = answer_value(option);
          options.push_back(entry);
        }
        question["options"] = options;
        if (all_weighted) scale_items_.push_back(imported.id);
        if (type == "open-choice")
          warn(pointer, named + ": the free-text 'other' answer of open-choice is not offered");
      }
    }
    if (bank_type == "text" && (type == "integer" || type == "decimal")) {
      warn(pointer, fmt::format("{}: {} {} answer is asked as free text (a bank has no number questions); it is not "
                                "scored and conditions on its value are not carried over",
                                named, type == "integer" ? "an" : "a", type));
    }
    if (imported.repeats && bank_type == "text") warn(pointer, named + ": repeats: one free-text answer is asked");
    question["type"] = bank_type;
    question["required"] = item.value("required", false);
    if (!pending_lead_.empty()) {
      question["lead"] = pending_lead_;
      pending_lead_ = ordered_json();
    }
    if (auto show_if = condition(item, pointer, named)) question["show_if"] = *show_if;
    question["fhir"] = {{"linkId", link}, {"type", type}};
    if (!parents_.empty()) question["fhir"]["parents"] = parents_;
    // The key order of a hand-written bank: id, text, type, required, lead, show_if, options; then fhir.
    ordered_json ordered;
    for (const char* key : {"id", "text", "type", "required", "lead", "show_if", "options", "fhir"}) {
      if (question.contains(key)) ordered[key] = question[key];
    }
    questions_.push_back(ordered);
    imported_[link] = imported;
    // Questions nested under a question follow it (they usually depend on it).
    if (auto children = item.find("item"); children != item.end() && children->is_array()) {
      parents_.push_back(link);
      walk(*children, pointer + "/item");
      parents_.pop_back();
    }
  }

  /// The option as the answer value a QuestionnaireResponse writes: the coding, string or integer it was read from.
  static ordered_json answer_value(const ReadOption& option) {
    if (!option.code.empty()) {
      ordered_json coding;
      if (!option.system.empty()) coding["system"] = option.system;
      coding["code"] = option.code;
      if (!option.string.empty()) coding["display"] = option.string;
      return {{"valueCoding", coding}};
    }
    if (option.integer) return {{"valueInteger", *option.integer}};
    return {{"valueString", option.string}};
  }

  static bool has_extension(const json& item, std::string_view url_end) {
    auto extensions = item.find("extension");
    if (extensions == item.end() || !extensions->is_array()) return false;
    return std::any_of(extensions->begin(), extensions->end(), [&](const json& extension) {
      const std::string url = extension.is_object() ? extension.value("url", "") : std::string();
      return url.size() >= url_end.size() && url.compare(url.size() - url_end.size(), url_end.size(), url_end) == 0;
    });
  }

  int points(double weight, const std::string& pointer, const std::string& named) {
    const double rounded = std::round(weight);
    if (rounded != weight) warn(pointer, fmt::format("{}: the weight {} is rounded to {}", named, weight, rounded));
    return static_cast<int>(std::clamp(rounded, -1000.0, 1000.0));
  }

  void read_options(const json& item, const std::string& pointer, const std::string& named, Imported& imported) {
    std::set<std::string> taken;
    auto add = [&](ReadOption option) {
      std::string wanted = !option.code.empty() ? option.code
                           : option.integer     ? std::to_string(*option.integer)
                                                : option.string;
      option.id = unique_id(as_id(wanted), taken);
      if (option.label.empty()) option.label = !option.string.empty() ? option.string : wanted;
      imported.options.push_back(std::move(option));
    };
    if (auto list = item.find("answerOption"); list != item.end() && list->is_array()) {
      for (const json& entry : *list) {
        if (!entry.is_object()) continue;
        ReadOption option;
        option.weight = weight_in(entry);
        if (auto coding = entry.find("valueCoding"); coding != entry.end() && coding->is_object()) {
          option.system = string_of(*coding, "system");
          option.code = string_of(*coding, "code");
          option.label = string_of(*coding, "display");
          option.string = option.label;
          option.label_owner = &*coding;
          option.label_key = "display";
          if (!option.weight) option.weight = weight_in(*coding);
        } else if (entry.contains("valueString") && entry["valueString"].is_string()) {
          option.string = entry["valueString"].get<std::string>();
          option.label = option.string;
          option.label_owner = &entry;
          option.label_key = "valueString";
        } else if (entry.contains("valueInteger") && entry["valueInteger"].is_number_integer()) {
          option.integer = entry["valueInteger"].get<std::int64_t>();
          option.label = std::to_string(*option.integer);
        } else {
          warn(pointer, named + ": an answer option that is not a coding, string or integer is left out");
          continue;
        }
        add(std::move(option));
      }
      return;
    }
    const std::string value_set = string_of(item, "answerValueSet");
    if (value_set.empty()) return;
    const json* contained = nullptr;
    if (value_set[0] == '#') {
      for (const json& resource : list_of(root_, "contained")) {
        if (resource.is_object() && resource.value("resourceType", "") == "ValueSet" &&
            resource.value("id", "") == value_set.substr(1)) {
          contained = &resource;
        }
      }
    }
    if (contained == nullptr) {
      warn(pointer, fmt::format("{}: the answerValueSet '{}' is not a ValueSet contained in the Questionnaire; "
                                "wegwijzer reads no external ValueSets",
                                named, value_set));
      return;
    }
    for (const json& include : list_of(object_of(*contained, "compose"), "include")) {
      const std::string system = string_of(include, "system");
      for (const json& concept : list_of(include, "concept")) {
        ReadOption option;
        option.system = system;
        option.code = string_of(concept, "code");
        option.label = string_of(concept, "display");
        option.string = option.label;
        option.label_owner = &concept;
        option.label_key = "display";
        option.weight = weight_in(concept);
        if (!option.code.empty()) add(std::move(option));
      }
    }
    if (imported.options.empty()) {
      for (const json& entry : list_of(object_of(*contained, "expansion"), "contains")) {
        ReadOption option;
        option.system = string_of(entry, "system");
        option.code = string_of(entry, "code");
        option.label = string_of(entry, "display");
        option.string = option.label;
        option.label_owner = &entry;
        option.label_key = "display";
        option.weight = weight_in(entry);
        if (!option.code.empty()) add(std::move(option));
      }
    }
  }

  /// The option of `source` an enableWhen answer names, if any.
  static const ReadOption* option_named(const Imported& source, const json& when) {
    for (const ReadOption& option : source.options) {
      if (auto coding = when.find("answerCoding"); coding != when.end() && coding->is_object()) {
        const std::string system = string_of(*coding, "system");
        if (option.code == string_of(*coding, "code") &&
            (system.empty() || option.system.empty() || system == option.system))
          return &option;
      } else if (auto text = when.find("answerString"); text != when.end() && text->is_string()) {
        if (option.string == text->get<std::string>() || option.code == text->get<std::string>()) return &option;
      } else if (auto number = when.find("answerInteger"); number != when.end() && number->is_number_integer()) {
        if (option.integer && *option.integer == number->get<std::int64_t>()) return &option;
      }
    }
    return nullptr;
  }

  /// One enableWhen as a condition, or nullopt (after a warning) when it has none.
  std::optional<ordered_json> one_condition(const json& when, const std::string& pointer, const std::string& named,
                                            bool& never) {
    const std::string link = string_of(when, "question");
    const std::string op = string_of(when, "operator");
    auto found = imported_.find(link);
    if (found == imported_.end()) {
      warn(pointer,
           fmt::format("{}: enableWhen names '{}', which is not an earlier question that was imported", named, link));
      return std::nullopt;
    }
    const Imported& source = found->second;
    const ordered_json answered = {{"answered", source.id}};
    if (op == "exists") {
      const bool wanted = when.value("answerBoolean", true);
      return wanted ? answered : ordered_json{{"not", answered}};
    }
    auto is = [&](const std::string& option) -> ordered_json {
      return source.repeats ? ordered_json{{"answer", source.id}, {"contains", option}}
                            : ordered_json{{"answer", source.id}, {"equals", option}};
    };
    std::optional<ordered_json> equal;
    if (source.fhir_type == "boolean" && when.contains("answerBoolean") && when["answerBoolean"].is_boolean()) {
      equal = is(when["answerBoolean"].get<bool>() ? "yes" : "no");
    } else if (!source.options.empty() && (op == "=" || op == "!=")) {
      if (const ReadOption* option = option_named(source, when)) equal = is(option->id);
    } else if (!source.options.empty() && when.contains("answerInteger") && when["answerInteger"].is_number_integer()) {
      // An order on integer options: the options whose value satisfies it.
      const std::int64_t bound = when["answerInteger"].get<std::int64_t>();
      ordered_json any = ordered_json::array();
      bool all_integer = true;
      for (const ReadOption& option : source.options) {
        if (!option.integer) all_integer = false;
        const std::int64_t v = option.integer.value_or(0);
        const bool holds = op == ">" ? v > bound : op == "<" ? v < bound : op == ">=" ? v >= bound : v <= bound;
        if (option.integer && holds) any.push_back(is(option.id));
      }
      if (all_integer && (op == ">" || op == "<" || op == ">=" || op == "<=")) {
        never = any.empty();
        if (never) return std::nullopt;
        return any.size() == 1 ? any[0] : ordered_json{{"any", any}};
      }
    }
    if (!equal) {
      warn(pointer, fmt::format("{}: enableWhen '{}' {} with this answer cannot be carried over (wegwijzer compares "
                                "option answers for = and !=, and integer options for < > <= >=)",
                                named, link, op));
      return std::nullopt;
    }
    if (op == "=") return equal;
    if (op == "!=") return ordered_json{{"all", {answered, {{"not", *equal}}}}};  // FHIR: an unanswered one is not !=
    warn(pointer, fmt::format("{}: enableWhen operator '{}' on '{}' cannot be carried over", named, op, link));
    return std::nullopt;
  }

  /// The item's enableWhen as a show_if. When any part cannot be carried over the question is always shown (the
  /// safe side: asked too often rather than never), said in a warning.
  std::optional<ordered_json> condition(const json& item, const std::string& pointer, const std::string& named) {
    auto list = item.find("enableWhen");
    if (list == item.end() || !list->is_array() || list->empty()) return std::nullopt;
    ordered_json parts = ordered_json::array();
    for (std::size_t i = 0; i < list->size(); ++i) {
      bool never = false;
      auto part = one_condition((*list)[i], pointer + "/enableWhen/" + std::to_string(i), named, never);
      if (never) {
        warn(pointer, named + ": no answer option meets its enableWhen; the question is always asked");
        return std::nullopt;
      }
      if (!part) {
        warn(pointer, named + ": the question is always asked, since its enableWhen could not be carried over whole");
        return std::nullopt;
      }
      parts.push_back(*part);
    }
    if (parts.size() == 1) return parts[0];
    return ordered_json{{string_of(item, "enableBehavior") == "any" ? "any" : "all", parts}};
  }

  /// The scale "total": the sum of every weighted question, one band over its whole range.
  ordered_json total_scale() const {
    int low = 0;
    int high = 0;
    for (const ordered_json& question : questions_) {
      if (std::find(scale_items_.begin(), scale_items_.end(), question["id"].get<std::string>()) == scale_items_.end())
        continue;
      std::vector<int> values;
      for (const auto& option : question["options"]) values.push_back(option["points"].get<int>());
      if (question["type"] == "multiple") {
        for (int v : values) (v < 0 ? low : high) += v;
      } else {
        low += *std::min_element(values.begin(), values.end());
        high += *std::max_element(values.begin(), values.end());
      }
    }
    ordered_json range;
    for (const std::string& language : languages_) range[language] = fmt::format("{}–{}", low, high);
    return {{"id", "total"},
            {"label", word(kTotal)},
            {"items", scale_items_},
            {"bands", ordered_json::array({{{"id", "total"}, {"label", range}, {"min", low}, {"max", high}}})}};
  }

  const json& root_;
  std::string file_;
  std::string base_;
  std::vector<std::string> languages_;
  std::vector<Diagnostic> diagnostics_;
  ordered_json questions_ = ordered_json::array();
  std::vector<std::string> scale_items_;
  std::set<std::string> question_ids_;
  std::map<std::string, Imported> imported_;  ///< by linkId
  ordered_json pending_lead_;
  std::string pending_lead_pointer_;
  std::map<std::string, int> missing_translations_;
  std::vector<std::string> parents_;  ///< linkIds of the items around the one being read, outermost first
};

}  // namespace

bool looks_like_fhir_questionnaire(std::string_view text) {
  const json root = json::parse(text.begin(), text.end(), nullptr, false);
  return root.is_object() && root.value("resourceType", json()).is_string() && root["resourceType"] == "Questionnaire";
}

FhirImport import_fhir_questionnaire(std::string_view text, const std::string& file_name) {
  FhirImport out;
  auto fail = [&](const std::string& message) {
    out.diagnostics.push_back(pointed_diagnostic(file_name, "", Severity::error, message));
    return out;
  };
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return fail(fmt::format("not valid JSON (at byte {}); expected a FHIR Questionnaire", e.byte));
  }
  if (!root.is_object()) return fail("expected a FHIR Questionnaire: a JSON object with \"resourceType\"");
  const std::string type = root.value("resourceType", json("")).is_string() ? root.value("resourceType", "") : "";
  if (type != "Questionnaire") {
    return fail(type.empty() ? "not a FHIR resource: there is no \"resourceType\"; expected \"Questionnaire\""
                             : fmt::format("a FHIR {}, not a Questionnaire", type.substr(0, 40)));
  }
  return Importer(root, file_name).run();
}

}  // namespace wegwijzer
