// Parses the structured condition language (see condition.hpp) and checks its references.
#include <fmt/format.h>

#include <algorithm>

#include "bank_parser.hpp"
#include "json_reader.hpp"

namespace wegwijzer::detail {
namespace {

using nlohmann::json;

const char* const kShapes =
    "a condition: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}}, {\"answered\": \"question\"}, "
    "{\"answer\": \"question\", \"equals\"|\"in\"|\"contains\"|\"at_least\"|\"at_most\": ...} or "
    "{\"scale\": \"scale\", \"at_least\"|\"at_most\": number}";

class ConditionParser {
 public:
  ConditionParser(const BankIndex& index, const ConditionScope& scope, BankReader& reader)
      : index_(index), bank_(index.bank()), scope_(scope), reader_(reader) {}

  std::optional<Condition> parse(const json& value, const std::string& pointer) {
    if (!value.is_object() || value.empty()) {
      reader_.error(pointer, fmt::format("found {}, expected {}", describe(value), kShapes));
      return std::nullopt;
    }
    if (value.contains("all") || value.contains("any")) return group(value, pointer);
    if (value.contains("not")) return negate(value, pointer);
    if (value.contains("answered")) return answered(value, pointer);
    if (value.contains("answer")) return answer(value, pointer);
    if (value.contains("scale")) return scale(value, pointer);
    reader_.error(pointer, fmt::format("found an object with the key '{}', expected {}", value.begin().key(), kShapes));
    return std::nullopt;
  }

 private:
  std::optional<Condition> group(const json& value, const std::string& pointer) {
    const bool is_all = value.contains("all");
    const char* key = is_all ? "all" : "any";
    if (!reader_.object(value, pointer, {key}, {}, fmt::format("an \"{}\" condition", key))) return std::nullopt;
    std::string list_pointer = pointer_append(pointer, key);
    const json* list = reader_.array(value.at(key), list_pointer, 1, "a list of conditions");
    if (!list || value.size() != 1) return std::nullopt;
    Condition condition;
    condition.kind = is_all ? Condition::Kind::all : Condition::Kind::any;
    bool ok = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto child = parse((*list)[i], pointer_append(list_pointer, i));
      if (child) {
        condition.children.push_back(std::move(*child));
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return condition;
  }

  std::optional<Condition> negate(const json& value, const std::string& pointer) {
    if (!reader_.object(value, pointer, {"not"}, {}, "a \"not\" condition") || value.size() != 1) return std::nullopt;
    auto child = parse(value.at("not"), pointer_append(pointer, "not"));
    if (!child) return std::nullopt;
    Condition condition;
    condition.kind = Condition::Kind::negate;
    condition.children.push_back(std::move(*child));
    return condition;
  }

  std::optional<Condition> answered(const json& value, const std::string& pointer) {
    if (!reader_.object(value, pointer, {"answered"}, {}, "an \"answered\" condition") || value.size() != 1) {
      return std::nullopt;
    }
    auto question = question_ref(value.at("answered"), pointer_append(pointer, "answered"));
    if (!question) return std::nullopt;
    Condition condition;
    condition.kind = Condition::Kind::answered;
    condition.question = *question;
    return condition;
  }

  std::optional<Condition> answer(const json& value, const std::string& pointer) {
    static constexpr std::string_view kOperators[] = {"equals", "in", "contains", "at_least", "at_most"};
    if (!reader_.object(value, pointer, {"answer"}, {"equals", "in", "contains", "at_least", "at_most"},
                        "an \"answer\" condition")) {
      return std::nullopt;
    }
    std::vector<std::string_view> present;
    for (std::string_view op : kOperators) {
      if (value.contains(std::string(op))) present.push_back(op);
    }
    if (present.size() != 1) {
      reader_.error(pointer,
                    fmt::format("an \"answer\" condition needs exactly one of \"equals\", \"in\", \"contains\", "
                                "\"at_least\" or \"at_most\"; found {}",
                                present.size()));
      return std::nullopt;
    }
    auto question_index = question_ref(value.at("answer"), pointer_append(pointer, "answer"));
    if (!question_index || value.size() != 2) return std::nullopt;
    const Question& question = bank_.questions[*question_index];
    std::string_view op = present.front();
    std::string op_pointer = pointer_append(pointer, op);
    const json& operand = value.at(std::string(op));
    Condition condition;
    condition.question = *question_index;
    if (question.type == QuestionType::text) {
      reader_.error(op_pointer, fmt::format("question '{}' is a free-text question; a condition can only test whether "
                                            "it was answered ({{\"answered\": \"{}\"}})",
                                            question.id, question.id));
      return std::nullopt;
    }
    if (op == "at_least" || op == "at_most") {
      condition.kind = op == "at_least" ? Condition::Kind::answer_at_least : Condition::Kind::answer_at_most;
      auto bound = reader_.number(operand, op_pointer, "a number");
      if (!bound) return std::nullopt;
      bool all_points = std::all_of(question.options.begin(), question.options.end(),
                                    [](const Option& option) { return option.points.has_value(); });
      if (!all_points) {
        reader_.error(op_pointer, fmt::format("\"{}\" compares points, but not every option of question '{}' has "
                                              "\"points\"",
                                              op, question.id));
        return std::nullopt;
      }
      condition.value = *bound;
      return condition;
    }
    if (op == "contains" && question.type != QuestionType::multiple) {
      reader_.error(op_pointer, fmt::format("\"contains\" works only on multiple-choice questions; question '{}' is "
                                            "of type {}: use \"equals\" or \"in\"",
                                            question.id, to_string(question.type)));
      return std::nullopt;
    }
    condition.kind = op == "equals" ? Condition::Kind::equals
                     : op == "in"   ? Condition::Kind::in
                                    : Condition::Kind::contains;
    if (op == "in") {
      const json* list = reader_.array(operand, op_pointer, 1, "a list of option ids");
      if (!list) return std::nullopt;
      bool ok = true;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto option = option_ref(question, (*list)[i], pointer_append(op_pointer, i));
        if (!option) {
          ok = false;
        } else if (std::find(condition.options.begin(), condition.options.end(), *option) != condition.options.end()) {
          reader_.error(pointer_append(op_pointer, i),
                        fmt::format("the option '{}' is listed twice", question.options[*option].id));
          ok = false;
        } else {
          condition.options.push_back(*option);
        }
      }
      if (!ok) return std::nullopt;
      return condition;
    }
    auto option = option_ref(question, operand, op_pointer);
    if (!option) return std::nullopt;
    condition.options.push_back(*option);
    return condition;
  }

  std::optional<Condition> scale(const json& value, const std::string& pointer) {
    if (!reader_.object(value, pointer, {"scale"}, {"at_least", "at_most"}, "a \"scale\" condition")) {
      return std::nullopt;
    }
    bool at_least = value.contains("at_least");
    if (at_least == value.contains("at_most")) {
      reader_.error(pointer, "a \"scale\" condition needs exactly one of \"at_least\" or \"at_most\"");
      return std::nullopt;
    }
    std::string scale_pointer = pointer_append(pointer, "scale");
    auto scale_id = reader_.id(value.at("scale"), scale_pointer);
    if (!scale_id) return std::nullopt;
    auto scale_index = index_.scale(*scale_id);
    if (!scale_index) {
      reader_.error(scale_pointer, fmt::format("unknown scale '{}'", *scale_id));
      return std::nullopt;
    }
    auto last_item = index_.last_item(*scale_index);
    if (scope_.question && last_item && *last_item >= *scope_.question) {  // then find the first such item
      for (std::size_t item : bank_.scales[*scale_index].items) {
        if (item >= *scope_.question) {
          reader_.error(scale_pointer,
                        fmt::format("show_if of question '{}' uses scale '{}', whose item '{}' is not asked before "
                                    "it; a show_if can only use earlier questions",
                                    bank_.questions[*scope_.question].id, *scale_id, bank_.questions[item].id));
          return std::nullopt;
        }
      }
    }
    const char* op = at_least ? "at_least" : "at_most";
    auto bound = reader_.number(value.at(op), pointer_append(pointer, op), "a number");
    if (!bound || value.size() != 2) return std::nullopt;
    Condition condition;
    condition.kind = at_least ? Condition::Kind::scale_at_least : Condition::Kind::scale_at_most;
    condition.scale = *scale_index;
    condition.value = *bound;
    return condition;
  }

  std::optional<std::size_t> question_ref(const json& value, const std::string& pointer) {
    auto id = reader_.id(value, pointer);
    if (!id) return std::nullopt;
    auto index = index_.question(*id);
    if (!index) {
      reader_.error(pointer, fmt::format("unknown question '{}'", *id));
      return std::nullopt;
    }
    if (scope_.question && *index == *scope_.question) {
      reader_.error(pointer, fmt::format("show_if of question '{}' refers to the question itself; a show_if can only "
                                         "use earlier questions",
                                         *id));
      return std::nullopt;
    }
    if (scope_.question && *index > *scope_.question) {
      reader_.error(pointer, fmt::format("show_if of question '{}' refers to question '{}', which comes later; a "
                                         "show_if can only use earlier questions",
                                         bank_.questions[*scope_.question].id, *id));
      return std::nullopt;
    }
    return index;
  }

  std::optional<std::size_t> option_ref(const Question& question, const json& value, const std::string& pointer) {
    auto id = reader_.id(value, pointer);
    if (!id) return std::nullopt;
    auto index = question.find_option(*id);
    if (!index) {
      std::string known;
      for (const Option& option : question.options) known += fmt::format("{}{}", known.empty() ? "" : ", ", option.id);
      reader_.error(pointer,
                    fmt::format("question '{}' has no option '{}'; its options are: {}", question.id, *id, known));
      return std::nullopt;
    }
    return index;
  }

  const BankIndex& index_;
  const Bank& bank_;
  const ConditionScope& scope_;
  BankReader& reader_;
};

}  // namespace

BankIndex::BankIndex(const Bank& bank) : bank_(bank), last_item_(bank.scales.size()) {
  for (std::size_t q = 0; q < bank.questions.size(); ++q) questions_.emplace(bank.questions[q].id, q);
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    scales_.emplace(bank.scales[s].id, s);
    const auto& items = bank.scales[s].items;
    if (!items.empty()) last_item_[s] = *std::max_element(items.begin(), items.end());
  }
}

std::optional<std::size_t> BankIndex::question(std::string_view id) const {
  auto found = questions_.find(id);
  if (found == questions_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::size_t> BankIndex::scale(std::string_view id) const {
  auto found = scales_.find(id);
  if (found == scales_.end()) return std::nullopt;
  return found->second;
}

std::optional<Condition> parse_condition(const json& value, const std::string& pointer, const BankIndex& index,
                                         const ConditionScope& scope, BankReader& reader) {
  ConditionParser parser(index, scope, reader);
  return parser.parse(value, pointer);
}

}  // namespace wegwijzer::detail
