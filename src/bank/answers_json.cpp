// Answer sets to and from their JSON object form. Never throws for bad input.
#include "wegwijzer/bank/answers_json.hpp"

#include <fmt/format.h>

namespace wegwijzer {
namespace {

AnswerError wrong_type(const std::string& question_id, std::string message) {
  return AnswerError{AnswerError::Code::wrong_type, question_id, std::move(message)};
}

std::string expected_shape(const Question& question) {
  switch (question.type) {
    case QuestionType::text: return "a string of free text or null";
    case QuestionType::multiple: return "an array of option ids, one option id, or null";
    default: return "one option id (a string) or null";
  }
}

}  // namespace

AnswerSet answers_from_json(const Bank& bank, const nlohmann::json& answers, std::vector<AnswerError>& errors) {
  AnswerSet set(bank);
  if (!answers.is_object()) {
    errors.push_back(wrong_type("", "the answers must be a JSON object of question id to answer"));
    return set;
  }
  std::vector<std::string_view> ids;
  for (const auto& [key, value] : answers.items()) {
    auto index = bank.find_question(key);
    if (!index) {
      errors.push_back(AnswerError{AnswerError::Code::unknown_question, key, "this bank has no such question"});
      continue;
    }
    const Question& question = bank.questions[*index];
    if (value.is_null()) {
      set.clear(*index);
      continue;
    }
    std::optional<AnswerError> error;
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (question.type == QuestionType::text) {
        error = set.set_text(key, text);
      } else {
        error = set.set_choice(key, {std::string_view(text)});
      }
    } else if (value.is_array() && question.type == QuestionType::multiple) {
      ids.clear();
      bool all_strings = true;
      for (const auto& element : value) {
        if (!element.is_string()) {
          all_strings = false;
          break;
        }
        ids.emplace_back(element.get_ref<const std::string&>());
      }
      if (all_strings) {
        error = set.set_choice(key, ids);
      } else {
        error = wrong_type(key, fmt::format("question '{}': every element of the array must be an option id "
                                            "(a string)",
                                            question.id));
      }
    } else {
      error = wrong_type(key, fmt::format("question '{}' takes {}", question.id, expected_shape(question)));
    }
    if (error) errors.push_back(std::move(*error));
  }
  return set;
}

nlohmann::json answers_to_json(const AnswerSet& answers) {
  nlohmann::json object = nlohmann::json::object();
  const Bank& bank = answers.bank();
  for (std::size_t q = 0; q < answers.size(); ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::text) {
      object[question.id] = answer->text;
    } else if (question.type == QuestionType::multiple) {
      nlohmann::json list = nlohmann::json::array();
      for (auto option : answer->options) list.push_back(question.options[option].id);
      object[question.id] = std::move(list);
    } else if (!answer->options.empty()) {
      object[question.id] = question.options[answer->options.front()].id;
    }
  }
  return object;
}

}  // namespace wegwijzer
