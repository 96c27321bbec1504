// ResultJsonWriter (the machine record prepared per bank) against independent oracles: the record
// built with nlohmann::json from the Result, and a plain re-implementation of the string escaping.
#include "wegwijzer/record/result_json_writer.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "summary_fixture.hpp"
#include "test_support.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/support/utf8.hpp"
#include "wegwijzer/support/version.hpp"

using ojson = nlohmann::ordered_json;
using namespace wegwijzer;

namespace {

/// When set, the oracle's numbers are texts made by reference_number, put in after the dump:
/// nlohmann's shortest form differs from to_chars' for some values (1e15 + 0.5).
std::vector<std::string>* number_texts = nullptr;

/// A number as the record documents it, as text: null when not finite, integral values below 1e15
/// (no "-0") as integers, else the shortest form that reads back exactly (to_chars).
std::string reference_number(double value) {
  if (!std::isfinite(value)) return "null";
  if (value > -1e15 && value < 1e15 && value == std::trunc(value)) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// A number as the record documents it: null when not finite, integral values (no "-0") as integers.
ojson number(double value) {
  if (number_texts != nullptr) {
    number_texts->push_back(reference_number(value));
    return "@n" + std::to_string(number_texts->size() - 1) + "@";
  }
  if (!std::isfinite(value)) return nullptr;
  if (value > -1e15 && value < 1e15 && value == std::trunc(value)) return static_cast<std::int64_t>(value);
  return value;
}

/// The id of item `index`, or "" when out of range.
template <typename Items>
std::string id_at(const Items& items, std::size_t index) {
  return index < items.size() ? items[index].id : std::string();
}

ojson oracle_reason(const Bank& bank, const Reason& reason, bool nulls) {
  ojson out = ojson::object();
  const bool is_answer = reason.kind == Reason::Kind::answer;
  out["kind"] = is_answer ? "answer" : "rule";
  const Question* question =
      is_answer && reason.question < bank.questions.size() ? &bank.questions[reason.question] : nullptr;
  auto optional_id = [&](const char* key, const std::string* id) {
    if (id != nullptr) {
      out[key] = *id;
    } else if (nulls) {
      out[key] = nullptr;
    }
  };
  optional_id("question", question != nullptr ? &question->id : nullptr);
  optional_id("option", question != nullptr && reason.option < question->options.size()
                            ? &question->options[reason.option].id
                            : nullptr);
  optional_id("rule", !is_answer && reason.rule < bank.rules.size() ? &bank.rules[reason.rule].id : nullptr);
  out["outcome"] = id_at(bank.outcomes, reason.outcome);
  out["effect"] = number(reason.effect);
  return out;
}

ojson oracle_answers(const Bank& bank, const AnswerSet& answers) {
  ojson out = ojson::object();
  for (std::size_t q = 0; q < std::min(answers.size(), bank.questions.size()); ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::text) {
      out[question.id] = true;
    } else if (question.type == QuestionType::multiple) {
      ojson ids = ojson::array();
      for (auto option : answer->options) ids.push_back(id_at(question.options, option));
      out[question.id] = ids;
    } else {
      out[question.id] = answer->options.empty() ? ojson(nullptr) : ojson(id_at(question.options, answer->options[0]));
    }
  }
  return out;
}

/// The machine record as docs/summary-format.md describes it, built field by field.
ojson oracle_record(const Bank& bank, const AnswerSet& answers, const Result& result, const std::string& id,
                    const ResultJsonOptions& options) {
  ojson out = ojson::object();
  out["schema_version"] = 1;
  out["id"] = id;
  out["status"] = result.status == Status::complete ? "complete" : "incomplete";
  out["recommendation"] = result.recommendation ? ojson(id_at(bank.outcomes, *result.recommendation)) : ojson(nullptr);
  out["urgency"] = std::string(to_string(result.urgency));
  ojson scores = ojson::object();
  for (std::size_t o = 0; o < bank.outcomes.size(); ++o) {
    scores[bank.outcomes[o].id] = number(o < result.scores.size() ? result.scores[o] : 0.0);
  }
  out["scores"] = scores;
  ojson ranking = ojson::array();
  for (const RankedOutcome& ranked : result.ranking) {
    ranking.push_back({{"outcome", id_at(bank.outcomes, ranked.outcome)},
                       {"score", number(ranked.score)},
                       {"margin", number(ranked.margin)},
                       {"excluded", ranked.excluded}});
  }
  out["ranking"] = ranking;
  ojson scales = ojson::array();
  for (const ScaleValue& value : result.scales) {
    const Scale* scale = value.scale < bank.scales.size() ? &bank.scales[value.scale] : nullptr;
    ojson band = nullptr;
    if (scale != nullptr && value.band && *value.band < scale->bands.size()) band = scale->bands[*value.band].id;
    scales.push_back({{"id", scale != nullptr ? scale->id : std::string()},
                      {"value", value.value},
                      {"min", scale != nullptr ? scale->min_value : 0},
                      {"max", scale != nullptr ? scale->max_value : 0},
                      {"band", band},
                      {"answered_items", value.answered_items}});
  }
  out["scales"] = scales;
  ojson flags = ojson::array();
  for (const RaisedFlag& flag : result.red_flags) {
    flags.push_back({{"rule", id_at(bank.rules, flag.rule)}, {"tier", std::string(to_string(flag.tier))}});
  }
  out["red_flags"] = flags;
  auto ids = [](const auto& items, const std::vector<std::size_t>& indices) {
    ojson list = ojson::array();
    for (std::size_t index : indices) list.push_back(id_at(items, index));
    return list;
  };
  out["fired_rules"] = ids(bank.rules, result.fired_rules);
  ojson reasons = ojson::array();
  for (std::size_t i = 0; i < std::min(result.reasons.size(), options.max_reasons); ++i) {
    reasons.push_back(oracle_reason(bank, result.reasons[i], options.reason_nulls));
  }
  out["reasons"] = reasons;
  out["close_call"] = result.close_call;
  out["missing"] = ids(bank.questions, result.missing);
  out["ignored"] = ids(bank.questions, result.ignored);
  out["unknown_red_flags"] = ids(bank.questions, result.unknown_red_flags);
  out["notes"] = ids(bank.rules, result.notes);
  if (options.answers) out["answers"] = oracle_answers(bank, answers);
  out["bank"] = {{"id", bank.id}, {"version", bank.version}, {"sha256", bank.sha256}};
  out["tool_version"] = std::string(tool_version());
  return out;
}

/// A plain re-implementation of the documented string escaping, one code point at a time.
std::string reference_json_string(std::string_view text) {
  std::string out = "\"";
  auto escape = [&](std::uint32_t cp) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
    out += buffer;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7F) {  // controls and DEL
            escape(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const bool inert = (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (inert) {
      escape(cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out + "\"";
}

/// A random string of bytes drawn mostly from the interesting ones (controls, quotes, UTF-8 pieces).
std::string random_bytes(std::mt19937_64& random) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  "-",
                                                  "\"",
                                                  "\\",
                                                  "\n",
                                                  "\r",
                                                  "\t",
                                                  "\b",
                                                  "\f",
                                                  "\x01",
                                                  "\x1f",
                                                  "\x7f",
                                                  "\x00",
                                                  "\xff",
                                                  "\xc3",
                                                  "\xa9",
                                                  "\xc3\xa9",
                                                  "\xc2\x85",
                                                  "\xc2\x9f",
                                                  "\xc2\xa0",
                                                  "\xe2\x80\xa8",
                                                  "\xe2\x80\xae",
                                                  "\xe2\x81\xa6",
                                                  "\xe2\x81\xa9",
                                                  "\xe2\x80\xaf",
                                                  "\xe2\x82\xac",
                                                  "\xed\xa0\x80",
                                                  "\xf0\x9f\x98\x80",
                                                  "\xf4\x90\x80\x80",
                                                  "\xc0\xaf",
                                                  "\xe2\x80",
                                                  "0123456789abcdefghij"};
  std::uniform_int_distribution<std::size_t> count(0, 40);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string out;
  for (std::size_t n = count(random); n > 0; --n) {
    const std::string& piece = pieces[pick(random)];
    out += piece == "\x00" ? std::string(1, '\0') : piece;
  }
  return out;
}

/// The `"id":` value of a written record.
std::string written_id(const std::string& record) {
  const std::string key = ",\"id\":";
  const std::size_t from = record.find(key) + key.size();
  const std::size_t to = record.find(",\"status\":", from);
  return record.substr(from, to - from);
}

}  // namespace

TEST_CASE("ResultJsonWriter writes what an independent oracle builds, on sampled records", "[result_json]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  std::mt19937_64 random(23);
  for (const ResultJsonOptions& options : {ResultJsonOptions::lean(), ResultJsonOptions{}}) {
    ResultJsonWriter writer(bank, options);  // reused, as batch scoring does
    std::size_t incomplete = 0;
    std::size_t reasons_cut = 0;
    for (int i = 0; i < 1500; ++i) {
      AnswerSet answers = sample_answers(bank, random);
      if (i % 5 == 0) answers.clear(bank.questions.size() / 3);
      const Result result = evaluate(bank, answers);
      incomplete += result.status == Status::incomplete;
      reasons_cut += result.reasons.size() > options.max_reasons;
      const std::string id = "rec-" + std::to_string(i);
      std::string out = "prefix\n";
      writer.append(out, answers, result, id);
      REQUIRE(out.rfind("prefix\n", 0) == 0);
      const std::string record = out.substr(7);
      CAPTURE(i, record);
      REQUIRE(record == oracle_record(bank, answers, result, id, options).dump());
      std::string fresh;
      append_result_json(fresh, bank, answers, result, id, options);
      REQUIRE(fresh == record);
    }
    CHECK(incomplete > 0);
    if (options.max_reasons == 5) CHECK(reasons_cut > 0);
  }
}

TEST_CASE("ResultJsonWriter: indices out of range and odd numbers follow the documented fallbacks", "[result_json]") {
  const Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  answers.set(0, Answer{{7}, ""});     // single choice, option out of range
  answers.set(3, Answer{{1, 9}, ""});  // multiple choice, one option out of range
  answers.set(4, Answer{{}, "free text"});
  Result result;
  result.status = Status::complete;
  result.recommendation = 99;
  result.urgency = static_cast<Urgency>(7);
  result.scores = {std::numeric_limits<double>::infinity(), std::nan(""), -0.0, 1e20, 0.1 + 0.2, -1234.5, 1e-7};
  result.ranking = {{99, 12.25, -0.0, true}, {1, 1e15, 123456789.125, false}};
  result.scales = {{99, 4, std::size_t{0}, 2}, {0, 2, std::size_t{99}, 1}, {0, -3, std::nullopt, 0}};
  result.red_flags = {{99, Tier::crisis}, {0, static_cast<Tier>(5)}};
  result.fired_rules = {2, 99};
  result.missing = {99, 0};
  result.notes = {99};
  Reason answer_reason;
  answer_reason.question = 99;
  Reason option_out = answer_reason;
  option_out.question = 1;
  option_out.option = 99;
  option_out.outcome = 99;
  Reason rule_reason;
  rule_reason.kind = Reason::Kind::rule;
  rule_reason.rule = 99;
  rule_reason.effect = -2.5;
  Reason good_rule = rule_reason;
  good_rule.rule = 1;
  good_rule.effect = 0.001;
  result.reasons = {answer_reason, option_out, rule_reason, good_rule};
  for (const ResultJsonOptions& options : {ResultJsonOptions{}, ResultJsonOptions::lean(),
                                           ResultJsonOptions{true, 2, false}, ResultJsonOptions{false, 0, true}}) {
    ResultJsonWriter writer(bank, options);
    std::string out;
    writer.append(out, answers, result, "odd");
    CAPTURE(out);
    CHECK(out == oracle_record(bank, answers, result, "odd", options).dump());
  }
}

TEST_CASE("record ids are escaped as documented, whatever their bytes", "[result_json][hardening]") {
  const Bank bank = test::fixture_bank();
  const AnswerSet answers = test::fixture_routine_answers(bank);
  const Result result = test::fixture_routine_result();
  ResultJsonWriter writer(bank, ResultJsonOptions::lean());
  std::mt19937_64 random(5);
  std::string long_id(100000, '\x01');  // grows the writer's buffer; later records must not see its bytes
  long_id += "\xe2\x80\xae";
  std::vector<std::string> ids = {"", "plain", "q\"b\\s", std::string("nul\0x", 5), "\xff\xfe", long_id, "\xc2\x9b[2J"};
  for (int i = 0; i < 3000; ++i) ids.push_back(random_bytes(random));
  for (const std::string& id : ids) {
    CAPTURE(id);
    const std::string expected = reference_json_string(id);
    std::string direct;
    append_json_string(direct, id);
    REQUIRE(direct == expected);
    std::string record;
    writer.append(record, answers, result, id);
    REQUIRE(written_id(record) == expected);
    std::string plain_id_record;
    writer.append(plain_id_record, answers, result, "x");
    REQUIRE(record.substr(0, record.find(",\"id\":")) == plain_id_record.substr(0, plain_id_record.find(",\"id\":")));
    REQUIRE(record.substr(record.find(",\"status\":")) == plain_id_record.substr(plain_id_record.find(",\"status\":")));
    REQUIRE(nlohmann::json::accept(record));
  }
}

namespace {

/// The lines of `text` (each without its newline).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', from)) {
    lines.push_back(text.substr(from, at - from));
    from = at + 1;
  }
  if (from != text.size()) lines.push_back(text.substr(from));
  return lines;
}

/// Where `written` and `wanted` first differ, with some bytes of each around it (for failure messages).
std::string first_difference(const std::string& written, const std::string& wanted) {
  std::size_t at = 0;
  while (at < written.size() && at < wanted.size() && written[at] == wanted[at]) ++at;
  const std::size_t from = at < 40 ? 0 : at - 40;
  return "at " + std::to_string(at) + ": written ..." + written.substr(from, 80) + "... wanted ..." +
         wanted.substr(from, 80) + "...";
}

/// The oracle's record with an id of any bytes: the oracle cannot take invalid UTF-8, so the id is
/// put in afterwards, escaped by the reference escaping.
std::string oracle_line(const Bank& bank, const AnswerSet& answers, const Result& result, const std::string& id,
                        const ResultJsonOptions& options) {
  std::string record = oracle_record(bank, answers, result, "@id@", options).dump();
  const std::size_t at = record.find("\"@id@\"");
  return record.replace(at, 6, reference_json_string(id));
}

/// oracle_line with the numbers written by reference_number.
std::string oracle_line_with_numbers(const Bank& bank, const AnswerSet& answers, const Result& result,
                                     const std::string& id, const ResultJsonOptions& options) {
  std::vector<std::string> texts;
  number_texts = &texts;
  const std::string line = oracle_line(bank, answers, result, id, options);
  number_texts = nullptr;
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = line.find("\"@n"); at != std::string::npos; at = line.find("\"@n", from)) {
    const std::size_t end = line.find("@\"", at + 3);
    out += line.substr(from, at - from);
    out += texts.at(std::stoul(line.substr(at + 3, end - at - 3)));
    from = end + 2;
  }
  return out + line.substr(from);
}

/// Numbers that take every path of the number writing: the prepared quarters and their edges,
/// the three-decimal path, shortest round trip, huge, tiny and non-finite values.
std::vector<double> odd_numbers() {
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                0.25,
                                -0.25,
                                0.5,
                                0.75,
                                8,
                                3.5,
                                127.75,
                                -127.75,
                                128.0,
                                -128.0,
                                127.5,
                                128.25,
                                -128.25,
                                255.75,
                                1e15,
                                -1e15,
                                1e15 + 0.5,
                                0.1 + 0.2,
                                1e300,
                                -1e300,
                                1e-7,
                                0.001,
                                -0.001,
                                0.0015,
                                1.0 / 3,
                                2.675,
                                123456.789,
                                999999999.5,
                                9007199254740993.0,
                                4503599627370497.0,
                                1e20,
                                -1234.5};
  values.push_back(std::numeric_limits<double>::quiet_NaN());
  values.push_back(std::numeric_limits<double>::infinity());
  values.push_back(-std::numeric_limits<double>::infinity());
  values.push_back(std::numeric_limits<double>::denorm_min());
  values.push_back(-std::numeric_limits<double>::denorm_min());
  values.push_back(std::numeric_limits<double>::max());
  values.push_back(std::numeric_limits<double>::lowest());
  values.push_back(std::numeric_limits<double>::min());
  return values;
}

/// A random number: mostly quarters around the prepared range, else an odd one or random bits.
double random_number(std::mt19937_64& random) {
  static const std::vector<double> odd = odd_numbers();
  switch (random() % 4) {
    case 0:
    case 1: return static_cast<double>(static_cast<long long>(random() % 1400) - 700) / 4;
    case 2: return odd[random() % odd.size()];
    default: {
      const std::uint64_t bits = random();
      double value = 0;
      std::memcpy(&value, &bits, sizeof value);
      return value;
    }
  }
}

/// `count` random indices, one in eight out of range for `size` items.
std::vector<std::size_t> random_indices(std::mt19937_64& random, std::size_t count, std::size_t size) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < count; ++i) indices.push_back(random() % 8 == 0 ? size + random() % 3 : random() % size);
  return indices;
}

/// A result with random list lengths (long ones included), indices partly out of range, every
/// status, urgency, tier and flag (out-of-range enum values too) and odd numbers.
Result random_result(const Bank& bank, std::mt19937_64& random) {
  auto length = [&] { return random() % 10 == 0 ? static_cast<std::size_t>(random() % 300) : random() % 6; };
  Result result;
  result.status = random() % 2 == 0 ? Status::complete : Status::incomplete;
  const auto recommendation = random() % 4;
  if (recommendation != 0) result.recommendation = recommendation == 1 ? 99 : random() % bank.outcomes.size();
  result.urgency = static_cast<Urgency>(random() % 5);
  result.close_call = random() % 2 == 0;
  for (std::size_t i = random() % (bank.outcomes.size() + 2); i > 0; --i)
    result.scores.push_back(random_number(random));
  for (std::size_t i = length(); i > 0; --i) {
    const std::size_t outcome = random_indices(random, 1, bank.outcomes.size())[0];
    result.ranking.push_back({outcome, random_number(random), random_number(random), random() % 3 == 0});
  }
  for (std::size_t i = length(); i > 0; --i) {
    ScaleValue value;
    value.scale = random_indices(random, 1, bank.scales.size())[0];
    const int big = random() % 2 == 0 ? std::numeric_limits<int>::max() : std::numeric_limits<int>::min();
    value.value = random() % 7 == 0 ? big : static_cast<int>(random() % 300) - 150;
    if (random() % 4 != 0) value.band = random() % 5;
    value.answered_items = random() % 7 == 0 ? random() % 1000000000000ull : random() % 12;
    result.scales.push_back(value);
  }
  for (std::size_t i = length(); i > 0; --i) {
    result.red_flags.push_back({random_indices(random, 1, bank.rules.size())[0], static_cast<Tier>(random() % 3)});
  }
  result.fired_rules = random_indices(random, length(), bank.rules.size());
  for (std::size_t i = length(); i > 0; --i) {
    Reason reason;
    reason.kind = random() % 2 == 0 ? Reason::Kind::answer : Reason::Kind::rule;
    reason.question = random_indices(random, 1, bank.questions.size())[0];
    reason.option = random() % 6;
    reason.rule = random_indices(random, 1, bank.rules.size())[0];
    reason.outcome = random_indices(random, 1, bank.outcomes.size())[0];
    reason.effect = random_number(random);
    result.reasons.push_back(reason);
  }
  result.missing = random_indices(random, length(), bank.questions.size());
  result.ignored = random_indices(random, length(), bank.questions.size());
  result.unknown_red_flags = random_indices(random, length(), bank.questions.size());
  result.notes = random_indices(random, length(), bank.rules.size());
  return result;
}

}  // namespace

TEST_CASE("ResultJsonWriter: batch lines written one after another equal the oracle's, errors between",
          "[result_json][batch_output]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  BatchRecordWriter writer(bank, BatchFormat::jsonl);
  std::mt19937_64 random(41);
  const RecordProblem problem{RecordCode::unknown_option, "question \"x\": unknown option", "x", {}};
  std::string out = "first line\n";
  std::string expected = out;
  std::size_t incomplete = 0;
  for (int i = 0; i < 3000; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    if (i % 7 == 0) answers.clear(bank.questions.size() / 3);
    const Result result = evaluate(bank, answers);
    incomplete += result.status == Status::incomplete;
    std::string id = "sample-" + std::to_string(i);
    if (i % 11 == 0) id = std::string(static_cast<std::size_t>(i % 90), 'x');  // 0 to 89 bytes
    if (i % 13 == 0) id = random_bytes(random);
    if (i % 997 == 0) id = std::string(70000, 'y');  // grows the writer's scratch buffer
    writer.scored(out, answers, result, id);
    expected += oracle_line(bank, answers, result, id, ResultJsonOptions::lean()) + "\n";
    if (i % 5 == 0) {
      writer.error(out, id, static_cast<std::uint64_t>(i), problem);
      append_error_record(expected, BatchFormat::jsonl, bank, id, static_cast<std::uint64_t>(i), problem);
    }
  }
  CHECK(incomplete > 0);
  const std::vector<std::string> written = lines_of(out);
  const std::vector<std::string> wanted = lines_of(expected);
  REQUIRE(written.size() == wanted.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    CAPTURE(i, first_difference(written[i], wanted[i]));
    REQUIRE(written[i] == wanted[i]);
  }
  CHECK(out == expected);
}

TEST_CASE("ResultJsonWriter: long lists, odd numbers, every status, urgency, tier and flag", "[result_json]") {
  const Bank bank = test::fixture_bank();
  std::mt19937_64 random(43);
  std::size_t long_lists = 0;
  for (const ResultJsonOptions& options : {ResultJsonOptions::lean(), ResultJsonOptions{},
                                           ResultJsonOptions{true, 2, false}, ResultJsonOptions{false, 0, true}}) {
    ResultJsonWriter writer(bank, options);
    for (int i = 0; i < 400; ++i) {
      AnswerSet answers(bank);
      using Options = decltype(Answer::options);
      answers.set(0, Answer{Options(1, static_cast<Options::value_type>(random() % 3)), ""});
      if (random() % 2 == 0) {
        Options chosen;
        for (std::size_t option : random_indices(random, random() % 40, 3)) {
          chosen.push_back(static_cast<Options::value_type>(option));
        }
        answers.set(3, Answer{chosen, ""});
      }
      if (random() % 2 == 0) answers.set(4, Answer{{}, "free text"});
      const Result result = random_result(bank, random);
      long_lists += result.missing.size() > 100 || result.reasons.size() > 100 || result.ranking.size() > 100;
      std::string out = "x";
      writer.append(out, answers, result, "r" + std::to_string(i));
      const std::string wanted =
          "x" + oracle_line_with_numbers(bank, answers, result, "r" + std::to_string(i), options);
      CAPTURE(options.answers, options.max_reasons, options.reason_nulls, i, first_difference(out, wanted));
      REQUIRE(out == wanted);
    }
  }
  CHECK(long_lists > 10);
}

TEST_CASE("record ids: each special byte at each place of ids up to 40 bytes", "[result_json][hardening]") {
  const Bank bank = test::fixture_bank();
  const AnswerSet answers = test::fixture_routine_answers(bank);
  const Result result = test::fixture_routine_result();
  ResultJsonWriter writer(bank, ResultJsonOptions::lean());
  const std::string specials = std::string("\0\x01\x1f\"\\\x7f\x80\xc2\xe2\xff", 10);
  for (std::size_t size = 0; size <= 40; ++size) {
    std::string id;
    for (std::size_t i = 0; i < size; ++i) id += static_cast<char>('a' + i % 26);
    for (std::size_t at = 0; at <= size; ++at) {  // at == size: the plain id
      for (char special : specials) {
        std::string odd = id;
        if (at < size) odd[at] = special;
        std::string record;
        writer.append(record, answers, result, odd);
        CAPTURE(size, at, static_cast<int>(static_cast<unsigned char>(special)));
        REQUIRE(written_id(record) == reference_json_string(odd));
      }
    }
  }
}
