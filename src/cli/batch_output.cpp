// Output records of batch scoring: JSON Lines (via append_result_json) and CSV rows with fixed
// columns, scored or error records, and their tallies.
#include "wegwijzer/batch_output.hpp"

#include <fmt/format.h>

#include <iterator>

#include "wegwijzer/csv.hpp"
#include "wegwijzer/result_json.hpp"
#include "wegwijzer/sanitize.hpp"

namespace wegwijzer {

namespace {
void append_number(std::string& out, double value) { fmt::format_to(std::back_inserter(out), "{}", value); }
void append_number(std::string& out, std::uint64_t value) { fmt::format_to(std::back_inserter(out), "{}", value); }
}  // namespace

void append_csv_header(std::string& out, const Bank& bank) {
  out += "id,line,status,recommendation,urgency";
  for (const Outcome& outcome : bank.outcomes) {
    out.push_back(',');
    append_csv_field(out, "score_" + outcome.id);
  }
  for (const Scale& scale : bank.scales) {
    out.push_back(',');
    append_csv_field(out, "scale_" + scale.id);
  }
  for (const Scale& scale : bank.scales) {
    out.push_back(',');
    append_csv_field(out, "band_" + scale.id);
  }
  out += ",red_flags,error_code,error_message\n";
}

void append_scored_record(std::string& out, BatchFormat format, const Bank& bank, const AnswerSet& answers,
                          const Result& result, std::string_view id) {
  if (format == BatchFormat::jsonl) {
    append_result_json(out, bank, answers, result, id, ResultJsonOptions::lean());
    out.push_back('\n');
    return;
  }
  append_csv_field(out, sanitize_for_terminal(id, false));  // CSV has no escapes: drop controls
  out += ",,complete,";
  if (result.recommendation) append_csv_field(out, bank.outcomes[*result.recommendation].id);
  out.push_back(',');
  out += to_string(result.urgency);
  for (std::size_t i = 0; i < bank.outcomes.size(); ++i) {
    out.push_back(',');
    if (i < result.scores.size()) append_number(out, result.scores[i]);
  }
  for (std::size_t i = 0; i < bank.scales.size(); ++i) {
    out.push_back(',');
    if (i < result.scales.size() && result.scales[i].band) {
      fmt::format_to(std::back_inserter(out), "{}", result.scales[i].value);
    }
  }
  for (std::size_t i = 0; i < bank.scales.size(); ++i) {
    out.push_back(',');
    if (i < result.scales.size() && result.scales[i].band) {
      append_csv_field(out, bank.scales[i].bands[*result.scales[i].band].id);
    }
  }
  out.push_back(',');
  std::string flags;
  for (const RaisedFlag& flag : result.red_flags) {
    if (!flags.empty()) flags.push_back(';');
    flags += bank.rules[flag.rule].id;
  }
  append_csv_field(out, flags);
  out += ",,\n";
}

BatchRecordWriter::BatchRecordWriter(const Bank& bank, BatchFormat format) : bank_(&bank), format_(format) {}

void BatchRecordWriter::scored(std::string& out, const AnswerSet& answers, const Result& result,
                               std::string_view id) const {
  append_scored_record(out, format_, *bank_, answers, result, id);
}

void BatchRecordWriter::error(std::string& out, std::string_view id, std::uint64_t line,
                              const RecordProblem& problem) const {
  append_error_record(out, format_, *bank_, id, line, problem);
}

void append_error_record(std::string& out, BatchFormat format, const Bank& bank, std::string_view id,
                         std::uint64_t line, const RecordProblem& problem) {
  if (format == BatchFormat::jsonl) {
    out += "{\"id\":";
    append_json_string(out, id);
    out += ",\"line\":";
    append_number(out, line);
    out += ",\"status\":\"error\",\"error\":{\"code\":\"";
    out += to_string(problem.code);
    out += "\",\"message\":";
    append_json_string(out, problem.message);
    if (!problem.question.empty()) {
      out += ",\"question\":";
      append_json_string(out, problem.question);
    }
    if (problem.code == RecordCode::incomplete) {
      out += ",\"missing\":[";
      for (std::size_t i = 0; i < problem.missing.size(); ++i) {
        if (i > 0) out.push_back(',');
        append_json_string(out, problem.missing[i]);
      }
      out.push_back(']');
    }
    out += "}}\n";
    return;
  }
  append_csv_field(out, sanitize_for_terminal(id, false));  // CSV has no escapes: drop controls
  out.push_back(',');
  append_number(out, line);
  out += ",error,,";  // status; empty recommendation; the urgency column follows
  for (std::size_t i = 0; i < bank.outcomes.size() + 2 * bank.scales.size(); ++i) out.push_back(',');
  out += ",,";  // ends the last band column, then the empty red_flags column
  out += to_string(problem.code);
  out.push_back(',');
  append_csv_field(out, sanitize_for_terminal(problem.message, false));
  out.push_back('\n');
}

void tally_result(BatchTally& tally, const Result& result) {
  ++tally.records;
  ++tally.scored;
  if (result.recommendation && *result.recommendation < tally.recommendations.size()) {
    ++tally.recommendations[*result.recommendation];
  }
  auto urgency = static_cast<std::size_t>(result.urgency);
  if (urgency < tally.urgencies.size()) ++tally.urgencies[urgency];
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.rule < tally.red_flags.size()) ++tally.red_flags[flag.rule];
  }
}

void tally_error(BatchTally& tally, RecordCode code) {
  ++tally.records;
  ++tally.errors;
  ++tally.codes[static_cast<std::size_t>(code)];
}

}  // namespace wegwijzer
