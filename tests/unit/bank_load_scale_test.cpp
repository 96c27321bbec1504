// Loading is linear in the size of a bank (issue 16, finding 1): large generated banks load in
// well under a second, ordinarily and as `check` loads them; the never-true analysis runs in
// `check` only, within a work budget, and says where it stopped when that is spent.
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bank/json_linear_parse.hpp"
#include "bank_test_base.hpp"
#include "generated_banks.hpp"
#include "test_support.hpp"

using nlohmann::json;
using wegwijzer::BankLimits;
using wegwijzer::LoadResult;
using wegwijzer::Severity;
using wegwijzer::test::BankShape;
using wegwijzer::test::generate_bank;

namespace {

/// A generous bound: the loads take a tenth of a second in a Release build; this leaves room for a
/// busy 2-core machine, and the unoptimised sanitizer build (no NDEBUG) gets more. Before the fix
/// the chained bank of 1,000 questions took more than ten minutes, so either bound catches it.
#ifdef NDEBUG
constexpr double kBoundSeconds = 5.0;
#else
constexpr double kBoundSeconds = 30.0;
#endif

BankLimits check_limits() {
  BankLimits limits;
  limits.analyse_conditions = true;
  return limits;
}

/// Loads `text` and returns the wall time in seconds.
double timed_load(const std::string& text, const BankLimits& limits, LoadResult& result) {
  auto start = std::chrono::steady_clock::now();
  result = wegwijzer::load_bank(text, "generated.json", limits);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Loads `text` ordinarily and as `check` does; both must succeed without any diagnostic, in time.
void require_fast_clean_loads(const std::string& text) {
  for (const bool check : {false, true}) {
    BankLimits limits = check ? check_limits() : BankLimits{};
    LoadResult result;
    const double seconds = timed_load(text, limits, result);
    INFO((check ? "check load: " : "ordinary load: ") << seconds << " s\n" << wegwijzer::test::all_diagnostics(result));
    REQUIRE(result.bank.has_value());
    CHECK(result.diagnostics.empty());  // in particular, the analysis did not stop early
    CHECK(seconds < kBoundSeconds);
  }
}

std::size_t count(const LoadResult& result, Severity severity) {
  std::size_t n = 0;
  for (const auto& diagnostic : result.diagnostics) n += diagnostic.severity == severity ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("generated banks are valid in every shape", "[loader][scale]") {
  for (BankShape shape : {BankShape::flat, BankShape::chained, BankShape::wide}) {
    LoadResult result = wegwijzer::load_bank(generate_bank(shape, 20, 300), "generated.json", check_limits());
    INFO(to_string(shape) << "\n" << wegwijzer::test::all_diagnostics(result));
    REQUIRE(result.bank.has_value());
    CHECK(result.diagnostics.empty());
    CHECK(result.bank->questions.size() == 20);
  }
}

TEST_CASE("the chained bank of 1,000 questions loads in well under a second", "[loader][scale]") {
  // Question k is shown if any of the previous 100 was answered yes.
  const std::string text = generate_bank(BankShape::chained, 1000);
  REQUIRE(text.size() <= BankLimits{}.max_bytes);
  require_fast_clean_loads(text);
}

TEST_CASE("the bank with one very large condition loads in well under a second", "[loader][scale]") {
  // One "any" of 100,000 leaves over 124 chained questions; 875 questions depend on it.
  const std::string text = generate_bank(BankShape::wide, 1000);
  REQUIRE(text.size() <= BankLimits{}.max_bytes);
  require_fast_clean_loads(text);
}

TEST_CASE("a never-true condition is an error of check, not of an ordinary load", "[loader][lint][check]") {
  auto contradiction = [](json& bank) {
    bank["rules"][1]["when"] = json::parse(R"({"all": [{"answer": "need", "equals": "a"},
                                                          {"answer": "need", "equals": "b"}]})");
  };
  LoadResult ordinary = wegwijzer::test::load_edited(contradiction);
  INFO(wegwijzer::test::all_diagnostics(ordinary));
  CHECK(ordinary.bank.has_value());
  CHECK(ordinary.diagnostics.empty());
  LoadResult checked = wegwijzer::test::load_edited(contradiction, check_limits());
  CHECK_BANK_ERROR(checked, "/rules/1/when", "this condition can never be true, so rule 'low-mood' never fires");
}

TEST_CASE("the never-true analysis says once where it stopped when its work budget is spent", "[loader][lint]") {
  SECTION("no budget at all: the first condition is not checked") {
    BankLimits limits = check_limits();
    limits.analysis_work_budget = 0;
    LoadResult result = wegwijzer::test::load_edited([](json&) {}, limits);
    // The base bank has one show_if (question 3) and two rules.
    CHECK_BANK_WARNING(result, "/questions/3/show_if",
                       "the never-true analysis stopped early after 0 of 3 conditions (work budget of 0 steps "
                       "spent); this condition and the ones after it were not checked completely");
    CHECK(result.diagnostics.size() == 1);
  }
  SECTION("a small budget: the analysis stops part of the way, with one warning and no false error") {
    BankLimits limits = check_limits();
    limits.analysis_work_budget = 2000;
    LoadResult result = wegwijzer::load_bank(generate_bank(BankShape::chained, 100), "chained.json", limits);
    INFO(wegwijzer::test::all_diagnostics(result));
    REQUIRE(result.bank.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    const auto& warning = result.diagnostics.front();
    CHECK(warning.severity == Severity::warning);
    CHECK_THAT(warning.message, Catch::StartsWith("the never-true analysis stopped early after "));
    CHECK_THAT(warning.message, Catch::Contains(" of 99 conditions (work budget of 2000 steps spent)"));
    CHECK_THAT(warning.pointer, Catch::Matches("/questions/[0-9]+/show_if"));
    CHECK(warning.pointer != "/questions/1/show_if");  // some conditions were checked
  }
  SECTION("the default budget proves the default bank") {
    const std::string text = wegwijzer::test::read_file(wegwijzer::test::source_path("data/banks/default.json"));
    LoadResult result = wegwijzer::load_bank(text, "default.json", check_limits());
    INFO(wegwijzer::test::all_diagnostics(result));
    CHECK(result.bank.has_value());
    CHECK(count(result, Severity::warning) == 0);
    CHECK(count(result, Severity::error) == 0);
  }
  SECTION("an ordinary load does no analysis, so it never stops early") {
    BankLimits limits;
    limits.analysis_work_budget = 0;
    LoadResult result = wegwijzer::load_bank(generate_bank(BankShape::chained, 100), "chained.json", limits);
    CHECK(result.bank.has_value());
    CHECK(result.diagnostics.empty());
  }
}

TEST_CASE("the linear JSON parser gives what nlohmann's callback parser gives", "[loader][scale]") {
  struct Event {
    int depth;
    json::parse_event_t event;
    std::string key;
    bool operator==(const Event& other) const {
      return depth == other.depth && event == other.event && key == other.key;
    }
  };
  auto recorder = [](std::vector<Event>& events) {
    return [&events](int depth, json::parse_event_t event, json& parsed) {
      events.push_back({depth, event, event == json::parse_event_t::key ? parsed.get<std::string>() : ""});
      return true;
    };
  };
  const std::vector<std::string> texts{
      generate_bank(BankShape::wide, 40, 500),
      wegwijzer::test::read_file(wegwijzer::test::source_path("data/banks/default.json")),
      R"([1, -2, 3.5, 18446744073709551615, "\u00e9", true, false, null, {}, [], {"a": {"b": [[]]}}])",
      R"({"a": 1, "a": 2})",  // a repeated key: the callback decides; both keep the last
      R"({"a": [1, 2, {"b": 1e309}]})",
      R"({"a": [1, 2,)",
      "[1] x",
      "",
      "// no comments\n1"};
  for (const std::string& text : texts) {
    INFO(text.substr(0, 80));
    std::vector<Event> expected_events, events;
    std::string expected_error, error;
    json expected, value;
    try {
      json::parser_callback_t callback = recorder(expected_events);
      expected = json::parse(text.begin(), text.end(), callback, true, false);
    } catch (const json::exception& e) {
      expected_error = e.what();
    }
    try {
      value = wegwijzer::detail::parse_json_linear(text, recorder(events));
    } catch (const json::exception& e) {
      error = e.what();
    }
    CHECK(value == expected);
    CHECK(error == expected_error);
    CHECK(events == expected_events);
  }
}

TEST_CASE("the linear JSON parser is linear in the length of a list of objects", "[loader][scale]") {
  // 400,000 objects in one list: nlohmann's callback parser scans the list after each object
  // (8 * 10^10 steps); the plain DOM builder does not.
  std::string text = "[";
  for (int i = 0; i < 400000; ++i) text += i == 0 ? "{}" : ",{}";
  text += "]";
  std::size_t events = 0;
  auto start = std::chrono::steady_clock::now();
  json value = wegwijzer::detail::parse_json_linear(text, [&events](int, json::parse_event_t, json&) {
    ++events;
    return true;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(value.size() == 400000);
  CHECK(events == 2 + 2 * 400000);
  CHECK(seconds < kBoundSeconds);
}
