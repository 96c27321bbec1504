// Conditions, references and the lints of `wegwijzer check`: one bank per finding.
#include <catch2/catch.hpp>

#include "bank_test_base.hpp"

using nlohmann::json;
using wegwijzer::LoadResult;
using wegwijzer::test::load_edited;

namespace {
/// The limits of `wegwijzer check`: with the never-true analysis.
wegwijzer::BankLimits check_limits() {
  wegwijzer::BankLimits limits;
  limits.analyse_conditions = true;
  return limits;
}
/// The base bank with the show_if of question "unsafe" (index 3) replaced, loaded as `check` does.
LoadResult with_show_if(const char* condition) {
  return load_edited([condition](json& b) { b["questions"][3]["show_if"] = json::parse(condition); }, check_limits());
}
/// The base bank with the condition of rule "low-mood" (index 1) replaced, loaded as `check` does.
LoadResult with_rule_when(const char* condition) {
  return load_edited([condition](json& b) { b["rules"][1]["when"] = json::parse(condition); }, check_limits());
}
}  // namespace

TEST_CASE("conditions parse into the typed tree", "[lint]") {
  LoadResult result = with_rule_when(R"({"any": [{"all": [{"answer": "need", "in": ["a", "b"]},
      {"not": {"answer": "topics", "contains": "home"}}]}, {"answered": "remarks"},
      {"answer": "mood", "at_most": 1}, {"scale": "low", "at_least": 1.5}]})");
  INFO(wegwijzer::test::all_diagnostics(result));
  REQUIRE(result.bank);
  using Kind = wegwijzer::Condition::Kind;
  const wegwijzer::Condition& when = result.bank->rules[1].when;
  REQUIRE(when.kind == Kind::any);
  REQUIRE(when.children.size() == 4);
  CHECK(when.children[0].kind == Kind::all);
  CHECK(when.children[0].children[0].kind == Kind::in);
  CHECK(when.children[0].children[0].options == std::vector<std::size_t>{0, 1});
  CHECK(when.children[0].children[1].kind == Kind::negate);
  CHECK(when.children[0].children[1].children[0].kind == Kind::contains);
  CHECK(when.children[0].children[1].children[0].question == 2);
  CHECK(when.children[1].kind == Kind::answered);
  CHECK(when.children[1].question == 4);
  CHECK(when.children[2].kind == Kind::answer_at_most);
  CHECK(when.children[2].value == 1);
  CHECK(when.children[3].kind == Kind::scale_at_least);
  CHECK(when.children[3].value == 1.5);
}

TEST_CASE("malformed conditions", "[lint]") {
  CHECK_BANK_ERROR(with_rule_when(R"("need = a")"), "/rules/1/when",
                   "found the text \"need = a\", expected a condition");
  CHECK_BANK_ERROR(with_rule_when(R"({"question": "need"})"), "/rules/1/when",
                   "found an object with the key 'question'");
  CHECK_BANK_ERROR(with_rule_when(R"({"all": []})"), "/rules/1/when/all", "at least 1 item");
  CHECK_BANK_ERROR(with_rule_when(R"({"any": [{"answered": "need"}], "all": []})"), "/rules/1/when/any",
                   "unknown key 'any'");
  CHECK_BANK_ERROR(with_rule_when(R"({"not": {"answered": "need"}, "x": 1})"), "/rules/1/when/x", "unknown key 'x'");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need"})"), "/rules/1/when", "needs exactly one of");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "equals": "a", "in": ["b"]})"), "/rules/1/when",
                   "needs exactly one of");
  CHECK_BANK_ERROR(with_rule_when(R"({"scale": "low"})"), "/rules/1/when", "exactly one of \"at_least\" or");
  CHECK_BANK_ERROR(with_rule_when(R"({"scale": "low", "at_least": "2"})"), "/rules/1/when/at_least",
                   "expected a number");
}

TEST_CASE("references to unknown questions, options, scales", "[lint]") {
  CHECK_BANK_ERROR(with_rule_when(R"({"answered": "nede"})"), "/rules/1/when/answered", "unknown question 'nede'");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "equals": "c"})"), "/rules/1/when/equals",
                   "question 'need' has no option 'c'; its options are: a, b");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "in": ["a", "x"]})"), "/rules/1/when/in/1",
                   "has no option 'x'");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "in": ["a", "a"]})"), "/rules/1/when/in/1",
                   "the option 'a' is listed twice");
  CHECK_BANK_ERROR(with_rule_when(R"({"scale": "hi", "at_least": 1})"), "/rules/1/when/scale", "unknown scale 'hi'");
}

TEST_CASE("operators must fit the question type", "[lint]") {
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "contains": "a"})"), "/rules/1/when/contains",
                   "\"contains\" works only on multiple-choice questions; question 'need' is of type single");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "remarks", "equals": "a"})"), "/rules/1/when/equals",
                   "question 'remarks' is a free-text question");
  CHECK_BANK_ERROR(with_rule_when(R"({"answer": "need", "at_least": 1})"), "/rules/1/when/at_least",
                   "not every option of question 'need' has \"points\"");
}

TEST_CASE("show_if may only refer to earlier questions", "[lint]") {
  CHECK_BANK_ERROR(with_show_if(R"({"answered": "unsafe"})"), "/questions/3/show_if/answered",
                   "show_if of question 'unsafe' refers to the question itself");
  CHECK_BANK_ERROR(with_show_if(R"({"not": {"answered": "remarks"}})"), "/questions/3/show_if/not/answered",
                   "refers to question 'remarks', which comes later");
  LoadResult via_scale =
      load_edited([](json& b) { b["questions"][1]["show_if"] = json::parse(R"({"scale": "low", "at_least": 1})"); });
  CHECK_BANK_ERROR(via_scale, "/questions/1/show_if/scale",
                   "show_if of question 'mood' uses scale 'low', whose item 'mood' is not asked before it");
}

TEST_CASE("conditions that can never be true are errors", "[lint]") {
  SECTION("a contradiction in a rule") {
    CHECK_BANK_ERROR(
        with_rule_when(R"({"all": [{"answer": "need", "equals": "a"}, {"answer": "need", "equals": "b"}]})"),
        "/rules/1/when", "this condition can never be true, so rule 'low-mood' never fires");
  }
  SECTION("a scale bound beyond the reachable range") {
    CHECK_BANK_ERROR(with_rule_when(R"({"scale": "low", "at_least": 3})"), "/rules/1/when", "can never be true");
  }
  SECTION("a points bound beyond the options") {
    CHECK_BANK_ERROR(with_rule_when(R"({"answer": "mood", "at_most": -1})"), "/rules/1/when", "can never be true");
  }
  SECTION("a show_if: the question is never shown") {
    CHECK_BANK_ERROR(with_show_if(R"({"all": [{"answer": "mood", "equals": "p0"}, {"scale": "low", "at_least": 1}]})"),
                     "/questions/3/show_if", "so question 'unsafe' is never shown");
  }
  SECTION("a question that is only shown when it cannot be answered that way") {
    // "unsafe" is shown only when need = b, so need = a together with unsafe = yes never happens.
    CHECK_BANK_ERROR(
        with_rule_when(R"({"all": [{"answer": "need", "equals": "a"}, {"answer": "unsafe", "equals": "yes"}]})"),
        "/rules/1/when", "can never be true");
  }
  SECTION("a dead alternative of any") {
    CHECK_BANK_ERROR(with_rule_when(R"({"any": [{"answered": "need"},
        {"all": [{"answer": "topics", "equals": "work"}, {"answer": "topics", "contains": "home"}]}]})"),
                     "/rules/1/when/any/1", "so this alternative of \"any\" never applies");
  }
  SECTION("multiple choice: exactly-equals with another option chosen") {
    CHECK_BANK_ERROR(
        with_rule_when(R"({"all": [{"answer": "topics", "equals": "work"}, {"answer": "topics", "in": ["home"]}]})"),
        "/rules/1/when", "can never be true");
  }
  SECTION("not answered and a value") {
    CHECK_BANK_ERROR(with_rule_when(R"({"all": [{"not": {"answered": "mood"}}, {"scale": "low", "at_most": 2}]})"),
                     "/rules/1/when", "can never be true");
  }
}

TEST_CASE("satisfiable conditions are not reported", "[lint]") {
  for (const char* condition :
       {R"({"all": [{"answer": "need", "equals": "b"}, {"answer": "unsafe", "equals": "yes"}]})",
        R"({"all": [{"answer": "topics", "contains": "work"}, {"answer": "topics", "contains": "home"}]})",
        R"({"answer": "topics", "at_least": 0})", R"({"not": {"answered": "need"}})",
        R"({"all": [{"scale": "low", "at_least": 2}, {"answer": "mood", "equals": "p2"}]})"}) {
    LoadResult result = with_rule_when(condition);
    if (std::string(condition).find("topics\", \"at_least") != std::string::npos) {
      // topics has no points: a parse error, not a lint.
      CHECK_FALSE(result.bank);
      continue;
    }
    INFO(condition << "\n" << wegwijzer::test::all_diagnostics(result));
    CHECK(result.bank.has_value());
  }
}

TEST_CASE("options with no effect are warnings", "[lint]") {
  LoadResult result = load_edited([](json& b) { b["questions"][0]["options"][0].erase("weights"); });
  CHECK_BANK_WARNING(result, "/questions/0/options/0", "option 'a' of question 'need' has no effect");
  CHECK(result.diagnostics.size() == 1);

  SECTION("referenced by a condition, unknown, neutral, or the 'no' of a yes_no: no warning") {
    LoadResult referenced = load_edited([](json& b) {
      b["questions"][0]["options"][1].erase("weights");  // used by the show_if of "unsafe"
      b["questions"][0]["options"][1]["neutral"] = false;
    });
    INFO(wegwijzer::test::all_diagnostics(referenced));
    CHECK(referenced.diagnostics.empty());
    LoadResult neutral = load_edited([](json& b) {
      b["questions"][2]["options"][1].erase("weights");
      b["questions"][2]["options"][1]["neutral"] = true;
    });
    INFO(wegwijzer::test::all_diagnostics(neutral));
    CHECK(neutral.diagnostics.empty());
  }
  SECTION("points count when the question is a scale item") {
    LoadResult no_scale = load_edited([](json& b) {
      b["questions"][1]["options"][1]["weights"] = {{"coaching", 1}};  // keep the question influential
      b.erase("scales");
      b["rules"].erase(1);
    });
    CHECK_BANK_WARNING(no_scale, "/questions/1/options/0", "option 'p0' of question 'mood' has no effect");
    CHECK_BANK_WARNING(no_scale, "/questions/1/options/2", "option 'p2'");
    CHECK_FALSE(wegwijzer::test::has_diagnostic(no_scale, wegwijzer::Severity::warning, "/questions/1/options/1", ""));
  }
}

TEST_CASE("questions that influence nothing are warnings", "[lint]") {
  LoadResult result = load_edited([](json& b) {
    for (auto& option : b["questions"][2]["options"]) option.erase("weights");
  });
  CHECK_BANK_WARNING(result, "/questions/2", "question 'topics' cannot influence any outcome, scale or rule");
  CHECK(result.diagnostics.size() == 1);  // not repeated for each option
  LoadResult used_in_condition = load_edited([](json& b) {
    for (auto& option : b["questions"][2]["options"]) option.erase("weights");
    b["rules"][1]["when"] = json::parse(R"({"answer": "topics", "in": ["work", "home"]})");
  });
  INFO(wegwijzer::test::all_diagnostics(used_in_condition));
  CHECK(used_in_condition.diagnostics.empty());
}

TEST_CASE("the condition analysis splits conditions that are too large to try at once", "[lint]") {
  const char* impossible_part = R"({"all": [{"scale": "low", "at_least": 3}, {"answer": "need", "equals": "a"}]})";
  auto load_with_budget = [impossible_part](std::size_t budget) {
    wegwijzer::BankLimits limits = check_limits();
    limits.analysis_budget = budget;
    return load_edited([impossible_part](json& b) { b["rules"][1]["when"] = json::parse(impossible_part); }, limits);
  };
  // 4 x 3 combinations for the whole; 4 for the impossible scale part alone.
  CHECK_BANK_ERROR(load_with_budget(5), "/rules/1/when", "can never be true");
  LoadResult not_analysed = load_with_budget(3);
  INFO(wegwijzer::test::all_diagnostics(not_analysed));
  CHECK(not_analysed.bank.has_value());
}
