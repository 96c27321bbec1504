// Issue 16, finding 3: one JSON string writer (append_json_string) escapes every code point that
// docs/security.md promises (C0, DEL, C1, bidi controls, U+2028/U+2029) in every JSON the tool
// writes: the summary (stdout and --out), batch JSON Lines records and error records, `sample`.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "record/json_sink.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/summary/summary.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace {

using namespace wegwijzer;

/// The UTF-8 bytes of `cp`.
std::string utf8(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

/// `text` as a JSON string literal written by the one writer.
std::string json_literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

/// "\\u" and four lower-case hex digits.
std::string u_escape(std::uint32_t cp) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
  return buffer;
}

/// Every code point that must be escaped, by class (docs/security.md, "Sanitised terminal output").
const std::vector<std::uint32_t>& promised() {
  static const std::vector<std::uint32_t> all = [] {
    std::vector<std::uint32_t> cps;
    for (std::uint32_t cp = 0; cp < 0x20; ++cp) cps.push_back(cp);           // C0
    cps.push_back(0x7F);                                                     // DEL
    for (std::uint32_t cp = 0x80; cp <= 0x9F; ++cp) cps.push_back(cp);       // C1
    for (std::uint32_t cp : {0x061Cu, 0x200Eu, 0x200Fu}) cps.push_back(cp);  // ALM, LRM, RLM
    for (std::uint32_t cp = 0x202A; cp <= 0x202E; ++cp) cps.push_back(cp);   // embeddings, overrides, PDF
    for (std::uint32_t cp = 0x2066; cp <= 0x2069; ++cp) cps.push_back(cp);   // isolates
    cps.push_back(0x2028);                                                   // line separator
    cps.push_back(0x2029);                                                   // paragraph separator
    return cps;
  }();
  return all;
}

/// Code points next to the promised ones that stay as they are.
const std::uint32_t kKept[] = {0x20,   0x7E,   0xA0,   0xE9,   0x061B, 0x061D, 0x200B, 0x200D,
                               0x2010, 0x2027, 0x202F, 0x2065, 0x206A, 0xFEFF, 0x1F600};

/// The code points of finding 3 and their neighbours in one text, between words.
std::string hostile_text(std::string_view word) {
  std::string text(word);
  for (std::uint32_t cp : {0x9Bu, 0x202Eu, 0x202Cu, 0x7Fu, 0x2028u, 0x2029u, 0x061Cu, 0x200Eu, 0x200Fu, 0x2066u,
                           0x2069u, 0x85u, 0x1Bu, 0x07u, 0x0Du}) {
    text += utf8(cp);
    text += word;
  }
  return text;
}

/// Why `json` breaks the promise (empty when it keeps it), for messages.
std::string raw_control(std::string_view json) {
  const std::size_t at = find_unescaped_control(json);
  if (at == std::string_view::npos) return {};
  return "raw control at byte " + std::to_string(at) + ": " + std::string(json.substr(at > 20 ? at - 20 : 0, 40));
}

/// The placeholder bank with every text (nl and en) made hostile_text, as JSON text.
std::string hostile_bank_text() {
  nlohmann::json bank = nlohmann::json::parse(test::read_file(test::test_path("hardening/placeholder_bank.json")));
  std::function<void(nlohmann::json&)> walk = [&](nlohmann::json& node) {
    if (node.is_object()) {
      bool local_text = !node.empty();
      for (auto& [key, value] : node.items())
        local_text = local_text && (key == "nl" || key == "en") && value.is_string();
      if (local_text) {
        for (auto& [key, value] : node.items()) value = hostile_text(value.get<std::string>());
        return;
      }
      for (auto& [key, value] : node.items()) walk(value);
    } else if (node.is_array()) {
      for (auto& value : node) walk(value);
    }
  };
  walk(bank);
  bank["id"] = "hostile-json";
  return bank.dump();
}

using wegwijzer::test::TempDir;

}  // namespace

TEST_CASE("json escape: the promised set, class by class", "[json_escape]") {
  for (std::uint32_t cp = 0; cp < 0x20; ++cp) CHECK(must_escape_in_json(cp));
  CHECK(must_escape_in_json(0x7F));
  for (std::uint32_t cp = 0x80; cp <= 0x9F; ++cp) CHECK(must_escape_in_json(cp));
  for (std::uint32_t cp :
       {0x061Cu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u, 0x2067u, 0x2068u, 0x2069u}) {
    CHECK(is_bidi_control(cp));
    CHECK(must_escape_in_json(cp));
  }
  CHECK(must_escape_in_json(0x2028));
  CHECK(must_escape_in_json(0x2029));
  CHECK_FALSE(is_bidi_control(0x2028));
  for (std::uint32_t cp : kKept) {
    INFO(cp);
    CHECK_FALSE(must_escape_in_json(cp));
    CHECK_FALSE(is_bidi_control(cp));
  }
}

TEST_CASE("json escape: the writer escapes C0, DEL, C1, bidi controls and U+2028/U+2029 as \\u", "[json_escape]") {
  CHECK(json_literal("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
  CHECK(json_literal("q\"b\\s/") == R"("q\"b\\s/")");
  for (std::uint32_t cp : promised()) {
    INFO(cp);
    const std::string out = json_literal("x" + utf8(cp) + "y");
    if (cp == '\n' || cp == '\t' || cp == '\r' || cp == '\b' || cp == '\f') {
      CHECK(out.size() == 6);  // "x\ny"
    } else {
      CHECK(out == "\"x" + u_escape(cp) + "y\"");
    }
    CHECK_FALSE(has_unescaped_control(out));
    CHECK(nlohmann::json::parse(out).get<std::string>() == "x" + utf8(cp) + "y");  // lossless
  }
  for (std::uint32_t cp : kKept) {
    INFO(cp);
    CHECK(json_literal(utf8(cp)) == "\"" + utf8(cp) + "\"");
  }
  CHECK(json_literal("a\xff"
                     "b") ==
        "\"a\xef\xbf\xbd"
        "b\"");  // invalid UTF-8: U+FFFD
}

TEST_CASE("json escape: long texts take the block check and still escape every class", "[json_escape]") {
  // ASCII runs longer than a block around each code point: the writer's fast path must stop at them.
  const std::string run(37, 'a');
  std::string text = run;
  for (std::uint32_t cp : promised()) text += utf8(cp) + run;
  const std::string out = json_literal(text);
  INFO(raw_control(out));
  CHECK_FALSE(has_unescaped_control(out));
  CHECK(nlohmann::json::parse(out).get<std::string>() == text);
  // The writer's fast check and its byte table agree on every byte.
  for (int c = 0; c < 256; ++c) {
    INFO(c);
    std::string block(24, 'a');
    block[11] = static_cast<char>(c);
    const bool plain = c < 0x80 && !must_escape_in_json(static_cast<std::uint32_t>(c)) && c != '"' && c != '\\';
    CHECK(is_plain_json_text(block) == plain);
    CHECK(is_plain_json_text(block.substr(0, 12)) == plain);
    CHECK(is_plain_json_text(block.substr(9, 4)) == plain);
  }
}

TEST_CASE("json escape: has_unescaped_control finds each raw class, never an escape or a newline", "[json_escape]") {
  CHECK_FALSE(has_unescaped_control("{\n  \"a\": \"b\\u2028\\u009b\\u202e\\u007f\"\n}\n"));
  CHECK_FALSE(has_unescaped_control("\"\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80\""));
  for (std::uint32_t cp : promised()) {
    if (cp == '\n') continue;
    INFO(cp);
    const std::string json = "{\"a\":\"b" + utf8(cp) + "c\"}";
    CHECK(has_unescaped_control(json));
    CHECK(find_unescaped_control(json) == 7);
  }
  CHECK(has_unescaped_control("\"\xff\""));          // invalid UTF-8
  CHECK(has_unescaped_control("\"\xed\xa0\x80\""));  // a surrogate
  CHECK(find_unescaped_control("") == std::string_view::npos);
}

TEST_CASE("json escape: terminal text drops every bidi control, marks included", "[json_escape][sanitize]") {
  CHECK(sanitize_for_terminal("a\xd8\x9c"
                              "b\xe2\x80\x8e"
                              "c\xe2\x80\x8f"
                              "d\xe2\x80\xac"
                              "e") == "abcde");
  CHECK(sanitize_for_terminal("a\xe2\x80\x8d"
                              "b") ==
        "a\xe2\x80\x8d"
        "b");  // ZWJ is no bidi control
}

TEST_CASE("json escape: the JSON summary of a hostile bank carries no raw control",
          "[json_escape][hardening][summary]") {
  LoadResult loaded = load_bank(hostile_bank_text(), "hostile-json.json");
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  const std::string remark = hostile_text("remark");
  std::vector<AnswerError> errors;
  AnswerSet answers = answers_from_json(bank,
                                        nlohmann::json{{"need", "goal"},
                                                       {"down", "daily"},
                                                       {"life_worth", "no"},
                                                       {"topics", nlohmann::json::array({"work"})},
                                                       {"remarks", remark}},
                                        errors);
  REQUIRE(errors.empty());
  Result result = evaluate(bank, answers);
  for (const char* language : {"nl", "en"}) {
    SummaryOptions options;
    options.format = SummaryFormat::json;
    options.language = language;
    options.date = "2024-01-01";
    const std::string json = render_summary(bank, answers, result, options);
    INFO(language << ": " << raw_control(json));
    CHECK_FALSE(has_unescaped_control(json));
    // Escaped, not dropped: the texts read back as the bank has them.
    nlohmann::json parsed = nlohmann::json::parse(json);
    CHECK(parsed["texts"]["title"] == bank.title.in(language));
    CHECK(parsed["texts"]["disclaimer"] == bank.disclaimer.in(language));
    bool remark_found = false;
    for (const auto& answer : parsed["texts"]["answers"]) remark_found = remark_found || answer["answer"] == remark;
    CHECK(remark_found);
  }
}

TEST_CASE("json escape: the JSON summary is laid out as nlohmann's dump(2) lays it out", "[json_escape][summary]") {
  // The summary used to be parsed and dumped again; it is written indented now. Ordinary text must
  // come out byte for byte as before (the goldens check the same on their cases).
  Bank bank = load_builtin_bank();
  std::mt19937_64 random(16);
  for (int i = 0; i < 20; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    Result result = evaluate(bank, answers);
    SummaryOptions options;
    options.format = SummaryFormat::json;
    options.language = i % 2 == 0 ? "nl" : "en";
    options.date = i % 3 == 0 ? "" : "2024-02-29";
    const std::string json = render_summary(bank, answers, result, options);
    CHECK(json == nlohmann::ordered_json::parse(json).dump(2) + "\n");
  }
}

TEST_CASE("json escape: the layout holds for texts with quotes, backslashes and brackets", "[json_escape][summary]") {
  // The indenting writer must tell structure from text: quotes, backslashes (also at the end of a
  // text, before its closing quote), brackets, commas and colons inside strings are text.
  nlohmann::ordered_json bank_json = nlohmann::ordered_json::parse(builtin_bank_text());
  const std::string tricky = R"(say "yes" {or} [no], a\b: c \"d\" e\)";
  std::function<void(nlohmann::ordered_json&)> walk = [&](nlohmann::ordered_json& node) {
    if (node.is_object()) {
      for (auto& [key, value] : node.items()) {
        if ((key == "nl" || key == "en") && value.is_string()) {
          value = value.get<std::string>() + " " + tricky;
        } else {
          walk(value);
        }
      }
    } else if (node.is_array()) {
      for (auto& value : node) walk(value);
    }
  };
  walk(bank_json);
  LoadResult loaded = load_bank(bank_json.dump(), "tricky.json");
  REQUIRE(loaded.bank.has_value());
  std::mt19937_64 random(17);
  for (int i = 0; i < 6; ++i) {
    AnswerSet answers = sample_answers(*loaded.bank, random);
    Result result = evaluate(*loaded.bank, answers);
    SummaryOptions options;
    options.format = SummaryFormat::json;
    options.language = i % 2 == 0 ? "nl" : "en";
    options.date = "2024-02-29";
    const std::string json = render_summary(*loaded.bank, answers, result, options);
    REQUIRE(json.find(R"(a\\b: c \\\"d\\\" e\\)") != std::string::npos);  // the texts are in it
    CHECK(json == nlohmann::ordered_json::parse(json).dump(2) + "\n");
  }
}

TEST_CASE("json escape: ask --format json on a hostile bank, on stdout and in --out", "[json_escape][hardening]") {
  TempDir dir;
  const std::string bank = dir.file("hostile.json", hostile_bank_text());
  const std::string out = dir.path + "/summary.json";
  const std::string input = "2\n1\n1\n" + hostile_text("typed") + "\n";
  auto piped = test::run({"ask", "--bank", bank, "--lang", "en", "--format", "json"}, input);
  CHECK(piped.exit_code == 0);
  INFO(raw_control(piped.out));
  CHECK(piped.out.find("\"summary_schema_version\"") != std::string::npos);
  CHECK_FALSE(has_unescaped_control(piped.out));
  auto saved = test::run({"ask", "--bank", bank, "--lang", "nl", "--format", "json", "--out", out}, input);
  CHECK(saved.exit_code == 0);
  const std::string file = test::read_file(out);
  INFO(raw_control(file));
  CHECK(nlohmann::json::accept(file));
  CHECK_FALSE(has_unescaped_control(file));
}

TEST_CASE("json escape: batch records and error records carry no raw control", "[json_escape][hardening][batch]") {
  LoadResult loaded = load_bank(hostile_bank_text(), "hostile-json.json");
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  RecordScorer scorer(bank, BatchLimits{}, BatchFormat::jsonl);
  BatchTally tally = BatchTally::for_bank(bank);
  const std::string hostile = hostile_text("x");
  const std::string records[] = {
      // a scored record whose id carries every class raw
      "{\"id\":" + nlohmann::json(hostile).dump() + ",\"answers\":{\"need\":\"task\"}}",
      // the same as \u escapes in the input
      "{\"id\":" + nlohmann::json(hostile).dump(-1, ' ', true) + ",\"answers\":{\"need\":\"goal\"}}",
      // an error record: an unknown question and an unknown option, named by hostile ids
      "{\"id\":" + nlohmann::json(hostile).dump() + ",\"answers\":{" + nlohmann::json(hostile).dump() + ":\"x\"}}",
      "{\"id\":\"e2\",\"answers\":{\"need\":" + nlohmann::json(hostile).dump() + "}}",
  };
  for (const std::string& record : records) {
    std::string padded = record + std::string(batch_json_padding, ' ');
    std::string line;
    scorer.score_json_line(std::string_view(padded).substr(0, record.size()), 1, line, tally);
    INFO(record << "\n" << line << "\n" << raw_control(line));
    REQUIRE(!line.empty());
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(nlohmann::json::accept(line));
    CHECK_FALSE(has_unescaped_control(line));
    CHECK(nlohmann::json::parse(line)["id"].get<std::string>() ==
          (record.find("\"e2\"") != std::string::npos ? std::string("e2") : hostile));
  }
  // Through the command: `score` JSON Lines on standard output.
  TempDir dir;
  const std::string bank_file = dir.file("hostile.json", hostile_bank_text());
  std::string input;
  for (const std::string& record : records) input += record + "\n";
  auto scored = test::run({"score", "--bank", bank_file}, input);
  INFO(scored.err << "\n" << raw_control(scored.out));
  CHECK(test::split_lines(scored.out).size() == std::size(records));
  CHECK_FALSE(has_unescaped_control(scored.out));
}
