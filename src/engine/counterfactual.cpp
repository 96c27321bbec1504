// What would change the advice: one answer changed, else two, per other outcome (see counterfactual.hpp).
#include "wegwijzer/engine/counterfactual.hpp"

#include <algorithm>
#include <optional>

#include "engine_detail.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

namespace wegwijzer {
namespace {

/// One proposed answer change and how far it moves along the question's options.
struct Candidate {
  AnswerChange change;
  int distance = 1;
};

/// The other answers a shown, answered choice question could have had (for_each_alternative()).
std::vector<Candidate> alternatives(const Question& question, std::size_t q, const Answer& answer) {
  std::vector<Candidate> out;
  std::vector<std::uint16_t> buffer;
  for_each_alternative(question, answer, buffer, [&](const std::vector<std::uint16_t>& to, int distance) {
    out.push_back({{q, answer.options, to}, distance});
  });
  return out;
}

/// Every alternative answer of every shown, answered question that is not a safety question, in question order.
std::vector<Candidate> changeable(const Bank& bank, const AnswerSet& answers, const Result& result,
                                  const std::vector<bool>& safety) {
  std::vector<Candidate> candidates;
  for (std::size_t q : result.shown) {
    if (q >= bank.questions.size() || safety[q] || !answers.at(q)) continue;
    std::vector<Candidate> more = alternatives(bank.questions[q], q, *answers.at(q));
    candidates.insert(candidates.end(), more.begin(), more.end());
  }
  return candidates;
}

/// Tries answer changes on a copy of the answers with one evaluator.
class Trial {
 public:
  Trial(const Bank& bank, const AnswerSet& answers, const Result& result)
      : answers_(answers), original_(&answers), evaluator_(bank), urgency_(result.urgency) {
    forget_hidden(result);
  }

  /// Tries changes to other answers from now on (of the same bank), keeping the evaluator.
  void reset(const AnswerSet& answers, const Result& result) {
    answers_ = answers;
    original_ = &answers;
    urgency_ = result.urgency;
    forget_hidden(result);
  }

  /// The outcome recommended after `changes`, if the result stays complete, raises no red flag and keeps at least
  /// the urgency it had.
  std::optional<std::size_t> outcome_after(std::initializer_list<const AnswerChange*> changes) {
    for (const AnswerChange* change : changes) answers_.set(change->question, Answer{change->to, {}});
    evaluator_.evaluate(answers_, result_);
    for (const AnswerChange* change : changes) answers_.set(change->question, *original_->at(change->question));
    if (result_.status != Status::complete || !result_.recommendation || !result_.red_flags.empty() ||
        result_.urgency < urgency_) {
      return std::nullopt;
    }
    return result_.recommendation;
  }

 private:
  /// An answer to a question that was not shown counts as not given (as everywhere): a change that shows the
  /// question brings up a question not yet answered.
  void forget_hidden(const Result& result) {
    std::vector<bool> shown(answers_.size(), false);
    for (std::size_t q : result.shown) {
      if (q < shown.size()) shown[q] = true;
    }
    for (std::size_t q = 0; q < shown.size(); ++q) {
      if (!shown[q]) answers_.clear(q);
    }
  }

  AnswerSet answers_;
  const AnswerSet* original_;
  Evaluator evaluator_;
  Result result_;
  Urgency urgency_;
};

/// Whether `candidate` is more plausible than `best`: fewer changes, then a smaller distance (ties: the first found,
/// which is in question order).
bool more_plausible(const Flip& candidate, const std::optional<Flip>& best) {
  if (!best) return true;
  if (candidate.changes.size() != best->changes.size()) return candidate.changes.size() < best->changes.size();
  return candidate.distance < best->distance;
}

}  // namespace

std::vector<bool> safety_questions(const Bank& bank) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag || rule.effects.min_urgency) mark_questions_read(bank, rule.when, marks);
  }
  return marks;
}

std::vector<bool> fixed_questions(const Bank& bank) {
  std::vector<bool> marks = safety_questions(bank);
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.require.empty() || !rule.effects.exclude.empty()) mark_questions_read(bank, rule.when, marks);
  }
  return marks;
}

Counterfactuals find_counterfactuals(const Bank& bank, const AnswerSet& answers, const Result& result) {
  Counterfactuals found;
  if (result.status != Status::complete || !result.recommendation) return found;
  if (!result.red_flags.empty()) {
    found.decided_by_red_flag = true;
    return found;
  }
  const std::vector<Candidate> candidates = changeable(bank, answers, result, fixed_questions(bank));

  Trial trial(bank, answers, result);
  const std::size_t current = *result.recommendation;
  std::vector<std::optional<Flip>> best(bank.outcomes.size());
  for (const Candidate& candidate : candidates) {
    std::optional<std::size_t> outcome = trial.outcome_after({&candidate.change});
    if (!outcome || *outcome == current) continue;
    Flip flip{*outcome, {candidate.change}, candidate.distance};
    if (more_plausible(flip, best[*outcome])) best[*outcome] = std::move(flip);
  }
  // Two changes only for the outcomes no single change reaches.
  bool open = false;
  for (std::size_t o = 0; o < best.size(); ++o) open = open || (o != current && !best[o]);
  for (std::size_t i = 0; open && i < candidates.size(); ++i) {
    for (std::size_t j = i + 1; j < candidates.size(); ++j) {
      if (candidates[i].change.question == candidates[j].change.question) continue;
      std::optional<std::size_t> outcome = trial.outcome_after({&candidates[i].change, &candidates[j].change});
      if (!outcome || *outcome == current || (best[*outcome] && best[*outcome]->changes.size() == 1)) continue;
      Flip flip{
          *outcome, {candidates[i].change, candidates[j].change}, candidates[i].distance + candidates[j].distance};
      if (more_plausible(flip, best[*outcome])) best[*outcome] = std::move(flip);
    }
  }
  for (std::optional<Flip>& flip : best) {
    if (flip) found.flips.push_back(std::move(*flip));
  }
  // Fewest changes, then the smallest distance, then the outcome nearest the advice in the ranking.
  std::vector<std::size_t> rank(bank.outcomes.size(), bank.outcomes.size());
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    if (result.ranking[i].outcome < rank.size()) rank[result.ranking[i].outcome] = i;
  }
  std::stable_sort(found.flips.begin(), found.flips.end(), [&rank](const Flip& a, const Flip& b) {
    if (a.changes.size() != b.changes.size()) return a.changes.size() < b.changes.size();
    if (a.distance != b.distance) return a.distance < b.distance;
    return rank[a.outcome] < rank[b.outcome];
  });
  return found;
}

namespace {

/// single_flips() with the fixed questions and a trial (reset to these answers) from the caller.
std::vector<Flip> single_flips_with(const Bank& bank, const AnswerSet& answers, const Result& result,
                                    const std::vector<bool>& fixed, Trial& trial) {
  std::vector<Flip> flips;
  if (result.status != Status::complete || !result.recommendation || !result.red_flags.empty()) return flips;
  trial.reset(answers, result);
  for (const Candidate& candidate : changeable(bank, answers, result, fixed)) {
    std::optional<std::size_t> outcome = trial.outcome_after({&candidate.change});
    if (outcome && *outcome != *result.recommendation)
      flips.push_back({*outcome, {candidate.change}, candidate.distance});
  }
  return flips;
}

}  // namespace

std::vector<Flip> single_flips(const Bank& bank, const AnswerSet& answers, const Result& result) {
  Trial trial(bank, answers, result);
  return single_flips_with(bank, answers, result, fixed_questions(bank), trial);
}

Sensitivity measure_sensitivity(const Bank& bank, std::size_t count, std::uint64_t seed) {
  Sensitivity sensitivity;
  const std::size_t outcomes = bank.outcomes.size();
  std::vector<Sensitivity::Question> per_question(bank.questions.size());
  // Per question, how often it flipped from outcome a to b: [q][a * outcomes + b].
  std::vector<std::vector<std::size_t>> pairs(bank.questions.size(), std::vector<std::size_t>(outcomes * outcomes, 0));
  const std::vector<bool> fixed = fixed_questions(bank);
  std::mt19937_64 random(seed);
  Evaluator evaluator(bank);
  Result result;
  std::optional<Trial> trial;  // one evaluator for every sample's changes
  for (std::size_t n = 0; n < count; ++n) {
    AnswerSet answers = sample_answers(bank, random);
    evaluator.evaluate(answers, result);
    ++sensitivity.sampled;
    if (result.status != Status::complete || !result.recommendation || !result.red_flags.empty()) continue;
    ++sensitivity.scored;
    std::vector<bool> counted(bank.questions.size(), false);
    for (const Candidate& candidate : changeable(bank, answers, result, fixed)) {
      const std::size_t q = candidate.change.question;
      if (!counted[q]) ++per_question[q].shown;
      counted[q] = true;
    }
    std::vector<bool> flipped(bank.questions.size(), false);
    if (!trial) trial.emplace(bank, answers, result);
    for (const Flip& flip : single_flips_with(bank, answers, result, fixed, *trial)) {
      const std::size_t q = flip.changes.front().question;
      if (flipped[q]) continue;
      flipped[q] = true;
      ++per_question[q].flips;
      ++pairs[q][*result.recommendation * outcomes + flip.outcome];
    }
  }
  for (std::size_t q = 0; q < per_question.size(); ++q) {
    Sensitivity::Question& entry = per_question[q];
    if (entry.flips == 0) continue;
    entry.question = q;
    const auto most = std::max_element(pairs[q].begin(), pairs[q].end());
    const auto index = static_cast<std::size_t>(most - pairs[q].begin());
    entry.from = index / outcomes;
    entry.to = index % outcomes;
    sensitivity.questions.push_back(entry);
  }
  std::stable_sort(sensitivity.questions.begin(), sensitivity.questions.end(),
                   [](const Sensitivity::Question& a, const Sensitivity::Question& b) { return a.flips > b.flips; });
  return sensitivity;
}

}  // namespace wegwijzer
