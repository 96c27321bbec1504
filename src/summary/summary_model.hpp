#pragma once
// Internal to the summary renderers: what the three formats show, resolved to one language.
// Strings are raw (from the bank and the answers): each renderer sanitises or escapes them.
#include <optional>
#include <string>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"
#include "wegwijzer/summary/summary.hpp"

namespace wegwijzer::summary {

/// How many reasons the "Why" section shows at most.
constexpr std::size_t kMaxReasons = 4;

/// An open alternative this many points or more behind the advice "fits clearly less well" (about what one
/// answer that clearly points somewhere gives); within the bank's close margin it "fits nearly as well",
/// in between "fits less well", at the same score "fits just as well". The numbers stay in the JSON result.
constexpr double kClearlyLessMargin = 3.0;

/// A text with the machine id it belongs to (rule, question or outcome id).
struct IdText {
  std::string id;
  std::string text;
};

/// One alternative outcome.
struct Alternative {
  std::string outcome;  ///< outcome id
  std::string name;
  double margin = 0;
  bool excluded = false;
  std::string line;  ///< phrased: "coaching: fits less well"
};

/// One way the advice would change (see find_counterfactuals()).
struct FlipText {
  struct Change {
    std::string question;               ///< question id
    std::vector<std::string> from, to;  ///< option ids
  };
  std::string outcome;  ///< outcome id
  std::string name;     ///< outcome name
  std::vector<Change> changes;
  std::string line;  ///< "If you had answered ... instead of ..., the advice would be ..."
};

/// A resource as the summary shows it.
struct ResourceText {
  std::string id;
  std::string name;
  std::vector<std::string> phone;
  std::string url;
  std::string hours;
  std::optional<bool> free;
  std::string audience;
  std::string when;
  std::string line;  ///< the whole resource in one line (resource_line())
};

/// What a person is told first and where to turn, in one language (see guidance_for()).
struct GuidanceText {
  std::vector<std::string> first_steps;  ///< distinct first steps, most urgent first
  std::vector<ResourceText> resources;   ///< most relevant first
};

/// The guidance of `result` in `language`.
GuidanceText guidance_text(const Bank& bank, const Result& result, const Language& language);

/// One scale for the distress indication.
struct ScaleLine {
  std::string id;
  std::string label;
  bool label_is_heading = false;  ///< the label only repeats the section heading: text/Markdown leave it out
  int value = 0;
  int min = 0;
  int max = 0;
  std::optional<std::string> band;  ///< band id; unset when no item was answered
  std::string band_label;           ///< band label, or "not answered"
};

/// One answered (or unanswered) shown question.
struct AnswerLine {
  std::string question;  ///< question id
  std::string text;      ///< question text
  std::string answer;    ///< option label(s), free text, or "(no answer)"
  bool free_text = false;
};

/// The summary's content in one language.
struct Model {
  Language language{"nl"};  ///< the language, with the bank's versions of the program texts
  bool complete = false;    ///< every required question answered (then `advice`, unless the bank has no outcomes)
  bool advice = false;      ///< complete with a recommendation: the advice sections are shown
  bool crisis_box = false;  ///< urgency crisis: the crisis box goes first
  GuidanceText guidance;    ///< first steps and resources of the flags that set the urgency
  std::vector<std::string> crisis_lines;  ///< the bank's crisis lines, for the footer
  std::string title;                      ///< bank title
  std::string heading;                    ///< "Referral summary" or "Incomplete: no advice"
  std::string incomplete_explanation;     ///< empty when complete
  std::vector<IdText> missing;            ///< missing question ids and texts
  // Advice (complete only)
  std::string outcome;       ///< recommended outcome id
  std::string outcome_name;  ///< recommended outcome name
  std::string advice_line;   ///< "What seems to fit best: coaching"
  std::string urgency_text;  ///< urgency in plain words
  // Why
  std::vector<std::string> reasons;       ///< distinct lines; red-flag rules are not among them
  std::vector<std::string> reason_rules;  ///< ids of rules whose note is shown as a reason (not again as a note)
  std::vector<IdText> red_flags;          ///< rule id, message
  /// Per red flag (same order): the person's answers that raised it, as sentences ("You said about ...: ...").
  std::vector<std::vector<std::string>> red_flag_answers;
  // Alternatives
  std::vector<Alternative> alternatives;
  std::string close_call_note;  ///< empty unless a close call; at a tie it names the tied outcomes
  std::string alongside_note;   ///< after any red flag: other help alongside treatment, not instead
  // What would change this advice (complete only)
  bool show_flips = false;  ///< text and Markdown show the section: a close call, or asked for
  bool flips_decided_by_red_flag = false;
  std::vector<FlipText> flips;  ///< most plausible first
  std::string flips_note;       ///< when there are no flips: why (a red flag decides, or nothing near)
  std::string flips_caveat;     ///< with flips: this is not a suggestion to answer differently
  // Distress indication
  std::vector<ScaleLine> scales;
  // What to expect
  std::string what_it_is, what_to_expect, where_to_find;
  std::vector<IdText> notes;              ///< rule id, note
  std::vector<IdText> unknown_red_flags;  ///< question id, question text
  // Your answers
  std::vector<AnswerLine> answers;
  // Footer
  std::string bank_id, bank_version, bank_sha256, tool_version, date, disclaimer;
};

/// Builds the model for `options.language`.
Model build_model(const Bank& bank, const AnswerSet& answers, const Result& result, const SummaryOptions& options);

/// True when a rule's note is shown under "Why" (so the notes list leaves it out).
bool note_shown_as_reason(const Model& model, const std::string& rule_id);

/// A bar of `cells` cells, filled in proportion to value in [min, max].
std::string bar(int value, int min, int max, int cells, bool unicode);

/// The crisis box in text form (see render_crisis_box).
std::string render_text_crisis_box(const SummaryOptions& options, const Language& language,
                                   const GuidanceText& guidance);
/// The first steps shown in a crisis box: the guidance's, or a general step when it has none.
std::vector<std::string> crisis_steps(const GuidanceText& guidance, const Language& language);

/// Renderers of the three formats.
std::string render_text(const Model& model, const SummaryOptions& options);
std::string render_markdown(const Model& model, const SummaryOptions& options);
std::string render_json(const Model& model, const Bank& bank, const AnswerSet& answers, const Result& result,
                        const SummaryOptions& options);

}  // namespace wegwijzer::summary
