// Scoring batch records: a JSON Lines record (simdjson on-demand, string views into the line) or a
// CSV row becomes an AnswerSet; the engine scores it; the result or an error record is appended.
#include "wegwijzer/batch_scorer.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <iterator>
#include <unordered_map>
#include <utility>

#include "wegwijzer/batch_output.hpp"
#include "wegwijzer/csv.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/sanitize.hpp"

namespace wegwijzer {

static_assert(batch_json_padding >= simdjson::SIMDJSON_PADDING, "batches must pad JSON lines for simdjson");

namespace {

namespace ondemand = simdjson::ondemand;

/// A question id fit for a message: sanitised and cut to a sensible length (ids, never answers).
std::string question_label(std::string_view id) {
  constexpr std::size_t max_label = 64;
  std::string label = sanitize_for_terminal(id.substr(0, max_label), false);
  if (id.size() > max_label) label += "...";
  return label;
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

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

struct RecordScorer::Impl {
  Impl(const Bank& bank_in, const BatchLimits& limits_in, BatchFormat output_in)
      : bank(bank_in),
        limits(limits_in),
        output(output_in),
        parser(limits_in.max_line_bytes + batch_json_padding),
        answers(bank_in),
        evaluator(bank_in),
        writer(bank_in, output_in) {
    for (std::size_t q = 0; q < bank_in.questions.size(); ++q) question_ids.emplace(bank_in.questions[q].id, q);
  }

  const Bank& bank;
  BatchLimits limits;
  BatchFormat output;
  ondemand::parser parser;
  simdjson::dom::parser validator;  ///< only for lines that are not objects: invalid JSON or not?
  std::unordered_map<std::string_view, std::size_t> question_ids;  ///< question id → index
  AnswerSet answers;
  Result result;                          ///< reused for every record: its vectors keep their capacity
  Evaluator evaluator;                    ///< scores the answer sets
  BatchRecordWriter writer;               ///< writes the output records
  std::vector<std::string_view> options;  ///< option ids of one answer (views into the line)
  std::string line_id;                    ///< the line number as an id
  bool has_problem = false;
  RecordProblem problem;

  /// Starts a record: no answers, no problem.
  void begin() {
    answers.clear_all();
    has_problem = false;
  }

  /// Records the record's first problem; later ones are ignored.
  void fail(RecordCode code, std::string message, std::string question = {}) {
    if (has_problem) return;
    has_problem = true;
    problem.code = code;
    problem.message = std::move(message);
    problem.question = std::move(question);
    problem.missing.clear();
  }

  /// Turns an AnswerSet error into the record's problem, with a message of our own (no answer text).
  void answer_error(const std::optional<AnswerError>& error, std::size_t question_at) {
    if (!error) return;
    const Question& question = bank.questions[question_at];
    std::string label = question_label(question.id);
    switch (error->code) {
      case AnswerError::Code::unknown_question:
        fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
        break;
      case AnswerError::Code::unknown_option:
        fail(RecordCode::unknown_option, fmt::format("question \"{}\": unknown option", label), label);
        break;
      case AnswerError::Code::wrong_type:
        fail(RecordCode::wrong_type,
             fmt::format("question \"{}\" ({}) takes {}", label, to_string(question.type),
                         expected_value(question.type)),
             label);
        break;
      case AnswerError::Code::duplicate_option:
        fail(RecordCode::duplicate_option, fmt::format("question \"{}\": an option is given twice", label), label);
        break;
    }
  }

  /// The line number as an id.
  std::string_view id_from_line(std::uint64_t line) {
    line_id.clear();
    fmt::format_to(std::back_inserter(line_id), "{}", line);
    return line_id;
  }

  /// Scores the answers gathered (unless there was a problem) and appends the output record.
  void finish(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally) {
    if (!has_problem) {
      evaluator.evaluate(answers, result);
      if (result.status == Status::complete) {
        writer.scored(out, answers, result, id);
        tally_result(tally, result);
        return;
      }
      std::string list;
      fail(RecordCode::incomplete, "");
      for (std::size_t q : result.missing) {
        if (q >= bank.questions.size()) continue;
        problem.missing.push_back(question_label(bank.questions[q].id));
        if (!list.empty()) list += ", ";
        list += problem.missing.back();
      }
      problem.message = "required questions unanswered: " + list;
    }
    writer.error(out, id, line, problem);
    tally_error(tally, problem.code);
  }

  /// Reads the "answers" object into the answer set. False when the JSON itself is broken.
  bool read_answers(ondemand::value value) {
    ondemand::object object;
    auto error = value.get_object().get(object);
    if (error == simdjson::INCORRECT_TYPE) {
      fail(RecordCode::wrong_type, "\"answers\" must be an object");
      return true;
    }
    if (error) return false;
    std::size_t count = 0;
    for (auto field_result : object) {
      ondemand::field field;
      if (std::move(field_result).get(field)) return false;
      std::string_view key;
      if (field.unescaped_key().get(key)) return false;
      if (++count > limits.max_answers) {
        if (problem.code != RecordCode::too_many_answers) has_problem = false;  // this one wins
        fail(RecordCode::too_many_answers, fmt::format("more than {} answers", limits.max_answers));
        continue;
      }
      if (has_problem) continue;  // the rest is only checked for valid JSON
      ondemand::value answer = field.value();
      ondemand::json_type type;
      if (answer.type().get(type)) return false;
      auto found = question_ids.find(key);
      std::optional<std::size_t> index;
      if (found != question_ids.end()) index = found->second;
      if (!index) {
        std::string label = question_label(key);
        fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
        continue;
      }
      const Question& question = bank.questions[*index];
      if (answers.at(*index)) {
        std::string label = question_label(question.id);
        fail(RecordCode::duplicate_key, fmt::format("question \"{}\" is answered twice", label), label);
        continue;
      }
      switch (type) {
        case ondemand::json_type::null: break;  // unanswered
        case ondemand::json_type::string: {
          std::string_view text;
          if (answer.get_string().get(text)) return false;
          if (question.type == QuestionType::text) {
            answer_error(answers.set_text_at(*index, text), *index);
          } else {
            options.clear();
            options.push_back(text);
            answer_error(answers.set_choice_at(*index, options), *index);
          }
          break;
        }
        case ondemand::json_type::array: {
          ondemand::array array;
          if (answer.get_array().get(array)) return false;
          options.clear();
          bool all_strings = true;
          for (auto element_result : array) {
            ondemand::value element;
            if (std::move(element_result).get(element)) return false;
            ondemand::json_type element_type;
            if (element.type().get(element_type)) return false;
            if (element_type != ondemand::json_type::string) {
              all_strings = false;
              continue;
            }
            std::string_view option;
            if (element.get_string().get(option)) return false;
            if (options.size() < limits.max_answers) options.push_back(option);
          }
          if (!all_strings || question.type != QuestionType::multiple) {  // a list only for multiple choice
            answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, *index);
          } else {
            answer_error(answers.set_choice_at(*index, options), *index);
          }
          break;
        }
        default: answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, *index); break;
      }
    }
    return true;
  }

  void score_json(std::string_view line, std::uint64_t line_number, std::string& out, BatchTally& tally) {
    begin();
    std::string_view id;
    bool have_id = false;
    bool seen_id = false;
    bool seen_answers = false;
    bool broken = false;
    ondemand::document document;
    if (parser.iterate(line.data(), line.size(), line.size() + batch_json_padding).get(document)) {
      broken = true;
    } else {
      ondemand::object object;
      auto error = document.get_object().get(object);
      if (error == simdjson::INCORRECT_TYPE) {
        // On demand only looked at the first byte: validate the whole line to tell the two apart.
        simdjson::dom::element element;
        if (validator.parse(line.data(), line.size(), false).get(element)) {
          broken = true;
        } else {
          fail(RecordCode::not_an_object, "the record is not a JSON object");
        }
      } else if (error) {
        broken = true;
      } else {
        for (auto field_result : object) {
          ondemand::field field;
          std::string_view key;
          if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
            broken = true;
            break;
          }
          if (key == "id") {
            if (seen_id) {
              fail(RecordCode::duplicate_key, "the field \"id\" appears twice");
              continue;
            }
            seen_id = true;
            ondemand::value value = field.value();
            ondemand::json_type type;
            if (value.type().get(type)) {
              broken = true;
              break;
            }
            if (type == ondemand::json_type::string) {
              if (value.get_string().get(id)) {
                broken = true;
                break;
              }
              have_id = !id.empty();
            } else if (type == ondemand::json_type::number) {
              id = value.raw_json_token();
              while (!id.empty() && (id.back() == ' ' || id.back() == '\t' || id.back() == '\r' || id.back() == '\n')) {
                id.remove_suffix(1);
              }
              double number = 0;
              if (value.get_double().get(number)) {
                broken = true;
                break;
              }
              have_id = true;
            } else if (type != ondemand::json_type::null) {
              fail(RecordCode::wrong_type, "the id must be a string or a number");
            }
          } else if (key == "answers") {
            if (seen_answers) {
              fail(RecordCode::duplicate_key, "the field \"answers\" appears twice");
              continue;
            }
            seen_answers = true;
            if (!read_answers(field.value())) {
              broken = true;
              break;
            }
          }
        }
        // Anything after the object (other than whitespace) makes the line invalid.
        if (!broken && document.current_location().error() != simdjson::OUT_OF_BOUNDS) broken = true;
        if (!broken && !seen_answers) fail(RecordCode::missing_answers, "the record has no \"answers\" object");
      }
    }
    if (broken) {  // an invalid line has no trustworthy id: it gets its line number
      has_problem = false;
      fail(RecordCode::invalid_json, "the line is not valid JSON");
      have_id = false;
    }
    finish(have_id ? id : id_from_line(line_number), line_number, out, tally);
  }

  void score_csv(const RecordBatch& batch, const BatchRecord& record, std::string& out, BatchTally& tally) {
    begin();
    const CsvColumns& columns = *batch.columns;
    std::string_view id;
    if (columns.id_column && *columns.id_column < record.size) id = batch.cell(record.first + *columns.id_column);
    if (id.empty()) id = id_from_line(record.line);
    if (record.too_long) {
      fail(RecordCode::line_too_long, fmt::format("record longer than {} bytes", limits.max_line_bytes));
    } else if (record.malformed) {
      fail(RecordCode::invalid_csv, "malformed CSV quoting");
    } else if (record.fields != columns.names.size()) {
      fail(RecordCode::invalid_csv,
           fmt::format("the record has {} fields, the header has {}", record.fields, columns.names.size()));
    } else {
      for (std::size_t column = 0; column < record.size && !has_problem; ++column) {
        std::string_view cell = batch.cell(record.first + column);
        if (cell.empty() || column == columns.id_column) continue;
        const std::optional<std::size_t>& index = columns.question[column];
        if (!index) {
          std::string label = question_label(columns.names[column]);
          fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
          break;
        }
        const Question& question = bank.questions[*index];
        if (question.type == QuestionType::text) {
          answer_error(answers.set_text_at(*index, cell), *index);
          continue;
        }
        options.clear();
        std::size_t start = 0;
        while (start <= cell.size()) {
          std::size_t end = cell.find(';', start);
          if (end == std::string_view::npos) end = cell.size();
          std::string_view option = trim_spaces(cell.substr(start, end - start));
          if (!option.empty()) options.push_back(option);
          start = end + 1;
        }
        answer_error(answers.set_choice_at(*index, options), *index);
      }
    }
    finish(id, record.line, out, tally);
  }
};

RecordScorer::RecordScorer(const Bank& bank, const BatchLimits& limits, BatchFormat output)
    : impl_(std::make_unique<Impl>(bank, limits, output)) {}

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
