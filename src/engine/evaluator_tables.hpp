#pragma once
// Internal to the engine: what the Evaluator derives from a bank once, laid out for the walk over
// one answer set (engine.cpp): the compiled conditions, flat question / option / rule entries, weight
// rows, the scales each question feeds, and the rules each option makes worth trying.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine_detail.hpp"
#include "steering.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/conditions/condition_facts.hpp"
#include "wegwijzer/conditions/condition_program.hpp"

namespace wegwijzer::detail {

/// How a compiled condition (a question's show_if, a rule's condition) is tested.
enum class Show : std::uint8_t {
  always,    ///< no condition (or one that always holds)
  word,      ///< holds when a word of the facts has a bit of the mask (a condition of one step)
  not_word,  ///< holds when a word of the facts has no bit of the mask (a negated condition of one step)
  program,   ///< holds when its compiled program holds
};

/// One question as the evaluator needs it.
struct QuestionEntry {
  std::uint32_t show_if = ConditionProgram::always;  ///< compiled show_if
  std::uint32_t first_option = 0;                    ///< its first option in the option tables
  std::uint32_t option_count = 0;
  std::uint32_t choice_options = 0;  ///< option_count, 0 for free text: the options the quick path takes
  std::uint32_t first_link = 0;      ///< its first entry in `links` (the scales it is an item of)
  std::uint32_t link_count = 0;
  std::uint32_t only_link = 0;  ///< link_count 1: the scale it is an item of
  Show show = Show::always;     ///< how show_if is tested
  std::uint32_t show_word = 0;  ///< Show::word / not_word: the word of the facts tested
  std::uint64_t show_mask = 0;  ///< Show::word / not_word: the bits tested
  bool text = false;            ///< free text: never scored
  bool required = false;
  bool red_flag = false;  ///< a red-flag rule refers to it
};

/// One option as the evaluator needs it; its weights are a row of the weight table.
struct OptionEntry {
  /// The facts of its question when it is the answer (ConditionFacts::row_of_one()).
  alignas(16) std::uint64_t facts[ConditionFacts::word_count] = {};
  int points = 0;
  bool unknown = false;       ///< "rather not say"
  bool unknown_flag = false;  ///< "rather not say" to a red-flag question: an unknown red flag
  bool weighted = false;      ///< a weight is not zero (zero rows add nothing and are never a reason)
  /// Something to do beyond its facts and `rules` when it is the answer: weighted, an unknown answer
  /// to a red-flag question, its question is an item of a scale, or it triggers rules beyond the 64th.
  bool more = false;
  std::uint64_t rules = 0;          ///< the rules among the first 64 its choice makes worth trying, a bit each
  std::uint32_t first_trigger = 0;  ///< its first entry in `triggers`: the later rules it makes worth trying
  std::uint32_t trigger_count = 0;
};

/// Rules worth trying once an option is chosen: the bits of one word (beyond the first) of the candidates.
struct Trigger {
  std::uint32_t word = 0;
  std::uint64_t rules = 0;
};

/// The bands of one scale by value, for values from `low` on: entries of `band_table` (-1: no band).
struct BandLookup {
  int low = 0;
  std::uint32_t first = 0;  ///< its first entry in `band_table`
  std::uint32_t size = 0;   ///< its entries: values low .. low + size - 1 (no band outside them)
  bool table = false;       ///< false: bands too far apart for a table, ask band_of()
};

/// One rule as the evaluator needs it.
struct RuleEntry {
  std::uint32_t when = ConditionProgram::always;  ///< compiled condition
  int urgency = -1;                               ///< its minimum urgency, -1 for none
  int flag = 0;                                   ///< red flag: 0 none, 1 clinical, 2 crisis
  bool weighted = false;                          ///< has weights (its row of the rule weight table)
  bool note = false;                              ///< has a note
  unsigned reason = 0;                            ///< how explain() lists it (Steering::Rule::reason)
};

/// Everything the evaluator derives from one bank. Weight rows are `width` doubles: the outcomes,
/// missing weights as 0, rounded up to whole groups of four with zeros (adding a row is then a
/// fixed number of additions; a zero adds nothing, since scores are never -0.0).
struct EvaluatorTables {
  /// The tables of `bank` (which must outlive them).
  explicit EvaluatorTables(const Bank& bank);
  EvaluatorTables(const EvaluatorTables&) = delete;  // `steering` points into `rule_weights`
  EvaluatorTables& operator=(const EvaluatorTables&) = delete;

  /// The first band of scale `scale` that holds `value`, if any (as band_of()).
  std::optional<std::size_t> band(std::size_t scale, int value) const {
    const BandLookup& lookup = band_lookups[scale];
    if (!lookup.table) return band_of(bank.scales[scale], value);
    const std::int64_t at = std::int64_t{value} - lookup.low;
    if (at < 0 || at >= std::int64_t{lookup.size}) return std::nullopt;
    const std::int32_t found = band_table[lookup.first + static_cast<std::size_t>(at)];
    if (found < 0) return std::nullopt;
    return static_cast<std::size_t>(found);
  }

  const Bank& bank;
  std::size_t outcomes;
  std::size_t width;  ///< doubles per weight row
  ConditionProgram program;
  std::vector<QuestionEntry> questions;
  std::vector<OptionEntry> options;  ///< every question's options, in bank order
  std::vector<double> weights;       ///< per option, a row
  std::vector<std::uint32_t> links;  ///< scale indices, see QuestionEntry::first_link
  std::vector<RuleEntry> rules;
  std::vector<double> rule_weights;      ///< per rule, a row (zeros for a rule without weights)
  std::vector<Trigger> triggers;         ///< see OptionEntry::first_trigger
  std::vector<std::uint64_t> unguarded;  ///< a bit per rule: the rules without a guard, always worth trying
  std::size_t scored_room = 0;           ///< most options an answer set without repeated options can score
  bool forward_references = false;       ///< a show_if refers to its own or a later question
  std::vector<BandLookup> band_lookups;  ///< per scale
  std::vector<std::int32_t> band_table;  ///< see BandLookup
  Steering steering;                     ///< the outcome side of the rules

 private:
  /// Adds the entries of question `q` and its options.
  void add_question(std::size_t q, const std::vector<bool>& red_flag, const std::vector<std::uint32_t>& scales_of);
  /// How the compiled condition at `entry` is tested; for Show::word and not_word, which word and bits.
  Show test_of(std::uint32_t entry, std::uint32_t& word, std::uint64_t& mask) const;
  /// Fills `band_lookups` and `band_table`.
  void add_bands();
  /// Fills `triggers`, `unguarded` and the options' rule bits from the guards of the rules.
  void add_triggers();
};

}  // namespace wegwijzer::detail
