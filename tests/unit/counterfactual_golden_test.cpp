// Golden summaries with "What would change this advice" (issue 20), built-in bank: a close call between coaching and
// supervision (the section shows by itself) and a case a red flag decides (shown with --explain). nl and en, three
// formats. WEGWIJZER_APPROVE=1 rewrites them (see tests/golden/summary/README.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

AnswerSet case_answers(const Bank& bank, const std::string& name) {
  std::vector<AnswerError> errors;
  const auto json =
      nlohmann::json::parse(test::read_file(test::test_path("golden/counterfactual/answers/" + name + ".json")));
  AnswerSet answers = answers_from_json(bank, json, errors);
  REQUIRE(errors.empty());
  return answers;
}

}  // namespace

TEST_CASE("what would change the advice: goldens for a close call and a red flag, nl and en", "[summary][golden]") {
  const Bank bank = load_builtin_bank();
  for (const std::string case_name : {"close-call", "red-flag"}) {
    const AnswerSet answers = case_answers(bank, case_name);
    const Result result = evaluate(bank, answers);
    for (const std::string language : {"nl", "en"}) {
      for (const auto& [suffix, format] :
           {std::pair{"txt", SummaryFormat::text}, std::pair{"md", SummaryFormat::markdown},
            std::pair{"json", SummaryFormat::json}}) {
        SummaryOptions options;
        options.format = format;
        options.language = language;
        options.date = "2025-01-15";
        options.explain = case_name == std::string("red-flag");  // the close call shows the section by itself
        const std::string name = case_name + "." + language + "." + suffix;
        SECTION(name) { test::check_golden(name, render_summary(bank, answers, result, options), "counterfactual"); }
      }
    }
  }
}

TEST_CASE("the golden cases are what they claim", "[summary][golden]") {
  const Bank bank = load_builtin_bank();
  const AnswerSet close = case_answers(bank, "close-call");
  const Result close_result = evaluate(bank, close);
  REQUIRE(close_result.recommendation);
  CHECK(bank.outcomes[*close_result.recommendation].id == "coaching");
  CHECK(close_result.close_call);
  CHECK(bank.outcomes[close_result.ranking.at(1).outcome].id == "supervisie");
  CHECK(close_result.red_flags.empty());
  SummaryOptions options;
  options.language = "en";
  options.format = SummaryFormat::markdown;  // sentences on one line
  const std::string text = render_summary(bank, close, close_result, options);
  CHECK(text.find("What would change this advice") != std::string::npos);
  CHECK(text.find("The advice would be supervision if you had chosen") != std::string::npos);
  CHECK(text.find("It is not a suggestion to answer differently.") != std::string::npos);

  const AnswerSet flagged = case_answers(bank, "red-flag");
  const Result flagged_result = evaluate(bank, flagged);
  CHECK_FALSE(flagged_result.red_flags.empty());
  CHECK(render_summary(bank, flagged, flagged_result, options).find("What would change this advice") ==
        std::string::npos);  // not shown unasked
  options.explain = true;
  const std::string explained = render_summary(bank, flagged, flagged_result, options);
  CHECK(explained.find("The signs above decide this advice. Other answers would not change it") != std::string::npos);
  CHECK(explained.find("The advice would be") == std::string::npos);
}
