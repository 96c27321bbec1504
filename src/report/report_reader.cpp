// Reading the output of `wegwijzer score` (JSON Lines or CSV) into counts.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "report_csv.hpp"
#include "wegwijzer/report/report.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {

/// Deepest nesting a results line may have (score writes at most 4 levels).
constexpr int max_depth = 16;

/// One record as the report counts it.
struct Record {
  bool scored = false;
  std::optional<std::size_t> recommendation;
  std::optional<std::size_t> urgency;
  std::vector<std::size_t> red_flags;  ///< rule indices
  std::vector<std::size_t> unknown;    ///< question indices
  bool close_call = false;
  std::optional<std::size_t> error_code;
  struct Scale {
    std::size_t scale = 0;
    std::optional<int> value;
    std::optional<std::size_t> band;
  };
  std::vector<Scale> scales;
  std::string group;
};

/// Where a problem is: the input and line, for messages.
struct Place {
  const std::string& name;
  std::size_t line = 0;
};

[[noreturn]] void fail(const Place& place, std::string_view where, std::string_view what) {
  throw Fatal(ExitCode::data, fmt::format("{}:{}: {}{}{}", sanitize_for_terminal(place.name, false), place.line, where,
                                          where.empty() ? "" : ": ", what));
}

/// An id from the results as a message may show it: itself when it looks like an id, else a description.
std::string shown_id(std::string_view id) {
  const bool plain = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
  return plain ? fmt::format("\"{}\"", id) : std::string("(a value that is no id)");
}

std::optional<std::size_t> urgency_index(std::string_view text) {
  for (Urgency urgency : {Urgency::routine, Urgency::prompt, Urgency::crisis}) {
    if (text == to_string(urgency)) return static_cast<std::size_t>(urgency);
  }
  return std::nullopt;
}

std::optional<std::size_t> error_code_index(std::string_view text) {
  for (std::size_t i = 0; i < report_error_codes.size(); ++i) {
    if (report_error_codes[i] == text) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> red_flag_rule(const Bank& bank, std::string_view id) {
  for (std::size_t i = 0; i < bank.rules.size(); ++i) {
    if (bank.rules[i].id == id) return bank.rules[i].effects.red_flag ? std::optional<std::size_t>(i) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::size_t> band_index(const Scale& scale, std::string_view id) {
  for (std::size_t i = 0; i < scale.bands.size(); ++i) {
    if (scale.bands[i].id == id) return i;
  }
  return std::nullopt;
}

/// Counts `record` into `counts`.
void count(const Bank& bank, const Record& record, CohortCounts& counts) {
  ++counts.records;
  if (record.scored) {
    ++counts.scored;
    if (record.recommendation) ++counts.recommendations[*record.recommendation];
    if (record.close_call) ++counts.close_calls;
  } else {
    ++counts.errors;
    if (record.error_code) ++counts.error_codes[*record.error_code];
  }
  if (record.urgency) {
    ++counts.assessed;
    ++counts.urgencies[*record.urgency];
    for (std::size_t rule : record.red_flags) ++counts.red_flags[rule];
    for (std::size_t question : record.unknown) ++counts.unknown_red_flags[question];
  }
  for (const Record::Scale& scale : record.scales) {
    ++counts.with_scale[scale.scale];
    const Scale& defined = bank.scales[scale.scale];
    if (!scale.band) {
      ++counts.bands[scale.scale].back();
      continue;
    }
    ++counts.bands[scale.scale][*scale.band];
    if (scale.value) ++counts.values[scale.scale][static_cast<std::size_t>(*scale.value - defined.min_value)];
  }
}

void unique(std::vector<std::size_t>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

/// The group label of a kept JSON value: strings as they are, numbers and booleans as JSON writes them, null "".
std::string group_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  if (value.is_boolean() || value.is_number()) return value.dump();
  return {};
}

/// Reads one scale value: an integer within the scale's range.
std::optional<int> scale_value(const Scale& scale, double value, const Place& place, const std::string& where) {
  if (value != static_cast<double>(static_cast<long long>(value)) || value < scale.min_value ||
      value > scale.max_value) {
    fail(place, where,
         fmt::format("not a value of scale \"{}\" ({} to {})", scale.id, scale.min_value, scale.max_value));
  }
  return static_cast<int>(value);
}

class JsonLinesRecord {
 public:
  JsonLinesRecord(const Bank& bank, const Place& place, const std::string& by) : bank_(bank), place_(place), by_(by) {}

  /// Reads one line; sets `has_by` when the record keeps the --by column.
  Record read(const std::string& line, bool& has_by) {
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(line, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > max_depth) throw std::out_of_range("too deep");
        return true;
      });
    } catch (const std::exception&) {
      // what() may echo input bytes: never shown.
      fail(place_, "", "not valid JSON (a line of wegwijzer score's JSON Lines output was expected)");
    }
    if (!json.is_object()) fail(place_, "", "not a JSON object (a record of wegwijzer score was expected)");
    Record record;
    if (auto version = json.find("schema_version"); version != json.end() && *version != 1) {
      fail(place_, "/schema_version", "not 1 (this wegwijzer reads schema version 1)");
    }
    if (!json.contains("status") && json.contains("answers")) {  // answers, not results
      fail(place_, "/status", "missing: this is an answer record, not the output of 'wegwijzer score'; score it first");
    }
    const std::string status = string_field(json, "status", true);
    if (status == "complete") {
      record.scored = true;
      // A bank without outcomes (an instrument) scores complete records with a null recommendation.
      if (!bank_.outcomes.empty() || !json.contains("recommendation") || !json["recommendation"].is_null()) {
        const std::string outcome = string_field(json, "recommendation", true);
        record.recommendation = bank_.find_outcome(outcome);
        if (!record.recommendation) fail(place_, "/recommendation", unknown("outcome", outcome));
      }
      if (!json.contains("urgency")) fail(place_, "/urgency", "missing in a complete record");
      if (auto close = json.find("close_call"); close != json.end()) {
        if (!close->is_boolean()) fail(place_, "/close_call", "not true or false");
        record.close_call = close->get<bool>();
      }
    } else if (status == "error") {
      auto error = json.find("error");
      if (error == json.end() || !error->is_object()) fail(place_, "/error", "missing or not an object");
      auto code = error->find("code");
      if (code == error->end() || !code->is_string()) fail(place_, "/error/code", "missing or not a string");
      record.error_code = error_code_index(code->get<std::string>());
      if (!record.error_code) fail(place_, "/error/code", unknown("error code", code->get<std::string>()));
    } else {
      fail(place_, "/status", "not \"complete\" or \"error\"");
    }
    if (json.contains("urgency")) {
      const std::string urgency = string_field(json, "urgency", true);
      record.urgency = urgency_index(urgency);
      if (!record.urgency) fail(place_, "/urgency", "not routine, prompt or crisis");
    }
    if (auto flags = json.find("red_flags"); flags != json.end()) {
      if (!flags->is_array()) fail(place_, "/red_flags", "not an array");
      for (std::size_t i = 0; i < flags->size(); ++i) {
        const auto& flag = (*flags)[i];
        const std::string where = fmt::format("/red_flags/{}/rule", i);
        if (!flag.is_object() || !flag.contains("rule") || !flag["rule"].is_string()) fail(place_, where, "missing");
        const std::string id = flag["rule"].get<std::string>();
        auto rule = red_flag_rule(bank_, id);
        if (!rule) fail(place_, where, unknown("red-flag rule", id));
        record.red_flags.push_back(*rule);
      }
      unique(record.red_flags);
    }
    if (auto questions = json.find("unknown_red_flags"); questions != json.end()) {
      if (!questions->is_array()) fail(place_, "/unknown_red_flags", "not an array");
      for (std::size_t i = 0; i < questions->size(); ++i) {
        const std::string where = fmt::format("/unknown_red_flags/{}", i);
        if (!(*questions)[i].is_string()) fail(place_, where, "not a string");
        const std::string id = (*questions)[i].get<std::string>();
        auto question = bank_.find_question(id);
        if (!question) fail(place_, where, unknown("question", id));
        record.unknown.push_back(*question);
      }
      unique(record.unknown);
    }
    if (auto scales = json.find("scales"); scales != json.end()) {
      if (!scales->is_array()) fail(place_, "/scales", "not an array");
      for (std::size_t i = 0; i < scales->size(); ++i) record.scales.push_back(read_scale((*scales)[i], i));
    }
    if (auto kept = json.find("kept"); kept != json.end() && !by_.empty()) {
      if (!kept->is_object()) fail(place_, "/kept", "not an object");
      if (auto value = kept->find(by_); value != kept->end()) {
        has_by = true;
        record.group = group_of(*value);
      }
    }
    return record;
  }

 private:
  std::string unknown(std::string_view what, std::string_view id) const {
    return fmt::format("unknown {} {} (bank {} has none of that id)", what, shown_id(id),
                       sanitize_for_terminal(bank_.id, false));
  }

  std::string string_field(const nlohmann::json& json, const char* key, bool required) const {
    auto found = json.find(key);
    if (found == json.end() || found->is_null()) {
      if (required) fail(place_, fmt::format("/{}", key), "missing");
      return {};
    }
    if (!found->is_string()) fail(place_, fmt::format("/{}", key), "not a string");
    return found->get<std::string>();
  }

  Record::Scale read_scale(const nlohmann::json& item, std::size_t i) const {
    const std::string where = fmt::format("/scales/{}", i);
    if (!item.is_object()) fail(place_, where, "not an object");
    auto id = item.find("id");
    if (id == item.end() || !id->is_string()) fail(place_, where + "/id", "missing or not a string");
    Record::Scale scale;
    auto index = bank_.find_scale(id->get<std::string>());
    if (!index) fail(place_, where + "/id", unknown("scale", id->get<std::string>()));
    scale.scale = *index;
    const Scale& defined = bank_.scales[*index];
    if (auto band = item.find("band"); band != item.end() && !band->is_null()) {
      if (!band->is_string()) fail(place_, where + "/band", "not a string or null");
      scale.band = band_index(defined, band->get<std::string>());
      if (!scale.band) {
        fail(place_, where + "/band",
             fmt::format("unknown band {} of scale \"{}\"", shown_id(band->get<std::string>()), defined.id));
      }
      auto value = item.find("value");
      if (value == item.end() || !value->is_number()) fail(place_, where + "/value", "missing or not a number");
      scale.value = scale_value(defined, value->get<double>(), place_, where + "/value");
    }
    return scale;
  }

  const Bank& bank_;
  const Place& place_;
  const std::string& by_;
};

/// The columns of a CSV results header.
class CsvColumns {
 public:
  CsvColumns(const Bank& bank, const std::vector<std::string>& header, const Place& place, const std::string& by)
      : bank_(bank), place_(place) {
    scale_value_.assign(bank.scales.size(), npos);
    scale_band_.assign(bank.scales.size(), npos);
    static const std::vector<std::string> fixed = {"id",
                                                   "line",
                                                   "status",
                                                   "recommendation",
                                                   "urgency",
                                                   "red_flags",
                                                   "error_code",
                                                   "error_message",
                                                   "unknown_red_flags",
                                                   "fired_rules",
                                                   "notes",
                                                   "close_call",
                                                   "answered",
                                                   "flip_status",
                                                   "flip_outcome",
                                                   "flip_distance",
                                                   "flip_questions",
                                                   "flip_from",
                                                   "flip_to"};
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string& name = header[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (header[j] == name) fail(place_, fmt::format("column {}", i + 1), "the header repeats a column name");
      }
      if (name == "status") status_ = i;
      if (name == "recommendation") recommendation_ = i;
      if (name == "urgency") urgency_ = i;
      if (name == "red_flags") red_flags_ = i;
      if (name == "error_code") error_code_ = i;
      if (name == "unknown_red_flags") unknown_ = i;
      if (name == "close_call") close_call_ = i;
      if (std::find(fixed.begin(), fixed.end(), name) != fixed.end()) continue;
      if (prefixed(name, "score_")) {
        if (!bank.find_outcome(name.substr(6))) fail(place_, column(i, name), "no outcome of the bank");
        continue;
      }
      if (prefixed(name, "scale_") || prefixed(name, "band_")) {
        const bool is_value = prefixed(name, "scale_");
        auto scale = bank.find_scale(name.substr(is_value ? 6 : 5));
        if (!scale) fail(place_, column(i, name), "no scale of the bank");
        (is_value ? scale_value_ : scale_band_)[*scale] = i;
        continue;
      }
      if (!by.empty() && name == by) by_ = i;  // a kept column
    }
    if (status_ == npos) {
      fail(place_, "header", "no column \"status\" (the header of wegwijzer score's CSV output was expected)");
    }
    width_ = header.size();
  }

  bool has_by() const { return by_ != npos; }

  Record read(const std::vector<std::string>& cells) const {
    if (cells.size() != width_) {
      fail(place_, "", fmt::format("{} fields where the header has {}", cells.size(), width_));
    }
    Record record;
    const std::string& status = cells[status_];
    if (status == "complete") {
      record.scored = true;
      const std::string& outcome = cell(cells, recommendation_);
      if (!bank_.outcomes.empty() || !outcome.empty()) {
        record.recommendation = bank_.find_outcome(outcome);
        if (!record.recommendation) fail(place_, "column recommendation", unknown("outcome", outcome));
      }
      const std::string& close = cell(cells, close_call_);
      if (close != "true" && close != "false" && !close.empty()) {
        fail(place_, "column close_call", "not true or false");
      }
      record.close_call = close == "true";
    } else if (status == "error") {
      const std::string& code = cell(cells, error_code_);
      record.error_code = error_code_index(code);
      if (!record.error_code) fail(place_, "column error_code", unknown("error code", code));
    } else {
      fail(place_, "column status", "not complete or error");
    }
    const std::string& urgency = cell(cells, urgency_);
    if (!urgency.empty()) {
      record.urgency = urgency_index(urgency);
      if (!record.urgency) fail(place_, "column urgency", "not routine, prompt or crisis");
    } else if (record.scored) {
      fail(place_, "column urgency", "empty in a complete record");
    }
    for (const std::string& id : split(cell(cells, red_flags_))) {
      auto rule = red_flag_rule(bank_, id);
      if (!rule) fail(place_, "column red_flags", unknown("red-flag rule", id));
      record.red_flags.push_back(*rule);
    }
    unique(record.red_flags);
    for (const std::string& id : split(cell(cells, unknown_))) {
      auto question = bank_.find_question(id);
      if (!question) fail(place_, "column unknown_red_flags", unknown("question", id));
      record.unknown.push_back(*question);
    }
    unique(record.unknown);
    for (std::size_t s = 0; s < bank_.scales.size(); ++s) {
      const Scale& defined = bank_.scales[s];
      const std::string& value = cell(cells, scale_value_[s]);
      const std::string& band = cell(cells, scale_band_[s]);
      if (!record.scored && value.empty() && band.empty()) continue;  // an error record without this scale
      if (scale_value_[s] == npos && scale_band_[s] == npos) continue;
      Record::Scale scale;
      scale.scale = s;
      if (!band.empty()) {
        scale.band = band_index(defined, band);
        if (!scale.band) {
          fail(place_, "column band_" + defined.id,
               fmt::format("unknown band {} of scale \"{}\"", shown_id(band), defined.id));
        }
        if (!value.empty()) {
          double number = 0;
          std::istringstream parse(value);
          parse.imbue(std::locale::classic());
          if (!(parse >> number) || !parse.eof()) fail(place_, "column scale_" + defined.id, "not a number");
          scale.value = scale_value(defined, number, place_, "column scale_" + defined.id);
        }
      }
      record.scales.push_back(scale);
    }
    if (by_ != npos) record.group = cells[by_];
    return record;
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  static bool prefixed(const std::string& name, std::string_view prefix) { return name.rfind(prefix, 0) == 0; }

  static std::string column(std::size_t index, const std::string& name) {
    return fmt::format("column {} {}", index + 1, shown_id(name));
  }

  static const std::string& cell(const std::vector<std::string>& cells, std::size_t index) {
    static const std::string empty;
    return index == npos ? empty : cells[index];
  }

  static std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    if (text.empty()) return parts;
    std::size_t start = 0;
    while (true) {
      std::size_t end = text.find(';', start);
      std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!part.empty()) parts.push_back(part);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return parts;
  }

  std::string unknown(std::string_view what, std::string_view id) const {
    return fmt::format("unknown {} {} (bank {} has none of that id)", what, shown_id(id),
                       sanitize_for_terminal(bank_.id, false));
  }

  const Bank& bank_;
  const Place& place_;
  std::size_t width_ = 0;
  std::size_t status_ = npos, recommendation_ = npos, urgency_ = npos, red_flags_ = npos, error_code_ = npos,
              unknown_ = npos, close_call_ = npos, by_ = npos;
  std::vector<std::size_t> scale_value_, scale_band_;
};

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

CohortCounts CohortCounts::for_bank(const Bank& bank) {
  CohortCounts counts;
  counts.recommendations.assign(bank.outcomes.size(), 0);
  counts.red_flags.assign(bank.rules.size(), 0);
  counts.unknown_red_flags.assign(bank.questions.size(), 0);
  counts.with_scale.assign(bank.scales.size(), 0);
  for (const Scale& scale : bank.scales) {
    counts.bands.emplace_back(scale.bands.size() + 1, 0);
    counts.values.emplace_back(static_cast<std::size_t>(std::max(0, scale.max_value - scale.min_value + 1)), 0);
  }
  return counts;
}

void CohortCounts::add(const CohortCounts& other) {
  auto add_all = [](auto& to, const auto& from) {
    for (std::size_t i = 0; i < to.size() && i < from.size(); ++i) to[i] += from[i];
  };
  records += other.records;
  scored += other.scored;
  errors += other.errors;
  assessed += other.assessed;
  close_calls += other.close_calls;
  add_all(recommendations, other.recommendations);
  add_all(urgencies, other.urgencies);
  add_all(red_flags, other.red_flags);
  add_all(unknown_red_flags, other.unknown_red_flags);
  add_all(error_codes, other.error_codes);
  add_all(with_scale, other.with_scale);
  for (std::size_t i = 0; i < bands.size() && i < other.bands.size(); ++i) add_all(bands[i], other.bands[i]);
  for (std::size_t i = 0; i < values.size() && i < other.values.size(); ++i) add_all(values[i], other.values[i]);
}

CohortReader::CohortReader(const Bank& bank, std::string by) : bank_(bank) {
  tally_.by = std::move(by);
  tally_.all = CohortCounts::for_bank(bank);
}

void CohortReader::read_text(std::string_view text, const std::string& name) {
  std::istringstream in{std::string(text)};
  read(in, name);
}

void CohortReader::read(std::istream& in, const std::string& name) {
  Place place{name, 0};
  auto add = [&](const Record& record) {
    count(bank_, record, tally_.all);
    if (tally_.by.empty()) return;
    auto group = tally_.groups.find(record.group);
    if (group == tally_.groups.end()) {
      group = tally_.groups.emplace(record.group, CohortCounts::for_bank(bank_)).first;
    }
    count(bank_, record, group->second);
  };
  std::string line;
  std::size_t number = 0;
  // The first line that is not blank decides the format: '{' is JSON Lines, anything else CSV.
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!blank(line)) break;
  }
  if (blank(line)) return;  // an empty input: nothing to count
  const std::size_t first = line.find_first_not_of(" \t");
  if (line[first] == '{') {
    JsonLinesRecord reader(bank_, place, tally_.by);
    do {
      place.line = number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (blank(line)) continue;
      if (line.size() > report::max_record_bytes) fail(place, "", "the line is longer than 1 MiB");
      bool has_by = false;
      add(reader.read(line, has_by));
      tally_.by_seen = tally_.by_seen || has_by;
    } while (std::getline(in, line) && ++number);
    if (in.bad()) throw Fatal(ExitCode::io, fmt::format("cannot read {}", sanitize_for_terminal(name, false)));
    return;
  }
  report::CsvRecords records(in);
  records.push_line(line, number);
  std::vector<std::string> fields;
  std::size_t at = 0;
  auto next = [&] {
    try {
      return records.next(fields, at);
    } catch (const std::runtime_error& e) {
      place.line = at == 0 ? number : at;
      fail(place, "", fmt::format("not valid CSV: {}", e.what()));
    }
  };
  next();
  place.line = at;
  CsvColumns columns(bank_, fields, place, tally_.by);
  tally_.by_seen = tally_.by_seen || columns.has_by();
  while (next()) {
    place.line = at;
    add(columns.read(fields));
  }
  if (in.bad()) throw Fatal(ExitCode::io, fmt::format("cannot read {}", sanitize_for_terminal(name, false)));
}

const CohortTally& CohortReader::tally() const {
  if (!tally_.by.empty() && !tally_.by_seen && tally_.all.records > 0) {
    throw Fatal(ExitCode::data,
                fmt::format("--by {}: no input has a kept column of that name (run wegwijzer score with --keep {})",
                            shown_id(tally_.by), shown_id(tally_.by)));
  }
  return tally_;
}

}  // namespace wegwijzer
