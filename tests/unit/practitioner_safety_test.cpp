// The practitioner bank's red-flag invariants over 100,000 sampled answer sets (25,000 under AddressSanitizer), as
// the default bank's (safety_property_test.cpp, safety_urgency_test.cpp) on its own outcomes: a crisis flag always
// gives act-now and urgency crisis, complete or not; a clinical flag gives at least prompt and never "go on within
// your role" or "bring it to supervision"; without a crisis flag the advice is never act-now; declining (or not
// knowing) a safety question never leaves the urgency at routine; the unknown safety questions are named exactly;
// complete means advice; and a crisis summary's urgency line and crisis box come from the raised crisis flags' first
// steps and resources, never from a calmer urgency text.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "summary_reading.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSamples = 25000;
#else
constexpr std::size_t kSamples = 100000;
#endif

/// Per question: read by a red-flag rule (any tier) / by a crisis-tier red-flag rule. Computed here from the
/// conditions, independently of the engine.
void collect(const Bank& bank, const Condition& c, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  if (c.kind == Kind::all || c.kind == Kind::any || c.kind == Kind::negate) {
    for (const auto& child : c.children) collect(bank, child, marks);
  } else if (c.kind == Kind::scale_at_least || c.kind == Kind::scale_at_most) {
    for (std::size_t item : bank.scales[c.scale].items) marks[item] = true;
  } else {
    marks[c.question] = true;
  }
}

std::vector<bool> flag_questions(const Bank& bank, std::optional<Tier> tier) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag && (!tier || rule.effects.red_flag->tier == *tier)) collect(bank, rule.when, marks);
  }
  return marks;
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

bool has_tier(const Result& result, Tier tier) {
  return std::any_of(result.red_flags.begin(), result.red_flags.end(),
                     [tier](const RaisedFlag& flag) { return flag.tier == tier; });
}

std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ') {
      out.push_back(current);
      current.clear();
      ++i;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

struct Counts {
  std::size_t crisis = 0, clinical_only = 0, incomplete = 0, unknown = 0, declines = 0, incomplete_crises = 0,
              summaries = 0;
};

}  // namespace

TEST_CASE("practitioner bank: red-flag invariants over 100,000 sampled answer sets (25,000 under ASan)",
          "[practitioner][safety][slow]") {
  const Bank bank = load_builtin_bank("practitioner");
  const std::size_t within_role = bank.find_outcome("within-role").value();
  const std::size_t supervision = bank.find_outcome("bring-to-supervision").value();
  const std::size_t refer = bank.find_outcome("refer").value();
  const std::size_t act_now = bank.find_outcome("act-now").value();
  REQUIRE(bank.red_flag_outcome(Tier::clinical) == refer);
  REQUIRE(bank.red_flag_outcome(Tier::crisis) == act_now);

  const std::vector<bool> any_flag = flag_questions(bank, std::nullopt);
  const std::vector<bool> crisis_read = flag_questions(bank, Tier::crisis);
  std::vector<std::size_t> safety;  // the questions crisis flags read: each can be declined
  for (std::size_t q = 0; q < crisis_read.size(); ++q) {
    if (!crisis_read[q]) continue;
    safety.push_back(q);
    INFO(bank.questions[q].id);
    CHECK(declining_option(bank.questions[q]));
  }
  REQUIRE(safety.size() >= 7);
  // The practitioner's calmer urgency texts, which a crisis summary must never show.
  std::vector<std::string> calmer;
  for (const char* key : {"summary.urgency_routine", "summary.urgency_routine_huisarts", "summary.urgency_prompt"}) {
    for (const char* language : {"nl", "en"}) calmer.push_back(bank.texts.at(key).in(language));
  }

  Evaluator evaluator(bank);
  std::mt19937_64 random(20261207);
  Counts counts;
  Result result;
  Result changed_result;
  for (std::size_t i = 0; i < kSamples; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    if (random() % 4 == 0) {  // one in four loses a few answers: incomplete and unanswered cases
      for (int drop = 0; drop < 3; ++drop) answers.clear(static_cast<std::size_t>(random() % answers.size()));
    }
    evaluator.evaluate(answers, result);
    const bool complete = result.status == Status::complete;
    const bool crisis = has_tier(result, Tier::crisis);
    const bool clinical = has_tier(result, Tier::clinical);
    for (const RaisedFlag& flag : result.red_flags) {
      if (bank.rules[flag.rule].effects.red_flag->tier != flag.tier) FAIL_CHECK("a flag's tier differs from its rule");
    }

    // Complete means advice, and the ranking starts with it.
    if (complete != result.recommendation.has_value()) FAIL_CHECK("complete without advice, or advice when incomplete");
    if (complete != result.missing.empty()) FAIL_CHECK("the status does not match the missing list");
    if (!complete) ++counts.incomplete;
    if (complete && (result.ranking.empty() || result.ranking[0].outcome != *result.recommendation)) {
      FAIL_CHECK("the ranking does not start with the advice");
    }

    // A crisis flag: act now, urgency crisis, complete or not.
    if (crisis) {
      ++counts.crisis;
      if (result.urgency != Urgency::crisis) FAIL_CHECK("a crisis flag without urgency crisis");
      if (complete && result.recommendation != act_now) FAIL_CHECK("a crisis flag without act-now");
    }
    // A clinical flag: at least prompt, and refer (act-now when a crisis flag came along); never go on or supervise.
    if (clinical) {
      if (result.urgency < Urgency::prompt) FAIL_CHECK("a clinical flag with urgency routine");
      if (complete && (result.recommendation == within_role || result.recommendation == supervision)) {
        FAIL_CHECK("a clinical flag with " << bank.outcomes[*result.recommendation].id);
      }
      if (!crisis) {
        ++counts.clinical_only;
        if (complete && result.recommendation != refer) FAIL_CHECK("a clinical flag alone without refer");
      }
    }
    // Without a crisis flag, never act-now; and act-now only with urgency crisis.
    if (!crisis && complete && result.recommendation == act_now) FAIL_CHECK("act-now without a crisis flag");

    // Every shown red-flag question left open or answered "don't know" is named, and nothing else.
    std::vector<std::size_t> expected;
    for (std::size_t q : result.shown) {
      if (!any_flag[q]) continue;
      const auto& answer = answers.at(q);
      bool unknown = !answer || (answer->options.empty() && answer->text.empty());
      if (answer) {
        for (auto o : answer->options) unknown = unknown || bank.questions[q].options[o].unknown;
      }
      if (unknown) expected.push_back(q);
    }
    if (!expected.empty()) ++counts.unknown;
    if (result.unknown_red_flags != expected) FAIL_CHECK("the unknown red-flag questions are not named exactly");

    // Declining (not knowing) any shown safety question never leaves the urgency at routine.
    const std::size_t q = safety[random() % safety.size()];
    if (is_shown(result, q)) {
      AnswerSet changed = answers;
      changed.set(q, Answer{{*declining_option(bank.questions[q])}, {}});
      evaluator.evaluate(changed, changed_result);
      ++counts.declines;
      if (changed_result.urgency < Urgency::prompt) {
        FAIL_CHECK("declining " << bank.questions[q].id << " gave urgency " << to_string(changed_result.urgency));
      }
    }

    if (!crisis) continue;
    // A crisis stays a crisis when a required answer that no crisis flag reads is missing.
    if (complete) {
      AnswerSet partial = answers;
      for (std::size_t step = 0; step < bank.questions.size(); ++step) {
        const std::size_t d = (step + random()) % bank.questions.size();
        if (!bank.questions[d].required || !partial.at(d) || crisis_read[d]) continue;
        partial.clear(d);
        break;
      }
      const Result partial_result = evaluate(bank, partial);
      if (partial_result.status == Status::incomplete && has_tier(partial_result, Tier::crisis)) {
        ++counts.incomplete_crises;
        if (partial_result.urgency != Urgency::crisis) FAIL_CHECK("an incomplete crisis without urgency crisis");
      }
    }
    // The crisis summary (the first 3,000 are plenty): its urgency line and box say the crisis flags' first steps,
    // each sentence once, and their resources, never a calmer urgency text.
    if (counts.summaries >= 3000) continue;
    for (const std::string language : {"nl", "en"}) {
      SummaryOptions options;
      options.language = language;
      options.width = 200;
      const std::string text = render_summary(bank, answers, result, options);
      ++counts.summaries;
      const std::string box = test::box_words(text);
      const std::string how_soon = test::line_after(text, language == "nl" ? "Hoe snel" : "How soon");
      if (box.find(bank.texts.at("summary.crisis_title").in(language)) == std::string::npos) {
        FAIL_CHECK("the crisis box does not ask whether the client is in danger");
      }
      for (const std::string& phrase : calmer) {
        if (box.find(phrase) != std::string::npos || how_soon.find(phrase) != std::string::npos) {
          FAIL_CHECK("a calmer urgency text in a crisis summary: " << phrase);
        }
      }
      std::vector<std::string> said;
      std::string expected_soon;
      for (const RaisedFlag& flag : result.red_flags) {
        if (flag.tier != Tier::crisis) continue;
        const Effects::RedFlag& red_flag = *bank.rules[flag.rule].effects.red_flag;
        for (const std::string& sentence : sentences_of(red_flag.first_step.in(language))) {
          if (std::find(said.begin(), said.end(), sentence) != said.end()) continue;
          said.push_back(sentence);
          if (box.find(sentence) == std::string::npos) FAIL_CHECK("a crisis flag's first step is not in the box");
          expected_soon += (expected_soon.empty() ? "" : " ") + sentence;
        }
        for (std::size_t resource : red_flag.resources) {
          if (box.find(bank.resources[resource].name.in(language)) == std::string::npos) {
            FAIL_CHECK("a crisis flag's resource is not in the box: " << bank.resources[resource].id);
          }
        }
      }
      if (complete && how_soon != expected_soon) FAIL_CHECK("the urgency line is not the crisis flags' first steps");
    }
  }
  // The sample must exercise every part.
  CHECK(counts.crisis > kSamples / 10);
  CHECK(counts.clinical_only > kSamples / 100);
  CHECK(counts.incomplete > kSamples / 10);
  CHECK(counts.unknown > kSamples / 10);
  CHECK(counts.declines > kSamples / 10);
  CHECK(counts.incomplete_crises > kSamples / 200);
  CHECK(counts.summaries >= 3000);
}

TEST_CASE("practitioner bank: declining every safety question gives prompt, names them, and never act-now",
          "[practitioner][safety]") {
  const Bank bank = load_builtin_bank("practitioner");
  for (const char* file : {"P01.json", "P08.json"}) {
    nlohmann::json record =
        nlohmann::json::parse(test::read_file(test::test_path("vignettes-practitioner/" + std::string(file))));
    nlohmann::json& answers = record.at("answers");
    for (auto& [id, value] : answers.items()) {
      const Question& question = bank.questions[bank.find_question(id).value()];
      if (auto o = declining_option(question); o && id != "own_themes") {
        value = question.type == QuestionType::multiple ? nlohmann::json::array({question.options[*o].id})
                                                        : nlohmann::json(question.options[*o].id);
      }
    }
    std::vector<AnswerError> errors;
    const AnswerSet set = answers_from_json(bank, answers, errors);
    REQUIRE(errors.empty());
    const Result result = evaluate(bank, set);
    INFO(file);
    REQUIRE(result.status == Status::complete);
    CHECK(result.urgency == Urgency::prompt);
    CHECK(result.red_flags.empty());
    CHECK(bank.outcomes[*result.recommendation].id != "act-now");
    CHECK(result.unknown_red_flags.size() >= 6);
  }
}
