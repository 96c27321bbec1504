// Scoring a CSV record: its cells, split on ';' for choice questions, become the answer set.
#include <fmt/format.h>

#include <algorithm>

#include "batch_scorer_impl.hpp"
#include "wegwijzer/batch/csv.hpp"

namespace wegwijzer {

namespace {

/// `text` without the spaces and tabs around it.
std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view option_for_code(const Question& question, std::string_view text) {
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return text;
  }
  std::size_t code = 0;
  for (char c : text) code = code * 10 + static_cast<std::size_t>(c - '0');
  if (code == 0 || code > question.options.size()) return text;
  return question.options[code - 1].id;
}

void RecordScorer::Impl::split_csv_options(std::size_t index, std::string_view cell, bool codes) {
  const Question& question = bank.questions[index];
  // A cell of one option (or code) as it is; several joined by the first separator that splits it into options
  // only (';', then ',' and '|', as survey tools join them); else split on ';' and let the answer set say what
  // is wrong. Ids never hold a separator, so only one split can work.
  auto split = [&](char separator) {
    options.clear();
    bool all_known = true;
    std::size_t start = 0;
    while (start <= cell.size()) {
      std::size_t end = cell.find(separator, start);
      if (end == std::string_view::npos) end = cell.size();
      std::string_view option = trim_spaces(cell.substr(start, end - start));
      if (!option.empty()) {
        if (codes) option = option_for_code(question, option);
        if (!question.find_option(option)) {
          all_known = false;
          note_numeric_option(option);
        }
        options.push_back(option);
      }
      start = end + 1;
    }
    return all_known;
  };
  const bool all_known = split(';');
  if (question.type != QuestionType::multiple || all_known) return;
  if (cell.find(',') != std::string_view::npos && split(',')) return;
  if (cell.find('|') != std::string_view::npos && split('|')) return;
  split(';');
}

void RecordScorer::Impl::score_csv(const RecordBatch& batch, const BatchRecord& record, std::string& out,
                                   BatchTally& tally) {
  begin();
  const CsvColumns& columns = *batch.columns;
  // A record whose cells cannot be trusted to be in their columns (too long, malformed, another field count) gets
  // its line number as id and no kept values: its cells may be pieces of an answer.
  const bool well_formed = !record.too_long && !record.malformed && record.fields == columns.names.size();
  std::string_view id;
  if (well_formed && columns.id_column) id = batch.cell(record.first + *columns.id_column);
  if (id.empty()) id = id_from_line(record.line);
  if (well_formed && !columns.kept.empty()) {
    std::vector<KeptValue>& kept = writer.kept_values();
    for (std::size_t k = 0; k < columns.kept.size(); ++k) {
      if (columns.kept[k] < record.size) kept[k].set_text(batch.cell(record.first + columns.kept[k]));
    }
  }
  if (record.too_long) {
    fail(RecordCode::line_too_long, fmt::format("record longer than {} bytes", limits.max_line_bytes));
  } else if (record.malformed) {
    fail(RecordCode::invalid_csv, "malformed CSV quoting");
  } else if (record.fields != columns.names.size()) {
    fail(RecordCode::invalid_csv,
         fmt::format("the record has {} fields, the header has {}", record.fields, columns.names.size()));
  } else {
    // Every cell is read, also past the first problem: the valid answers count for the error record's urgency and
    // red flags. An invalid cell is not set; the first problem is the one reported.
    answers_read = true;
    if (columns.strict) {
      for (std::size_t column : columns.unknown) {
        if (!batch.cell(record.first + column).empty()) fail_unknown_question(columns.labels[column]);
      }
    }
    for (std::size_t column = 0; column < record.size; ++column) {
      const std::optional<std::size_t>& index = columns.question[column];
      if (!index) continue;  // the id, a kept column or an unknown one
      std::string_view cell = batch.cell(record.first + column);
      if (cell.empty()) continue;
      const Question& question = bank.questions[*index];
      if (question.type == QuestionType::text) {
        answer_error(answers.set_text_at(*index, cell), *index);
        continue;
      }
      split_csv_options(*index, cell, columns.codes);
      answer_error(answers.set_choice_at(*index, options), *index);
    }
  }
  finish(id, record.line, out, tally);
}

}  // namespace wegwijzer
