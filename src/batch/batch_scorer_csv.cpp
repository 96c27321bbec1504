// Scoring a CSV record: its cells, split on ';' for choice questions, become the answer set.
#include <fmt/format.h>

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

void RecordScorer::Impl::score_csv(const RecordBatch& batch, const BatchRecord& record, std::string& out,
                                   BatchTally& tally) {
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
    // Every cell is read, also past the first problem: the valid answers count for the error record's urgency and
    // red flags. An invalid cell is not set; the first problem is the one reported.
    answers_read = true;
    for (std::size_t column = 0; column < record.size; ++column) {
      std::string_view cell = batch.cell(record.first + column);
      if (cell.empty() || column == columns.id_column) continue;
      const std::optional<std::size_t>& index = columns.question[column];
      if (!index) {
        fail_unknown_question(columns.names[column]);
        continue;
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

}  // namespace wegwijzer
