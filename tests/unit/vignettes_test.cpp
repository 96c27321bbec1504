// The twelve reference cases of the domain brief (shared/vignettes.md) as golden tests on the default bank.
// Each tests/vignettes/VNN.json holds the answers that person would honestly give to every question the
// skip logic shows them; the persons are described below, next to what a careful professional would advise.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vignette_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"

using wegwijzer::test::Vignette;
using wegwijzer::test::vignettes;

TEST_CASE("the twelve vignettes get the advice a careful professional would give", "[vignettes]") {
  const wegwijzer::Bank bank = wegwijzer::load_builtin_bank();
  for (const Vignette& vignette : vignettes()) {
    DYNAMIC_SECTION(vignette.file) {
      INFO(vignette.file << ": " << vignette.person);
      std::vector<wegwijzer::AnswerError> errors;
      const wegwijzer::AnswerSet answers = wegwijzer::test::load_vignette(bank, vignette, errors);
      for (const auto& error : errors) UNSCOPED_INFO(error.question << ": " << error.message);
      REQUIRE(errors.empty());

      const wegwijzer::Result result = wegwijzer::evaluate(bank, answers);
      for (std::size_t q : result.missing) UNSCOPED_INFO("missing: " << bank.questions[q].id);
      for (std::size_t q : result.ignored) UNSCOPED_INFO("answered but not shown: " << bank.questions[q].id);
      REQUIRE(result.status == wegwijzer::Status::complete);
      CHECK(result.ignored.empty());  // honest answers only to the questions the person is shown
      REQUIRE(result.recommendation.has_value());
      CHECK(bank.outcomes[*result.recommendation].id == vignette.outcome);
      CHECK(wegwijzer::to_string(result.urgency) == vignette.urgency);
    }
  }
}

TEST_CASE("vignettes with clinical or crisis complaints raise a red flag of the matching tier", "[vignettes]") {
  const wegwijzer::Bank bank = wegwijzer::load_builtin_bank();
  for (const Vignette& vignette : vignettes()) {
    std::vector<wegwijzer::AnswerError> errors;
    const wegwijzer::Result result = wegwijzer::evaluate(bank, wegwijzer::test::load_vignette(bank, vignette, errors));
    INFO(vignette.file << ": " << vignette.person);
    if (vignette.urgency == "routine") {
      CHECK(result.red_flags.empty());
    } else {
      REQUIRE_FALSE(result.red_flags.empty());
      const auto expected = vignette.urgency == "crisis" ? wegwijzer::Tier::crisis : wegwijzer::Tier::clinical;
      CHECK(result.red_flags.front().tier == expected);  // crisis flags come first
    }
  }
}
