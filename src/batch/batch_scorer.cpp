// Scoring batch records: a JSON Lines record (batch_scorer_json.cpp) or a CSV row (batch_scorer_csv.cpp)
// becomes an AnswerSet; the engine scores it; the result or an error record is appended. This file holds what
// every record shares: its first problem and how it is finished.
#include "wegwijzer/batch/batch_scorer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "batch_scorer_impl.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {

/// Whether no question or option id holds a backslash (no id a loaded bank accepts does). Then a key or string
/// value without escapes that equals an id byte for byte is that id, and only text with escapes needs decoding
/// before it is looked up.
bool ids_are_plain(const Bank& bank) {
  for (const Question& question : bank.questions) {
    if (has_backslash(question.id)) return false;
    for (const Option& option : question.options) {
      if (has_backslash(option.id)) return false;
    }
  }
  return true;
}

/// What a question of this type takes, for wrong_type messages.
std::string_view expected_value(QuestionType type) {
  switch (type) {
    case QuestionType::single:
    case QuestionType::yes_no:
    case QuestionType::scale: return "one option id (a string)";
    case QuestionType::multiple: return "a list of option ids";
    case QuestionType::text: return "a text (a string)";
  }
  return "an answer";
}

}  // namespace

RecordScorer::Impl::Impl(const Bank& bank_in, const BatchLimits& limits_in, BatchFormat output_in, JsonReading reading,
                         bool explain, const BatchInputOptions& input_in)
    : bank(bank_in),
      limits(limits_in),
      output(output_in),
      input(input_in),
      answers(bank_in),
      evaluator(bank_in),
      writer(bank_in, output_in, explain, input_in.keep),
      key_seen(bank_in.questions.size(), 0),
      question_ids(bank_in),
      option_ids(bank_in),
      plain_ids(ids_are_plain(bank_in)),
      // The scanner compares ids raw, and knows the fields "id" and "answers" only.
      scan_first(reading == JsonReading::scan_first && plain_ids && input_in.id_field == "id" &&
                 input_in.keep.empty() && !input_in.codes),
      quick(bank_in, question_ids, option_ids, answers, key_seen.data()),
      parser(limits_in.max_line_bytes + batch_json_padding) {
  if (explain) flips.emplace(bank_in);
}

std::string RecordScorer::Impl::question_label(std::string_view id) {
  constexpr std::size_t max_label = 64;
  std::string label = sanitize_for_terminal(id.substr(0, max_label), false);
  if (id.size() > max_label) label += "...";
  return label;
}

void RecordScorer::Impl::fail(RecordCode code, std::string message, std::string question) {
  if (problem_recorded()) return;
  has_problem = true;
  problem.code = code;
  problem.message = std::move(message);
  problem.question = std::move(question);
  problem.missing.clear();
}

void RecordScorer::Impl::note_unknown_key(std::string_view key) {
  if (looks_like_id(key)) {
    if (std::find(unknown_keys.begin(), unknown_keys.end(), key) != unknown_keys.end()) return;
    if (unknown_keys.size() < BatchTally::max_unknown_names) {
      unknown_keys.emplace_back(key);
    } else {
      overflow_key = true;
    }
  } else {
    unnamed_key = true;
  }
}

void RecordScorer::Impl::tally_unknown_keys(BatchTally& tally) {
  for (const std::string& key : unknown_keys) {
    auto found = tally.unknown_names.find(key);
    if (found != tally.unknown_names.end()) {
      ++found->second;
    } else if (tally.unknown_names.size() < BatchTally::max_unknown_names) {
      tally.unknown_names.emplace(key, 1);
    } else {
      overflow_key = true;
    }
  }
  if (unnamed_key) ++tally.unknown_unnamed;
  if (overflow_key) ++tally.unknown_overflow;
  unknown_keys.clear();
  unnamed_key = false;
  overflow_key = false;
}

void RecordScorer::Impl::fail_unknown_question(std::string_view name) {
  if (problem_recorded()) return;  // no message to make
  std::string label = question_label(name);
  fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
}

void RecordScorer::Impl::report_answer_error(const AnswerError& error, std::size_t question_at) {
  if (problem_recorded()) return;  // no message to make
  const Question& question = bank.questions[question_at];
  std::string label = question_label(question.id);
  switch (error.code) {
    case AnswerError::Code::unknown_question: fail_unknown_question(question.id); break;
    case AnswerError::Code::unknown_option:
      fail(RecordCode::unknown_option, fmt::format("question \"{}\": unknown option", label), label);
      break;
    case AnswerError::Code::wrong_type:
      fail(RecordCode::wrong_type,
           fmt::format("question \"{}\" ({}) takes {}", label, to_string(question.type), expected_value(question.type)),
           label);
      break;
    case AnswerError::Code::duplicate_option:
      fail(RecordCode::duplicate_option, fmt::format("question \"{}\": an option is given twice", label), label);
      break;
    case AnswerError::Code::exclusive_option:
      fail(RecordCode::exclusive_option,
           fmt::format("question \"{}\": an option that excludes the others (such as \"none of these\") is given "
                       "together with other options",
                       label),
           label);
      break;
  }
}

std::string_view RecordScorer::Impl::id_from_line(std::uint64_t line) {
  line_id.clear();
  fmt::format_to(std::back_inserter(line_id), "{}", line);
  return line_id;
}

void RecordScorer::Impl::finish(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally) {
  if (!unknown_keys.empty() || unnamed_key || overflow_key) tally_unknown_keys(tally);
  if (numeric_option) {
    ++tally.numeric_options;
    numeric_option = false;
  }
  if (id.data() == line_id.data()) ++tally.line_ids;  // id_from_line() gave it
  if (!has_problem) {
    evaluator.evaluate(answers, result);
    if (result.status == Status::complete) {
      if (flips) return finish_explained(id, out, tally);
      writer.scored(out, answers, result, id);
      tally_result(tally, result);
      return;
    }
  }
  finish_error(id, line, out, tally);
}

void RecordScorer::Impl::finish_explained(std::string_view id, std::string& out, BatchTally& tally) {
  const bool found = flips->find(answers, result, flip);
  writer.scored(out, answers, result, id, found ? &flip : nullptr);
  tally_result(tally, result);
  tally_flip(tally, result, found ? &flip : nullptr);
}

void RecordScorer::Impl::finish_error(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally) {
  const Result* assessed = nullptr;  // the result of the valid answers, if the record has any
  if (!has_problem) {                // incomplete: finish() evaluated the answers
    std::string list;
    fail(RecordCode::incomplete, "");
    for (std::size_t q : result.missing) {
      if (q >= bank.questions.size()) continue;
      problem.missing.push_back(question_label(bank.questions[q].id));
      if (!list.empty()) list += ", ";
      list += problem.missing.back();
    }
    problem.message = "required questions unanswered: " + list;
    assessed = &result;
  } else if (answers_read && problem.code != RecordCode::invalid_json) {
    // A problem in one answer (or in the id): the answers read are the valid ones, the invalid one is not set.
    evaluator.evaluate(answers, result);
    assessed = &result;
  }
  writer.error(out, id, line, problem, assessed, assessed ? &answers : nullptr);
  tally_error(tally, problem.code, assessed);
}

RecordScorer::RecordScorer(const Bank& bank, const BatchLimits& limits, BatchFormat output, JsonReading reading,
                           bool explain, const BatchInputOptions& input)
    : impl_(std::make_unique<Impl>(bank, limits, output, reading, explain, input)) {}

RecordScorer::~RecordScorer() = default;

void RecordScorer::score_json_line(std::string_view line, std::uint64_t line_number, std::string& out,
                                   BatchTally& tally) {
  impl_->score_json(line, line_number, out, tally);
}

void RecordScorer::score(const RecordBatch& batch, std::string& out, BatchTally& tally) {
  for (const BatchRecord& record : batch.records) {
    if (batch.format == BatchFormat::csv) {
      impl_->score_csv(batch, record, out, tally);
    } else if (record.too_long) {
      impl_->begin();
      impl_->fail(RecordCode::line_too_long, fmt::format("line longer than {} bytes", impl_->limits.max_line_bytes));
      impl_->finish(impl_->id_from_line(record.line), record.line, out, tally);
    } else {
      impl_->score_json(batch.line(record), record.line, out, tally);
    }
  }
}

}  // namespace wegwijzer
