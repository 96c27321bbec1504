// The summary's own wording, Dutch and English side by side.
#include "summary_texts.hpp"

#include <vector>

namespace wegwijzer::summary {
namespace {

struct Entry {
  Phrase id;
  std::string_view key;  ///< the key a bank's "texts" override it by
  std::string_view nl;
  std::string_view en;
};

constexpr Entry kPhrases[] = {
    {Phrase::document_title, "summary.document_title", "Verwijsadvies", "Referral summary"},
    {Phrase::incomplete_title, "summary.incomplete_title", "Onvolledig: geen advies", "Incomplete: no advice"},
    {Phrase::incomplete_explanation, "summary.incomplete_explanation",
     "Niet alle verplichte vragen zijn beantwoord. Daarom geeft dit overzicht geen advies.",
     "Not all required questions were answered, so this summary gives no advice."},
    {Phrase::missing_heading, "summary.missing_heading", "Nog niet beantwoord", "Not answered yet"},
    {Phrase::crisis_title, "summary.crisis_title", "Heb je nu direct hulp nodig?", "Do you need help right now?"},
    {Phrase::crisis_first_steps_label, "summary.crisis_first_steps_label", "Doe dit eerst:", "Do this first:"},
    {Phrase::crisis_no_steps, "summary.crisis_no_steps", "Zoek nu hulp: bel een van de lijnen hieronder.",
     "Get help now: call one of the lines below."},
    {Phrase::resource_free, "summary.resource_free", "gratis", "free"},
    {Phrase::resource_phone_or, "summary.resource_phone_or", " of ", " or "},
    {Phrase::resources_label, "summary.resources_label", "Waar je terecht kunt", "Where you can turn"},
    {Phrase::advice_heading, "summary.advice_heading", "Advies", "Advice"},
    {Phrase::advice_recommended, "summary.advice_recommended", "Wat het best lijkt te passen: {1}",
     "What seems to fit best: {1}"},
    {Phrase::urgency_label, "summary.urgency_label", "Hoe snel", "How soon"},
    {Phrase::urgency_routine, "summary.urgency_routine",
     "Er is geen haast: zet de eerste stap onder \"Waar je het vindt\" wanneer het je uitkomt.",
     "There is no hurry: take the first step under \"Where to find it\" when it suits you."},
    {Phrase::urgency_routine_huisarts, "summary.urgency_routine_huisarts",
     "Er is geen haast: maak de komende weken een afspraak met je huisarts.",
     "There is no hurry: make an appointment with your GP (huisarts) in the coming weeks."},
    {Phrase::urgency_prompt, "summary.urgency_prompt", "Maak deze week een afspraak met je huisarts.",
     "Make an appointment with your GP (huisarts) this week."},
    {Phrase::urgency_crisis, "summary.urgency_crisis", "Zoek nu hulp: bel een van de lijnen bovenaan dit overzicht.",
     "Get help now: call one of the lines at the top of this summary."},
    {Phrase::why_heading, "summary.why_heading", "Waarom", "Why"},
    {Phrase::reason_topic, "summary.reason_topic", "Over {1} zei je: {2}.", "You said about {1}: {2}."},
    {Phrase::reason_question, "summary.reason_question", "Op de vraag \"{1}\" antwoordde je: {2}.",
     "To the question \"{1}\" you answered: {2}."},
    {Phrase::instruction_starts, "summary.instruction_starts",
     "Kies |Vink |Kruis |Selecteer |Meerdere antwoorden |Dit is optioneel",
     "Choose |Pick |Tick |Select |Check |Mark |More than one answer |This is optional"},
    {Phrase::list_and, "summary.list_and", " en ", " and "},
    {Phrase::reason_rule, "summary.reason_rule", "De combinatie van je antwoorden wijst naar {1}.",
     "The combination of your answers points towards {1}."},
    {Phrase::reason_rule_require, "summary.reason_rule_require",
     "De combinatie van je antwoorden laat voor nu alleen {1} over.",
     "The combination of your answers leaves only {1} for now."},
    {Phrase::reason_rule_exclude, "summary.reason_rule_exclude",
     "De combinatie van je antwoorden sluit {1} voor nu uit.",
     "The combination of your answers rules out {1} for now."},
    {Phrase::reason_red_flags, "summary.reason_red_flags",
     "Wat je vertelde over je klachten en je veiligheid (zie de signalen hieronder): daarvoor is eerst hulp van een "
     "huisarts of behandelaar nodig.",
     "What you said about your complaints and your safety (see the signs below): that needs help from a GP or "
     "therapist first."},
    {Phrase::reason_no_direction, "summary.reason_no_direction",
     "Geen van je antwoorden wees duidelijk naar één soort hulp.",
     "None of your answers pointed clearly to one kind of help."},
    {Phrase::red_flags_label, "summary.red_flags_label", "Signalen die aandacht vragen", "Signs that need attention"},
    {Phrase::alternatives_heading, "summary.alternatives_heading", "Andere mogelijkheden", "Alternatives"},
    {Phrase::alternative_excluded, "summary.alternative_excluded", "{1}: past nu niet bij je antwoorden",
     "{1}: does not fit your answers now"},
    {Phrase::alternative_tied, "summary.alternative_tied", "{1}: past net zo goed", "{1}: fits just as well"},
    {Phrase::alternative_nearly, "summary.alternative_nearly", "{1}: past bijna even goed", "{1}: fits nearly as well"},
    {Phrase::alternative_less, "summary.alternative_less", "{1}: past minder goed", "{1}: fits less well"},
    {Phrase::alternative_clearly_less, "summary.alternative_clearly_less", "{1}: past duidelijk minder goed",
     "{1}: fits clearly less well"},
    {Phrase::alternative_set_aside, "summary.alternative_set_aside",
     "{1}: nu niet, want de signalen hierboven gaan voor", "{1}: not now, because the signs above come first"},
    {Phrase::alternative_set_aside_rule, "summary.alternative_set_aside_rule",
     "{1}: nu niet, want je antwoorden wijzen eerst op dit advies (zie waarom)",
     "{1}: not now, because your answers point to this advice first (see why)"},
    {Phrase::close_call_note, "summary.close_call_note",
     "Het verschil is klein: bespreek met een professional welke vorm het best bij je past.",
     "The difference is small: discuss with a professional which kind of help fits you best."},
    {Phrase::flips_heading, "summary.flips_heading", "Wat het advies zou veranderen", "What would change this advice"},
    {Phrase::flip_change_topic, "summary.flip_change_topic",
     "bij de vraag over {3} had gekozen voor \"{1}\" (in plaats van \"{2}\")",
     "had chosen \"{1}\" (instead of \"{2}\") for the question about {3}"},
    {Phrase::flip_change_question, "summary.flip_change_question",
     "bij de vraag \"{3}\" had gekozen voor \"{1}\" (in plaats van \"{2}\")",
     "had chosen \"{1}\" (instead of \"{2}\") for the question \"{3}\""},
    {Phrase::flip_line, "summary.flip_line", "Het advies zou {2} zijn als je {1}.",
     "The advice would be {2} if you {1}."},
    {Phrase::flips_none, "summary.flips_none",
     "Met een of twee andere antwoorden zou het advies hetzelfde blijven. Daarbij tellen de vragen over veiligheid "
     "en over je situatie niet mee, en ook geen antwoorden die nieuwe vragen zouden oproepen.",
     "One or two other answers would not change this advice. Not counted: the questions about safety and about your "
     "situation, and answers that would bring up questions you were not asked."},
    {Phrase::flips_red_flag, "summary.flips_red_flag",
     "De signalen hierboven bepalen dit advies. Andere antwoorden zouden het niet veranderen: veiligheid gaat voor.",
     "The signs above decide this advice. Other answers would not change it: safety comes first."},
    {Phrase::flips_caveat, "summary.flips_caveat",
     "Dit laat zien welke antwoorden het advies het meest bepalen. Het is geen voorstel om anders te antwoorden.",
     "This shows which answers carry the advice most. It is not a suggestion to answer differently."},
    {Phrase::tie_note, "summary.tie_note",
     "Je antwoorden passen even goed bij {1}; daarom noemt het advies de lichtste stap. Een eerste gesprek met een "
     "professional kan uitwijzen welke het best bij je past: vertel daarin wat je van de hulp hoopt.",
     "Your answers fit {1} equally well, so the advice names the lightest step. A first conversation with a "
     "professional can tell which suits you best: say there what you hope to get out of the help."},
    {Phrase::alongside_treatment, "summary.alongside_treatment",
     "Na de signalen hierboven gaat hulp voor die signalen voor. De andere vormen van hulp kunnen daarna of ernaast, "
     "niet in plaats daarvan.",
     "After the signs above, help for those signs comes first. The other kinds of help can come later or alongside "
     "it, not instead of it."},
    {Phrase::no_alternatives, "summary.no_alternatives", "Geen.", "None."},
    {Phrase::distress_heading, "summary.distress_heading", "Indicatie van klachten", "Distress indication"},
    {Phrase::scale_not_answered, "summary.scale_not_answered", "niet beantwoord", "not answered"},
    {Phrase::distress_reminder, "summary.distress_reminder", "Dit is een indicatie, geen diagnose.",
     "This is an indication, not a diagnosis."},
    {Phrase::expect_heading, "summary.expect_heading", "Wat je kunt verwachten en waar je hulp vindt",
     "What to expect and where to find help"},
    {Phrase::expect_after_crisis, "summary.expect_after_crisis",
     "Dit is voor later. Zet eerst de stap bovenaan dit overzicht; de rest kan wachten tot je veilig bent en hulp "
     "hebt.",
     "This is for later. First take the step at the top of this summary; the rest can wait until you are safe and have "
     "help."},
    {Phrase::what_it_is_label, "summary.what_it_is_label", "Wat het is", "What it is"},
    {Phrase::what_to_expect_label, "summary.what_to_expect_label", "Wat je kunt verwachten", "What to expect"},
    {Phrase::where_to_find_label, "summary.where_to_find_label", "Waar je het vindt", "Where to find it"},
    {Phrase::notes_label, "summary.notes_label", "Let op", "Please note"},
    {Phrase::unknown_red_flags_label, "summary.unknown_red_flags_label", "Vragen die open bleven",
     "Questions left open"},
    {Phrase::unknown_red_flags_advice, "summary.unknown_red_flags_advice",
     "Je hebt deze vragen niet beantwoord, of liever niet. Dat mag. Ze gaan over je veiligheid, en zonder je "
     "antwoord weten we niet of je snel hulp nodig hebt. Daarom gaan we uit van het zekere: bespreek ze met je "
     "huisarts, en neem meteen contact op met een van de hulplijnen in dit overzicht als het nu niet goed met je gaat.",
     "You did not answer these questions, or preferred not to. That is all right. They are about your safety, and "
     "without your answer we cannot tell whether you need help soon. So we play it safe: discuss them with your "
     "GP (huisarts), and contact one of the helplines in this summary at once if you are not doing well right now."},
    {Phrase::answers_heading, "summary.answers_heading", "Jouw antwoorden", "Your answers"},
    {Phrase::no_answers, "summary.no_answers", "(geen antwoord)", "(no answer)"},
    {Phrase::footer_heading, "summary.footer_heading", "Over dit overzicht", "About this summary"},
    {Phrase::footer_bank, "summary.footer_bank", "Vragenlijst: {1}, versie {2}", "Question bank: {1}, version {2}"},
    {Phrase::footer_sha256, "summary.footer_sha256", "SHA-256", "SHA-256"},
    {Phrase::footer_tool, "summary.footer_tool", "Wegwijzer-versie", "Wegwijzer version"},
    {Phrase::footer_date, "summary.footer_date", "Datum", "Date"},
    {Phrase::footer_crisis_lines, "summary.footer_crisis_lines", "In acute nood:", "In acute need:"},
    {Phrase::recap_heading, "summary.recap_heading", "In het kort", "In short"},
    {Phrase::recap_phone_or, "summary.recap_phone_or", " of ", " or "},
    {Phrase::recap_how_soon, "summary.recap_how_soon", "Hoe snel: {1}", "How soon: {1}"},
    {Phrase::recap_how_soon_prompt, "summary.recap_how_soon_prompt", "deze week", "this week"},
    {Phrase::recap_how_soon_crisis, "summary.recap_how_soon_crisis", "zo snel mogelijk, uiterlijk vandaag",
     "as soon as possible, today at the latest"},
    {Phrase::recap_first_step, "summary.recap_first_step", "Eerste stap: {1}", "First step: {1}"},
    {Phrase::recap_more_steps, "summary.recap_more_steps", "Meer stappen staan in het overzicht hierboven.",
     "The summary above names more steps."},
    {Phrase::recap_save_hint, "summary.recap_save_hint", "Om je overzicht te bewaren: start opnieuw met --out BESTAND.",
     "To save your summary, run again with --out FILE."},
    {Phrase::recap_saved_to, "summary.recap_saved_to", "Je overzicht is bewaard in {1}.",
     "Your summary was saved to {1}."},
    {Phrase::recap_incomplete, "summary.recap_incomplete",
     "Onvolledig: er is geen advies, want niet alle vragen zijn beantwoord.",
     "Incomplete: there is no advice, because not all questions were answered."},
    {Phrase::instrument_title, "summary.instrument_title", "Overzicht van je antwoorden", "Summary of your answers"},
};

}  // namespace

std::string_view phrase(Phrase id, const Language& language) {
  for (const Entry& entry : kPhrases) {
    if (entry.id != id) continue;
    if (const std::string* text = language.bank_text(entry.key)) return *text;
    return language.dutch() ? entry.nl : entry.en;
  }
  return {};
}

std::string_view builtin_phrase(std::string_view key) {
  for (const Entry& entry : kPhrases) {
    if (entry.key == key) return entry.en;
  }
  return {};
}

std::vector<std::string_view> phrase_keys() {
  std::vector<std::string_view> keys;
  for (const Entry& entry : kPhrases) keys.push_back(entry.key);
  return keys;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments) {
  std::vector<std::string_view> args(arguments);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      auto index = static_cast<std::size_t>(pattern[i + 1] - '1');
      if (index < args.size()) out += args[index];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string join_list(const std::vector<std::string>& items, const Language& language) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += i + 1 == items.size() ? std::string(phrase(Phrase::list_and, language)) : std::string(", ");
    out += items[i];
  }
  return out;
}

}  // namespace wegwijzer::summary
