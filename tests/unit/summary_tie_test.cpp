// Ties on the built-in bank (issue 15): someone who does not know what they want and has no complaints gets
// the lighter step, and the summary says which kinds of help fit equally well and what decides between them.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

/// Answers to the built-in bank: an adult at work, "I don't know" to every goal question that offers it,
/// work-related and about the present where it does not, and no complaints: every other shown question gets its first
/// option among "no", "none", "not at all", "safe", "fine", "own".
AnswerSet unsure_without_complaints(const Bank& bank) {
  const std::map<std::string, std::string> chosen = {
      {"work_situation", "working"}, {"need", "unsure"},      {"domain", "work"},
      {"time_focus", "present"},     {"help_form", "unsure"}, {"source", "unsure"},
      {"voluntary", "own"},          {"age", "18_to_66"},     {"works_with_people", "no"}};
  const std::vector<std::string> calm = {"no", "none", "not_at_all", "safe", "fine", "own"};
  AnswerSet answers(bank);
  for (bool changed = true; changed;) {
    changed = false;
    const std::vector<bool> visible = visible_questions(bank, answers);
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      if (!visible[q] || answers.at(q) || question.type == QuestionType::text) continue;
      std::string option;
      if (auto it = chosen.find(question.id); it != chosen.end()) {
        option = it->second;
      } else {
        for (const std::string& id : calm) {
          if (question.find_option(id)) {
            option = id;
            break;
          }
        }
      }
      INFO("question " << question.id);
      REQUIRE_FALSE(option.empty());
      REQUIRE_FALSE(answers.set_choice(question.id, {option}).has_value());
      changed = true;
      break;  // later questions may be shown or hidden by this answer: look again
    }
  }
  return answers;
}

SummaryOptions wide_text(const std::string& language) {
  SummaryOptions options;
  options.format = SummaryFormat::text;
  options.language = language;
  options.width = 200;
  return options;
}

}  // namespace

TEST_CASE("built-in bank: not knowing what you want, without complaints, ties and goes to the lighter step",
          "[summary][tie]") {
  const Bank bank = load_builtin_bank();
  const AnswerSet answers = unsure_without_complaints(bank);
  const Result result = evaluate(bank, answers);
  REQUIRE(result.status == Status::complete);
  REQUIRE(result.red_flags.empty());
  REQUIRE(result.recommendation);
  REQUIRE(result.ranking.size() >= 2);
  // The runner-up has the same score: a tie, decided for the lighter step (earlier in bank order).
  CHECK(result.ranking[1].margin == 0.0);
  CHECK(*result.recommendation < result.ranking[1].outcome);
  CHECK(bank.outcomes[*result.recommendation].id == "werkbegeleiding");
  CHECK(result.close_call);
  for (const std::string language : {"nl", "en"}) {
    std::string text;  // wrapped lines joined again
    for (char c : render_summary(bank, answers, result, wide_text(language))) {
      const bool space = c == ' ' || c == '\n';
      if (!(space && !text.empty() && text.back() == ' ')) text += space ? ' ' : c;
    }
    INFO(text);
    const bool en = language == "en";
    const std::string advised = bank.outcomes[*result.recommendation].name.in(language);
    const std::string runner_up = bank.outcomes[result.ranking[1].outcome].name.in(language);
    const std::size_t note = text.find(en ? "Your answers fit " : "Je antwoorden passen even goed bij ");
    REQUIRE(note != std::string::npos);
    const std::size_t first_sentence_end = text.find(". ", note);
    REQUIRE(first_sentence_end != std::string::npos);
    const std::string line = text.substr(note, first_sentence_end - note);
    CHECK(line.find(advised) != std::string::npos);
    CHECK(line.find(runner_up) != std::string::npos);
    CHECK(line.find(en ? " and " : " en ") != std::string::npos);
    CHECK(text.find(en ? "A first conversation with a professional can tell which suits you best"
                       : "Een eerste gesprek met een professional kan uitwijzen welke het best bij je past",
                    first_sentence_end) == first_sentence_end + 2);
    CHECK(text.find(en ? runner_up + ": fits just as well" : runner_up + ": past net zo goed") != std::string::npos);
  }
}
