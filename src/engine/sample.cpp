// Random answer sets that follow the skip logic, for property tests, benchmarks and witnesses.
#include "wegwijzer/sample.hpp"

#include "engine_detail.hpp"

namespace wegwijzer {
namespace {

/// The filler for free-text questions: neutral, never anything like personal data.
constexpr const char* kTextFiller = "...";

/// A uniform index below `count` (count > 0).
std::size_t pick(std::mt19937_64& random, std::size_t count) {
  return static_cast<std::size_t>(random() % count);  // bias is negligible for small counts
}

}  // namespace

namespace detail {
/// A random answer to one question (never empty).
Answer random_answer(const Question& question, std::mt19937_64& random) {
  Answer answer;
  if (question.type == QuestionType::text) {
    answer.text = kTextFiller;
    return answer;
  }
  const std::size_t count = question.options.size();
  if (count == 0) return answer;
  if (question.type == QuestionType::multiple) {
    // Each option with probability 1/2; an empty draw becomes one random option.
    std::uint64_t bits = 0;
    for (std::size_t o = 0; o < count; ++o) {
      if (o % 64 == 0) bits = random();
      if ((bits >> (o % 64)) & 1U) answer.options.push_back(static_cast<std::uint16_t>(o));
    }
    if (answer.options.empty()) answer.options.push_back(static_cast<std::uint16_t>(pick(random, count)));
    return answer;
  }
  answer.options.push_back(static_cast<std::uint16_t>(pick(random, count)));
  return answer;
}
}  // namespace detail

AnswerSet sample_answers(const Bank& bank, std::mt19937_64& random) {
  AnswerSet answers(bank);
  std::vector<bool> visible(bank.questions.size(), false);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    visible[q] = !question.show_if || detail::condition_holds(bank, *question.show_if, answers, visible, nullptr);
    if (!visible[q]) continue;
    if (!question.required && pick(random, 5) == 0) continue;  // optional: skipped about one time in five
    Answer answer = detail::random_answer(question, random);
    if (question.type != QuestionType::text && answer.options.empty()) continue;
    answers.set(q, std::move(answer));
  }
  return answers;
}

}  // namespace wegwijzer
