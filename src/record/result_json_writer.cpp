// The machine form of a result: one compact JSON object, from fragments prepared per bank.
#include "wegwijzer/record/result_json_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "json_sink.hpp"
#include "wegwijzer/support/version.hpp"

namespace wegwijzer {
namespace {

/// Version of the machine record layout; bump when a field changes meaning or order.
constexpr int kResultSchemaVersion = 1;

/// Room for the fixed text between the parts of a record: field names and punctuation (about 200 bytes).
constexpr std::size_t kFixedRoom = 256;

/// Room for the fixed text of one list entry besides its pieces and numbers (at most
/// `,"margin":` and `,"excluded":false},`).
constexpr std::size_t kEntryRoom = 32;

/// `text` as a JSON string literal.
std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

/// Where a list that wrote `count` entries, each ending in a comma, ends: before its last comma.
inline char* drop_last_comma(char* to, std::size_t count) { return count != 0 ? to - 1 : to; }

}  // namespace

ResultJsonWriter::ResultJsonWriter(const Bank& bank, const ResultJsonOptions& options)
    : bank_(&bank), options_(options) {
  prepare_head(bank);
  prepare_outcomes(bank);
  prepare_scales(bank);
  prepare_rules(bank);
  prepare_questions(bank);
  prepare_tail_and_room(bank);
  text_.append(kPadding, '\0');  // put_padded reads whole 16-byte blocks, at least two
  make_views();
}

void ResultJsonWriter::make_views() {
  views_ = Views{table(heads_),        table(urgencies_),         table(score_keys_),        table(ranking_heads_),
                 table(reason_tails_), table(scale_heads_),       table(rule_ids_),          table(flag_heads_),
                 table(tiers_),        table(rule_reason_heads_), table(question_ids_),      table(question_keys_),
                 view(scale_tails_),   view(option_ids_),         view(answer_reason_heads_)};
}

ResultJsonWriter::Piece ResultJsonWriter::add(std::string_view text) {
  const Piece piece{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(text.size())};
  text_ += text;
  return piece;
}

std::size_t ResultJsonWriter::longest(const Pieces& pieces) {
  std::size_t size = 0;
  for (const Piece& piece : pieces) size = std::max<std::size_t>(size, piece.size);
  return size;
}

void ResultJsonWriter::add_row(Grid& grid) {
  grid.rows.push_back(Row{static_cast<std::uint32_t>(grid.pieces.size()), 0});
}

void ResultJsonWriter::add(Grid& grid, std::string_view text) {
  grid.pieces.push_back(add(text));
  grid.rows.back().last = static_cast<std::uint32_t>(grid.pieces.size() - 1 - grid.rows.back().first);
}

void ResultJsonWriter::prepare_head(const Bank& bank) {
  for (const char* status : {"complete", "incomplete"}) {  // in the order of heads_: Status::complete first
    const std::string head = ",\"status\":\"" + std::string(status) + "\",\"recommendation\":";
    for (const Outcome& outcome : bank.outcomes) add(heads_, head + quoted(outcome.id));
    add(heads_, head + quoted(""));  // an outcome out of range
    add(heads_, head + "null");      // no recommendation
  }
  const std::string first_key = bank.outcomes.empty() ? "" : quoted(bank.outcomes.front().id) + ":";
  for (int u = 0; u <= static_cast<int>(Urgency::crisis) + 1; ++u) {  // the last one for a value out of range
    add(urgencies_,
        ",\"urgency\":\"" + std::string(to_string(static_cast<Urgency>(u))) + "\",\"scores\":{" + first_key);
  }
  for (const Outcome& outcome : bank.outcomes) add(score_keys_, "," + quoted(outcome.id) + ":");
  add(score_keys_, ",\"\":");
}

void ResultJsonWriter::prepare_outcomes(const Bank& bank) {
  auto add_outcome = [&](const std::string& id) {
    add(ranking_heads_, "{\"outcome\":" + id + ",\"score\":");
    add(reason_tails_, ",\"outcome\":" + id + ",\"effect\":");
  };
  for (const Outcome& outcome : bank.outcomes) add_outcome(quoted(outcome.id));
  add_outcome(quoted(""));
}

void ResultJsonWriter::prepare_scales(const Bank& bank) {
  auto add_scale = [&](const std::string& id, int min, int max, const std::vector<Band>& bands) {
    add(scale_heads_, "{\"id\":" + id + ",\"value\":");
    const std::string range = ",\"min\":" + std::to_string(min) + ",\"max\":" + std::to_string(max) + ",\"band\":";
    add_row(scale_tails_);
    for (const Band& band : bands) add(scale_tails_, range + quoted(band.id) + ",\"answered_items\":");
    add(scale_tails_, range + "null,\"answered_items\":");  // no band, or one out of range
  };
  for (const Scale& scale : bank.scales) add_scale(quoted(scale.id), scale.min_value, scale.max_value, scale.bands);
  add_scale(quoted(""), 0, 0, {});
}

void ResultJsonWriter::prepare_rules(const Bank& bank) {
  const std::string nulls = options_.reason_nulls ? ",\"question\":null,\"option\":null" : "";
  for (const Rule& rule : bank.rules) {
    const std::string id = quoted(rule.id);
    add(rule_ids_, id + ",");
    add(flag_heads_, "{\"rule\":" + id + ",\"tier\":\"");
    add(rule_reason_heads_, "{\"kind\":\"rule\"" + nulls + ",\"rule\":" + id);
  }
  const std::string none = quoted("");
  add(rule_ids_, none + ",");
  add(flag_heads_, "{\"rule\":" + none + ",\"tier\":\"");
  add(rule_reason_heads_, "{\"kind\":\"rule\"" + nulls + (options_.reason_nulls ? ",\"rule\":null" : ""));
  for (int t = 0; t <= static_cast<int>(Tier::crisis) + 1; ++t) {  // the last one for a value out of range
    add(tiers_, std::string(to_string(static_cast<Tier>(t))) + "\"},");
  }
}

void ResultJsonWriter::prepare_questions(const Bank& bank) {
  const bool nulls = options_.reason_nulls;
  const std::string answer_head = "{\"kind\":\"answer\"";
  for (const Question& question : bank.questions) {
    const std::string id = quoted(question.id);
    add(question_ids_, id + ",");
    add(question_keys_, id + ":");
    add_row(option_ids_);
    add_row(answer_reason_heads_);
    const std::string head = answer_head + ",\"question\":" + id;
    for (const Option& option : question.options) {
      const std::string option_id = quoted(option.id);
      add(option_ids_, option_id + ",");
      add(answer_reason_heads_, head + ",\"option\":" + option_id + (nulls ? ",\"rule\":null" : ""));
    }
    add(option_ids_, quoted("") + ",");
    add(answer_reason_heads_, head + (nulls ? ",\"option\":null,\"rule\":null" : ""));
  }
  add(question_ids_, quoted("") + ",");
  add(question_keys_, quoted("") + ":");
  add_row(option_ids_);
  add(option_ids_, quoted("") + ",");
  add_row(answer_reason_heads_);
  add(answer_reason_heads_, answer_head + (nulls ? ",\"question\":null,\"option\":null,\"rule\":null" : ""));
}

void ResultJsonWriter::prepare_tail_and_room(const Bank& bank) {
  record_head_ = add("{\"schema_version\":" + std::to_string(kResultSchemaVersion) + ",\"id\":");
  tail_ = add(",\"bank\":{\"id\":" + quoted(bank.id) + ",\"version\":" + quoted(bank.version) +
              ",\"sha256\":" + quoted(bank.sha256) + "},\"tool_version\":" + quoted(tool_version()) + "}");
  std::size_t scores = 0;
  for (const Piece& key : score_keys_) scores += key.size + kMaxJsonNumber;
  fixed_room_ = kFixedRoom + record_head_.size + longest(heads_) + longest(urgencies_) + scores + tail_.size;
  ranking_room_ = kEntryRoom + longest(ranking_heads_) + 2 * kMaxJsonNumber;
  scale_room_ = kEntryRoom + longest(scale_heads_) + longest(scale_tails_.pieces) + 2 * kMaxJsonNumber;
  flag_room_ = longest(flag_heads_) + longest(tiers_);
  reason_room_ = kEntryRoom + std::max(longest(answer_reason_heads_.pieces), longest(rule_reason_heads_)) +
                 longest(reason_tails_) + kMaxJsonNumber;
  id_room_ = std::max(longest(question_ids_), longest(rule_ids_));
  answer_room_ = kEntryRoom + std::max(longest(question_keys_), longest(option_ids_.pieces));
}

inline char* ResultJsonWriter::Table::put(char* to, std::size_t index) const {
  const Piece piece = items[index < last ? index : last];
  return put_padded(to, text + piece.at, piece.size);
}

inline char* ResultJsonWriter::GridView::put(char* to, std::size_t row, std::size_t column) const {
  const Row found = rows[row < last ? row : last];
  const Piece piece = items[found.first + (column < found.last ? column : found.last)];
  return put_padded(to, text + piece.at, piece.size);
}

void ResultJsonWriter::append(std::string& out, const AnswerSet& answers, const Result& result,
                              std::string_view record_id) {
  append_record(out, answers, result, record_id, false);
}

void ResultJsonWriter::append_line(std::string& out, const AnswerSet& answers, const Result& result,
                                   std::string_view record_id) {
  append_record(out, answers, result, record_id, true);
}

void ResultJsonWriter::append_record(std::string& out, const AnswerSet& answers, const Result& result,
                                     std::string_view record_id, bool newline) {
  const bool plain = plain_id(record_id);
  const std::string_view id = plain ? record_id : std::string_view(id_text_);
  const std::size_t room = room_for(answers, result, id.size() + 2) + 1 + kPadding;
  // Written in a scratch buffer kept at its largest size, then copied: growing `out` itself by the
  // room would zero-fill about twice the record's size (std::string has no resize without filling
  // before C++23): timed a few per cent faster on the writer alone, but callgrind counts the fill
  // (a rep stosb) per byte.
  if (scratch_.size() < room) scratch_.resize(std::max(room, 2 * scratch_.size()));
  char* begin = &scratch_[0];
  char* end = write_record(begin, answers, result, id, plain);
  if (newline) end = put(end, '\n');
  out.append(begin, static_cast<std::size_t>(end - begin));
}

void ResultJsonWriter::append_safety(std::string& out, const Result& result) {
  const std::size_t room =
      kFixedRoom + result.red_flags.size() * flag_room_ + result.unknown_red_flags.size() * id_room_ + kPadding;
  if (scratch_.size() < room) scratch_.resize(std::max(room, 2 * scratch_.size()));
  char* begin = &scratch_[0];
  char* to = put(begin, ",\"urgency\":\"");
  to = put(to, to_string(result.urgency));
  to = put(to, "\",\"red_flags\":[");
  to = put(write_flags(to, result), "],\"unknown_red_flags\":[");
  to = write_ids(to, result.unknown_red_flags, views_.question_ids);
  out.append(begin, static_cast<std::size_t>(to - begin));
}

bool ResultJsonWriter::plain_id(std::string_view record_id) {
  if (is_plain_json_text(record_id)) return true;
  id_text_.clear();
  append_json_string(id_text_, record_id);
  return false;
}

std::size_t ResultJsonWriter::room_for(const AnswerSet& answers, const Result& result, std::size_t id_size) const {
  const std::size_t ids = result.fired_rules.size() + result.missing.size() + result.ignored.size() +
                          result.unknown_red_flags.size() + result.notes.size();
  std::size_t room = fixed_room_ + id_size + result.ranking.size() * ranking_room_ +
                     result.scales.size() * scale_room_ + result.red_flags.size() * flag_room_ +
                     std::min(result.reasons.size(), options_.max_reasons) * reason_room_ + ids * id_room_;
  if (options_.answers) {
    for (std::size_t q = 0; q < answers.size(); ++q) {
      if (answers.at(q)) room += (answers.at(q)->options.size() + 1) * answer_room_;
    }
  }
  return room;
}

char* ResultJsonWriter::write_record(char* to, const AnswerSet& answers, const Result& result, std::string_view id,
                                     bool plain) const {
  to = put_padded(to, text_.data() + record_head_.at, record_head_.size);
  if (plain) to = put(to, '"');
  to = put_text(to, id.data(), id.size());
  if (plain) to = put(to, '"');
  to = write_head(to, result);
  to = write_ranking(to, result);
  to = write_scales(to, result);
  to = write_red_flags(to, result);
  to = write_reasons(to, result);
  to = write_lists(to, result);
  if (options_.answers) to = write_answers(to, answers);
  return put_padded(to, text_.data() + tail_.at, tail_.size);
}

inline char* ResultJsonWriter::write_head(char* to, const Result& result) const {
  const std::size_t outcomes = views_.score_keys.last;  // the bank's outcomes (the last piece is the fallback)
  const std::size_t status = result.status == Status::complete ? 0 : 1;
  const std::size_t recommendation =
      result.recommendation ? std::min(*result.recommendation, outcomes) : outcomes + 1;  // "" when out of range
  to = views_.heads.put(to, status * (outcomes + 2) + recommendation);
  to = views_.urgencies.put(to, static_cast<std::size_t>(result.urgency));  // with the first score's key
  const Table keys = views_.score_keys;
  const double* scores = result.scores.data();
  const std::size_t known = std::min(result.scores.size(), outcomes);
  for (std::size_t o = 0; o < outcomes; ++o) {
    if (o != 0) to = keys.put(to, o);
    to = put_number(to, o < known ? scores[o] : 0.0);
  }
  return put(to, "},\"ranking\":[");
}

inline char* ResultJsonWriter::write_ranking(char* to, const Result& result) const {
  const Table heads = views_.ranking_heads;
  const RankedOutcome* ranking = result.ranking.data();
  const std::size_t count = result.ranking.size();
  for (std::size_t i = 0; i < count; ++i) {
    const RankedOutcome& ranked = ranking[i];
    to = heads.put(to, ranked.outcome);
    to = put_number(to, ranked.score);
    to = put(to, ",\"margin\":");
    to = put_number(to, ranked.margin);
    to = ranked.excluded ? put(to, ",\"excluded\":true},") : put(to, ",\"excluded\":false},");
  }
  return put(drop_last_comma(to, count), "],\"scales\":[");
}

inline char* ResultJsonWriter::write_scales(char* to, const Result& result) const {
  const Table heads = views_.scale_heads;
  const GridView tails = views_.scale_tails;
  const ScaleValue* values = result.scales.data();
  const std::size_t count = result.scales.size();
  for (std::size_t i = 0; i < count; ++i) {
    const ScaleValue& value = values[i];
    to = heads.put(to, value.scale);
    to = put_int(to, value.value);
    to = tails.put(to, value.scale, value.band ? *value.band : SIZE_MAX);  // the last column has band null
    to = put_int(to, static_cast<long long>(value.answered_items));
    to = put(to, "},");
  }
  return put(drop_last_comma(to, count), "],\"red_flags\":[");
}

inline char* ResultJsonWriter::write_flags(char* to, const Result& result) const {
  const Table heads = views_.flag_heads;
  const Table tiers = views_.tiers;
  const RaisedFlag* flags = result.red_flags.data();
  const std::size_t count = result.red_flags.size();
  for (std::size_t i = 0; i < count; ++i) {
    to = heads.put(to, flags[i].rule);
    to = tiers.put(to, static_cast<std::size_t>(flags[i].tier));
  }
  return drop_last_comma(to, count);
}

inline char* ResultJsonWriter::write_red_flags(char* to, const Result& result) const {
  to = put(write_flags(to, result), "],\"fired_rules\":[");
  to = write_ids(to, result.fired_rules, views_.rule_ids);
  return put(to, ",\"reasons\":[");
}

inline char* ResultJsonWriter::write_reasons(char* to, const Result& result) const {
  const GridView answer_heads = views_.answer_reason_heads;
  const Table rule_heads = views_.rule_reason_heads;
  const Table tails = views_.reason_tails;
  const Reason* reasons = result.reasons.data();
  const std::size_t count = std::min(result.reasons.size(), options_.max_reasons);
  for (std::size_t i = 0; i < count; ++i) {
    const Reason& reason = reasons[i];
    if (reason.kind == Reason::Kind::answer) {
      to = answer_heads.put(to, reason.question, reason.option);
    } else {
      to = rule_heads.put(to, reason.rule);
    }
    to = tails.put(to, reason.outcome);
    to = put_number(to, reason.effect);
    to = put(to, "},");
  }
  to = drop_last_comma(to, count);
  return result.close_call ? put(to, "],\"close_call\":true,\"missing\":[")
                           : put(to, "],\"close_call\":false,\"missing\":[");
}

inline char* ResultJsonWriter::write_lists(char* to, const Result& result) const {
  const Table questions = views_.question_ids;
  to = write_ids(to, result.missing, questions);
  to = put(to, ",\"ignored\":[");
  to = write_ids(to, result.ignored, questions);
  to = put(to, ",\"unknown_red_flags\":[");
  to = write_ids(to, result.unknown_red_flags, questions);
  to = put(to, ",\"notes\":[");
  return write_ids(to, result.notes, views_.rule_ids);
}

inline char* ResultJsonWriter::write_ids(char* to, const std::vector<std::size_t>& indices, Table ids) {
  const std::size_t* index = indices.data();
  const std::size_t count = indices.size();
  for (std::size_t i = 0; i < count; ++i) to = ids.put(to, index[i]);
  return put(drop_last_comma(to, count), ']');
}

char* ResultJsonWriter::write_answers(char* to, const AnswerSet& answers) const {
  to = put(to, ",\"answers\":{");
  const Table keys = views_.question_keys;
  const GridView options = views_.option_ids;
  std::size_t written = 0;
  const std::size_t count = std::min(answers.size(), bank_->questions.size());
  for (std::size_t q = 0; q < count; ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    ++written;
    to = keys.put(to, q);
    const QuestionType type = bank_->questions[q].type;
    if (type == QuestionType::text) {
      to = put(to, "true,");  // free text is never part of the machine form
    } else if (type == QuestionType::multiple) {
      to = put(to, '[');
      for (std::size_t option : answer->options) to = options.put(to, q, option);
      to = put(drop_last_comma(to, answer->options.size()), "],");
    } else if (answer->options.empty()) {
      to = put(to, "null,");
    } else {
      to = options.put(to, q, answer->options.front());
    }
  }
  return put(drop_last_comma(to, written), '}');
}

}  // namespace wegwijzer
