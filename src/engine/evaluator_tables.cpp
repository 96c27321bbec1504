// The tables the Evaluator derives from a bank once (see evaluator_tables.hpp).
#include "evaluator_tables.hpp"

#include <algorithm>

#include "engine_detail.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/conditions/condition_guard.hpp"

namespace wegwijzer::detail {
namespace {

/// Doubles per weight row: the outcomes rounded up to a multiple of four.
std::size_t row_width(std::size_t outcomes) { return (outcomes + 3) / 4 * 4; }

/// Appends a row of `width` doubles: the weights of the first `outcomes` outcomes, missing ones as 0, then zeros.
void append_row(std::vector<double>& table, const std::vector<double>& weights, std::size_t outcomes,
                std::size_t width) {
  for (std::size_t o = 0; o < width; ++o) table.push_back(o < outcomes && o < weights.size() ? weights[o] : 0.0);
}

/// The rule weight table: a row per rule.
std::vector<double> rule_rows(const Bank& bank, std::size_t width) {
  std::vector<double> table;
  for (const Rule& rule : bank.rules) append_row(table, rule.effects.weights, bank.outcomes.size(), width);
  return table;
}

/// Whether `condition` has an answer leaf about question `first` or a later one.
bool refers_from(const Condition& condition, std::size_t first) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all:
    case Kind::any:
    case Kind::negate:
      return std::any_of(condition.children.begin(), condition.children.end(),
                         [first](const Condition& child) { return refers_from(child, first); });
    case Kind::scale_at_least:
    case Kind::scale_at_most: return false;  // scales are tallied as the questions are walked
    default: return condition.question >= first;
  }
}

}  // namespace

std::optional<std::size_t> band_of(const Scale& scale, int value) {
  for (std::size_t b = 0; b < scale.bands.size(); ++b) {
    if (value >= scale.bands[b].min && value <= scale.bands[b].max) return b;
  }
  return std::nullopt;
}

EvaluatorTables::EvaluatorTables(const Bank& bank_in)
    : bank(bank_in),
      outcomes(bank_in.outcomes.size()),
      width(row_width(outcomes)),
      program(bank_in),
      rule_weights(rule_rows(bank_in, width)),
      steering(bank_in, rule_weights.data(), width) {
  std::vector<bool> red_flag(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) mark_questions_read(bank, rule.when, red_flag);
  }
  // The scales each question is an item of, once for every time it is listed (as a scale sums it).
  std::vector<std::vector<std::uint32_t>> scales_of(bank.questions.size());
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    for (std::size_t item : bank.scales[s].items) {
      if (item < scales_of.size()) scales_of[item].push_back(static_cast<std::uint32_t>(s));
    }
  }
  questions.reserve(bank.questions.size());
  for (std::size_t q = 0; q < bank.questions.size(); ++q) add_question(q, red_flag, scales_of[q]);
  rules.reserve(bank.rules.size());
  for (const Rule& rule : bank.rules) {
    RuleEntry entry;
    entry.when = program.add(rule.when);
    if (rule.effects.min_urgency) entry.urgency = static_cast<int>(*rule.effects.min_urgency);
    if (rule.effects.red_flag) entry.flag = rule.effects.red_flag->tier == Tier::crisis ? 2 : 1;
    entry.weighted = !rule.effects.weights.empty();
    entry.note = !rule.effects.note.empty();
    entry.reason = steering.rules[rules.size()].reason;
    rules.push_back(entry);
  }
  add_triggers();
  add_bands();
}

Show EvaluatorTables::test_of(std::uint32_t entry, std::uint32_t& word, std::uint64_t& mask) const {
  if (entry == ConditionProgram::always) return Show::always;
  bool when_set = true;
  if (!program.one_word(entry, word, mask, when_set)) return Show::program;  // also `never`
  return when_set ? Show::word : Show::not_word;
}

void EvaluatorTables::add_bands() {
  constexpr std::int64_t most = 4096;           // entries per scale at most; wider scales ask band_of()
  constexpr std::size_t all_tables = 65536;     // entries of all scales at most (banks built by code may have many)
  constexpr std::int64_t fill_steps = 1 << 22;  // band_of() steps to fill one table at most (many bands)
  band_lookups.resize(bank.scales.size());
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    const Scale& scale = bank.scales[s];
    BandLookup& lookup = band_lookups[s];
    lookup.first = static_cast<std::uint32_t>(band_table.size());
    lookup.table = true;
    if (scale.bands.empty()) continue;  // no band for any value
    std::int64_t low = scale.bands[0].min;
    std::int64_t high = scale.bands[0].max;
    for (const Band& band : scale.bands) {
      low = std::min<std::int64_t>(low, band.min);
      high = std::max<std::int64_t>(high, band.max);
    }
    if (high < low) continue;  // every band is empty
    const std::int64_t span = high - low + 1;
    if (span > most || band_table.size() + static_cast<std::size_t>(span) > all_tables ||
        span * static_cast<std::int64_t>(scale.bands.size()) > fill_steps) {
      lookup.table = false;
      continue;
    }
    lookup.low = static_cast<int>(low);
    lookup.size = static_cast<std::uint32_t>(high - low + 1);
    for (std::int64_t value = low; value <= high; ++value) {
      const auto found = band_of(scale, static_cast<int>(value));
      band_table.push_back(found ? static_cast<std::int32_t>(*found) : -1);
    }
  }
}

void EvaluatorTables::add_question(std::size_t q, const std::vector<bool>& red_flag,
                                   const std::vector<std::uint32_t>& scales_of) {
  const Question& question = bank.questions[q];
  QuestionEntry entry;
  entry.show_if = question.show_if ? program.add(*question.show_if) : ConditionProgram::always;
  entry.show = test_of(entry.show_if, entry.show_word, entry.show_mask);
  if (question.show_if && refers_from(*question.show_if, q)) forward_references = true;
  entry.first_option = static_cast<std::uint32_t>(options.size());
  entry.option_count = static_cast<std::uint32_t>(question.options.size());
  entry.text = question.type == QuestionType::text;
  entry.choice_options = entry.text ? 0 : entry.option_count;
  entry.first_link = static_cast<std::uint32_t>(links.size());
  entry.link_count = static_cast<std::uint32_t>(scales_of.size());
  links.insert(links.end(), scales_of.begin(), scales_of.end());
  if (entry.link_count == 1) entry.only_link = scales_of[0];
  entry.required = question.required;
  entry.red_flag = red_flag[q];
  questions.push_back(entry);
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    const Option& option = question.options[o];
    OptionEntry choice;
    OptionMask mask = {0, 0};
    mark_option(mask, o);
    choice.points = option.points.value_or(0);
    ConditionFacts::row_of_one(choice.facts, mask[0], mask[1], choice.points);
    choice.unknown = option.unknown;
    choice.unknown_flag = option.unknown && entry.red_flag;
    const auto last = option.weights.begin() + static_cast<std::ptrdiff_t>(std::min(outcomes, option.weights.size()));
    choice.weighted = std::any_of(option.weights.begin(), last, [](double weight) { return weight != 0.0; });
    choice.more = choice.weighted || (option.unknown && entry.red_flag) || entry.link_count != 0;
    options.push_back(choice);
    append_row(weights, option.weights, outcomes, width);
  }
  if (!entry.text) scored_room += question.options.size();
}

void EvaluatorTables::add_triggers() {
  const std::size_t words = (bank.rules.size() + 63) / 64;
  unguarded.assign(words, 0);
  // Per option, the rules its choice makes worth trying, as words of bits.
  std::vector<std::vector<std::uint64_t>> rules_of(options.size());
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const std::uint64_t bit = std::uint64_t{1} << (r & 63);
    const auto guard = condition_guard(bank, bank.rules[r].when);
    if (!guard) {
      unguarded[r >> 6] |= bit;
      continue;
    }
    for (const ChosenOption& chosen : *guard) {
      std::vector<std::uint64_t>& bits = rules_of[questions[chosen.question].first_option + chosen.option];
      bits.resize(words, 0);
      bits[r >> 6] |= bit;
    }
  }
  for (std::size_t at = 0; at < options.size(); ++at) {
    OptionEntry& choice = options[at];
    if (!rules_of[at].empty()) choice.rules = rules_of[at][0];
    choice.first_trigger = static_cast<std::uint32_t>(triggers.size());
    for (std::size_t word = 1; word < rules_of[at].size(); ++word) {
      if (rules_of[at][word] != 0) triggers.push_back(Trigger{static_cast<std::uint32_t>(word), rules_of[at][word]});
    }
    choice.trigger_count = static_cast<std::uint32_t>(triggers.size() - choice.first_trigger);
    if (choice.trigger_count != 0) choice.more = true;
  }
}

}  // namespace wegwijzer::detail
