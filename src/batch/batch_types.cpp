// Small shared pieces of batch scoring: format names, record codes and tallies.
#include <algorithm>
#include <cctype>

#include "wegwijzer/batch/batch.hpp"

namespace wegwijzer {

bool parse_batch_format(std::string_view name, BatchFormat& format) {
  if (name == "jsonl") {
    format = BatchFormat::jsonl;
    return true;
  }
  if (name == "csv") {
    format = BatchFormat::csv;
    return true;
  }
  if (name == "fhir") {
    format = BatchFormat::fhir;
    return true;
  }
  return false;
}

bool batch_format_from_extension(std::string_view path, BatchFormat& format) {
  std::size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(base.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == "jsonl" || extension == "ndjson" || extension == "json") {
    format = BatchFormat::jsonl;
    return true;
  }
  if (extension == "csv") {
    format = BatchFormat::csv;
    return true;
  }
  return false;
}

std::string_view to_string(RecordCode code) {
  switch (code) {
    case RecordCode::invalid_json: return "invalid_json";
    case RecordCode::not_an_object: return "not_an_object";
    case RecordCode::missing_answers: return "missing_answers";
    case RecordCode::unknown_question: return "unknown_question";
    case RecordCode::unknown_option: return "unknown_option";
    case RecordCode::wrong_type: return "wrong_type";
    case RecordCode::duplicate_option: return "duplicate_option";
    case RecordCode::exclusive_option: return "exclusive_option";
    case RecordCode::duplicate_key: return "duplicate_key";
    case RecordCode::incomplete: return "incomplete";
    case RecordCode::line_too_long: return "line_too_long";
    case RecordCode::too_many_answers: return "too_many_answers";
    case RecordCode::invalid_csv: return "invalid_csv";
  }
  return "invalid_json";
}

BatchTally BatchTally::for_bank(const Bank& bank) {
  BatchTally tally;
  tally.recommendations.assign(bank.outcomes.size(), 0);
  tally.red_flags.assign(bank.rules.size(), 0);
  tally.one_away.assign(bank.outcomes.size() * bank.outcomes.size(), 0);
  tally.deciding.assign(bank.questions.size(), 0);
  return tally;
}

void BatchTally::add(const BatchTally& other) {
  records += other.records;
  scored += other.scored;
  errors += other.errors;
  if (recommendations.size() < other.recommendations.size()) recommendations.resize(other.recommendations.size());
  for (std::size_t i = 0; i < other.recommendations.size(); ++i) recommendations[i] += other.recommendations[i];
  if (red_flags.size() < other.red_flags.size()) red_flags.resize(other.red_flags.size());
  for (std::size_t i = 0; i < other.red_flags.size(); ++i) red_flags[i] += other.red_flags[i];
  for (std::size_t i = 0; i < urgencies.size(); ++i) urgencies[i] += other.urgencies[i];
  for (std::size_t i = 0; i < codes.size(); ++i) codes[i] += other.codes[i];
  explained = explained || other.explained;
  if (one_away.size() < other.one_away.size()) one_away.resize(other.one_away.size());
  for (std::size_t i = 0; i < other.one_away.size(); ++i) one_away[i] += other.one_away[i];
  two_away += other.two_away;
  no_flip += other.no_flip;
  red_flag_decided += other.red_flag_decided;
  if (deciding.size() < other.deciding.size()) deciding.resize(other.deciding.size());
  for (std::size_t i = 0; i < other.deciding.size(); ++i) deciding[i] += other.deciding[i];
  unknown_unnamed += other.unknown_unnamed;
  unknown_overflow += other.unknown_overflow;
  numeric_options += other.numeric_options;
  line_ids += other.line_ids;
  for (const auto& [name, count] : other.unknown_names) {
    auto found = unknown_names.find(name);
    if (found != unknown_names.end()) {
      found->second += count;
    } else if (unknown_names.size() < max_unknown_names) {
      unknown_names.emplace(name, count);
    } else {
      unknown_overflow += count;
    }
  }
}

}  // namespace wegwijzer
