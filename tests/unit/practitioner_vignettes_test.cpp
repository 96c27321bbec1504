// The twelve practitioner reference cases (shared/vignettes-practitioner.md) on the built-in practitioner bank: each
// gets the outcome and urgency a careful colleague expects, raises a red flag of the tier its urgency implies, and
// renders to an approved text summary in Dutch and English (tests/golden/practitioner/; WEGWIJZER_APPROVE=1
// rewrites them, see tests/golden/practitioner/README.md).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "golden.hpp"
#include "practitioner_vignette_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/summary/summary.hpp"

using wegwijzer::test::practitioner_cases;
using wegwijzer::test::PractitionerCase;

namespace {

const wegwijzer::Bank& practitioner() {
  static const wegwijzer::Bank bank = wegwijzer::load_builtin_bank("practitioner");
  return bank;
}

}  // namespace

TEST_CASE("the twelve practitioner cases get the advice a careful colleague would give", "[practitioner][vignettes]") {
  const wegwijzer::Bank& bank = practitioner();
  for (const PractitionerCase& c : practitioner_cases()) {
    DYNAMIC_SECTION(c.file) {
      INFO(c.file << ": " << c.case_);
      std::vector<wegwijzer::AnswerError> errors;
      const wegwijzer::AnswerSet answers = wegwijzer::test::load_practitioner_case(bank, c, errors);
      for (const auto& error : errors) UNSCOPED_INFO(error.question << ": " << error.message);
      REQUIRE(errors.empty());

      const wegwijzer::Result result = wegwijzer::evaluate(bank, answers);
      for (std::size_t q : result.missing) UNSCOPED_INFO("missing: " << bank.questions[q].id);
      for (std::size_t q : result.ignored) UNSCOPED_INFO("answered but not shown: " << bank.questions[q].id);
      REQUIRE(result.status == wegwijzer::Status::complete);
      CHECK(result.ignored.empty());  // honest answers only to the questions the practitioner is shown
      CHECK(result.unknown_red_flags.empty());
      REQUIRE(result.recommendation.has_value());
      CHECK(bank.outcomes[*result.recommendation].id == c.outcome);
      CHECK(wegwijzer::to_string(result.urgency) == c.urgency);
    }
  }
}

TEST_CASE("practitioner cases with signs raise a red flag of the matching tier, the others none",
          "[practitioner][vignettes]") {
  const wegwijzer::Bank& bank = practitioner();
  for (const PractitionerCase& c : practitioner_cases()) {
    std::vector<wegwijzer::AnswerError> errors;
    const wegwijzer::Result result =
        wegwijzer::evaluate(bank, wegwijzer::test::load_practitioner_case(bank, c, errors));
    INFO(c.file << ": " << c.case_);
    if (c.urgency == "routine") {
      CHECK(result.red_flags.empty());
    } else {
      REQUIRE_FALSE(result.red_flags.empty());
      const auto expected = c.urgency == "crisis" ? wegwijzer::Tier::crisis : wegwijzer::Tier::clinical;
      CHECK(result.red_flags.front().tier == expected);  // crisis flags come first
    }
  }
}

TEST_CASE("practitioner goldens: the twelve cases' text summaries in nl and en", "[practitioner][golden]") {
  const wegwijzer::Bank& bank = practitioner();
  for (const PractitionerCase& c : practitioner_cases()) {
    std::vector<wegwijzer::AnswerError> errors;
    const wegwijzer::AnswerSet answers = wegwijzer::test::load_practitioner_case(bank, c, errors);
    REQUIRE(errors.empty());
    const wegwijzer::Result result = wegwijzer::evaluate(bank, answers);
    for (const std::string language : {"nl", "en"}) {
      wegwijzer::SummaryOptions options;
      options.language = language;
      options.date = "2026-12-07";
      const std::string name = c.file.substr(0, 3) + "." + language + ".txt";
      DYNAMIC_SECTION(name) {
        wegwijzer::test::check_golden(name, wegwijzer::render_summary(bank, answers, result, options), "practitioner");
      }
    }
  }
}
