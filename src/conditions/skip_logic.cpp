#include "wegwijzer/conditions/skip_logic.hpp"

namespace wegwijzer {

SkipLogic::SkipLogic(const Bank& bank) : bank_(&bank), program_(bank), scales_of_(bank.questions.size()) {
  show_if_.reserve(bank.questions.size());
  for (const Question& question : bank.questions) {
    show_if_.push_back(question.show_if ? program_.add(*question.show_if) : ConditionProgram::always);
  }
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    for (std::size_t item : bank.scales[s].items) {
      if (item < scales_of_.size()) scales_of_[item].push_back(static_cast<std::uint32_t>(s));
    }
  }
}

void SkipLogic::record(std::size_t question, const std::optional<Answer>& answer, bool shown,
                       ConditionFacts& facts) const {
  const AnswerFacts fact = answer_facts(bank_->questions[question], answer, shown);
  facts.set(question, fact);
  if (!fact.present || fact.count == 0) return;  // not an answered item of a scale
  for (std::uint32_t scale : scales_of_[question]) facts.tally(scale, fact.points);
}

void SkipLogic::walk(const AnswerSet& answers, std::vector<char>& visible, ConditionFacts& facts) const {
  const std::size_t count = bank_->questions.size();
  visible.assign(count, 0);
  facts.clear();
  for (std::size_t q = 0; q < count; ++q) {
    visible[q] = shown(q, facts) ? 1 : 0;
    record(q, answers.at(q), visible[q] != 0, facts);
  }
}

std::vector<bool> visible_questions(const Bank& bank, const AnswerSet& answers) {
  const SkipLogic skip(bank);
  std::vector<char> shown;
  ConditionFacts facts = skip.empty_facts();
  skip.walk(answers, shown, facts);
  return std::vector<bool>(shown.begin(), shown.end());
}

ConditionFacts condition_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible) {
  ConditionFacts facts(bank.questions.size(), bank.scales.size());
  for (std::size_t q = 0; q < bank.questions.size() && q < answers.size(); ++q) {
    facts.set(q, answer_facts(bank.questions[q], answers.at(q), q < visible.size() && visible[q]));
  }
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    for (std::size_t item : bank.scales[s].items) {
      if (item >= bank.questions.size() || item >= answers.size() || item >= visible.size() || !visible[item]) continue;
      const AnswerFacts fact = answer_facts(bank.questions[item], answers.at(item), true);
      if (fact.present && fact.count != 0) facts.tally(s, fact.points);
    }
  }
  return facts;
}

bool evaluate_condition(const Bank& bank, const Condition& condition, const ConditionFacts& facts) {
  ConditionProgram program(bank);
  return program.holds(program.add(condition), facts);
}

bool evaluate_condition(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                        const std::vector<bool>& visible) {
  return evaluate_condition(bank, condition, condition_facts(bank, answers, visible));
}

}  // namespace wegwijzer
