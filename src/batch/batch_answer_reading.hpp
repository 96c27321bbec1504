#pragma once
// Reading one field of a record's "answers" object into the answer set: the question lookup, repeated and
// unknown questions, unknown options, wrong types, lists only for multiple choice, text answers, the
// too_many_answers limit and the first problem that wins. Both JSON readers use these functions, so they
// cannot disagree: simdjson on demand (every record) and the strict scanner (simple records).
//
// A reader hands its fields as a Field type with:
//   bool read_key(std::string_view& key, bool& decoded)   the key; `decoded` false: the bytes between its
//                                                          quotes, escapes (if any) not decoded yet
//   bool decode_key(std::string_view& key, bool& decoded) decodes such a key, once (`decoded` becomes true)
//   Value& value()                                        the field's value
// and its values as a Value type with:
//   std::optional<std::string_view> raw_string()         the bytes between the quotes of a string value
//                                                         (escapes not decoded); nothing for other values
//   bool kind(JsonKind& kind)                             the value's type
//   bool text(std::string_view& text)                     the decoded text of a string value
//   bool each_element(Visit&& visit)                      calls visit(Value&) on each element of an array,
//                                                         in order, until it returns false
// Each returns false when the JSON turns out to be broken; the reader then reports invalid_json. The calls
// are made lazily, in the order simdjson on demand needs: after the record's first problem, the values that
// follow are not read (only keys are decoded, which checks their escapes).
#include <fmt/format.h>

#include <utility>

#include "batch_scorer_impl.hpp"

namespace wegwijzer {

template <typename Field>
bool RecordScorer::Impl::read_answer(Field& field, std::size_t count) {
  std::string_view key;
  bool decoded = false;
  if (!field.read_key(key, decoded)) return false;
  if (count > limits.max_answers) {
    if (!field.decode_key(key, decoded)) return false;
    if (problem.code != RecordCode::too_many_answers) has_problem = false;  // this one wins
    fail(RecordCode::too_many_answers, fmt::format("more than {} answers", limits.max_answers));
    return true;
  }
  if (has_problem) return field.decode_key(key, decoded);  // the whole line is validated at its end
  std::optional<std::size_t> index;
  if (!decoded) {  // a key with escapes is no id as it stands
    index = question_ids.find_padded(key);
    if (index && set_plain_choice(*index, field.value().raw_string())) return true;
  }
  return read_any_answer(field, key, decoded, index);
}

template <typename Field>
bool RecordScorer::Impl::read_any_answer(Field& field, std::string_view key, bool decoded,
                                         std::optional<std::size_t> index) {
  auto& answer = field.value();
  JsonKind kind;
  if (!answer.kind(kind)) return false;
  if (!index && !find_question(field, key, decoded, index)) return false;
  if (!index) {
    if (input.strict) {
      fail_unknown_question(key);
    } else {
      note_unknown_key(key);  // ignored, and named once on stderr
    }
    return true;
  }
  const Question& question = bank.questions[*index];
  if (named_before(*index)) {  // also after a null: a key twice is ambiguous
    std::string label = question_label(question.id);
    fail(RecordCode::duplicate_key, fmt::format("question \"{}\" is answered twice", label), label);
    return true;
  }
  switch (kind) {
    case JsonKind::null: return true;  // unanswered
    case JsonKind::string: return read_string_answer(*index, answer);
    case JsonKind::array: return read_list(*index, answer);
    case JsonKind::other: break;
  }
  answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, *index);
  return true;
}

template <typename Field>
bool RecordScorer::Impl::find_question(Field& field, std::string_view& key, bool decoded,
                                       std::optional<std::size_t>& index) {
  if (!decoded) {
    if (!has_backslash(key)) return true;  // the key as it stands, and no id
    if (!field.decode_key(key, decoded)) return false;
  }
  index = question_ids.find(key);
  return true;
}

inline bool RecordScorer::Impl::set_plain_choice(std::size_t index, std::optional<std::string_view> text) {
  if (!text || key_seen[index] == record_serial) return false;
  std::optional<std::size_t> option = option_ids.find_padded(index, *text);  // text questions have no options
  if (!option) return false;
  key_seen[index] = record_serial;
  answers.set_known_option(index, static_cast<std::uint16_t>(*option));  // found: no error possible
  return true;
}

template <typename Value>
bool RecordScorer::Impl::read_option(std::size_t index, Value& value, std::string_view& text,
                                     std::optional<std::size_t>& option) {
  if (plain_ids) {
    if (auto raw = value.raw_string()) {
      text = *raw;
      option = option_ids.find_padded(index, text);
      if (!option && input.codes && !has_backslash(text)) {
        option = option_ids.find(index, option_for_code(bank.questions[index], text));
      }
      if (!option && !has_backslash(text)) note_numeric_option(text);
      if (option || !has_backslash(text)) return true;
    }
  }
  if (!value.text(text)) return false;
  option = option_ids.find(index, text);
  if (!option && input.codes) option = option_ids.find(index, option_for_code(bank.questions[index], text));
  if (!option) note_numeric_option(text);
  return true;
}

template <typename Value>
bool RecordScorer::Impl::read_element(std::size_t index, Value& element, std::string_view& text,
                                      std::optional<std::size_t>& option, bool& is_string) {
  is_string = true;
  if (plain_ids) {
    if (auto raw = element.raw_string()) {
      text = *raw;
      option = option_ids.find_padded(index, text);
      if (option) return true;  // the common case: an option id without escapes
    }
  }
  JsonKind kind;
  if (!element.kind(kind)) return false;
  if (kind != JsonKind::string) {
    is_string = false;
    return true;
  }
  return read_option(index, element, text, option);
}

template <typename Value>
bool RecordScorer::Impl::read_list(std::size_t index, Value& answer) {
  const Question& question = bank.questions[index];
  options.clear();
  option_indices.clear();
  bool all_strings = true;
  bool all_known = true;  // every option id (up to the limit) was found
  bool read = answer.each_element([&](auto& element) {
    std::string_view text;
    std::optional<std::size_t> option;
    bool is_string = true;
    if (!read_element(index, element, text, option, is_string)) return false;
    if (!is_string) {
      all_strings = false;
    } else if (options.size() < limits.max_answers) {
      options.push_back(text);
      if (option) {
        option_indices.push_back(static_cast<std::uint16_t>(*option));
      } else {
        all_known = false;
      }
    }
    return true;
  });
  if (!read) return false;
  if (!all_strings || question.type != QuestionType::multiple) {  // a list only for multiple choice
    answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, index);
  } else if (all_known) {
    answer_error(answers.set_options_at(index, option_indices), index);
  } else {
    answer_error(answers.set_choice_at(index, options), index);
  }
  return true;
}

template <typename Value>
bool RecordScorer::Impl::read_string_answer(std::size_t index, Value& answer) {
  const Question& question = bank.questions[index];
  std::string_view text;
  if (question.type == QuestionType::text) {
    if (!answer.text(text)) return false;
    answer_error(answers.set_text_at(index, text), index);
    return true;
  }
  std::optional<std::size_t> option;
  if (!read_option(index, answer, text, option)) return false;
  if (option) {
    answer_error(answers.set_option_at(index, *option), index);
  } else {
    options.clear();
    options.push_back(text);
    answer_error(answers.set_choice_at(index, options), index);
  }
  return true;
}

}  // namespace wegwijzer
