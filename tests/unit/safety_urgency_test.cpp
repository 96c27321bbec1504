// Issue 14's safety invariants over 100,000 sampled answer sets of the built-in bank: declining a safety
// question never lowers the urgency below prompt; a raised crisis flag means urgency crisis whether or not
// the answers are complete, in evaluate() and in batch output; and every crisis summary's urgency line and
// crisis box come from the raised flags' first steps and resources, never from a calmer urgency text.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "json_lines_fixture.hpp"
#include "summary_reading.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

/// Questions a crisis-tier red flag reads (the safety questions), computed here from the conditions.
void collect(const Bank& bank, const Condition& c, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  if (c.kind == Kind::all || c.kind == Kind::any || c.kind == Kind::negate) {
    for (const auto& child : c.children) collect(bank, child, marks);
  } else if (c.kind != Kind::scale_at_least && c.kind != Kind::scale_at_most) {
    marks[c.question] = true;
  }
}

std::vector<std::size_t> safety_questions(const Bank& bank) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag && rule.effects.red_flag->tier == Tier::crisis) collect(bank, rule.when, marks);
  }
  std::vector<std::size_t> questions;
  for (std::size_t q = 0; q < marks.size(); ++q) {
    if (marks[q]) questions.push_back(q);
  }
  return questions;
}

std::optional<std::uint16_t> declining_option(const Question& question) {
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    if (question.options[o].unknown) return static_cast<std::uint16_t>(o);
  }
  return std::nullopt;
}

bool is_shown(const Result& result, std::size_t q) {
  return std::find(result.shown.begin(), result.shown.end(), q) != result.shown.end();
}

bool has_crisis_flag(const Result& result) {
  return std::any_of(result.red_flags.begin(), result.red_flags.end(),
                     [](const RaisedFlag& flag) { return flag.tier == Tier::crisis; });
}

/// The sentences of a text (split after ". ", "! " or "? "), independently of the summary's own splitting.
std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ') {
      out.push_back(current);
      current.clear();
      ++i;  // the space
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

/// 100,000 sampled answer sets; under AddressSanitizer, whose run looks for memory errors rather than
/// clinical ones, a quarter of them (the release run checks all 100,000).
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSamples = 25000;
#else
constexpr std::size_t kSamples = 100000;
#endif

}  // namespace

TEST_CASE("issue 14 safety invariants over 100,000 sampled answer sets of the built-in bank (25,000 under ASan)",
          "[safety][slow]") {
  const Bank bank = load_builtin_bank();
  const std::vector<std::size_t> safety = safety_questions(bank);
  REQUIRE(safety.size() >= 8);
  for (std::size_t q : safety) {
    INFO(bank.questions[q].id);
    CHECK(declining_option(bank.questions[q]));  // every safety question can be declined
  }
  // The calmer urgency texts that a crisis summary must never contain (both languages).
  const std::vector<std::string> calmer = {"Er is geen haast", "There is no hurry",
                                           "Maak deze week een afspraak met je huisarts.",
                                           "Make an appointment with your GP (huisarts) this week."};
  Evaluator evaluator(bank);
  test::LineScorer batch(bank);
  std::mt19937_64 random(20261206);
  Result result;
  Result declined;
  std::size_t declines = 0, crises = 0, incomplete_crises = 0, summaries = 0;
  for (std::size_t i = 0; i < kSamples; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    evaluator.evaluate(answers, result);

    // (a) Declining any shown safety question never lowers the urgency below prompt.
    std::size_t q = safety[random() % safety.size()];
    if (is_shown(result, q)) {
      AnswerSet changed = answers;
      changed.set(q, Answer{{*declining_option(bank.questions[q])}, {}});
      evaluator.evaluate(changed, declined);
      ++declines;
      if (declined.urgency < Urgency::prompt) {
        FAIL_CHECK("declining " << bank.questions[q].id << " gave urgency " << to_string(declined.urgency));
      }
    }

    // (b) A crisis flag means crisis, complete or not, in evaluate() and in a batch line missing an answer.
    if (has_crisis_flag(result)) {
      ++crises;
      if (result.urgency != Urgency::crisis) FAIL_CHECK("a crisis flag without urgency crisis");
      AnswerSet partial = answers;
      for (std::size_t drop = 0; drop < bank.questions.size(); ++drop) {
        const std::size_t d = (drop + random()) % bank.questions.size();
        if (!bank.questions[d].required || !partial.at(d) ||
            std::find(safety.begin(), safety.end(), d) != safety.end()) {
          continue;
        }
        partial.clear(d);
        break;
      }
      Result partial_result = evaluate(bank, partial);
      if (partial_result.status == Status::incomplete && has_crisis_flag(partial_result)) {
        ++incomplete_crises;
        if (partial_result.urgency != Urgency::crisis) FAIL_CHECK("an incomplete crisis without urgency crisis");
        if (incomplete_crises <= 2000) {  // 2,000 batch records are plenty
          nlohmann::json record = {{"id", "r"}, {"answers", answers_to_json(partial)}};
          nlohmann::json line = nlohmann::json::parse(batch.score(record.dump()));
          if (line.value("urgency", "") != "crisis") FAIL_CHECK("batch: an incomplete crisis record: " << line.dump());
          if (line.value("status", "") != "error") FAIL_CHECK("batch: an incomplete record got advice");
        }
      }

      // (c) The crisis summary's urgency line and box: the raised flags' first steps and resources only.
      for (const std::string language : {"nl", "en"}) {
        SummaryOptions options;
        options.language = language;
        options.width = 200;  // the widest; wrapped lines are joined again by line_after() and box_words()
        const std::string text = render_summary(bank, answers, result, options);
        ++summaries;
        const std::string box_end = test::box_words(text);
        const std::string how_soon = test::line_after(text, language == "nl" ? "Hoe snel" : "How soon");
        for (const std::string& phrase : calmer) {
          if (box_end.find(phrase) != std::string::npos || how_soon.find(phrase) != std::string::npos) {
            FAIL_CHECK("a calmer urgency text in a crisis summary: " << phrase);
          }
        }
        // Every sentence of every crisis flag's first step, each once, in flag order (shared sentences, such
        // as "call 112 in danger", are said once).
        std::vector<std::string> said;
        std::string expected;
        for (const RaisedFlag& flag : result.red_flags) {
          if (flag.tier != Tier::crisis) continue;
          const std::string& step = bank.rules[flag.rule].effects.red_flag->first_step.in(language);
          for (const std::string& sentence : sentences_of(step)) {
            if (std::find(said.begin(), said.end(), sentence) != said.end()) continue;
            said.push_back(sentence);
            if (box_end.find(sentence) == std::string::npos) FAIL_CHECK("a crisis flag's first step is not in the box");
            expected += (expected.empty() ? "" : " ") + sentence;
          }
          for (std::size_t resource : bank.rules[flag.rule].effects.red_flag->resources) {
            if (box_end.find(bank.resources[resource].name.in(language)) == std::string::npos) {
              FAIL_CHECK("a crisis flag's resource is not in the box: " << bank.resources[resource].id);
            }
          }
        }
        if (result.status == Status::complete && how_soon != expected) {
          FAIL_CHECK("the urgency line is not the crisis flags' first steps: " << how_soon);
        }
      }
    }
  }
  // The sample must exercise every part.
  CHECK(declines > kSamples / 10);
  CHECK(crises > kSamples / 100);
  CHECK(incomplete_crises > kSamples / 200);
  CHECK(summaries > kSamples / 50);
}
