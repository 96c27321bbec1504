// The machine form of a result: one compact JSON object, from fragments prepared per bank.
#include "wegwijzer/result_json_writer.hpp"

#include <algorithm>
#include <string>

#include "json_sink.hpp"
#include "wegwijzer/version.hpp"

namespace wegwijzer {
namespace {

/// Version of the machine record layout; bump when a field changes meaning or order.
constexpr int kResultSchemaVersion = 1;

/// Room for the fixed text around the pieces and numbers of one entry (field names, punctuation).
constexpr std::size_t kFixedRoom = 64;

/// `text` as a JSON string literal.
std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

ResultJsonWriter::ResultJsonWriter(const Bank& bank, const ResultJsonOptions& options)
    : bank_(&bank), options_(options) {
  prepare_outcomes(bank);
  prepare_scales(bank);
  prepare_rules(bank);
  prepare_questions(bank);
  prepare_tail(bank);
  for (int u = 0; u <= static_cast<int>(Urgency::crisis) + 1; ++u) {  // the last one for a value out of range
    add(urgencies_, ",\"urgency\":\"" + std::string(to_string(static_cast<Urgency>(u))) + "\"");
  }
  for (int t = 0; t <= static_cast<int>(Tier::crisis) + 1; ++t) {
    add(tiers_, std::string(to_string(static_cast<Tier>(t))) + "\"}");
  }
  text_.append(JsonSink::kSlack, '\0');  // put_padded reads whole 16-byte blocks
  entry_room_ = 3 * longest_ + 3 * kMaxJsonNumber + kFixedRoom;
}

ResultJsonWriter::Piece ResultJsonWriter::add(std::string_view text) {
  const Piece piece{text_.size(), text.size()};
  text_ += text;
  longest_ = std::max(longest_, text.size());
  return piece;
}

void ResultJsonWriter::prepare_outcomes(const Bank& bank) {
  auto add_outcome = [&](const std::string& id) {
    add(outcome_ids_, id);
    add(score_keys_, id + ":");
    add(ranking_heads_, "{\"outcome\":" + id + ",\"score\":");
    add(reason_tails_, ",\"outcome\":" + id + ",\"effect\":");
  };
  for (const Outcome& outcome : bank.outcomes) add_outcome(quoted(outcome.id));
  add_outcome(quoted(""));
}

void ResultJsonWriter::prepare_scales(const Bank& bank) {
  auto add_scale = [&](const std::string& id, int min, int max) {
    add(scale_heads_, "{\"id\":" + id + ",\"value\":");
    add(scale_ranges_, ",\"min\":" + std::to_string(min) + ",\"max\":" + std::to_string(max) + ",\"band\":");
  };
  for (const Scale& scale : bank.scales) {
    add_scale(quoted(scale.id), scale.min_value, scale.max_value);
    band_ids_.emplace_back();
    for (const Band& band : scale.bands) add(band_ids_.back(), quoted(band.id));
    add(band_ids_.back(), "null");
  }
  add_scale(quoted(""), 0, 0);
  band_ids_.emplace_back();
  add(band_ids_.back(), "null");
}

void ResultJsonWriter::prepare_rules(const Bank& bank) {
  const std::string nulls = options_.reason_nulls ? ",\"question\":null,\"option\":null" : "";
  for (const Rule& rule : bank.rules) {
    const std::string id = quoted(rule.id);
    add(rule_ids_, id);
    add(flag_heads_, "{\"rule\":" + id + ",\"tier\":\"");
    add(rule_reason_heads_, "{\"kind\":\"rule\"" + nulls + ",\"rule\":" + id);
  }
  const std::string none = quoted("");
  add(rule_ids_, none);
  add(flag_heads_, "{\"rule\":" + none + ",\"tier\":\"");
  add(rule_reason_heads_, "{\"kind\":\"rule\"" + nulls + (options_.reason_nulls ? ",\"rule\":null" : ""));
}

void ResultJsonWriter::prepare_questions(const Bank& bank) {
  const bool nulls = options_.reason_nulls;
  const std::string answer_head = "{\"kind\":\"answer\"";
  for (const Question& question : bank.questions) {
    const std::string id = quoted(question.id);
    add(question_ids_, id);
    option_ids_.emplace_back();
    answer_reason_heads_.emplace_back();
    const std::string head = answer_head + ",\"question\":" + id;
    for (const Option& option : question.options) {
      const std::string option_id = quoted(option.id);
      add(option_ids_.back(), option_id);
      add(answer_reason_heads_.back(), head + ",\"option\":" + option_id + (nulls ? ",\"rule\":null" : ""));
    }
    add(option_ids_.back(), quoted(""));
    add(answer_reason_heads_.back(), head + (nulls ? ",\"option\":null,\"rule\":null" : ""));
  }
  add(question_ids_, quoted(""));
  option_ids_.emplace_back();
  add(option_ids_.back(), quoted(""));
  answer_reason_heads_.emplace_back();
  add(answer_reason_heads_.back(), answer_head + (nulls ? ",\"question\":null,\"option\":null,\"rule\":null" : ""));
}

void ResultJsonWriter::prepare_tail(const Bank& bank) {
  tail_ = add(",\"bank\":{\"id\":" + quoted(bank.id) + ",\"version\":" + quoted(bank.version) +
              ",\"sha256\":" + quoted(bank.sha256) + "},\"tool_version\":" + quoted(tool_version()) + "}");
}

inline char* ResultJsonWriter::put_piece(char* to, Piece piece) const {
  return put_padded(to, text_.data() + piece.at, piece.size);
}

inline char* ResultJsonWriter::Table::put(char* to, std::size_t index) const {
  const Piece piece = items[index < last ? index : last];
  return put_padded(to, text + piece.at, piece.size);
}

void ResultJsonWriter::append(std::string& out, const AnswerSet& answers, const Result& result,
                              std::string_view record_id) {
  JsonSink sink(scratch_, 0);
  write_record(sink, answers, result, record_id);
  out.append(scratch_.data(), sink.offset());
}

void ResultJsonWriter::write_record(JsonSink& sink, const AnswerSet& answers, const Result& result,
                                    std::string_view record_id) const {
  char* to = sink.reserve(kFixedRoom);
  to = put(to, "{\"schema_version\":");
  to = put_int(to, kResultSchemaVersion);
  sink.commit(put(to, ",\"id\":"));
  sink.put_json_string(record_id);
  write_head(sink, result);
  write_ranking(sink, result);
  write_scales(sink, result);
  write_red_flags(sink, result);
  write_reasons(sink, result);
  write_lists(sink, result);
  if (options_.answers) write_answers(sink, answers);
  sink.commit(put_piece(sink.reserve(tail_.size), tail_));
}

void ResultJsonWriter::write_head(JsonSink& sink, const Result& result) const {
  const Table keys = table(score_keys_);
  const std::size_t outcomes = keys.last;  // the bank's outcomes (the last piece is the fallback)
  char* to = sink.reserve((outcomes + 1) * entry_room_);
  if (result.status == Status::complete) {
    to = put(to, ",\"status\":\"complete\",\"recommendation\":");
  } else {
    to = put(to, ",\"status\":\"incomplete\",\"recommendation\":");
  }
  to = result.recommendation ? table(outcome_ids_).put(to, *result.recommendation) : put(to, "null");
  to = table(urgencies_).put(to, static_cast<std::size_t>(result.urgency));
  to = put(to, ",\"scores\":{");
  const double* scores = result.scores.data();
  const std::size_t known = std::min(result.scores.size(), outcomes);
  for (std::size_t o = 0; o < outcomes; ++o) {
    if (o != 0) to = put(to, ',');
    to = keys.put(to, o);
    to = put_number(to, o < known ? scores[o] : 0.0);
  }
  sink.commit(put(to, '}'));
}

void ResultJsonWriter::write_ranking(JsonSink& sink, const Result& result) const {
  const Table heads = table(ranking_heads_);
  const RankedOutcome* ranking = result.ranking.data();
  const std::size_t count = result.ranking.size();
  char* to = sink.reserve(count * entry_room_ + kFixedRoom);
  to = put(to, ",\"ranking\":[");
  for (std::size_t i = 0; i < count; ++i) {
    const RankedOutcome& ranked = ranking[i];
    if (i != 0) to = put(to, ',');
    to = heads.put(to, ranked.outcome);
    to = put_number(to, ranked.score);
    to = put(to, ",\"margin\":");
    to = put_number(to, ranked.margin);
    to = ranked.excluded ? put(to, ",\"excluded\":true}") : put(to, ",\"excluded\":false}");
  }
  sink.commit(put(to, ']'));
}

void ResultJsonWriter::write_scales(JsonSink& sink, const Result& result) const {
  const Table heads = table(scale_heads_);
  const Table ranges = table(scale_ranges_);
  const Pieces* bands = band_ids_.data();
  const std::size_t last_bands = band_ids_.size() - 1;
  const ScaleValue* values = result.scales.data();
  const std::size_t count = result.scales.size();
  char* to = sink.reserve(count * entry_room_ + kFixedRoom);
  to = put(to, ",\"scales\":[");
  for (std::size_t i = 0; i < count; ++i) {
    const ScaleValue& value = values[i];
    if (i != 0) to = put(to, ',');
    to = heads.put(to, value.scale);
    to = put_int(to, value.value);
    to = ranges.put(to, value.scale);
    const Table band = table(bands[value.scale < last_bands ? value.scale : last_bands]);
    to = band.put(to, value.band ? *value.band : band.last);  // the last one is null
    to = put(to, ",\"answered_items\":");
    to = put_int(to, static_cast<long long>(value.answered_items));
    to = put(to, '}');
  }
  sink.commit(put(to, ']'));
}

void ResultJsonWriter::write_red_flags(JsonSink& sink, const Result& result) const {
  const Table heads = table(flag_heads_);
  const Table tiers = table(tiers_);
  const RaisedFlag* flags = result.red_flags.data();
  const std::size_t count = result.red_flags.size();
  char* to = sink.reserve(count * entry_room_ + kFixedRoom);
  to = put(to, ",\"red_flags\":[");
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) to = put(to, ',');
    to = heads.put(to, flags[i].rule);
    to = tiers.put(to, static_cast<std::size_t>(flags[i].tier));
  }
  to = put(to, ']');
  sink.commit(put(to, ",\"fired_rules\":"));
  write_ids(sink, result.fired_rules, rule_ids_);
}

void ResultJsonWriter::write_reasons(JsonSink& sink, const Result& result) const {
  const Pieces* answer_heads = answer_reason_heads_.data();
  const std::size_t last_question = answer_reason_heads_.size() - 1;
  const Table rule_heads = table(rule_reason_heads_);
  const Table tails = table(reason_tails_);
  const Reason* reasons = result.reasons.data();
  const std::size_t count = std::min(result.reasons.size(), options_.max_reasons);
  char* to = sink.reserve(count * entry_room_ + kFixedRoom);
  to = put(to, ",\"reasons\":[");
  for (std::size_t i = 0; i < count; ++i) {
    const Reason& reason = reasons[i];
    if (i != 0) to = put(to, ',');
    if (reason.kind == Reason::Kind::answer) {
      to =
          table(answer_heads[reason.question < last_question ? reason.question : last_question]).put(to, reason.option);
    } else {
      to = rule_heads.put(to, reason.rule);
    }
    to = tails.put(to, reason.outcome);
    to = put_number(to, reason.effect);
    to = put(to, '}');
  }
  sink.commit(put(to, ']'));
}

void ResultJsonWriter::write_lists(JsonSink& sink, const Result& result) const {
  char* to = sink.reserve(kFixedRoom);
  sink.commit(result.close_call ? put(to, ",\"close_call\":true,\"missing\":")
                                : put(to, ",\"close_call\":false,\"missing\":"));
  write_ids(sink, result.missing, question_ids_);
  sink.commit(put(sink.reserve(kFixedRoom), ",\"ignored\":"));
  write_ids(sink, result.ignored, question_ids_);
  sink.commit(put(sink.reserve(kFixedRoom), ",\"unknown_red_flags\":"));
  write_ids(sink, result.unknown_red_flags, question_ids_);
  sink.commit(put(sink.reserve(kFixedRoom), ",\"notes\":"));
  write_ids(sink, result.notes, rule_ids_);
}

void ResultJsonWriter::write_ids(JsonSink& sink, const std::vector<std::size_t>& indices, const Pieces& ids) const {
  const Table names = table(ids);
  const std::size_t* index = indices.data();
  const std::size_t count = indices.size();
  char* to = sink.reserve(count * entry_room_ + kFixedRoom);
  to = put(to, '[');
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) to = put(to, ',');
    to = names.put(to, index[i]);
  }
  sink.commit(put(to, ']'));
}

void ResultJsonWriter::write_answers(JsonSink& sink, const AnswerSet& answers) const {
  sink.commit(put(sink.reserve(kFixedRoom), ",\"answers\":{"));
  bool first = true;
  const std::size_t count = std::min(answers.size(), bank_->questions.size());
  for (std::size_t q = 0; q < count; ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    const Table options = table(option_ids_[q]);
    char* to = sink.reserve((answer->options.size() + 1) * entry_room_ + kFixedRoom);
    if (!first) to = put(to, ',');
    first = false;
    to = table(question_ids_).put(to, q);
    to = put(to, ':');
    const QuestionType type = bank_->questions[q].type;
    if (type == QuestionType::text) {
      to = put(to, "true");  // free text is never part of the machine form
    } else if (type == QuestionType::multiple) {
      to = put(to, '[');
      for (std::size_t i = 0; i < answer->options.size(); ++i) {
        if (i != 0) to = put(to, ',');
        to = options.put(to, answer->options[i]);
      }
      to = put(to, ']');
    } else if (answer->options.empty()) {
      to = put(to, "null");
    } else {
      to = options.put(to, answer->options.front());
    }
    sink.commit(to);
  }
  sink.commit(put(sink.reserve(1), '}'));
}

}  // namespace wegwijzer
