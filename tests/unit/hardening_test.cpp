// Hardening (issue 7): limits of the bank loader, terminal safety of diagnostics and session
// output, hostile answers, and the regression inputs found by fuzzing (tests/hardening/).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/session/session.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace {

using namespace wegwijzer;

/// Why `text` is unsafe for a terminal (empty when it is safe): invalid UTF-8, a C0 control other
/// than tab and newline, DEL, a C1 control or a bidi override. Same rule as tests/fuzz/fuzz_support.hpp.
std::string unsafe_reason(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      if ((b0 < 0x20 && b0 != '\n' && b0 != '\t') || b0 == 0x7F) return "control byte at " + std::to_string(i);
      ++i;
      continue;
    }
    std::size_t len = (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > text.size()) return "invalid UTF-8 at " + std::to_string(i);
    std::uint32_t cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return "invalid UTF-8 at " + std::to_string(i);
      cp = (cp << 6) | (b & 0x3Fu);
    }
    const std::uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "invalid UTF-8 at " + std::to_string(i);
    if (cp <= 0x9F) return "C1 control at " + std::to_string(i);
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return "bidi control at " + std::to_string(i);
    i += len;
  }
  return {};
}

std::string deep_bank(std::size_t depth, bool objects) {
  std::string text = R"({"format": 1, "id": "deep", "questions": )";
  for (std::size_t i = 0; i < depth; ++i) text += objects ? R"({"a":)" : "[";
  if (objects) text += "null";
  for (std::size_t i = 0; i < depth; ++i) text += objects ? '}' : ']';
  return text + "}";
}

bool mentions(const std::vector<Diagnostic>& diagnostics, const std::string& word) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.format().find(word) != std::string::npos) return true;
  }
  return false;
}

const std::string kHostile =
    "\x1b[2J\x1b]0;pwned\x07\xc2\x9b"
    "31m\xe2\x80\xae\x07\r\x7f\xff\xfe\xc3(\x1bP+q\x1b\\";

}  // namespace

TEST_CASE("a 200,000-deep bank is rejected while parsing, without a crash", "[hardening]") {
  for (bool objects : {false, true}) {
    LoadResult result = load_bank(deep_bank(200000, objects), "deep.json");
    CHECK_FALSE(result.bank.has_value());
    REQUIRE(has_errors(result.diagnostics));
    CHECK(mentions(result.diagnostics, "deep"));
  }
}

TEST_CASE("nesting just within the depth limit is not reported as too deep", "[hardening]") {
  BankLimits limits;
  LoadResult result = load_bank(deep_bank(limits.max_depth - 3, false), "ok-depth.json", limits);
  CHECK_FALSE(mentions(result.diagnostics, "levels deep"));
  LoadResult over = load_bank(deep_bank(limits.max_depth + 1, false), "over.json", limits);
  CHECK(mentions(over.diagnostics, "levels deep"));
}

TEST_CASE("a bank over the size limit is rejected before parsing", "[hardening]") {
  BankLimits limits;
  limits.max_bytes = 1000;
  std::string text = test::read_file(test::test_path("hardening/placeholder_bank.json"));
  REQUIRE(text.size() > limits.max_bytes);
  LoadResult result = load_bank(text, "big.json", limits);
  CHECK_FALSE(result.bank.has_value());
  CHECK(mentions(result.diagnostics, "limit"));
}

TEST_CASE("banks over the question and option limits are rejected", "[hardening]") {
  nlohmann::json bank = nlohmann::json::parse(test::read_file(test::test_path("hardening/placeholder_bank.json")));
  REQUIRE(load_bank(bank.dump(), "ok.json").bank.has_value());
  BankLimits limits;
  limits.max_questions = bank["questions"].size() - 1;
  LoadResult questions = load_bank(bank.dump(), "questions.json", limits);
  CHECK_FALSE(questions.bank.has_value());
  CHECK(mentions(questions.diagnostics, "limit"));
  limits = BankLimits{};
  limits.max_options = bank["questions"][0]["options"].size() - 1;
  LoadResult options = load_bank(bank.dump(), "options.json", limits);
  CHECK_FALSE(options.bank.has_value());
  CHECK(mentions(options.diagnostics, "limit"));
}

TEST_CASE("fuzz regression: a number too large for a double is a diagnostic, not an exception", "[hardening][fuzz]") {
  // fuzz_bank_loader found that "1e309" made nlohmann throw out_of_range (not parse_error) through
  // load_bank: `check` ended as an internal error (70) quoting the input.
  std::string bank = test::read_file(test::test_path("hardening/placeholder_bank.json"));
  auto at = bank.find("\"close_margin\": 1.0");
  REQUIRE(at != std::string::npos);
  for (const char* number : {"1e309", "-1e309",
                             "1"
                             "00000000000000000000000000000000000000000000000000e300"}) {
    std::string text = bank;
    text.replace(at, std::string("\"close_margin\": 1.0").size(), std::string("\"close_margin\": ") + number);
    LoadResult result;
    REQUIRE_NOTHROW(result = load_bank(text, "overflow.json"));
    CHECK_FALSE(result.bank.has_value());
    REQUIRE(has_errors(result.diagnostics));
    CHECK(result.diagnostics.front().pointer == "/close_margin");
    CHECK(result.diagnostics.front().format().find("e309") == std::string::npos);
  }
}

TEST_CASE("diagnostics never carry control characters from the bank or its file name", "[hardening]") {
  nlohmann::json bank = nlohmann::json::parse(test::read_file(test::test_path("hardening/placeholder_bank.json")));
  const std::string evil_id =
      "\x1b]0;pwned\x07q\xc2\x9b"
      "1m\xe2\x80\xae";
  bank["questions"][0]["id"] = evil_id;
  bank["questions"][1]["id"] = evil_id;  // duplicate
  bank["rules"][0]["when"] = {{"answer", evil_id + "x"}, {"equals", evil_id}};
  LoadResult result = load_bank(bank.dump(), "bank\x1b[31m\xff.json");
  REQUIRE(has_errors(result.diagnostics));
  for (const auto& diagnostic : result.diagnostics) {
    INFO(diagnostic.format());
    CHECK(unsafe_reason(diagnostic.format()).empty());
  }
}

TEST_CASE("syntax errors in hostile bytes never quote them", "[hardening]") {
  for (const std::string& text : {std::string("{\"id\": \"\x1b]0;pwned\x07"), std::string("{\"a\": \xff\xfe}"),
                                  std::string("{\"a\": \"\x1b[2J\"}"), std::string("\xef\xbb\xbf{\x01}")}) {
    LoadResult result = load_bank(text, "bad.json");
    REQUIRE(has_errors(result.diagnostics));
    for (const auto& diagnostic : result.diagnostics) {
      INFO(diagnostic.format());
      CHECK(unsafe_reason(diagnostic.format()).empty());
      CHECK(diagnostic.format().find("pwned") == std::string::npos);
    }
  }
}

TEST_CASE("the hostile-text bank loads; its texts are kept, to be sanitised at output", "[hardening]") {
  Bank bank = test::load_test_bank(test::test_path("hardening/hostile_bank.json"));
  CHECK(bank.title.in("en").find('\x1b') != std::string::npos);
  CHECK(unsafe_reason(sanitize_for_terminal(bank.title.in("en"))).empty());
}

TEST_CASE("deep and hostile answer values are answer errors, never crashes", "[hardening]") {
  Bank bank = test::load_test_bank(test::test_path("hardening/placeholder_bank.json"));
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  nlohmann::json deep_value = nlohmann::json::parse(deep);
  nlohmann::json answers = nlohmann::json::object();
  answers["need"] = std::move(deep_value);  // copying a deep value would overflow the stack
  answers[kHostile] = "x";
  answers["down"] = kHostile;
  answers["remarks"] = kHostile;
  std::vector<AnswerError> errors;
  AnswerSet set = answers_from_json(bank, answers, errors);
  CHECK(errors.size() >= 3);
  for (const auto& error : errors) {
    CHECK(error.message.find("pwned") == std::string::npos);
    CHECK(unsafe_reason(error.message).empty());
  }
  std::string out;
  append_result_json(out, bank, set, evaluate(bank, set), kHostile);
  CHECK(nlohmann::json::accept(out));
  CHECK(unsafe_reason(out).empty());
}

TEST_CASE("a piped session echoes hostile input sanitised and never crashes", "[hardening]") {
  Bank bank = test::load_test_bank(test::test_path("hardening/hostile_bank.json"));
  std::string input = kHostile + "\n2\n" + kHostile + "1\n1\n1\n" + kHostile + "\n";
  for (bool unicode : {true, false}) {
    for (const char* language : {"nl", "en"}) {
      std::istringstream in(input);
      std::ostringstream out;
      SessionOptions options;
      options.language = language;
      options.unicode = unicode;
      options.interactive = false;
      Session session(bank, in, out, options);
      SessionOutcome outcome = session.run();
      CHECK(outcome.kind == SessionOutcome::Kind::completed);
      INFO(out.str());
      CHECK(unsafe_reason(out.str()).empty());
    }
  }
}

TEST_CASE("record ids with C1 and bidi controls are escaped in machine output", "[hardening]") {
  // The batch output goes to terminals too (`wegwijzer score file`): an id carrying U+202E or
  // U+009B must not reach the terminal raw. JSON \u escapes keep it lossless.
  Bank bank = test::load_test_bank(test::test_path("hardening/placeholder_bank.json"));
  AnswerSet answers(bank);
  std::string out;
  append_result_json(out, bank, answers, evaluate(bank, answers), "id\xe2\x80\xae\xc2\x9b\x7fx");
  CHECK(unsafe_reason(out).empty());
  nlohmann::json parsed = nlohmann::json::parse(out);
  CHECK(parsed["id"] == "id\xe2\x80\xae\xc2\x9b\x7fx");
}

TEST_CASE("fuzz regression: CSV output drops control characters from record ids", "[hardening][fuzz]") {
  // fuzz_jsonl_record found that `score --format csv` copied DEL (and ESC, BEL, C1) from an id
  // into the CSV row, where a terminal acts on it. CSV has no escapes, so they are dropped.
  Bank bank = load_builtin_bank();
  RecordScorer scorer(bank, BatchLimits{}, BatchFormat::csv);
  BatchTally tally = BatchTally::for_bank(bank);
  const std::string records[] = {
      std::string("{\"id\":\"YYY\x7f\x7f\x7f\x7f\x7f\x7f\x7fYYYYYYYY\",\"ers\":{\"need\":\"task\"}}"),
      std::string("{\"id\":\"\x1b]0;pwned\x07\xc2\x9b"
                  "1m\xe2\x80\xae\",\"answers\":{}}"),
      std::string("{\"id\":\"\\u001b[2J\\u0085\",\"answers\":{\"\\u001b]0;t\\u0007\":\"x\"}}"),
  };
  for (const std::string& record : records) {
    std::string padded = record + std::string(batch_json_padding, ' ');
    std::string out;
    scorer.score_json_line(std::string_view(padded).substr(0, record.size()), 1, out, tally);
    INFO(out);
    CHECK(unsafe_reason(out).empty());
  }
}
