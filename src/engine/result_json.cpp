// The machine form of a result: one compact JSON object, written by hand for batch speed.
#include "wegwijzer/result_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "wegwijzer/version.hpp"

namespace wegwijzer {
namespace {

/// Version of the machine record layout; bump when a field changes meaning or order.
constexpr int kResultSchemaVersion = 1;

constexpr char kHex[] = "0123456789abcdef";

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/// True for the valid sequence at `i` of length `len` that a terminal or a line splitter would act on:
/// C1 controls (U+0080-U+009F), U+2028-U+202E (line and paragraph separators, bidi embeddings and
/// overrides) and U+2066-U+2069 (bidi isolates). These are written as \u escapes.
bool needs_unicode_escape(std::string_view s, std::size_t i, std::size_t len) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (len == 2) return byte(0) == 0xC2 && byte(1) <= 0x9F;
  if (len == 3 && byte(0) == 0xE2) {
    return (byte(1) == 0x80 && byte(2) >= 0xA8 && byte(2) <= 0xAE) ||
           (byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9);
  }
  return false;
}

/// Appends the \uXXXX escape of the two- or three-byte sequence at `i`.
void append_unicode_escape(std::string& out, std::string_view s, std::size_t i, std::size_t len) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  std::uint32_t cp = len == 2 ? ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu)
                              : ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0x0Fu];
}

void append_int(std::string& out, long long value) {
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  out.append(buffer, end);
}

/// Shortest round-trip form; integral values without a fraction; non-finite as null.
void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  if (value == 0) value = 0;  // no "-0"
  if (value > -1e15 && value < 1e15) {
    const auto whole = static_cast<long long>(value);
    if (static_cast<double>(whole) == value) {  // fast path for the common integral scores
      append_int(out, whole);
      return;
    }
  }
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  out.append(buffer, end);
}

void append_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

/// Appends a JSON array of ids, one per index, through `id_of`.
template <typename Indices, typename IdOf>
void append_id_array(std::string& out, const Indices& indices, IdOf id_of) {
  out += '[';
  bool first = true;
  for (const auto& index : indices) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, id_of(index));
  }
  out += ']';
}

void append_answer(std::string& out, const Question& question, const Answer& answer) {
  if (question.type == QuestionType::text) {
    out += "true";  // free text is never part of the machine form
    return;
  }
  auto option_id = [&](std::uint16_t option) -> std::string_view {
    return option < question.options.size() ? std::string_view(question.options[option].id) : std::string_view();
  };
  if (question.type == QuestionType::multiple) {
    append_id_array(out, answer.options, option_id);
  } else if (answer.options.empty()) {
    out += "null";
  } else {
    append_json_string(out, option_id(answer.options.front()));
  }
}

void append_reason(std::string& out, const Bank& bank, const Reason& reason) {
  const bool is_answer = reason.kind == Reason::Kind::answer;
  out += "{\"kind\":";
  out += is_answer ? "\"answer\"" : "\"rule\"";
  out += ",\"question\":";
  const Question* question =
      is_answer && reason.question < bank.questions.size() ? &bank.questions[reason.question] : nullptr;
  if (question != nullptr) {
    append_json_string(out, question->id);
  } else {
    out += "null";
  }
  out += ",\"option\":";
  if (question != nullptr && reason.option < question->options.size()) {
    append_json_string(out, question->options[reason.option].id);
  } else {
    out += "null";
  }
  out += ",\"rule\":";
  if (!is_answer && reason.rule < bank.rules.size()) {
    append_json_string(out, bank.rules[reason.rule].id);
  } else {
    out += "null";
  }
  out += ",\"outcome\":";
  append_json_string(out, reason.outcome < bank.outcomes.size() ? std::string_view(bank.outcomes[reason.outcome].id)
                                                                : std::string_view());
  out += ",\"effect\":";
  append_number(out, reason.effect);
  out += '}';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run_start = 0;  // start of a run of bytes copied unchanged
  std::size_t i = 0;
  auto flush = [&](std::size_t end) {
    if (end > run_start) out.append(text.data() + run_start, end - run_start);
  };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      std::size_t len = utf8_length(text, i);
      if (len != 0 && !needs_unicode_escape(text, i, len)) {
        i += len;
        continue;
      }
      if (len != 0) {  // C1 control, bidi control or line separator: \u escape (lossless, inert)
        flush(i);
        append_unicode_escape(out, text, i, len);
        run_start = i += len;
        continue;
      }
      flush(i);
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      run_start = ++i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
    }
    run_start = ++i;
  }
  flush(i);
  out += '"';
}

void append_result_json(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                        std::string_view record_id) {
  auto question_id = [&](std::size_t q) -> std::string_view {
    return q < bank.questions.size() ? std::string_view(bank.questions[q].id) : std::string_view();
  };
  auto rule_id = [&](std::size_t r) -> std::string_view {
    return r < bank.rules.size() ? std::string_view(bank.rules[r].id) : std::string_view();
  };
  auto outcome_id = [&](std::size_t o) -> std::string_view {
    return o < bank.outcomes.size() ? std::string_view(bank.outcomes[o].id) : std::string_view();
  };

  out += "{\"schema_version\":";
  append_int(out, kResultSchemaVersion);
  out += ",\"id\":";
  append_json_string(out, record_id);
  out += ",\"status\":";
  out += result.status == Status::complete ? "\"complete\"" : "\"incomplete\"";
  out += ",\"recommendation\":";
  if (result.recommendation) {
    append_json_string(out, outcome_id(*result.recommendation));
  } else {
    out += "null";
  }
  out += ",\"urgency\":\"";
  out += to_string(result.urgency);
  out += '"';

  out += ",\"scores\":{";
  for (std::size_t o = 0; o < bank.outcomes.size(); ++o) {
    if (o != 0) out += ',';
    append_json_string(out, bank.outcomes[o].id);
    out += ':';
    append_number(out, o < result.scores.size() ? result.scores[o] : 0.0);
  }
  out += '}';

  out += ",\"ranking\":[";
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    const RankedOutcome& ranked = result.ranking[i];
    if (i != 0) out += ',';
    out += "{\"outcome\":";
    append_json_string(out, outcome_id(ranked.outcome));
    out += ",\"score\":";
    append_number(out, ranked.score);
    out += ",\"margin\":";
    append_number(out, ranked.margin);
    out += ",\"excluded\":";
    append_bool(out, ranked.excluded);
    out += '}';
  }
  out += ']';

  out += ",\"scales\":[";
  for (std::size_t i = 0; i < result.scales.size(); ++i) {
    const ScaleValue& value = result.scales[i];
    if (i != 0) out += ',';
    const Scale* scale = value.scale < bank.scales.size() ? &bank.scales[value.scale] : nullptr;
    out += "{\"id\":";
    append_json_string(out, scale != nullptr ? std::string_view(scale->id) : std::string_view());
    out += ",\"value\":";
    append_int(out, value.value);
    out += ",\"min\":";
    append_int(out, scale != nullptr ? scale->min_value : 0);
    out += ",\"max\":";
    append_int(out, scale != nullptr ? scale->max_value : 0);
    out += ",\"band\":";
    if (scale != nullptr && value.band && *value.band < scale->bands.size()) {
      append_json_string(out, scale->bands[*value.band].id);
    } else {
      out += "null";
    }
    out += ",\"answered_items\":";
    append_int(out, static_cast<long long>(value.answered_items));
    out += '}';
  }
  out += ']';

  out += ",\"red_flags\":[";
  for (std::size_t i = 0; i < result.red_flags.size(); ++i) {
    if (i != 0) out += ',';
    out += "{\"rule\":";
    append_json_string(out, rule_id(result.red_flags[i].rule));
    out += ",\"tier\":\"";
    out += to_string(result.red_flags[i].tier);
    out += "\"}";
  }
  out += ']';

  out += ",\"fired_rules\":";
  append_id_array(out, result.fired_rules, rule_id);

  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < result.reasons.size(); ++i) {
    if (i != 0) out += ',';
    append_reason(out, bank, result.reasons[i]);
  }
  out += ']';

  out += ",\"close_call\":";
  append_bool(out, result.close_call);
  out += ",\"missing\":";
  append_id_array(out, result.missing, question_id);
  out += ",\"ignored\":";
  append_id_array(out, result.ignored, question_id);
  out += ",\"unknown_red_flags\":";
  append_id_array(out, result.unknown_red_flags, question_id);
  out += ",\"notes\":";
  append_id_array(out, result.notes, rule_id);

  out += ",\"answers\":{";
  bool first = true;
  const std::size_t count = std::min(answers.size(), bank.questions.size());
  for (std::size_t q = 0; q < count; ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, bank.questions[q].id);
    out += ':';
    append_answer(out, bank.questions[q], *answer);
  }
  out += '}';

  out += ",\"bank\":{\"id\":";
  append_json_string(out, bank.id);
  out += ",\"version\":";
  append_json_string(out, bank.version);
  out += ",\"sha256\":";
  append_json_string(out, bank.sha256);
  out += "},\"tool_version\":";
  append_json_string(out, tool_version());
  out += '}';
}

}  // namespace wegwijzer
