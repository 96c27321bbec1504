// condition_in_words: every kind of condition in nl and en, and brackets where parts nest.
#include "wegwijzer/bank/condition_words.hpp"

#include <catch2/catch.hpp>

#include "bank_test_base.hpp"

using namespace wegwijzer;

namespace {

Bank words_bank() {
  LoadResult result = load_bank(test::base_bank().dump(), "base.json");
  REQUIRE(result.bank);
  return std::move(*result.bank);
}

using Kind = Condition::Kind;

// Indices in base_bank(): questions need(a,b), mood(p0..p2), topics(work,home), unsafe(yes,no,skip), remarks;
// scale low.
constexpr std::size_t need = 0, mood = 1, topics = 2, unsafe = 3, remarks = 4;

Condition leaf(Kind kind, std::size_t question, std::vector<std::size_t> options = {}, double value = 0) {
  Condition condition;
  condition.kind = kind;
  condition.question = question;
  condition.options = std::move(options);
  condition.value = value;
  return condition;
}

Condition scale(Kind kind, double value) {
  Condition condition;
  condition.kind = kind;
  condition.scale = 0;
  condition.value = value;
  return condition;
}

Condition node(Kind kind, std::vector<Condition> children) {
  Condition condition;
  condition.kind = kind;
  condition.children = std::move(children);
  return condition;
}

}  // namespace

TEST_CASE("every leaf in words, in English and Dutch", "[condition_words]") {
  const Bank bank = words_bank();
  struct Case {
    Condition condition;
    std::string en, nl;
  };
  const std::vector<Case> cases = {
      {leaf(Kind::answered, remarks), R"("remarks" is answered)", R"("remarks" is beantwoord)"},
      {leaf(Kind::equals, need, {1}), R"("need" is "b")", R"("need" is "b")"},
      {leaf(Kind::equals, topics, {0}), R"("topics" is only "work")", R"("topics" is alleen "work")"},
      {leaf(Kind::in, unsafe, {0, 2}), R"("unsafe" is "yes" or "skip")", R"("unsafe" is "yes" of "skip")"},
      {leaf(Kind::in, mood, {0, 1, 2}), R"("mood" is "p0", "p1" or "p2")", R"("mood" is "p0", "p1" of "p2")"},
      {leaf(Kind::in, need, {0}), R"("need" is "a")", R"("need" is "a")"},
      {leaf(Kind::in, topics, {0, 1}), R"("topics" includes "work" or "home")", R"("topics" bevat "work" of "home")"},
      {leaf(Kind::contains, topics, {1}), R"("topics" includes "home")", R"("topics" bevat "home")"},
      {leaf(Kind::answer_at_least, mood, {}, 2), R"(at least 2 points on "mood")", R"(minstens 2 punten op "mood")"},
      {leaf(Kind::answer_at_most, mood, {}, 1), R"(at most 1 point on "mood")", R"(hoogstens 1 punt op "mood")"},
      {leaf(Kind::answer_at_least, mood, {}, 1.5), R"(at least 1.5 points on "mood")",
       R"(minstens 1.5 punten op "mood")"},
      {scale(Kind::scale_at_least, 3), R"(scale "low" is at least 3)", R"(schaal "low" is minstens 3)"},
      {scale(Kind::scale_at_most, -1), R"(scale "low" is at most -1)", R"(schaal "low" is hoogstens -1)"},
  };
  for (const Case& c : cases) {
    CHECK(condition_in_words(bank, c.condition, "en") == c.en);
    CHECK(condition_in_words(bank, c.condition, "nl") == c.nl);
  }
}

TEST_CASE("all, any and not in words, with brackets where parts nest", "[condition_words]") {
  const Bank bank = words_bank();
  const Condition is_b = leaf(Kind::equals, need, {1});
  const Condition home = leaf(Kind::contains, topics, {1});
  const Condition yes_or_skip = leaf(Kind::in, unsafe, {0, 2});
  const Condition high = scale(Kind::scale_at_least, 2);

  const Condition all = node(Kind::all, {is_b, node(Kind::negate, {home})});
  CHECK(condition_in_words(bank, all, "en") == R"("need" is "b" and not "topics" includes "home")");
  CHECK(condition_in_words(bank, all, "nl") == R"("need" is "b" en niet "topics" bevat "home")");

  // A list of options inside an all: in brackets, so its "or" does not mix with the "and".
  const Condition mixed = node(Kind::all, {yes_or_skip, high});
  CHECK(condition_in_words(bank, mixed, "en") == R"(("unsafe" is "yes" or "skip") and scale "low" is at least 2)");
  CHECK(condition_in_words(bank, mixed, "nl") == R"(("unsafe" is "yes" of "skip") en schaal "low" is minstens 2)");

  // An any inside an all, and an all inside an any: brackets; an all inside an all: none.
  const Condition any_in_all = node(Kind::all, {is_b, node(Kind::any, {home, high})});
  CHECK(condition_in_words(bank, any_in_all, "en") ==
        R"("need" is "b" and ("topics" includes "home" or scale "low" is at least 2))");
  CHECK(condition_in_words(bank, any_in_all, "nl") ==
        R"("need" is "b" en ("topics" bevat "home" of schaal "low" is minstens 2))");
  const Condition all_in_any = node(Kind::any, {node(Kind::all, {is_b, home}), high});
  CHECK(condition_in_words(bank, all_in_any, "en") ==
        R"(("need" is "b" and "topics" includes "home") or scale "low" is at least 2)");
  const Condition all_in_all = node(Kind::all, {is_b, node(Kind::all, {home, high})});
  CHECK(condition_in_words(bank, all_in_all, "en") ==
        R"("need" is "b" and "topics" includes "home" and scale "low" is at least 2)");

  // not of a compound part, and not of a list: brackets; not of not: plain.
  const Condition not_all = node(Kind::negate, {node(Kind::all, {is_b, home})});
  CHECK(condition_in_words(bank, not_all, "en") == R"(not ("need" is "b" and "topics" includes "home"))");
  CHECK(condition_in_words(bank, not_all, "nl") == R"(niet ("need" is "b" en "topics" bevat "home"))");
  CHECK(condition_in_words(bank, node(Kind::negate, {yes_or_skip}), "en") == R"(not ("unsafe" is "yes" or "skip"))");
  CHECK(condition_in_words(bank, node(Kind::negate, {node(Kind::negate, {is_b})}), "nl") ==
        R"(niet niet "need" is "b")");

  // One child reads as that child, also when it decides about brackets.
  CHECK(condition_in_words(bank, node(Kind::any, {is_b}), "en") == R"("need" is "b")");
  const Condition wrapped = node(Kind::all, {is_b, node(Kind::any, {node(Kind::all, {home, high})})});
  CHECK(condition_in_words(bank, wrapped, "en") ==
        R"("need" is "b" and "topics" includes "home" and scale "low" is at least 2)");

  // Empty junctions.
  CHECK(condition_in_words(bank, node(Kind::all, {}), "en") == "always");
  CHECK(condition_in_words(bank, node(Kind::any, {}), "nl") == "nooit");
}

TEST_CASE("a language other than nl gives the English words, as the session's texts do", "[condition_words]") {
  const Bank bank = words_bank();
  const Condition condition = node(Kind::any, {leaf(Kind::answered, remarks), leaf(Kind::equals, need, {0})});
  CHECK(condition_in_words(bank, condition, "de") == condition_in_words(bank, condition, "en"));
  CHECK(condition_in_words(bank, condition, "de") != condition_in_words(bank, condition, "nl"));
  CHECK(condition_in_words(bank, condition, "nl") == R"("remarks" is beantwoord of "need" is "a")");
}

TEST_CASE("the default bank's show_if conditions in words", "[condition_words]") {
  const Bank bank = load_builtin_bank();
  const Question& sick_leave = bank.questions[*bank.find_question("sick_leave")];
  REQUIRE(sick_leave.show_if);
  CHECK(condition_in_words(bank, *sick_leave.show_if, "en") ==
        R"("work_situation" is "working" and (at least 1 point on "impairment" or "need" is "complaint"))");
  const Question& trauma = bank.questions[*bank.find_question("trauma")];
  CHECK(condition_in_words(bank, *trauma.show_if, "nl") == R"("experiences" bevat "event")");
}
