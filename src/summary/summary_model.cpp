// Resolves a result into the summary's content in one language, shared by the three formats.
#include "summary_model.hpp"

#include <algorithm>
#include <cmath>

#include "summary_texts.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/summary/guidance.hpp"
#include "wegwijzer/support/version.hpp"

namespace wegwijzer::summary {
namespace {

std::string answer_text(const Question& question, const Answer& answer, const Language& language) {
  if (question.type == QuestionType::text) return answer.text;
  std::string text;
  for (std::uint16_t option : answer.options) {
    if (option >= question.options.size()) continue;
    if (!text.empty()) text += "; ";
    text += question.options[option].label.in(language);
  }
  return text;
}

std::string_view urgency_phrase(Urgency urgency, const Language& language) {
  switch (urgency) {
    case Urgency::routine: return phrase(Phrase::urgency_routine, language);
    case Urgency::prompt: return phrase(Phrase::urgency_prompt, language);
    case Urgency::crisis: return phrase(Phrase::urgency_crisis, language);
  }
  return {};
}

/// The labels of the chosen options (free text is never repeated in a sentence).
std::vector<std::string> answer_labels(const Question& question, const Answer& answer, const Language& language) {
  std::vector<std::string> labels;
  if (question.type == QuestionType::text) return labels;
  for (std::uint16_t option : answer.options) {
    if (option < question.options.size()) labels.push_back(question.options[option].label.in(language));
  }
  return labels;
}

/// True when a fired rule requires the recommendation to be among outcomes that exclude `outcome`.
bool set_aside_by_rule(const Bank& bank, const Result& result, std::size_t outcome) {
  for (std::size_t r : result.fired_rules) {
    if (r >= bank.rules.size()) continue;
    const auto& require = bank.rules[r].effects.require;
    if (!require.empty() && std::find(require.begin(), require.end(), outcome) == require.end()) return true;
  }
  return false;
}

/// Case-insensitive (ASCII) equality after trimming spaces, for "does the label repeat the heading".
bool same_words(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == ':')) s.remove_suffix(1);
    return s;
  };
  a = trim(a);
  b = trim(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// Questions whose answers make `condition` hold: answer leaves that hold, outside negations and
/// outside `any` branches that do not hold. Scale leaves are left out (the scale has its own section).
void raising_questions(const Bank& bank, const Condition& condition, const ConditionFacts& facts,
                       std::vector<std::size_t>& out) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
      for (const Condition& child : condition.children) {
        if (condition.kind == Condition::Kind::any && !evaluate_condition(bank, child, facts)) continue;
        raising_questions(bank, child, facts, out);
      }
      return;
    case Condition::Kind::negate:
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most: return;
    default:
      if (condition.question < bank.questions.size() && evaluate_condition(bank, condition, facts) &&
          std::find(out.begin(), out.end(), condition.question) == out.end()) {
        out.push_back(condition.question);
      }
      return;
  }
}

/// The sentences of `text`: split after '.', '!' or '?' followed by a space.
std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool end = (text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ';
    if (!end) continue;
    out.push_back(text.substr(start, i + 1 - start));
    start = i + 2;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

/// Whether `sentence` starts with one of the '|'-separated `starts`.
bool starts_with_any(std::string_view sentence, std::string_view starts) {
  while (!starts.empty()) {
    const std::size_t bar = starts.find('|');
    const std::string_view start = starts.substr(0, bar);
    if (!start.empty() && sentence.substr(0, start.size()) == start) return true;
    if (bar == std::string_view::npos) break;
    starts.remove_prefix(bar + 1);
  }
  return false;
}

/// The question text without trailing instructions: the sentences after the last question sentence (one
/// ending in '?') are left out ("Choose all that apply."); a text without a question loses trailing
/// sentences that start as an instruction does (Phrase::instruction_starts).
std::string question_gist(const std::string& text, const Language& language) {
  std::vector<std::string> parts = sentences(text);
  std::size_t keep = parts.size();
  for (std::size_t i = parts.size(); i > 0; --i) {
    if (!parts[i - 1].empty() && parts[i - 1].back() == '?') {
      keep = i;
      break;
    }
  }
  if (keep == parts.size()) {
    while (keep > 1 && starts_with_any(parts[keep - 1], phrase(Phrase::instruction_starts, language))) --keep;
  }
  std::string gist;
  for (std::size_t i = 0; i < keep; ++i) gist += (i == 0 ? "" : " ") + parts[i];
  return gist;
}

/// What the person answered to `question`, as one sentence: "You said about {topic}: {labels}." with a
/// topic, else "To the question \"{question}\" you answered: {labels}.". Several labels are a list ("a and
/// b"), or joined with "; " when a label has a comma of its own. Empty without labels.
std::string answer_sentence(const Question& question, const std::vector<std::string>& labels,
                            const Language& language) {
  if (labels.empty()) return {};
  const bool commas = std::any_of(labels.begin(), labels.end(),
                                  [](const std::string& label) { return label.find(',') != std::string::npos; });
  std::string said;
  if (commas) {
    for (const std::string& label : labels) said += (said.empty() ? "" : "; ") + label;
  } else {
    said = join_list(labels, language);
  }
  while (!said.empty() && (said.back() == '.' || said.back() == ' ')) said.pop_back();  // the pattern ends it
  std::string line =
      question.topic.empty()
          ? fill(phrase(Phrase::reason_question, language), {question_gist(question.text.in(language), language), said})
          : fill(phrase(Phrase::reason_topic, language), {question.topic.in(language), said});
  // A label that ends in '?' or '!' already ends the sentence.
  if (line.size() >= 2 && line.back() == '.' && (line[line.size() - 2] == '?' || line[line.size() - 2] == '!')) {
    line.pop_back();
  }
  return line;
}

/// The labels of `options` of `question`, as a list in a sentence.
std::string option_labels(const Question& question, const std::vector<std::uint16_t>& options,
                          const Language& language) {
  std::vector<std::string> labels;
  for (std::uint16_t o : options) {
    if (o >= question.options.size()) continue;
    std::string label = question.options[o].label.in(language);
    while (!label.empty() && (label.back() == '.' || label.back() == ' ')) label.pop_back();  // inside quotes
    labels.push_back(std::move(label));
  }
  return join_list(labels, language);
}

/// One flip in words: "The advice would be {outcome} if you had chosen "a" (instead of "b") for the question about
/// {topic}."
FlipText flip_text(const Bank& bank, const Flip& flip, const Language& language) {
  FlipText text;
  text.outcome = bank.outcomes[flip.outcome].id;
  text.name = bank.outcomes[flip.outcome].name.in(language);
  std::vector<std::string> changes;
  for (const AnswerChange& change : flip.changes) {
    const Question& question = bank.questions[change.question];
    FlipText::Change ids{question.id, {}, {}};
    for (std::uint16_t o : change.from) ids.from.push_back(question.options[o].id);
    for (std::uint16_t o : change.to) ids.to.push_back(question.options[o].id);
    text.changes.push_back(std::move(ids));
    const std::string to = option_labels(question, change.to, language);
    const std::string from = option_labels(question, change.from, language);
    changes.push_back(question.topic.empty()
                          ? fill(phrase(Phrase::flip_change_question, language),
                                 {to, from, question_gist(question.text.in(language), language)})
                          : fill(phrase(Phrase::flip_change_topic, language), {to, from, question.topic.in(language)}));
  }
  text.line = fill(phrase(Phrase::flip_line, language), {join_list(changes, language), text.name});
  return text;
}

/// "You said about ...: answer." for each answered question that raised `rule`.
std::vector<std::string> raised_by(const Bank& bank, const Rule& rule, const AnswerSet& answers, const Result& result,
                                   const Language& language) {
  std::vector<bool> visible(bank.questions.size(), false);
  for (std::size_t q : result.shown) {
    if (q < visible.size()) visible[q] = true;
  }
  std::vector<std::size_t> questions;
  raising_questions(bank, rule.when, condition_facts(bank, answers, visible), questions);
  std::sort(questions.begin(), questions.end());
  std::vector<std::string> lines;
  for (std::size_t q : questions) {
    if (q >= answers.size() || !answers.at(q)) continue;
    const Question& question = bank.questions[q];
    std::string line = answer_sentence(question, answer_labels(question, *answers.at(q), language), language);
    if (!line.empty()) lines.push_back(std::move(line));  // never free text: it has no labels
  }
  return lines;
}

/// Names of outcomes as a list in a sentence ("a, b and c").
std::string outcome_names(const Bank& bank, const std::vector<std::size_t>& outcomes, const Language& language) {
  std::vector<std::string> names;
  for (std::size_t o : outcomes) {
    if (o < bank.outcomes.size()) names.push_back(bank.outcomes[o].name.in(language));
  }
  return join_list(names, language);
}

/// In words, how an open alternative `margin` points behind the advice compares with it (see kClearlyLessMargin).
Phrase alternative_phrase(double margin, double close_margin) {
  if (margin <= 0) return Phrase::alternative_tied;
  if (margin <= close_margin) return Phrase::alternative_nearly;
  if (margin < kClearlyLessMargin) return Phrase::alternative_less;
  return Phrase::alternative_clearly_less;
}

/// A specific line for a rule reason that is not a red flag: its note, else what it did.
std::string rule_reason_line(const Bank& bank, const Rule& rule, const Reason& reason, const Language& language) {
  if (!rule.effects.note.empty()) return rule.effects.note.in(language);
  const std::string outcome = bank.outcomes[reason.outcome].name.in(language);
  if (!rule.effects.require.empty()) {
    return fill(phrase(Phrase::reason_rule_require, language), {outcome_names(bank, rule.effects.require, language)});
  }
  if (!rule.effects.exclude.empty()) {
    return fill(phrase(Phrase::reason_rule_exclude, language), {outcome_names(bank, rule.effects.exclude, language)});
  }
  return fill(phrase(Phrase::reason_rule, language), {outcome});
}

/// In a crisis summary, a rule that set a lower urgency of its own ("see your huisarts this week"): its note
/// would be a calmer instruction beside the crisis, so it is left out.
bool calmer_than(const Rule& rule, const Result& result) {
  return result.urgency == Urgency::crisis && rule.effects.min_urgency &&
         *rule.effects.min_urgency != Urgency::routine && rule_urgency(rule) < Urgency::crisis;
}

/// The texts of `outcome` for these answers: each from the first variant whose condition holds and that
/// sets it, else the outcome's own.
void outcome_texts(const Bank& bank, const Outcome& outcome, const AnswerSet& answers, const Result& result,
                   const Language& language, Model& model) {
  model.what_it_is = outcome.what_it_is.in(language);
  model.what_to_expect = outcome.what_to_expect.in(language);
  model.where_to_find = outcome.where_to_find.in(language);
  if (outcome.variants.empty()) return;
  std::vector<bool> visible(bank.questions.size(), false);
  for (std::size_t q : result.shown) {
    if (q < visible.size()) visible[q] = true;
  }
  const ConditionFacts facts = condition_facts(bank, answers, visible);
  bool it_is = false, to_expect = false, to_find = false;  // set by a variant already
  for (const OutcomeVariant& variant : outcome.variants) {
    if (!evaluate_condition(bank, variant.when, facts)) continue;
    if (!it_is && !variant.what_it_is.empty()) {
      model.what_it_is = variant.what_it_is.in(language);
      it_is = true;
    }
    if (!to_expect && !variant.what_to_expect.empty()) {
      model.what_to_expect = variant.what_to_expect.in(language);
      to_expect = true;
    }
    if (!to_find && !variant.where_to_find.empty()) {
      model.where_to_find = variant.where_to_find.in(language);
      to_find = true;
    }
  }
}

}  // namespace

GuidanceText guidance_text(const Bank& bank, const Result& result, const Language& language) {
  GuidanceText text;
  const Guidance guidance = guidance_for(bank, result);
  // Each sentence once: several flags often share "see your huisarts this week".
  std::vector<std::string> said;
  for (std::size_t r : guidance.step_rules) {
    std::string step;
    for (const std::string& sentence : sentences(first_step_of(bank.rules[r]).in(language))) {
      if (std::find(said.begin(), said.end(), sentence) != said.end()) continue;
      said.push_back(sentence);
      step += (step.empty() ? "" : " ") + sentence;
    }
    if (!step.empty()) text.first_steps.push_back(std::move(step));
  }
  for (std::size_t index : guidance.resources) {
    const Resource& resource = bank.resources[index];
    ResourceText line;
    line.id = resource.id;
    line.name = resource.name.in(language);
    line.phone = resource.phone;
    line.url = resource.url;
    line.hours = resource.hours.in(language);
    line.free = resource.free;
    line.audience = resource.audience.in(language);
    line.when = resource.when.in(language);
    line.line = resource_line(resource, language);
    text.resources.push_back(std::move(line));
  }
  return text;
}

std::vector<std::string> crisis_steps(const GuidanceText& guidance, const Language& language) {
  if (!guidance.first_steps.empty()) return guidance.first_steps;
  return {std::string(phrase(Phrase::crisis_no_steps, language))};
}

bool note_shown_as_reason(const Model& model, const std::string& rule_id) {
  return std::find(model.reason_rules.begin(), model.reason_rules.end(), rule_id) != model.reason_rules.end();
}

std::string bar(int value, int min, int max, int cells, bool unicode) {
  int filled = 0;
  if (max > min) {
    double share = static_cast<double>(value - min) / static_cast<double>(max - min);
    share = std::min(1.0, std::max(0.0, share));
    filled = static_cast<int>(std::lround(share * cells));
  }
  std::string out;
  for (int i = 0; i < cells; ++i) out += i < filled ? (unicode ? "█" : "#") : (unicode ? "░" : "-");
  return out;
}

Model build_model(const Bank& bank, const AnswerSet& answers, const Result& result, const SummaryOptions& options) {
  const Language lang = bank.language(options.language);
  Model model;
  model.language = lang;
  // A bank without outcomes (an instrument: scales and bands only) is complete without a recommendation.
  model.advice = result.status == Status::complete && result.recommendation.has_value() &&
                 *result.recommendation < bank.outcomes.size();
  model.complete = model.advice || (result.status == Status::complete && bank.outcomes.empty());
  model.crisis_box = result.urgency == Urgency::crisis;
  model.title = bank.title.in(lang);
  // An instrument's summary refers nobody anywhere: it is headed as an overview of the answers.
  const Phrase heading = !model.complete         ? Phrase::incomplete_title
                         : bank.outcomes.empty() ? Phrase::instrument_title
                                                 : Phrase::document_title;
  model.heading = std::string(phrase(heading, lang));
  if (!model.complete) model.incomplete_explanation = std::string(phrase(Phrase::incomplete_explanation, lang));
  for (std::size_t q : result.missing) {
    if (q < bank.questions.size()) model.missing.push_back({bank.questions[q].id, bank.questions[q].text.in(lang)});
  }

  model.guidance = guidance_text(bank, result, lang);
  model.crisis_lines = crisis_line_texts(bank, lang);
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.rule >= bank.rules.size()) continue;
    const Rule& rule = bank.rules[flag.rule];
    if (!rule.effects.red_flag) continue;
    model.red_flags.push_back({rule.id, rule.effects.red_flag->message.in(lang)});
    model.red_flag_answers.push_back(raised_by(bank, rule, answers, result, lang));
  }

  if (model.complete) {
    // The first steps of the flags that set the urgency; a general phrase only when they name none.
    model.urgency_text = std::string(urgency_phrase(result.urgency, lang));
    if (model.advice && result.urgency == Urgency::routine &&
        *result.recommendation == bank.red_flag_outcome(Tier::clinical)) {
      model.urgency_text = std::string(phrase(Phrase::urgency_routine_huisarts, lang));
    }
    if (!model.guidance.first_steps.empty()) {
      model.urgency_text.clear();
      for (const std::string& step : model.guidance.first_steps) {
        if (!model.urgency_text.empty()) model.urgency_text += ' ';
        model.urgency_text += step;
      }
    }
    // Without advice there is no "where to find it" to point to: a routine result without steps says nothing.
    if (!model.advice && result.urgency == Urgency::routine && model.guidance.first_steps.empty()) {
      model.urgency_text.clear();
    }
  }
  if (model.advice) {
    const Outcome& outcome = bank.outcomes[*result.recommendation];
    model.outcome = outcome.id;
    model.outcome_name = outcome.name.in(lang);
    model.advice_line = fill(phrase(Phrase::advice_recommended, lang), {model.outcome_name});
    outcome_texts(bank, outcome, answers, result, lang, model);

    // Red-flag rules are listed with the signs below, so they are left out here; every line is distinct.
    for (const Reason& reason : result.reasons) {
      if (model.reasons.size() >= kMaxReasons) break;
      std::string line;
      if (reason.kind == Reason::Kind::answer) {
        if (reason.question >= bank.questions.size()) continue;
        const Question& question = bank.questions[reason.question];
        if (reason.option >= question.options.size()) continue;
        line = answer_sentence(question, {question.options[reason.option].label.in(lang)}, lang);
      } else {
        if (reason.rule >= bank.rules.size() || reason.outcome >= bank.outcomes.size()) continue;
        const Rule& rule = bank.rules[reason.rule];
        if (rule.effects.red_flag || calmer_than(rule, result)) continue;
        line = rule_reason_line(bank, rule, reason, lang);
        if (!rule.effects.note.empty() && !note_shown_as_reason(model, rule.id)) model.reason_rules.push_back(rule.id);
      }
      if (line.empty() || std::find(model.reasons.begin(), model.reasons.end(), line) != model.reasons.end()) continue;
      model.reasons.push_back(std::move(line));
    }

    // Outcomes that tie with the advice (an open alternative with the same score), the advice first.
    std::vector<std::size_t> tied{*result.recommendation};
    for (const RankedOutcome& ranked : result.ranking) {
      if (ranked.outcome == *result.recommendation || ranked.outcome >= bank.outcomes.size()) continue;
      Alternative alternative;
      alternative.outcome = bank.outcomes[ranked.outcome].id;
      alternative.name = bank.outcomes[ranked.outcome].name.in(lang);
      alternative.margin = ranked.margin;
      alternative.excluded = ranked.excluded;
      if (ranked.excluded) {
        alternative.line = fill(phrase(Phrase::alternative_excluded, lang), {alternative.name});
      } else if (!result.red_flags.empty()) {
        alternative.line = fill(phrase(Phrase::alternative_set_aside, lang), {alternative.name});
      } else if (set_aside_by_rule(bank, result, ranked.outcome)) {  // a requirement, without signs to point to
        alternative.line = fill(phrase(Phrase::alternative_set_aside_rule, lang), {alternative.name});
      } else {
        alternative.line = fill(phrase(alternative_phrase(ranked.margin, bank.close_margin), lang), {alternative.name});
        if (ranked.margin <= 0) tied.push_back(ranked.outcome);
      }
      model.alternatives.push_back(std::move(alternative));
    }
    if (model.reasons.empty()) {
      // Never an empty "Why": the signs decide, or no answer pointed anywhere in particular.
      model.reasons.push_back(
          std::string(phrase(model.red_flags.empty() ? Phrase::reason_no_direction : Phrase::reason_red_flags, lang)));
    }
    if (!model.red_flags.empty()) model.alongside_note = std::string(phrase(Phrase::alongside_treatment, lang));
    if (tied.size() > 1) {
      model.close_call_note = fill(phrase(Phrase::tie_note, lang), {outcome_names(bank, tied, lang)});
    } else if (result.close_call) {
      model.close_call_note = std::string(phrase(Phrase::close_call_note, lang));
    }

    const Counterfactuals counterfactuals = find_counterfactuals(bank, answers, result);
    model.show_flips = options.explain || result.close_call || tied.size() > 1;
    model.flips_decided_by_red_flag = counterfactuals.decided_by_red_flag;
    for (const Flip& flip : counterfactuals.flips) model.flips.push_back(flip_text(bank, flip, lang));
    if (model.flips_decided_by_red_flag) {
      model.flips_note = std::string(phrase(Phrase::flips_red_flag, lang));
    } else if (model.flips.empty()) {
      model.flips_note = std::string(phrase(Phrase::flips_none, lang));
    } else {
      model.flips_caveat = std::string(phrase(Phrase::flips_caveat, lang));
    }
  }
  if (model.complete) {
    for (const ScaleValue& value : result.scales) {
      if (value.scale >= bank.scales.size()) continue;
      const Scale& scale = bank.scales[value.scale];
      ScaleLine line;
      line.id = scale.id;
      line.label = scale.label.in(lang);
      line.label_is_heading = same_words(line.label, phrase(Phrase::distress_heading, lang));
      line.value = value.value;
      line.min = scale.min_value;
      line.max = scale.max_value;
      if (value.band && *value.band < scale.bands.size()) {
        line.band = scale.bands[*value.band].id;
        line.band_label = scale.bands[*value.band].label.in(lang);
      } else {
        line.band_label = std::string(phrase(Phrase::scale_not_answered, lang));
      }
      model.scales.push_back(std::move(line));
    }

    for (std::size_t r : result.notes) {
      if (r < bank.rules.size() && !bank.rules[r].effects.note.empty() && !calmer_than(bank.rules[r], result)) {
        model.notes.push_back({bank.rules[r].id, bank.rules[r].effects.note.in(lang)});
      }
    }
  }

  for (std::size_t q : result.unknown_red_flags) {
    if (q < bank.questions.size()) {
      model.unknown_red_flags.push_back({bank.questions[q].id, bank.questions[q].text.in(lang)});
    }
  }

  // Shown questions in bank order (result.shown is in order); fall back to all answered ones.
  std::vector<std::size_t> shown = result.shown;
  if (shown.empty()) {
    for (std::size_t q = 0; q < answers.size() && q < bank.questions.size(); ++q) {
      if (answers.at(q)) shown.push_back(q);
    }
  }
  for (std::size_t q : shown) {
    if (q >= bank.questions.size() || q >= answers.size()) continue;
    const Question& question = bank.questions[q];
    AnswerLine line;
    line.question = question.id;
    line.text = question.text.in(lang);
    line.free_text = question.type == QuestionType::text;
    const auto& answer = answers.at(q);
    std::string text = answer ? answer_text(question, *answer, lang) : std::string();
    if (text.empty()) {
      line.answer = std::string(phrase(Phrase::no_answers, lang));
      line.free_text = false;
    } else {
      line.answer = std::move(text);
    }
    model.answers.push_back(std::move(line));
  }

  model.bank_id = bank.id;
  model.bank_version = bank.version;
  model.bank_sha256 = bank.sha256;
  model.tool_version = std::string(tool_version());
  model.date = options.date;
  model.disclaimer = bank.disclaimer.in(lang);
  return model;
}

}  // namespace wegwijzer::summary
