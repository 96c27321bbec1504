#pragma once
// Internal to the summary renderers: the summary's own headings and phrases in Dutch and English.
#include <initializer_list>
#include <string>
#include <string_view>

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
  reason_answer,        ///< {1}: question text, {2}: option label
  reason_rule,          ///< {1}: outcome name (a rule that added weight)
  reason_rule_require,  ///< {1}: outcome names (a rule that requires them)
  reason_rule_exclude,  ///< {1}: outcome names (a rule that rules them out)
  red_flags_label,
  reason_red_flags,  ///< the only reason when the signs below decide the advice
  alternatives_heading,
  alternative_line,       ///< {1}: outcome name, {2}: points behind
  alternative_excluded,   ///< {1}: outcome name
  alternative_tied,       ///< {1}: outcome name
  alternative_set_aside,  ///< {1}: outcome name (a fired rule requires other help)
  close_call_note,
  alongside_treatment,  ///< under the alternatives after any red flag
  points_explained,     ///< what "N points behind" means
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
};

/// The phrase in `language` ("nl"; anything else gets English).
std::string_view phrase(Phrase id, std::string_view language);

/// Replaces {1}, {2}, ... in `pattern` with `arguments` (no format-string interpretation).
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments);

}  // namespace wegwijzer::summary
