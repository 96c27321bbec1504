// The machine form of a result: one compact JSON object, written by hand for batch speed.
#include "wegwijzer/result_json.hpp"
#include "wegwijzer/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "wegwijzer/version.hpp"

namespace wegwijzer {
namespace {

/// Version of the machine record layout; bump when a field changes meaning or order.
constexpr int kResultSchemaVersion = 1;

constexpr char kHex[] = "0123456789abcdef";

/// Bytes copied into a JSON string as they are: printable ASCII other than '"' and '\\'.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  }
  constexpr bool operator[](unsigned char c) const { return plain[c]; }
};
constexpr PlainBytes kPlain;

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  std::uint32_t code_point = 0;
  return decode_utf8(s, i, code_point);
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
  out.append(buffer, static_cast<std::size_t>(end - buffer));  // (pointer, length): no iterator-pair path
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
  // Fast path for the usual scores with up to three decimals (1.5, -0.25): when thousandths / 1000
  // is exactly `value`, that decimal reads back exactly and is the shortest form, as to_chars'.
  if (value >= -1e9 && value <= 1e9 && (value >= 0.001 || value <= -0.001)) {
    const double scaled = value * 1000;
    const auto thousandths = static_cast<long long>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    if (static_cast<double>(thousandths) / 1000 == value) {
      const unsigned long long magnitude =
          static_cast<unsigned long long>(thousandths < 0 ? -thousandths : thousandths);
      if (thousandths < 0) out += '-';
      append_int(out, static_cast<long long>(magnitude / 1000));
      unsigned long long fraction = magnitude % 1000;
      char digits[4] = {'.', static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                        static_cast<char>('0' + fraction % 10)};
      std::size_t length = 4;
      while (digits[length - 1] == '0') --length;  // fraction != 0: value is not integral here
      out.append(digits, length);
      return;
    }
  }
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  out.append(buffer, static_cast<std::size_t>(end - buffer));  // (pointer, length): no iterator-pair path
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

/// Appends `,"name":` and the id, or null (or nothing when `nulls` is false) without an id.
void append_optional_id(std::string& out, std::string_view field, const std::string* id, bool nulls) {
  if (id == nullptr && !nulls) return;
  out += field;
  if (id != nullptr) {
    append_json_string(out, *id);
  } else {
    out += "null";
  }
}

void append_reason(std::string& out, const Bank& bank, const Reason& reason, bool nulls) {
  const bool is_answer = reason.kind == Reason::Kind::answer;
  out += "{\"kind\":";
  out += is_answer ? "\"answer\"" : "\"rule\"";
  const Question* question =
      is_answer && reason.question < bank.questions.size() ? &bank.questions[reason.question] : nullptr;
  append_optional_id(out, ",\"question\":", question != nullptr ? &question->id : nullptr, nulls);
  append_optional_id(
      out, ",\"option\":",
      question != nullptr && reason.option < question->options.size() ? &question->options[reason.option].id : nullptr,
      nulls);
  append_optional_id(
      out, ",\"rule\":", !is_answer && reason.rule < bank.rules.size() ? &bank.rules[reason.rule].id : nullptr, nulls);
  out += ",\"outcome\":";
  append_json_string(out, reason.outcome < bank.outcomes.size() ? std::string_view(bank.outcomes[reason.outcome].id)
                                                                : std::string_view());
  out += ",\"effect\":";
  append_number(out, reason.effect);
  out += '}';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size && kPlain[static_cast<unsigned char>(data[i])]) ++i;
  if (i == size) {  // nothing to escape (ids, codes): one copy
    const std::size_t at = out.size();
    out.resize(at + size + 2);
    char* to = &out[at];
    to[0] = '"';
    if (size != 0) std::memcpy(to + 1, data, size);
    to[size + 1] = '"';
    return;
  }
  out.push_back('"');
  std::size_t run_start = 0;  // start of a run of bytes copied unchanged
  for (;;) {
    while (i < size && kPlain[static_cast<unsigned char>(data[i])]) ++i;  // ASCII fast path
    if (i == size) break;
    const auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0x80) {
      std::size_t len = utf8_length(text, i);
      if (len != 0 && !needs_unicode_escape(text, i, len)) {
        i += len;  // valid UTF-8 stays in the run
        continue;
      }
      out.append(data + run_start, i - run_start);
      if (len != 0) {  // C1 control, bidi control or line separator: \u escape (lossless, inert)
        append_unicode_escape(out, text, i, len);
        run_start = i += len;
        continue;
      }
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      run_start = ++i;
      continue;
    }
    out.append(data + run_start, i - run_start);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0x0F]};
        out.append(escape, sizeof escape);
      }
    }
    run_start = ++i;
  }
  out.append(data + run_start, i - run_start);
  out.push_back('"');
}

void append_result_json(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                        std::string_view record_id, const ResultJsonOptions& options) {
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
  const std::size_t reasons = std::min(result.reasons.size(), options.max_reasons);
  for (std::size_t i = 0; i < reasons; ++i) {
    if (i != 0) out += ',';
    append_reason(out, bank, result.reasons[i], options.reason_nulls);
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

  if (options.answers) {
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
  }

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
