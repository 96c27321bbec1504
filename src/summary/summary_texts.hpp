#pragma once
// Internal to the summary renderers: the summary's own headings and phrases in Dutch and English.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/local_text.hpp"
#include "wegwijzer/summary/summary.hpp"

namespace wegwijzer::summary {

/// A phrase of the summary itself (bank texts come from the bank).
enum class Phrase {
  document_title,
  incomplete_title,
  incomplete_explanation,
  missing_heading,
  crisis_title,
  crisis_first_steps_label,  ///< above the first steps in the crisis box
  crisis_no_steps,           ///< a crisis whose flags name no first step
  resource_free,             ///< "free", in a resource line
  resource_phone_or,         ///< between two phone numbers of a resource
  resources_label,           ///< above the resources of the raised flags (outside the crisis box)
  advice_heading,
  advice_recommended,  ///< {1}: outcome name
  urgency_label,
  urgency_routine,
  urgency_routine_huisarts,  ///< routine, when the advice (therapy) starts at the huisarts
  urgency_prompt,
  urgency_crisis,
  why_heading,
  reason_topic,         ///< {1}: the question's topic, {2}: the answer (option labels as a list)
  reason_question,      ///< {1}: question text without trailing instructions, {2}: the answer
  instruction_starts,   ///< '|'-separated starts of a sentence that instructs how to answer ("Choose")
  list_and,             ///< the conjunction before the last item of a list, with its spaces (" and ")
  reason_rule,          ///< {1}: outcome name (a rule that added weight)
  reason_rule_require,  ///< {1}: outcome names (a rule that requires them)
  reason_rule_exclude,  ///< {1}: outcome names (a rule that rules them out)
  red_flags_label,
  reason_red_flags,     ///< the only reason when the signs below decide the advice
  reason_no_direction,  ///< the only reason when no answer and no rule pointed to any kind of help
  alternatives_heading,
  alternative_excluded,        ///< {1}: outcome name
  alternative_tied,            ///< {1}: outcome name (the same score as the advice)
  alternative_nearly,          ///< {1}: outcome name (behind by at most the bank's close margin)
  alternative_less,            ///< {1}: outcome name (further behind)
  alternative_clearly_less,    ///< {1}: outcome name (behind by kClearlyLessMargin or more)
  alternative_set_aside,       ///< {1}: outcome name (a red flag decides the advice)
  alternative_set_aside_rule,  ///< {1}: outcome name (a fired rule requires other help, no red flag)
  close_call_note,
  flips_heading,         ///< "What would change this advice"
  flip_change_topic,     ///< {1}: the other answer, {2}: the answer given, {3}: the question's topic
  flip_change_question,  ///< {1}: the other answer, {2}: the answer given, {3}: the question (its gist)
  flip_line,             ///< {1}: the changes (a list of flip_change_*), {2}: outcome name
  flips_none,            ///< no change of one or two answers changes the advice
  flips_red_flag,        ///< a red flag decides: no other answer changes the advice
  flips_caveat,          ///< this is not a suggestion to answer differently
  tie_note,              ///< {1}: the names of the outcomes that tie with the advice, the advice first (a list)
  alongside_treatment,   ///< under the alternatives after any red flag
  no_alternatives,
  distress_heading,
  scale_not_answered,
  distress_reminder,
  expect_heading,
  expect_after_crisis,  ///< under the heading in a crisis summary: this is for later
  what_it_is_label,
  what_to_expect_label,
  where_to_find_label,
  notes_label,
  unknown_red_flags_label,
  unknown_red_flags_advice,
  answers_heading,
  no_answers,
  footer_heading,
  footer_bank,  ///< {1}: id, {2}: version
  footer_sha256,
  footer_tool,
  footer_date,
  footer_crisis_lines,
  recap_heading,          ///< the title in the rule above the recap ("In short")
  recap_phone_or,         ///< between two phone numbers of one crisis line
  recap_how_soon,         ///< {1}: how soon
  recap_how_soon_prompt,  ///< urgency prompt in a few words, when a first step says the rest
  recap_how_soon_crisis,  ///< urgency crisis in a few words, when a first step says the rest
  recap_first_step,       ///< {1}: the first step
  recap_more_steps,       ///< after the first step, when the summary names more
  recap_save_hint,        ///< how to save the summary (no --out given)
  recap_saved_to,         ///< {1}: the file the summary was saved to
  recap_incomplete,       ///< no advice: not every question was answered
  instrument_title,       ///< the heading of a complete summary of a bank without outcomes (scales only)
};

/// The phrase in `language`: the bank's version ("texts") when it has one in that language, else the built-in
/// Dutch for "nl" and English for any other language.
std::string_view phrase(Phrase id, const Language& language);

/// The key of every phrase ("summary.<name>"), in table order: what a bank's "texts" may override.
std::vector<std::string_view> phrase_keys();

/// Replaces {1}, {2}, ... in `pattern` with `arguments` (no format-string interpretation).
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments);

/// `items` as a list in a sentence: "a", "a and b", "a, b and c" ("a en b", "a, b en c" in Dutch).
std::string join_list(const std::vector<std::string>& items, const Language& language);

}  // namespace wegwijzer::summary
