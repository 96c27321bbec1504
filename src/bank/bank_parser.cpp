// Turns bank JSON into a typed Bank: every key, type, reference and id is checked here.
#include "bank_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "wegwijzer/support/ascii.hpp"
#include "wegwijzer/bank/program_text_keys.hpp"

namespace wegwijzer::detail {
namespace {

using nlohmann::json;

constexpr int kMaxPoints = 1000;

/// Remembers ids seen in one list and reports repeats.
class IdRegistry {
 public:
  explicit IdRegistry(std::string what) : what_(std::move(what)) {}
  /// Returns false (after reporting) when `id` was seen before.
  bool add(const std::string& id, const std::string& pointer, BankReader& reader) {
    auto [it, inserted] = seen_.emplace(id, pointer);
    if (!inserted) {
      reader.error(pointer, fmt::format("duplicate {} id '{}'; it is also used at {}", what_, id, it->second));
    }
    return inserted;
  }

 private:
  std::string what_;
  std::map<std::string, std::string> seen_;
};


/// A BCP 47 tag as banks use them: a language of 2 or 3 letters, then subtags of 1 to 8 letters or digits, each
/// after a '-' ("nl", "en", "pt-BR", "zh-Hant"), at most 35 characters.
bool is_language_tag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view part = tag.substr(start, end - start);
    if (first ? (part.size() < 2 || part.size() > 3 || !std::all_of(part.begin(), part.end(), alpha))
              : (part.empty() || part.size() > 8 || !std::all_of(part.begin(), part.end(), alnum))) {
      return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

class BankParser {
 public:
  BankParser(BankReader& reader, const BankLimits& limits) : reader_(reader), limits_(limits) {}

  std::optional<ParsedBank> parse(const json& root) {
    if (!reader_.object(root, "",
                        {"format", "id", "version", "languages", "title", "introduction", "disclaimer", "questions"},
                        {"outcomes", "red_flag_outcome", "texts", "close_margin", "scales", "rules", "resources",
                         "crisis_lines", "fhir"},
                        "a bank")) {
      return std::nullopt;
    }
    if (const json* format = member(root, "format")) {
      if (!format->is_number_integer() || format->get<std::int64_t>() != 1) {
        reader_.error("/format", fmt::format("found {}, expected 1 (the only bank format this version of wegwijzer "
                                             "reads)",
                                             describe(*format)));
        return std::nullopt;
      }
    }
    if (!languages(root)) return std::nullopt;
    Bank& bank = parsed_.bank;
    bank.languages = reader_.languages;
    if (const json* id = member(root, "id")) bank.id = reader_.id(*id, "/id").value_or("");
    if (const json* version = member(root, "version")) {
      auto text = reader_.string(*version, "/version", "a version such as \"1.0.0\"");
      if (text && text->empty()) reader_.error("/version", "the version is empty");
      bank.version = text.value_or("");
    }
    if (const json* text = member(root, "title")) bank.title = reader_.text(*text, "/title");
    if (const json* text = member(root, "introduction")) bank.introduction = reader_.text(*text, "/introduction");
    if (const json* text = member(root, "disclaimer")) bank.disclaimer = reader_.text(*text, "/disclaimer");
    if (const json* margin = member(root, "close_margin")) {
      auto value = reader_.number(*margin, "/close_margin", "a number of points (0 or more)");
      if (value && *value < 0) {
        reader_.error("/close_margin",
                      fmt::format("found {}, expected a number of points (0 or more)", describe(*margin)));
      }
      bank.close_margin = value.value_or(1.0);
    }
    if (const json* value = member(root, "fhir")) bank.fhir = fhir_questionnaire(*value);
    if (const json* list = member(root, "outcomes")) outcomes(*list);
    red_flag_outcome(member(root, "red_flag_outcome"));
    if (const json* table = member(root, "texts")) texts(*table);
    if (const json* list = member(root, "resources")) resources(*list);
    if (const json* list = member(root, "crisis_lines")) {
      bank.crisis_lines = resource_list(*list, "/crisis_lines",
                                        "the resources shown in the intro, the footer and on "
                                        "interruption");
    }
    const json* question_list = member(root, "questions");
    if (question_list) questions(*question_list);
    if (const json* list = member(root, "scales")) scales(*list);
    const BankIndex index(parsed_.bank);  // what conditions refer to: every question and scale
    if (question_list) show_ifs(*question_list, index);
    if (const json* list = member(root, "outcomes")) outcome_variants(*list, index);
    if (const json* list = member(root, "rules")) rules(*list, index);
    if (reader_.errors() > 0) return std::nullopt;
    return std::move(parsed_);
  }

 private:
  bool languages(const json& root) {
    const json* list_value = member(root, "languages");
    if (!list_value) return false;
    const json* list = reader_.array(*list_value, "/languages", 1, "a list of language codes such as [\"nl\", \"en\"]");
    if (!list) return false;
    if (list->size() > limits_.max_languages) {
      // Every text is checked against every language: thousands of them would make loading quadratic.
      reader_.error("/languages",
                    fmt::format("the bank lists {} languages; the limit is {}", list->size(), limits_.max_languages));
      return false;
    }
    bool ok = true;
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string pointer = pointer_append("/languages", i);
      auto code = reader_.string((*list)[i], pointer, "a language code such as \"nl\"");
      if (!code) {
        ok = false;
        continue;
      }
      if (!is_language_tag(*code)) {
        reader_.error(pointer, fmt::format("found {}, expected a BCP 47 language tag such as \"nl\", \"en\", \"de\" "
                                           "or \"pt-BR\"",
                                           describe((*list)[i])));
        ok = false;
      } else if (!seen.insert(ascii_lower(*code)).second) {
        reader_.error(pointer, fmt::format("the language '{}' is listed twice (tags do not differ by case)", *code));
        ok = false;
      } else {
        reader_.languages.push_back(*code);
      }
    }
    return ok;
  }

  /// The "resources" list: phone lines and services that red flags and the crisis lines refer to.
  void resources(const json& value) {
    const json* list = reader_.array(value, "/resources", 0, "a list of resources (phone lines, services)");
    if (!list) return;
    IdRegistry ids("resource");
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string pointer = pointer_append("/resources", i);
      const json& item = (*list)[i];
      Resource resource;
      if (reader_.object(item, pointer, {"id", "name", "when"}, {"phone", "url", "hours", "free", "audience"},
                         "a resource")) {
        if (const json* id = member(item, "id")) {
          auto text = reader_.id(*id, pointer + "/id");
          if (text && ids.add(*text, pointer + "/id", reader_)) resource.id = *text;
        }
        if (const json* text = member(item, "name")) resource.name = reader_.text(*text, pointer + "/name");
        if (const json* text = member(item, "when")) resource.when = reader_.text(*text, pointer + "/when");
        if (const json* text = member(item, "hours")) resource.hours = reader_.text(*text, pointer + "/hours");
        if (const json* text = member(item, "audience")) resource.audience = reader_.text(*text, pointer + "/audience");
        if (const json* url = member(item, "url")) {
          resource.url = reader_.string(*url, pointer + "/url", "a web address such as \"113.nl\"").value_or("");
        }
        if (const json* free = member(item, "free")) resource.free = reader_.boolean(*free, pointer + "/free");
        if (const json* phones = member(item, "phone")) phone_list(*phones, pointer + "/phone", resource);
      }
      if (!resource.id.empty()) resource_ids_.emplace(resource.id, parsed_.bank.resources.size());
      parsed_.bank.resources.push_back(std::move(resource));
    }
  }

  /// A resource's phone numbers: digits, spaces, '-' and '+' only, so that nothing but a number is shown.
  void phone_list(const json& value, const std::string& pointer, Resource& resource) {
    const json* list = reader_.array(value, pointer, 1, "a list of phone numbers such as [\"113\", \"0800-0113\"]");
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_pointer = pointer_append(pointer, i);
      auto number = reader_.string((*list)[i], item_pointer, "a phone number such as \"0800-0113\"");
      if (!number) continue;
      bool valid = !number->empty() && number->size() <= 20 && std::all_of(number->begin(), number->end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '+';
      });
      if (!valid) {
        reader_.error(item_pointer, fmt::format("found {}, expected a phone number of digits, spaces, '-' and '+' "
                                                "(at most 20 characters)",
                                                describe((*list)[i])));
        continue;
      }
      resource.phone.push_back(*number);
    }
  }

  /// A list of resource ids, as indices; unknown ids are errors.
  std::vector<std::size_t> resource_list(const json& value, const std::string& pointer, std::string_view what) {
    std::vector<std::size_t> indices;
    const json* list = reader_.array(value, pointer, 1, fmt::format("a list of resource ids: {}", what));
    if (!list) return indices;
    std::vector<bool> listed(parsed_.bank.resources.size(), false);
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_pointer = pointer_append(pointer, i);
      auto id = reader_.id((*list)[i], item_pointer);
      if (!id) continue;
      auto found = resource_ids_.find(*id);
      if (found == resource_ids_.end()) {
        reader_.error(item_pointer, fmt::format("unknown resource '{}'; define it in \"resources\" first", *id));
      } else if (listed[found->second]) {
        reader_.error(item_pointer, fmt::format("the resource '{}' is listed twice", *id));
      } else {
        listed[found->second] = true;
        indices.push_back(found->second);
      }
    }
    return indices;
  }

  void outcomes(const json& value) {
    const json* list = reader_.array(value, "/outcomes", 0, "the list of outcomes, lightest step first");
    if (!list) return;
    if (list->size() > limits_.max_outcomes) {
      reader_.error("/outcomes",
                    fmt::format("the bank lists {} outcomes; the limit is {}", list->size(), limits_.max_outcomes));
      return;
    }
    IdRegistry ids("outcome");
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string pointer = pointer_append("/outcomes", i);
      const json& item = (*list)[i];
      if (!reader_.object(item, pointer, {"id", "name", "what_it_is", "what_to_expect", "where_to_find"}, {"variants"},
                          "an outcome")) {
        continue;
      }
      Outcome outcome;
      if (const json* id = member(item, "id")) {
        std::string id_pointer = pointer + "/id";
        auto text = reader_.id(*id, id_pointer);
        if (text && ids.add(*text, id_pointer, reader_)) outcome.id = *text;
      }
      if (const json* text = member(item, "name")) outcome.name = reader_.text(*text, pointer + "/name");
      if (const json* text = member(item, "what_it_is"))
        outcome.what_it_is = reader_.text(*text, pointer + "/what_it_is");
      if (const json* text = member(item, "what_to_expect")) {
        outcome.what_to_expect = reader_.text(*text, pointer + "/what_to_expect");
      }
      if (const json* text = member(item, "where_to_find")) {
        outcome.where_to_find = reader_.text(*text, pointer + "/where_to_find");
      }
      if (!outcome.id.empty()) parsed_.bank.outcomes.push_back(std::move(outcome));
    }
  }

  /// "red_flag_outcome": one outcome id for both tiers, or {"clinical": id, "crisis": id}; default the last outcome.
  void red_flag_outcome(const json* value) {
    Bank& bank = parsed_.bank;
    if (value == nullptr) return;  // the last outcome for both tiers
    if (bank.outcomes.empty()) {
      reader_.error("/red_flag_outcome", "the bank has no outcomes, so there is no outcome for red flags to force");
      return;
    }
    const auto one = [&](const json& id_value, const std::string& pointer) -> std::optional<std::size_t> {
      auto id = reader_.id(id_value, pointer);
      if (!id) return std::nullopt;
      auto outcome = bank.find_outcome(*id);
      if (!outcome) reader_.error(pointer, fmt::format("unknown outcome '{}'", *id));
      return outcome;
    };
    if (value->is_string()) {
      if (auto outcome = one(*value, "/red_flag_outcome")) bank.red_flag_outcomes = {*outcome, *outcome};
      return;
    }
    if (!value->is_object()) {
      reader_.error("/red_flag_outcome", fmt::format("found {}, expected an outcome id, or an object like "
                                                     "{{\"clinical\": \"refer\", \"crisis\": \"act-now\"}}",
                                                     describe(*value)));
      return;
    }
    if (!reader_.object(*value, "/red_flag_outcome", {}, {"clinical", "crisis"}, "the outcome per red-flag tier")) {
      return;
    }
    if (value->empty()) {
      reader_.error("/red_flag_outcome", "the object is empty; name \"clinical\", \"crisis\" or both");
      return;
    }
    bool known = true;
    for (const char* tier : {"clinical", "crisis"}) {
      const json* id = member(*value, tier);
      if (id == nullptr) continue;
      auto outcome = one(*id, std::string("/red_flag_outcome/") + tier);
      if (outcome) bank.red_flag_outcomes[std::string_view(tier) == "crisis" ? 1 : 0] = *outcome;
      known = known && outcome.has_value();
    }
    const std::size_t clinical = bank.red_flag_outcome(Tier::clinical);
    const std::size_t crisis = bank.red_flag_outcome(Tier::crisis);
    if (known && crisis < clinical) {
      reader_.error("/red_flag_outcome/crisis",
                    fmt::format("the crisis tier's outcome '{}' is lighter than the clinical tier's '{}'{}; a crisis "
                                "flag must lead at least as far",
                                bank.outcomes[crisis].id, bank.outcomes[clinical].id,
                                member(*value, "clinical") == nullptr ? " (the default: the last outcome)" : ""));
    }
  }

  /// "texts": the bank's versions of the program's own sentences, by key.
  void texts(const json& value) {
    if (!value.is_object()) {
      reader_.error("/texts", fmt::format("found {}, expected an object of texts by key, like "
                                          "{{\"summary.advice_heading\": {{\"nl\": \"...\"}}}}",
                                          describe(value)));
      return;
    }
    for (const auto& item : value.items()) {
      const std::string pointer = pointer_append("/texts", item.key());
      if (!is_program_text_key(item.key())) {
        reader_.error(pointer, fmt::format("unknown text key '{}'; the keys are listed in docs/bank-format.md "
                                           "(\"summary.…\" and \"session.…\")",
                                           shorten(item.key(), 60)));
        continue;
      }
      LocalText text = reader_.text(item.value(), pointer);
      bool clean = true;
      for (const auto& [language, version] : text.all()) {
        // The program prints its own texts as they are (bank texts elsewhere are cleaned on output): no control
        // characters, so a bank cannot move the cursor or clear the screen over the crisis box.
        const bool control = std::any_of(version.begin(), version.end(), [](char c) {
          const auto byte = static_cast<unsigned char>(c);
          return byte < 0x20 || byte == 0x7F;
        });
        if (control) {
          reader_.error(pointer_append(pointer, language),
                        "the text holds a control character (such as a line break or an escape); the program's "
                        "texts are one line of plain text");
          clean = false;
        }
      }
      if (clean) parsed_.bank.texts.emplace(item.key(), std::move(text));
    }
  }

  /// {outcome: number} → per-outcome vector.
  std::vector<double> weights(const json& value, const std::string& pointer) {
    std::vector<double> result(parsed_.bank.outcomes.size(), 0.0);
    if (!value.is_object()) {
      reader_.error(pointer,
                    fmt::format("found {}, expected weights per outcome, like {{\"coaching\": 2}}", describe(value)));
      return result;
    }
    for (const auto& item : value.items()) {
      std::string item_pointer = pointer_append(pointer, item.key());
      auto outcome = parsed_.bank.find_outcome(item.key());
      auto number = reader_.number(item.value(), item_pointer, "a weight (a number)");
      if (!outcome) {
        reader_.error(item_pointer, fmt::format("unknown outcome '{}' in weights", shorten(item.key(), 60)));
        continue;
      }
      if (number) result[*outcome] = *number;
    }
    return result;
  }

  /// A list of outcome ids → indices.
  std::vector<std::size_t> outcome_list(const json& value, const std::string& pointer) {
    std::vector<std::size_t> result;
    const json* list = reader_.array(value, pointer, 1, "a list of outcome ids");
    if (!list) return result;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_pointer = pointer_append(pointer, i);
      auto id = reader_.id((*list)[i], item_pointer);
      if (!id) continue;
      auto outcome = parsed_.bank.find_outcome(*id);
      if (!outcome) {
        reader_.error(item_pointer, fmt::format("unknown outcome '{}'", *id));
      } else if (std::find(result.begin(), result.end(), *outcome) != result.end()) {
        reader_.error(item_pointer, fmt::format("the outcome '{}' is listed twice", *id));
      } else {
        result.push_back(*outcome);
      }
    }
    return result;
  }

  void questions(const json& value) {
    const json* list = reader_.array(value, "/questions", 1, "the list of questions");
    if (!list) return;
    if (list->size() > limits_.max_questions) {
      reader_.error("/questions",
                    fmt::format("the bank has {} questions; the limit is {}", list->size(), limits_.max_questions));
      return;
    }
    IdRegistry ids("question");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Question question;
      std::vector<bool> neutral;
      std::string pointer = pointer_append("/questions", i);
      question_body((*list)[i], pointer, ids, question, neutral);
      parsed_.bank.questions.push_back(std::move(question));
      parsed_.extras.neutral.push_back(std::move(neutral));
    }
    // A QuestionnaireResponse names questions by linkId (a question without one: by its id): two questions under
    // one name could not be told apart.
    std::map<std::string, std::size_t> link_ids;
    for (std::size_t i = 0; i < parsed_.bank.questions.size(); ++i) {
      const Question& question = parsed_.bank.questions[i];
      const std::string& name = question.fhir ? question.fhir->link_id : question.id;
      if (name.empty()) continue;
      auto [at, added] = link_ids.emplace(name, i);
      if (!added) {
        reader_.error(pointer_append("/questions", i) + (question.fhir ? "/fhir/linkId" : "/id"),
                      fmt::format("a QuestionnaireResponse would name it '{}', as question {} (/questions/{}); each "
                                  "question needs a linkId of its own",
                                  name, at->second + 1, at->second));
      }
    }
  }

  void question_body(const json& item, const std::string& pointer, IdRegistry& ids, Question& question,
                     std::vector<bool>& neutral) {
    if (!reader_.object(item, pointer, {"id", "type", "text"},
                        {"help", "required", "options", "show_if", "lead", "topic", "fhir"}, "a question")) {
      return;
    }
    if (const json* id = member(item, "id")) {
      auto text = reader_.id(*id, pointer + "/id");
      if (text && ids.add(*text, pointer + "/id", reader_)) question.id = *text;
    }
    if (const json* text = member(item, "text")) question.text = reader_.text(*text, pointer + "/text");
    if (const json* text = member(item, "help")) question.help = reader_.text(*text, pointer + "/help");
    if (const json* text = member(item, "lead")) question.lead = reader_.text(*text, pointer + "/lead");
    if (const json* text = member(item, "topic")) question.topic = reader_.text(*text, pointer + "/topic");
    if (const json* value = member(item, "fhir")) question.fhir = fhir_item(*value, pointer + "/fhir");
    if (const json* required = member(item, "required")) {
      question.required = reader_.boolean(*required, pointer + "/required").value_or(true);
    }
    const json* type = member(item, "type");
    if (!type) return;
    static const std::map<std::string, QuestionType> kTypes{{"single", QuestionType::single},
                                                            {"multiple", QuestionType::multiple},
                                                            {"yes_no", QuestionType::yes_no},
                                                            {"scale", QuestionType::scale},
                                                            {"text", QuestionType::text}};
    auto found = type->is_string() ? kTypes.find(type->get<std::string>()) : kTypes.end();
    if (found == kTypes.end()) {
      reader_.error(pointer + "/type", fmt::format("found {}, expected a question type: \"single\", \"multiple\", "
                                                   "\"yes_no\", \"scale\" or \"text\"",
                                                   describe(*type)));
      return;
    }
    question.type = found->second;
    const json* options = member(item, "options");
    if (question.type == QuestionType::text) {
      if (options) reader_.error(pointer + "/options", "a free-text question has no options; remove \"options\"");
      return;
    }
    if (!options) {
      reader_.error(pointer, fmt::format("a {} question needs \"options\"", to_string(question.type)));
      return;
    }
    std::string options_pointer = pointer + "/options";
    const json* list = reader_.array(*options, options_pointer, 2, "a list of answer options");
    if (!list) return;
    if (list->size() > limits_.max_options) {
      reader_.error(options_pointer,
                    fmt::format("the question has {} options; the limit is {}", list->size(), limits_.max_options));
      return;
    }
    IdRegistry option_ids("option");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Option option;
      bool is_neutral = false;
      option_body((*list)[i], pointer_append(options_pointer, i), option_ids, question, option, is_neutral);
      question.options.push_back(std::move(option));
      neutral.push_back(is_neutral);
    }
    check_options(question, pointer);
    check_fhir_answers(question, options_pointer);
  }

  /// Two options written as the same FHIR answer could not be told apart in a QuestionnaireResponse.
  void check_fhir_answers(const Question& question, const std::string& options_pointer) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const FhirAnswer& fhir = question.options[i].fhir;
      std::string key;
      switch (fhir.kind) {
        case FhirAnswer::Kind::none: continue;
        case FhirAnswer::Kind::coding: key = "coding " + fhir.system + "|" + fhir.code; break;
        case FhirAnswer::Kind::boolean: key = fhir.boolean ? "boolean true" : "boolean false"; break;
        case FhirAnswer::Kind::string: key = "string " + fhir.string; break;
        case FhirAnswer::Kind::integer: key = "integer " + std::to_string(fhir.integer); break;
      }
      auto [at, added] = seen.emplace(key, i);
      if (!added) {
        reader_.error(pointer_append(options_pointer, i) + "/fhir",
                      fmt::format("the same FHIR answer as option {} of the question; each option needs its own",
                                  at->second + 1));
      }
    }
  }

  void option_body(const json& item, const std::string& pointer, IdRegistry& ids, const Question& question,
                   Option& option, bool& is_neutral) {
    option.weights.assign(parsed_.bank.outcomes.size(), 0.0);
    if (!reader_.object(item, pointer, {"id", "label"},
                        {"weights", "points", "unknown", "neutral", "exclusive", "fhir"}, "an option")) {
      return;
    }
    if (const json* id = member(item, "id")) {
      auto text = reader_.id(*id, pointer + "/id");
      if (text && ids.add(*text, pointer + "/id", reader_)) option.id = *text;
    }
    if (const json* text = member(item, "label")) option.label = reader_.text(*text, pointer + "/label");
    if (const json* value = member(item, "weights")) option.weights = weights(*value, pointer + "/weights");
    if (const json* value = member(item, "points")) {
      option.points = reader_.integer(*value, pointer + "/points", -kMaxPoints, kMaxPoints, "points");
    } else if (question.type == QuestionType::scale) {
      reader_.error(pointer, "every option of a scale question needs \"points\" (a whole number)");
    }
    if (const json* value = member(item, "unknown"))
      option.unknown = reader_.boolean(*value, pointer + "/unknown").value_or(false);
    if (const json* value = member(item, "exclusive"))
      option.exclusive = reader_.boolean(*value, pointer + "/exclusive").value_or(false);
    if (const json* value = member(item, "neutral"))
      is_neutral = reader_.boolean(*value, pointer + "/neutral").value_or(false);
    if (const json* value = member(item, "fhir")) option.fhir = fhir_answer(*value, pointer + "/fhir");
  }

  /// A FHIR string that must not be empty (a url, linkId, code).
  std::string fhir_string(const json& object, std::string_view key, const std::string& pointer, std::string_view what) {
    const json* value = member(object, key);
    if (!value) return {};
    auto text = reader_.string(*value, pointer + "/" + std::string(key), what);
    if (text && text->empty()) reader_.error(pointer + "/" + std::string(key), fmt::format("{} is empty", what));
    return text.value_or("");
  }

  /// The bank's "fhir": {"url", "version"}.
  std::optional<FhirQuestionnaire> fhir_questionnaire(const json& value) {
    if (!reader_.object(value, "/fhir", {"url"}, {"version"}, "the Questionnaire this bank was imported from")) {
      return std::nullopt;
    }
    FhirQuestionnaire questionnaire;
    questionnaire.url = fhir_string(value, "url", "/fhir", "the Questionnaire's canonical url");
    questionnaire.version = fhir_string(value, "version", "/fhir", "the Questionnaire's version");
    if (questionnaire.url.find_first_of(" |\t\n") != std::string::npos)
      reader_.error("/fhir/url", "a canonical url has no spaces and no '|' (the version goes in \"version\")");
    return questionnaire;
  }

  /// A question's "fhir": {"linkId", "type", "parents"}.
  std::optional<FhirItem> fhir_item(const json& value, const std::string& pointer) {
    if (!reader_.object(value, pointer, {"linkId"}, {"type", "parents"}, "the Questionnaire item of the question")) {
      return std::nullopt;
    }
    FhirItem item;
    item.link_id = fhir_string(value, "linkId", pointer, "the item's linkId");
    item.type = fhir_string(value, "type", pointer, "the item's FHIR type");
    if (const json* list = member(value, "parents")) {
      if (const json* parents = reader_.array(*list, pointer + "/parents", 0, "the linkIds of the enclosing items")) {
        for (std::size_t i = 0; i < parents->size(); ++i) {
          const std::string here = pointer_append(pointer + "/parents", i);
          auto text = reader_.string((*parents)[i], here, "a linkId");
          if (text && text->empty()) reader_.error(here, "the linkId is empty");
          if (text) item.parents.push_back(*text);
        }
      }
    }
    return item;
  }

  /// An option's "fhir": one of valueCoding {system, code, display}, valueBoolean, valueString, valueInteger.
  FhirAnswer fhir_answer(const json& value, const std::string& pointer) {
    FhirAnswer answer;
    const std::string_view what =
        "the option as a FHIR answer: one of \"valueCoding\", \"valueBoolean\", \"valueString\", \"valueInteger\"";
    if (!reader_.object(value, pointer, {}, {"valueCoding", "valueBoolean", "valueString", "valueInteger"}, what))
      return answer;
    if (value.size() != 1) {
      reader_.error(pointer, fmt::format("found {} members, expected {}", value.size(), what));
      return answer;
    }
    if (const json* coding = member(value, "valueCoding")) {
      const std::string here = pointer + "/valueCoding";
      if (reader_.object(*coding, here, {"code"}, {"system", "display"}, "a FHIR Coding")) {
        answer.kind = FhirAnswer::Kind::coding;
        answer.system = fhir_string(*coding, "system", here, "the coding's system");
        answer.code = fhir_string(*coding, "code", here, "the coding's code");
        if (const json* display = member(*coding, "display"))
          answer.display = reader_.string(*display, here + "/display", "the coding's display").value_or("");
      }
    } else if (const json* flag = member(value, "valueBoolean")) {
      answer.kind = FhirAnswer::Kind::boolean;
      answer.boolean = reader_.boolean(*flag, pointer + "/valueBoolean").value_or(false);
    } else if (const json* text = member(value, "valueString")) {
      answer.kind = FhirAnswer::Kind::string;
      answer.string = reader_.string(*text, pointer + "/valueString", "a string").value_or("");
      if (answer.string.empty())
        reader_.error(pointer + "/valueString", "the string is empty (FHIR has no empty strings)");
    } else if (const json* number = member(value, "valueInteger")) {
      answer.kind = FhirAnswer::Kind::integer;
      if (!number->is_number_integer()) {
        reader_.error(pointer + "/valueInteger", fmt::format("found {}, expected a whole number", describe(*number)));
      } else {
        answer.integer = number->get<std::int64_t>();
      }
    }
    return answer;
  }

  void check_options(const Question& question, const std::string& pointer) {
    std::string options_pointer = pointer + "/options";
    std::size_t unknown_count = 0;
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      if (!question.options[i].unknown) continue;
      if (++unknown_count > 1) {
        reader_.error(pointer_append(options_pointer, i) + "/unknown",
                      "only one option of a question can be marked \"unknown\": true");
      }
    }
    if (question.type != QuestionType::yes_no) return;
    for (std::string_view id : {"yes", "no"}) {
      auto index = question.find_option(id);
      if (!index) {
        reader_.error(options_pointer, fmt::format("a yes_no question needs an option with the id \"{}\"", id));
      } else if (question.options[*index].unknown) {
        reader_.error(pointer_append(options_pointer, *index) + "/unknown",
                      fmt::format("the \"{}\" option of a yes_no question cannot be marked \"unknown\"", id));
      }
    }
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& option = question.options[i];
      if (option.id != "yes" && option.id != "no" && !option.unknown && !option.id.empty()) {
        reader_.error(pointer_append(options_pointer, i),
                      fmt::format("a yes_no question has the options \"yes\" and \"no\" and at most one option marked "
                                  "\"unknown\": true; found the option '{}'",
                                  option.id));
      }
    }
  }

  void scales(const json& value) {
    const json* list = reader_.array(value, "/scales", 0, "the list of scales");
    if (!list) return;
    if (list->size() > limits_.max_scales) {
      reader_.error("/scales",
                    fmt::format("the bank has {} scales; the limit is {}", list->size(), limits_.max_scales));
      return;
    }
    IdRegistry ids("scale");
    BankIndex questions(parsed_.bank);  // the questions are parsed; scale items refer to them
    for (std::size_t i = 0; i < list->size(); ++i) {
      Scale scale;
      std::string pointer = pointer_append("/scales", i);
      scale_body((*list)[i], pointer, ids, questions, scale);
      parsed_.bank.scales.push_back(std::move(scale));
    }
  }

  void scale_body(const json& item, const std::string& pointer, IdRegistry& ids, const BankIndex& questions,
                  Scale& scale) {
    if (!reader_.object(item, pointer, {"id", "label", "items", "bands"}, {}, "a scale")) return;
    if (const json* id = member(item, "id")) {
      auto text = reader_.id(*id, pointer + "/id");
      if (text && ids.add(*text, pointer + "/id", reader_)) scale.id = *text;
    }
    if (const json* text = member(item, "label")) scale.label = reader_.text(*text, pointer + "/label");
    bool items_ok = false;
    if (const json* items = member(item, "items")) {
      items_ok = scale_items(*items, pointer + "/items", questions, scale);
    }
    if (const json* bands = member(item, "bands")) scale_bands(*bands, pointer + "/bands", scale, items_ok);
  }

  bool scale_items(const json& value, const std::string& pointer, const BankIndex& questions, Scale& scale) {
    const json* list = reader_.array(value, pointer, 1, "a list of question ids");
    if (!list) return false;
    bool ok = true;
    std::vector<bool> listed(parsed_.bank.questions.size(), false);
    long long low = 0;
    long long high = 0;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_pointer = pointer_append(pointer, i);
      auto id = reader_.id((*list)[i], item_pointer);
      if (!id) {
        ok = false;
        continue;
      }
      auto index = questions.question(*id);
      if (!index) {
        reader_.error(item_pointer, fmt::format("unknown question '{}'", *id));
        ok = false;
        continue;
      }
      if (listed[*index]) {
        reader_.error(item_pointer, fmt::format("the question '{}' is listed twice", *id));
        ok = false;
        continue;
      }
      const Question& question = parsed_.bank.questions[*index];
      bool all_points =
          !question.options.empty() && std::all_of(question.options.begin(), question.options.end(),
                                                   [](const Option& option) { return option.points.has_value(); });
      if (question.type == QuestionType::text || !all_points) {
        reader_.error(item_pointer, fmt::format("question '{}' cannot be a scale item: every option of an item needs "
                                                "\"points\"",
                                                *id));
        ok = false;
        continue;
      }
      listed[*index] = true;
      scale.items.push_back(*index);
      if (question.type == QuestionType::multiple) {
        for (const Option& option : question.options) {
          if (*option.points < 0) low += *option.points;
          if (*option.points > 0) high += *option.points;
        }
      } else {
        auto [min_it, max_it] =
            std::minmax_element(question.options.begin(), question.options.end(),
                                [](const Option& a, const Option& b) { return *a.points < *b.points; });
        low += *min_it->points;
        high += *max_it->points;
      }
    }
    scale.min_value = static_cast<int>(low);
    scale.max_value = static_cast<int>(high);
    return ok;
  }

  void scale_bands(const json& value, const std::string& pointer, Scale& scale, bool items_ok) {
    const json* list = reader_.array(value, pointer, 1, "a list of bands");
    if (!list) return;
    IdRegistry ids("band");
    bool ok = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string band_pointer = pointer_append(pointer, i);
      const json& item = (*list)[i];
      Band band;
      if (!reader_.object(item, band_pointer, {"id", "label", "min", "max"}, {}, "a band")) {
        ok = false;
        continue;
      }
      if (const json* id = member(item, "id")) {
        auto text = reader_.id(*id, band_pointer + "/id");
        if (text && ids.add(*text, band_pointer + "/id", reader_)) band.id = *text;
      }
      if (const json* text = member(item, "label")) band.label = reader_.text(*text, band_pointer + "/label");
      const int limit = 1000 * kMaxPoints;
      std::optional<int> min, max;
      if (const json* number = member(item, "min"))
        min = reader_.integer(*number, band_pointer + "/min", -limit, limit, "the lowest value of the band");
      if (const json* number = member(item, "max"))
        max = reader_.integer(*number, band_pointer + "/max", -limit, limit, "the highest value of the band");
      if (!min || !max) {
        ok = false;
        continue;
      }
      band.min = *min;
      band.max = *max;
      if (band.min > band.max) {
        reader_.error(band_pointer, fmt::format("the band '{}' runs from {} to {}; \"min\" must not be above \"max\"",
                                                band.id, band.min, band.max));
        ok = false;
      }
      scale.bands.push_back(std::move(band));
    }
    if (!ok || !items_ok) return;
    // Contiguous and ascending, covering exactly min_value..max_value.
    for (std::size_t i = 0; i < scale.bands.size(); ++i) {
      const Band& band = scale.bands[i];
      std::string band_pointer = pointer_append(pointer, i);
      int expected = i == 0 ? scale.min_value : scale.bands[i - 1].max + 1;
      if (band.min != expected) {
        std::string why = i == 0 ? fmt::format("the lowest reachable value of scale '{}'", scale.id)
                                 : fmt::format("right after the band '{}', which ends at {}", scale.bands[i - 1].id,
                                               scale.bands[i - 1].max);
        std::string problem = i == 0 ? "" : band.min <= expected - 1 ? " (the bands overlap)" : " (there is a gap)";
        reader_.error(band_pointer + "/min", fmt::format("the band '{}' starts at {}, expected {}: {}{}", band.id,
                                                         band.min, expected, why, problem));
        return;
      }
    }
    const Band& last = scale.bands.back();
    if (last.max != scale.max_value) {
      reader_.error(pointer_append(pointer, scale.bands.size() - 1) + "/max",
                    fmt::format("the last band '{}' ends at {}, expected {}: the highest reachable value of scale '{}'",
                                last.id, last.max, scale.max_value, scale.id));
    }
  }

  void show_ifs(const json& value, const BankIndex& index) {
    if (!value.is_array() || value.size() != parsed_.bank.questions.size()) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const json* condition = member(value[i], "show_if");
      if (!condition) continue;
      ConditionScope scope{i};
      parsed_.bank.questions[i].show_if =
          parse_condition(*condition, pointer_append("/questions", i) + "/show_if", index, scope, reader_);
    }
  }

  /// The variants of every outcome (after the questions and scales their conditions name).
  void outcome_variants(const json& value, const BankIndex& index) {
    if (!value.is_array()) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const json* list = member(value[i], "variants");
      Outcome* outcome = nullptr;
      if (const json* id = member(value[i], "id"); id && id->is_string()) {
        for (Outcome& candidate : parsed_.bank.outcomes) {
          if (candidate.id == id->get<std::string>()) outcome = &candidate;
        }
      }
      if (!list || !outcome) continue;
      const std::string pointer = pointer_append("/outcomes", i) + "/variants";
      if (!reader_.array(*list, pointer, 1, "a list of text variants, each with a condition")) continue;
      for (std::size_t v = 0; v < list->size(); ++v) {
        const std::string item_pointer = pointer_append(pointer, v);
        const json& item = (*list)[v];
        if (!reader_.object(item, item_pointer, {"when"}, {"what_it_is", "what_to_expect", "where_to_find"},
                            "a text variant: a condition and the texts it replaces")) {
          continue;
        }
        OutcomeVariant variant;
        auto condition =
            parse_condition(*member(item, "when"), item_pointer + "/when", index, ConditionScope{}, reader_);
        if (condition) variant.when = std::move(*condition);
        if (const json* text = member(item, "what_it_is")) {
          variant.what_it_is = reader_.text(*text, item_pointer + "/what_it_is");
        }
        if (const json* text = member(item, "what_to_expect")) {
          variant.what_to_expect = reader_.text(*text, item_pointer + "/what_to_expect");
        }
        if (const json* text = member(item, "where_to_find")) {
          variant.where_to_find = reader_.text(*text, item_pointer + "/where_to_find");
        }
        if (variant.what_it_is.empty() && variant.what_to_expect.empty() && variant.where_to_find.empty()) {
          reader_.error(item_pointer, "a variant replaces no text: give what_it_is, what_to_expect or where_to_find");
        }
        outcome->variants.push_back(std::move(variant));
      }
    }
  }

  void rules(const json& value, const BankIndex& index) {
    const json* list = reader_.array(value, "/rules", 0, "the list of rules");
    if (!list) return;
    if (list->size() > limits_.max_rules) {
      reader_.error("/rules", fmt::format("the bank has {} rules; the limit is {}", list->size(), limits_.max_rules));
      return;
    }
    IdRegistry ids("rule");
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string pointer = pointer_append("/rules", i);
      const json& item = (*list)[i];
      Rule rule;
      if (reader_.object(item, pointer, {"id", "when", "effects"}, {}, "a rule")) {
        if (const json* id = member(item, "id")) {
          auto text = reader_.id(*id, pointer + "/id");
          if (text && ids.add(*text, pointer + "/id", reader_)) rule.id = *text;
        }
        if (const json* when = member(item, "when")) {
          auto condition = parse_condition(*when, pointer + "/when", index, ConditionScope{}, reader_);
          if (condition) rule.when = std::move(*condition);
        }
        if (const json* effects = member(item, "effects")) rule.effects = effects_body(*effects, pointer + "/effects");
      }
      parsed_.bank.rules.push_back(std::move(rule));
    }
  }

  Effects effects_body(const json& value, const std::string& pointer) {
    Effects effects;
    if (!reader_.object(value, pointer, {},
                        {"red_flag", "urgency", "require", "exclude", "weights", "note", "first_step", "resources"},
                        "the effects of a rule")) {
      return effects;
    }
    if (value.empty()) {
      reader_.error(pointer,
                    "a rule needs at least one effect: \"red_flag\", \"urgency\", \"require\", \"exclude\", "
                    "\"weights\" or \"note\"");
    }
    if (const json* flag = member(value, "red_flag")) {
      std::string flag_pointer = pointer + "/red_flag";
      if (reader_.object(*flag, flag_pointer, {"tier", "message"}, {"first_step", "resources"}, "a red flag")) {
        Effects::RedFlag red_flag;
        if (const json* tier = member(*flag, "tier")) {
          if (*tier == "crisis") {
            red_flag.tier = Tier::crisis;
          } else if (*tier == "clinical") {
            red_flag.tier = Tier::clinical;
          } else {
            reader_.error(flag_pointer + "/tier",
                          fmt::format("found {}, expected the tier \"crisis\" or \"clinical\"", describe(*tier)));
          }
        }
        if (const json* message = member(*flag, "message"))
          red_flag.message = reader_.text(*message, flag_pointer + "/message");
        if (const json* step = member(*flag, "first_step"))
          red_flag.first_step = reader_.text(*step, flag_pointer + "/first_step");
        if (const json* list = member(*flag, "resources")) {
          red_flag.resources = resource_list(*list, flag_pointer + "/resources", "where to turn, most relevant first");
        }
        effects.red_flag = std::move(red_flag);
      }
    }
    if (const json* urgency = member(value, "urgency")) {
      if (*urgency == "routine") {
        effects.min_urgency = Urgency::routine;
      } else if (*urgency == "prompt") {
        effects.min_urgency = Urgency::prompt;
      } else if (*urgency == "crisis") {
        effects.min_urgency = Urgency::crisis;
      } else {
        reader_.error(pointer + "/urgency", fmt::format("found {}, expected the urgency \"routine\", \"prompt\" or "
                                                        "\"crisis\"",
                                                        describe(*urgency)));
      }
    }
    if (const json* list = member(value, "require")) effects.require = outcome_list(*list, pointer + "/require");
    if (const json* list = member(value, "exclude")) {
      effects.exclude = outcome_list(*list, pointer + "/exclude");
      for (std::size_t i = 0; i < effects.exclude.size(); ++i) {
        std::size_t outcome = effects.exclude[i];
        if (std::find(effects.require.begin(), effects.require.end(), outcome) != effects.require.end()) {
          reader_.error(
              pointer_append(pointer + "/exclude", i),
              fmt::format("the rule both requires and excludes the outcome '{}'", parsed_.bank.outcomes[outcome].id));
        }
      }
    }
    if (const json* weights_value = member(value, "weights"))
      effects.weights = weights(*weights_value, pointer + "/weights");
    if (const json* note = member(value, "note")) effects.note = reader_.text(*note, pointer + "/note");
    // A rule without a red flag that raises the urgency may say what to do first and where to turn.
    for (const char* key : {"first_step", "resources"}) {
      if (!member(value, key)) continue;
      if (effects.red_flag) {
        reader_.error(pointer + "/" + key, fmt::format("a rule with a red flag gives \"{}\" inside \"red_flag\"", key));
      } else if (!effects.min_urgency || *effects.min_urgency == Urgency::routine) {
        reader_.error(pointer + "/" + key,
                      fmt::format("\"{}\" belongs to a rule that raises the urgency: add \"urgency\": \"prompt\" "
                                  "or \"crisis\", or a red flag",
                                  key));
      }
    }
    if (const json* step = member(value, "first_step"))
      effects.first_step = reader_.text(*step, pointer + "/first_step");
    if (const json* list = member(value, "resources")) {
      effects.resources = resource_list(*list, pointer + "/resources", "where to turn, most relevant first");
    }
    return effects;
  }

  BankReader& reader_;
  const BankLimits& limits_;
  ParsedBank parsed_;
  std::map<std::string, std::size_t, std::less<>> resource_ids_;  ///< resource id → index (the first wins)
};

}  // namespace

std::optional<ParsedBank> parse_bank(const json& root, BankReader& reader, const BankLimits& limits) {
  BankParser parser(reader, limits);
  return parser.parse(root);
}

}  // namespace wegwijzer::detail
