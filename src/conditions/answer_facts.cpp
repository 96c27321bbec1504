#include "wegwijzer/conditions/answer_facts.hpp"

namespace wegwijzer {

AnswerFacts answer_facts(const Question& question, const std::optional<Answer>& answer, bool shown) {
  AnswerFacts facts;
  if (!shown || !answer) return facts;
  facts.present = true;
  facts.count = static_cast<std::uint16_t>(answer->options.size());
  const std::size_t option_count = question.options.size();
  for (auto option : answer->options) {
    mark_option(facts.chosen, option);
    if (option < option_count) facts.points += question.options[option].points.value_or(0);
  }
  return facts;
}

void answer_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible,
                  std::vector<AnswerFacts>& facts) {
  const std::size_t count = bank.questions.size();
  facts.assign(count, AnswerFacts{});
  for (std::size_t q = 0; q < count && q < answers.size() && q < visible.size(); ++q) {
    facts[q] = answer_facts(bank.questions[q], answers.at(q), visible[q]);
  }
}

}  // namespace wegwijzer
