#include "wegwijzer/record/result_json.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "summary_fixture.hpp"
#include "wegwijzer/support/version.hpp"

using nlohmann::json;
using namespace wegwijzer;

namespace {
std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}
}  // namespace

TEST_CASE("append_json_string escapes quotes, backslashes and controls", "[result_json]") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("l1\nl2\t\r\b\f") == "\"l1\\nl2\\t\\r\\b\\f\"");
  CHECK(json_string(std::string_view("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
  CHECK(json_string(std::string_view("a\0b", 3)) == "\"a\\u0000b\"");
  CHECK(json_string("Privé → ✓ 😀") == "\"Privé → ✓ 😀\"");
}

TEST_CASE("append_json_string replaces invalid UTF-8 with U+FFFD", "[result_json]") {
  CHECK(json_string("a\xff"
                    "b") ==
        "\"a\xEF\xBF\xBD"
        "b\"");
  CHECK(json_string("\xC3") == "\"\xEF\xBF\xBD\"");                                  // truncated sequence
  CHECK(json_string("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong
  CHECK(json_string("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  // Whatever the bytes, the result parses.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  CHECK_NOTHROW(json::parse(json_string(all)));
  CHECK(json::parse(json_string("x\"\\\n")).get<std::string>() == "x\"\\\n");
}

TEST_CASE("append_result_json writes the documented fields in a fixed order", "[result_json]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  std::string out = "prefix:";
  append_result_json(out, bank, answers, result, "rec-7");
  REQUIRE(out.rfind("prefix:", 0) == 0);  // appends, keeps what was there
  std::string record = out.substr(7);
  CHECK(record.find('\n') == std::string::npos);
  json parsed = json::parse(record);

  std::vector<std::string> keys;
  for (auto it = parsed.begin(); it != parsed.end(); ++it) keys.push_back(it.key());
  // nlohmann's json sorts keys: check the textual order separately below.
  std::vector<std::string> expected = {"schema_version", "id",         "status",  "recommendation", "urgency",
                                       "scores",         "ranking",    "scales",  "red_flags",      "fired_rules",
                                       "reasons",        "close_call", "missing", "ignored",        "unknown_red_flags",
                                       "notes",          "answers",    "bank",    "tool_version"};
  std::size_t previous = 0;
  for (const auto& name : expected) {
    INFO(name);
    REQUIRE(parsed.contains(name));
    std::size_t at = record.find("\"" + name + "\":");
    CHECK(at != std::string::npos);
    CHECK(at >= previous);
    previous = at;
  }
  CHECK(parsed.size() == expected.size());

  CHECK(parsed["schema_version"] == 1);
  CHECK(parsed["id"] == "rec-7");
  CHECK(parsed["status"] == "complete");
  CHECK(parsed["recommendation"] == "coaching");
  CHECK(parsed["urgency"] == "routine");
  CHECK(parsed["scores"] == json({{"werkbegeleiding", 0}, {"coaching", 3.5}, {"supervisie", 2.75}, {"therapie", 0}}));
  CHECK(parsed["ranking"].size() == 4);
  CHECK(parsed["ranking"][1] ==
        json({{"outcome", "supervisie"}, {"score", 2.75}, {"margin", 0.75}, {"excluded", false}}));
  CHECK(parsed["ranking"][3]["excluded"] == true);
  CHECK(parsed["scales"][0] ==
        json({{"id", "distress"}, {"value", 1}, {"min", 0}, {"max", 3}, {"band", "low"}, {"answered_items", 1}}));
  CHECK(parsed["red_flags"] == json::array());
  CHECK(parsed["fired_rules"] == json({"voluntary"}));
  CHECK(parsed["reasons"][0] == json({{"kind", "answer"},
                                      {"question", "need"},
                                      {"option", "goal"},
                                      {"rule", nullptr},
                                      {"outcome", "coaching"},
                                      {"effect", 3}}));
  CHECK(parsed["reasons"][1] == json({{"kind", "rule"},
                                      {"question", nullptr},
                                      {"option", nullptr},
                                      {"rule", "voluntary"},
                                      {"outcome", "coaching"},
                                      {"effect", 0.5}}));
  CHECK(parsed["close_call"] == true);
  CHECK(parsed["notes"] == json({"voluntary"}));
  CHECK(parsed["answers"] ==
        json({{"need", "goal"}, {"down", "never"}, {"topics", {"work", "private"}}, {"remarks", true}}));
  CHECK(parsed["bank"] == json({{"id", "fixture"}, {"version", "1.2.3"}, {"sha256", std::string(64, 'a')}}));
  CHECK(parsed["tool_version"] == std::string(tool_version()));
}

TEST_CASE("append_result_json never contains free text", "[result_json]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  std::string out;
  append_result_json(out, bank, answers, test::fixture_routine_result(), "r");
  CHECK(out.find("secret") == std::string::npos);
}

TEST_CASE("append_result_json: incomplete result and hostile record id", "[result_json]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  answers.set(2, Answer{{2}, ""});
  Result result;
  result.status = Status::incomplete;
  result.urgency = Urgency::crisis;
  result.scores = {0, 0, 0, 0};
  result.missing = {0, 1};
  result.ignored = {3};
  result.unknown_red_flags = {2};
  result.red_flags = {{0, Tier::crisis}};
  std::string out;
  append_result_json(out, bank, answers, result, "id\"\n\xff");
  json parsed = json::parse(out);
  CHECK(parsed["id"] == "id\"\n\xEF\xBF\xBD");
  CHECK(parsed["status"] == "incomplete");
  CHECK(parsed["recommendation"].is_null());
  CHECK(parsed["urgency"] == "crisis");
  CHECK(parsed["missing"] == json({"need", "down"}));
  CHECK(parsed["ignored"] == json({"topics"}));
  CHECK(parsed["unknown_red_flags"] == json({"life_worth"}));
  CHECK(parsed["red_flags"] == json({{{"rule", "life-not-worth-living"}, {"tier", "crisis"}}}));
  CHECK(parsed["answers"] == json({{"life_worth", "rather_not_say"}}));
  CHECK(parsed["ranking"] == json::array());
}

TEST_CASE("append_result_json writes non-finite numbers as null", "[result_json]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  Result result;
  result.scores = {std::numeric_limits<double>::infinity(), std::nan(""), -0.0, 1e-7};
  std::string out;
  append_result_json(out, bank, answers, result, "n");
  json parsed = json::parse(out);
  CHECK(parsed["scores"]["werkbegeleiding"].is_null());
  CHECK(parsed["scores"]["coaching"].is_null());
  CHECK(out.find("\"supervisie\":0,") != std::string::npos);
  CHECK(parsed["scores"]["therapie"].get<double>() == 1e-7);
}
