// Output records of batch scoring: JSON Lines (via ResultJsonWriter) and CSV rows with fixed
// columns, scored or error records, and their tallies.
#include "wegwijzer/batch/batch_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/record/questionnaire_response.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {
void append_number(std::string& out, std::uint64_t value) { fmt::format_to(std::back_inserter(out), "{}", value); }

/// Appends a decimal integer.
void append_integer(std::string& out, long long value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

/// Appends a score as fmt's "{}" writes it (shortest round trip, "-0" kept); integral values directly.
void append_csv_number(std::string& out, double value) {
  if (value > -1e15 && value < 1e15 && !(value == 0 && std::signbit(value))) {
    const auto whole = static_cast<long long>(value);
    if (static_cast<double>(whole) == value) {
      append_integer(out, whole);
      return;
    }
  }
  char buffer[64];  // a double takes at most 24
  const auto result = fmt::format_to_n(buffer, sizeof buffer, "{}", value);
  out.append(buffer, std::min(result.size, sizeof buffer));
}

/// Bytes a CSV id field holds as they are: printable ASCII other than ',' and '"'.
struct PlainCsvBytes {
  bool plain[256] = {};
  constexpr PlainCsvBytes() {
    for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != ',' && c != '"';
  }
  constexpr bool operator[](char c) const { return plain[static_cast<unsigned char>(c)]; }
};
constexpr PlainCsvBytes kPlainCsv;

/// Appends a record id as a CSV field. CSV has no escapes, so controls are dropped; printable ASCII
/// without a comma or quote (the usual id) is copied as it is.
void append_csv_id(std::string& out, std::string_view id) {
  if (std::all_of(id.begin(), id.end(), [](char c) { return kPlainCsv[c]; })) {
    out += id;
  } else {
    append_csv_field(out, sanitize_for_terminal(id, false));
  }
}

/// `text` as a CSV field.
std::string csv_field(std::string_view text) {
  std::string field;
  append_csv_field(field, text);
  return field;
}

/// Counts the urgency and the red flags of `result` (a scored record's, or an error record's valid answers').
inline void tally_safety(BatchTally& tally, const Result& result) {
  auto urgency = static_cast<std::size_t>(result.urgency);
  if (urgency < tally.urgencies.size()) ++tally.urgencies[urgency];
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.rule < tally.red_flags.size()) ++tally.red_flags[flag.rule];
  }
}
}  // namespace

void append_csv_header(std::string& out, const Bank& bank, bool explain, const std::vector<std::string>& kept) {
  out += "id";
  for (const std::string& name : kept) {
    out.push_back(',');
    append_csv_field(out, name);
  }
  out += ",line,status,recommendation,urgency";
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
  out += ",red_flags,error_code,error_message,unknown_red_flags,fired_rules,notes,close_call,answered";
  if (explain) out += ",flip_status,flip_outcome,flip_distance,flip_questions,flip_from,flip_to";
  out.push_back('\n');
}

void append_scored_record(std::string& out, BatchFormat format, const Bank& bank, const AnswerSet& answers,
                          const Result& result, std::string_view id) {
  BatchRecordWriter(bank, format).scored(out, answers, result, id);
}

std::size_t count_answered(const AnswerSet& answers, const Result& result) {
  std::size_t answered = 0;
  for (std::size_t q = 0; q < answers.size(); ++q) answered += answers.refilled(q) ? 1 : 0;
  return answered - std::min(answered, result.ignored.size());
}

BatchRecordWriter::BatchRecordWriter(const Bank& bank, BatchFormat format, bool explain, std::vector<std::string> kept)
    : bank_(&bank), format_(format), explain_(explain), kept_values_(kept.size()) {
  for (const std::string& name : kept) {
    kept_keys_.emplace_back();
    append_json_string(kept_keys_.back(), name);
    kept_keys_.back().push_back(':');
  }
  if (format == BatchFormat::jsonl) {
    json_.emplace(bank, ResultJsonOptions::lean());
    return;
  }
  if (format == BatchFormat::fhir) return;
  for (const Outcome& outcome : bank.outcomes) outcome_fields_.push_back(csv_field(outcome.id));
  for (const Scale& scale : bank.scales) {
    band_fields_.emplace_back();
    for (const Band& band : scale.bands) band_fields_.back().push_back(csv_field(band.id));
  }
  for (const Rule& rule : bank.rules) {
    if (rule.id.find_first_of(",\"\r\n") != std::string::npos) plain_rule_ids_ = false;
  }
}

void BatchRecordWriter::scored(std::string& out, const AnswerSet& answers, const Result& result, std::string_view id,
                               const Flip* flip) {
  if (format_ == BatchFormat::fhir) {
    append_questionnaire_response(out, *bank_, answers, result, id);
    out.push_back('\n');
    return;
  }
  if (json_) {
    json_->append_line(out, answers, result, id);
    if (explain_ || !kept_keys_.empty()) {
      out.resize(out.size() - 2);  // the record's closing "}\n"
      if (explain_) nearest_flip(out, flip, result);
      kept(out);
      out += "}\n";
    }
    return;
  }
  scored_csv(out, answers, result, id);
  if (explain_) {
    out.pop_back();  // the row's newline
    nearest_flip(out, flip, result);
    out.push_back('\n');
  }
}

void BatchRecordWriter::nearest_flip(std::string& out, const Flip* flip, const Result& result) {
  const Bank& bank = *bank_;
  if (json_) {
    out += ",\"nearest_flip\":";
    if (!flip) {
      out += "null";
      return;
    }
    out += "{\"outcome\":";
    append_json_string(out, bank.outcomes[flip->outcome].id);
    out += ",\"distance\":";
    append_integer(out, flip->distance);
    out += ",\"changes\":[";
    for (std::size_t c = 0; c < flip->changes.size(); ++c) {
      const AnswerChange& change = flip->changes[c];
      const Question& question = bank.questions[change.question];
      if (c > 0) out.push_back(',');
      out += "{\"question\":";
      append_json_string(out, question.id);
      for (const auto& [name, options] : {std::pair{",\"from\":[", &change.from}, std::pair{",\"to\":[", &change.to}}) {
        out += name;
        for (std::size_t i = 0; i < options->size(); ++i) {
          if (i > 0) out.push_back(',');
          append_json_string(out, question.options[(*options)[i]].id);
        }
        out.push_back(']');
      }
      out.push_back('}');
    }
    out += "]}";
    return;
  }
  // CSV: how far the flip is, its outcome and distance, then the questions and their answers before and after, a
  // question's options joined with '|', questions with ';'.
  out.push_back(',');
  if (!flip) {
    out += result.red_flags.empty() ? "none,,,,," : "red_flag,,,,,";
    return;
  }
  out += flip->changes.size() == 1 ? "one_answer," : "two_answers,";
  out += outcome_fields_[flip->outcome];
  out.push_back(',');
  append_integer(out, flip->distance);
  std::string joined;
  const auto join = [&](auto part) {
    joined.clear();
    for (std::size_t c = 0; c < flip->changes.size(); ++c) {
      if (c > 0) joined.push_back(';');
      part(flip->changes[c], bank.questions[flip->changes[c].question]);
    }
    out.push_back(',');
    append_csv_field(out, joined);
  };
  join([&](const AnswerChange&, const Question& question) { joined += question.id; });
  for (const std::vector<std::uint16_t> AnswerChange::*side : {&AnswerChange::from, &AnswerChange::to}) {
    join([&](const AnswerChange& change, const Question& question) {
      const std::vector<std::uint16_t>& options = change.*side;
      for (std::size_t i = 0; i < options.size(); ++i) {
        if (i > 0) joined.push_back('|');
        joined += question.options[options[i]].id;
      }
    });
  }
}

void BatchRecordWriter::kept(std::string& out) {
  if (kept_values_.empty()) return;
  if (json_) out += ",\"kept\":{";
  for (std::size_t k = 0; k < kept_values_.size(); ++k) {
    KeptValue& value = kept_values_[k];
    if (json_) {
      if (k > 0) out.push_back(',');
      out += kept_keys_[k];
      switch (value.kind) {
        case KeptValue::Kind::missing: out += "null"; break;
        case KeptValue::Kind::text: append_json_string(out, value.text); break;
        case KeptValue::Kind::json: out += value.text; break;
      }
    } else {
      out.push_back(',');
      // CSV has no escapes: controls and invalid UTF-8 are dropped, as in ids.
      if (value.kind != KeptValue::Kind::missing) append_csv_field(out, sanitize_for_terminal(value.text, false));
    }
    value.kind = KeptValue::Kind::missing;
  }
  if (json_) out.push_back('}');
}

void BatchRecordWriter::scales_csv(std::string& out, const Result& result, bool complete_only) {
  const std::vector<Scale>& scales = bank_->scales;
  auto filled = [&](std::size_t i) {
    return i < result.scales.size() && result.scales[i].band &&
           (!complete_only || result.scales[i].answered_items == scales[i].items.size());
  };
  for (std::size_t i = 0; i < band_fields_.size(); ++i) {
    out.push_back(',');
    if (filled(i)) append_integer(out, result.scales[i].value);
  }
  for (std::size_t i = 0; i < band_fields_.size(); ++i) {
    out.push_back(',');
    if (filled(i) && *result.scales[i].band < band_fields_[i].size()) out += band_fields_[i][*result.scales[i].band];
  }
}

template <typename Names>
void BatchRecordWriter::ids_csv(std::string& out, const std::vector<std::size_t>& ids, const Names& names) {
  flags_.clear();
  for (std::size_t i : ids) {
    if (i >= names.size()) continue;
    if (!flags_.empty()) flags_.push_back(';');
    flags_ += names[i].id;
  }
  append_csv_field(out, flags_);
}

void BatchRecordWriter::scored_csv(std::string& out, const AnswerSet& answers, const Result& result,
                                   std::string_view id) {
  append_csv_id(out, id);
  kept(out);
  out += ",,complete,";
  if (result.recommendation && *result.recommendation < outcome_fields_.size()) {
    out += outcome_fields_[*result.recommendation];
  }
  out.push_back(',');
  out += to_string(result.urgency);
  for (std::size_t i = 0; i < outcome_fields_.size(); ++i) {
    out.push_back(',');
    if (i < result.scores.size()) append_csv_number(out, result.scores[i]);
  }
  scales_csv(out, result, false);
  out.push_back(',');
  red_flags_csv(out, result);
  out += ",,,";  // error_code, error_message
  ids_csv(out, result.unknown_red_flags, bank_->questions);
  out.push_back(',');
  ids_csv(out, result.fired_rules, bank_->rules);
  out.push_back(',');
  ids_csv(out, result.notes, bank_->rules);
  out += result.close_call ? ",true," : ",false,";
  append_integer(out, static_cast<long long>(count_answered(answers, result)));
  out.push_back('\n');
}

void BatchRecordWriter::red_flags_csv(std::string& out, const Result& result) {
  std::string& joined = plain_rule_ids_ ? out : flags_;  // without quoting, the ids go straight out
  flags_.clear();
  const std::size_t start = joined.size();
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.rule >= bank_->rules.size()) continue;
    if (joined.size() != start) joined.push_back(';');
    joined += bank_->rules[flag.rule].id;
  }
  if (!plain_rule_ids_) append_csv_field(out, flags_);
}

void BatchRecordWriter::error(std::string& out, std::string_view id, std::uint64_t line, const RecordProblem& problem,
                              const Result* assessed, const AnswerSet* answers) {
  if (format_ == BatchFormat::fhir) {
    // An incomplete record is a response in progress; one that could not be read is an OperationOutcome.
    if (problem.code == RecordCode::incomplete && assessed && answers) {
      append_questionnaire_response(out, *bank_, *answers, *assessed, id);
    } else {
      append_operation_outcome(out, *bank_, id, line, to_string(problem.code), problem.message,
                               problem.code == RecordCode::line_too_long, assessed);
    }
    out.push_back('\n');
    return;
  }
  if (json_) {
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
    out.push_back('}');
    if (assessed) json_->append_safety(out, *assessed);  // urgency, red_flags, unknown_red_flags
    if (assessed && answers) complete_scales_json(out, *answers, *assessed);
    kept(out);
    out += "}\n";
    return;
  }
  append_csv_id(out, id);
  kept(out);
  out.push_back(',');
  append_number(out, line);
  out += ",error,,";  // status; empty recommendation; the urgency column follows
  if (assessed) out += to_string(assessed->urgency);
  for (std::size_t i = 0; i < outcome_fields_.size(); ++i) out.push_back(',');
  if (assessed && answers) {
    scales_csv(out, *assessed, true);
  } else {
    for (std::size_t i = 0; i < 2 * band_fields_.size(); ++i) out.push_back(',');
  }
  out.push_back(',');  // ends the last band column: the red_flags column follows
  if (assessed) red_flags_csv(out, *assessed);
  out.push_back(',');
  out += to_string(problem.code);
  out.push_back(',');
  append_csv_field(out, sanitize_for_terminal(problem.message, false));
  out.push_back(',');
  if (assessed) ids_csv(out, assessed->unknown_red_flags, bank_->questions);
  out += ",,,,";  // fired_rules, notes, close_call: only for scored records
  if (assessed && answers) append_integer(out, static_cast<long long>(count_answered(*answers, *assessed)));
  if (explain_) out += ",,,,,,";  // an error record has no nearest flip
  out.push_back('\n');
}

void BatchRecordWriter::complete_scales_json(std::string& out, const AnswerSet& answers, const Result& result) {
  out += ",\"answered\":";
  append_integer(out, static_cast<long long>(count_answered(answers, result)));
  out += ",\"scales\":[";
  bool first = true;
  for (std::size_t i = 0; i < result.scales.size() && i < bank_->scales.size(); ++i) {
    const ScaleValue& value = result.scales[i];
    const Scale& scale = bank_->scales[i];
    if (value.answered_items != scale.items.size() || scale.items.empty()) continue;
    if (!first) out.push_back(',');
    first = false;
    out += "{\"id\":";
    append_json_string(out, scale.id);
    out += ",\"value\":";
    append_integer(out, value.value);
    out += ",\"min\":";
    append_integer(out, scale.min_value);
    out += ",\"max\":";
    append_integer(out, scale.max_value);
    out += ",\"band\":";
    if (value.band && *value.band < scale.bands.size()) {
      append_json_string(out, scale.bands[*value.band].id);
    } else {
      out += "null";
    }
    out += ",\"answered_items\":";
    append_integer(out, static_cast<long long>(value.answered_items));
    out.push_back('}');
  }
  out.push_back(']');
}

void append_error_record(std::string& out, BatchFormat format, const Bank& bank, std::string_view id,
                         std::uint64_t line, const RecordProblem& problem, const Result* assessed) {
  BatchRecordWriter(bank, format).error(out, id, line, problem, assessed);
}

void tally_result(BatchTally& tally, const Result& result) {
  ++tally.records;
  ++tally.scored;
  if (result.recommendation && *result.recommendation < tally.recommendations.size()) {
    ++tally.recommendations[*result.recommendation];
  }
  tally_safety(tally, result);
}

void tally_flip(BatchTally& tally, const Result& result, const Flip* flip) {
  if (!result.red_flags.empty()) {
    ++tally.red_flag_decided;
  } else if (!flip) {
    ++tally.no_flip;
  } else {
    if (flip->changes.size() == 1 && result.recommendation) {
      const std::size_t outcomes = result.scores.size();
      const std::size_t pair = *result.recommendation * outcomes + flip->outcome;
      if (pair < tally.one_away.size()) ++tally.one_away[pair];
    } else {
      ++tally.two_away;
    }
    for (const AnswerChange& change : flip->changes) {
      if (change.question < tally.deciding.size()) ++tally.deciding[change.question];
    }
  }
}

void tally_error(BatchTally& tally, RecordCode code, const Result* assessed) {
  ++tally.records;
  ++tally.errors;
  ++tally.codes[static_cast<std::size_t>(code)];
  if (assessed) tally_safety(tally, *assessed);
}

}  // namespace wegwijzer
