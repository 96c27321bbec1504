// Exclusive options ("exclusive": true): loaded, linted, enforced by answer validation, and
// respected by the sampler.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "bank_test_base.hpp"
#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/sample.hpp"

using nlohmann::json;
using wegwijzer::AnswerError;
using wegwijzer::AnswerSet;
using wegwijzer::Bank;
using wegwijzer::LoadResult;
using wegwijzer::test::load_edited;

namespace {

/// The base bank with a third, exclusive option "none" on the multiple-choice question "topics".
LoadResult bank_with_exclusive_none() {
  return load_edited([](json& b) {
    b["questions"][2]["options"].push_back(
        json::parse(R"({"id": "none", "label": {"en": "N", "nl": "N"}, "neutral": true, "exclusive": true})"));
  });
}

}  // namespace

TEST_CASE("\"exclusive\" loads into Option::exclusive", "[loader]") {
  LoadResult result = bank_with_exclusive_none();
  INFO(wegwijzer::test::all_diagnostics(result));
  REQUIRE(result.bank.has_value());
  CHECK(result.diagnostics.empty());
  const auto& topics = result.bank->questions[2];
  CHECK(topics.options[2].exclusive);
  CHECK_FALSE(topics.options[0].exclusive);

  LoadResult not_boolean = load_edited([](json& b) { b["questions"][2]["options"][0]["exclusive"] = "yes"; });
  CHECK_BANK_ERROR(not_boolean, "/questions/2/options/0/exclusive", "expected");
}

TEST_CASE("\"exclusive\" outside a multiple-choice question is an error", "[lint]") {
  LoadResult result = load_edited([](json& b) { b["questions"][0]["options"][1]["exclusive"] = true; });
  CHECK_BANK_ERROR(result, "/questions/0/options/1/exclusive",
                   "option 'b' of question 'need' is marked \"exclusive\", but only options of a multiple-choice "
                   "question can be exclusive");
  LoadResult on_yes_no = load_edited([](json& b) { b["questions"][3]["options"][2]["exclusive"] = true; });
  CHECK_BANK_ERROR(on_yes_no, "/questions/3/options/2/exclusive", "only options of a multiple-choice question");
}

TEST_CASE("an exclusive option cannot be combined with other options", "[answers]") {
  LoadResult loaded = bank_with_exclusive_none();
  REQUIRE(loaded.bank.has_value());
  const Bank& bank = *loaded.bank;
  AnswerSet answers(bank);

  SECTION("alone, or other options together: accepted") {
    CHECK_FALSE(answers.set_choice("topics", {"none"}));
    REQUIRE(answers.at(2));
    CHECK(answers.at(2)->options == std::vector<std::uint16_t>{2});
    CHECK_FALSE(answers.set_choice("topics", {"work", "home"}));
  }
  SECTION("combined, in any order: exclusive_option naming the option, and the old answer stays") {
    REQUIRE_FALSE(answers.set_choice("topics", {"work"}));
    for (const auto& choice :
         {std::vector<std::string_view>{"none", "work"}, std::vector<std::string_view>{"home", "none"},
          std::vector<std::string_view>{"work", "home", "none"}}) {
      auto error = answers.set_choice("topics", choice);
      REQUIRE(error);
      CHECK(error->code == AnswerError::Code::exclusive_option);
      CHECK(error->question == "topics");
      CHECK(error->message == "question 'topics': option 'none' cannot be combined with other options");
      REQUIRE(answers.at(2));
      CHECK(answers.at(2)->options == std::vector<std::uint16_t>{0});
    }
  }
  SECTION("set_choice_at applies the same check") {
    auto error = answers.set_choice_at(2, {"none", "home"});
    REQUIRE(error);
    CHECK(error->code == AnswerError::Code::exclusive_option);
    CHECK_FALSE(answers.at(2));
  }
}

TEST_CASE("the default bank's \"none\" and \"rather not say\" cannot be combined", "[answers][default-bank]") {
  Bank bank = wegwijzer::load_builtin_bank();
  AnswerSet answers(bank);
  auto none_and_event = answers.set_choice("experiences", {"none", "event"});
  REQUIRE(none_and_event);
  CHECK(none_and_event->message == "question 'experiences': option 'none' cannot be combined with other options");
  auto refuse_and_event = answers.set_choice("experiences", {"event", "rather_not_say"});
  REQUIRE(refuse_and_event);
  CHECK(refuse_and_event->message ==
        "question 'experiences': option 'rather_not_say' cannot be combined with other options");
  auto no_and_coaching = answers.set_choice("earlier_help", {"none", "coaching"});
  REQUIRE(no_and_coaching);
  CHECK(no_and_coaching->code == AnswerError::Code::exclusive_option);
  CHECK_FALSE(answers.set_choice("experiences", {"event", "panic"}));
  CHECK_FALSE(answers.set_choice("earlier_help", {"rather_not_say"}));
}

TEST_CASE("sampled answers never combine an exclusive option with others", "[sample]") {
  LoadResult loaded = bank_with_exclusive_none();
  REQUIRE(loaded.bank.has_value());
  Bank builtin = wegwijzer::load_builtin_bank();
  for (const Bank* bank : {&*loaded.bank, &builtin}) {
    std::mt19937_64 random(7);
    std::size_t exclusive_alone = 0;
    std::size_t combined = 0;
    for (int i = 0; i < 3000; ++i) {
      AnswerSet answers = wegwijzer::sample_answers(*bank, random);
      for (std::size_t q = 0; q < bank->questions.size(); ++q) {
        const auto& answer = answers.at(q);
        if (!answer || bank->questions[q].type != wegwijzer::QuestionType::multiple) continue;
        if (answer->options.size() > 1) ++combined;
        for (auto o : answer->options) {
          if (!bank->questions[q].options[o].exclusive) continue;
          CHECK(answer->options.size() == 1);
          ++exclusive_alone;
        }
      }
    }
    CHECK(exclusive_alone > 0);  // exclusive options are still sampled, alone
    CHECK(combined > 0);         // and other options are still combined
  }
}
