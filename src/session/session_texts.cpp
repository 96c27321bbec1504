// The session's translation table: every sentence it prints, in Dutch and English.
#include "wegwijzer/session/session_texts.hpp"

#include <array>
#include <cstddef>

#include "wegwijzer/bank/program_text_keys.hpp"

namespace wegwijzer::cli {
namespace {

struct Entry {
  std::string_view nl;
  std::string_view en;
};

// In the order of the SessionText enumerators.
constexpr std::array<Entry, 34> kTexts{{
    {"Heb je nu direct hulp nodig?", "Do you need help right now?"},
    {"Beantwoord elke vraag met het nummer van je keuze en druk op Enter. Typ ? voor uitleg, b om "
     "terug te gaan en q om te stoppen.",
     "Answer each question with the number of your choice and press Enter. Type ? for an explanation, "
     "b to go back and q to stop."},
    {"Vraag {} van minstens {}", "Question {} of at least {}"},
    {"Vraag {} van {}", "Question {} of {}"},
    {"(mag je overslaan)", "(optional)"},
    {"Typ het nummer van je antwoord.", "Type the number of your answer."},
    {"Typ een of meer nummers, bijvoorbeeld {},{} of {} {}.", "Type one or more numbers, for example {},{} or {} {}."},
    {"Typ een of meer nummers, gescheiden door een komma of een spatie.",
     "Type one or more numbers, separated by a comma or a space."},
    {"Typ je antwoord op één regel.", "Type your answer on one line."},
    {"Alleen Enter slaat de vraag over.", "Enter alone skips the question."},
    {"Alleen Enter houdt je eerdere antwoord.", "Enter alone keeps your earlier answer."},
    {"? uitleg, b terug, q stoppen", "? explanation, b back, q stop"},
    {"eerder gekozen", "your earlier answer"},
    {"Je eerdere antwoord: {}", "Your earlier answer: {}"},
    {"Uitleg:", "Explanation:"},
    {"Bij deze vraag is geen extra uitleg.", "There is no extra explanation for this question."},
    {"Dit is de eerste vraag; verder terug kan niet.", "This is the first question; you cannot go further back."},
    {"Typ één nummer van 1 tot en met {}.", "Type one number from 1 to {}."},
    {"Typ een of meer nummers van 1 tot en met {}, gescheiden door een komma of een spatie.",
     "Type one or more numbers from 1 to {}, separated by a comma or a space."},
    {"Bij deze vraag past één antwoord: typ één nummer van 1 tot en met {}.",
     "This question takes one answer: type one number from 1 to {}."},
    {"Deze vraag is nodig voor het advies; kies een antwoord.",
     "This question is needed for the advice; please choose an answer."},
    {"Wil je stoppen? Er wordt niets bewaard. (j/n)", "Do you want to stop? Nothing will be saved. (y/n)"},
    {"Typ j om te stoppen of n om verder te gaan.", "Type y to stop or n to go on."},
    {"Druk op Enter om verder te gaan met de vragen, of typ q om te stoppen.",
     "Press Enter to go on with the questions, or type q to stop."},
    {"Druk alleen op Enter om verder te gaan, of typ q om te stoppen.",
     "Press Enter alone to go on, or type q to stop."},
    {"(overgeslagen)", "(skipped)"},
    {"(eerder antwoord gehouden)", "(earlier answer kept)"},
    {"Gestopt. Er is niets bewaard.", "Stopped. Nothing was saved."},
    {"Onderbroken. Er is niets bewaard.", "Interrupted. Nothing was saved."},
    {"onvolledig: geen advies (incomplete: no advice)", "incomplete: no advice"},
    {"Klaar. Hieronder staat je overzicht.", "Done. Your summary follows."},
    {"Je overzicht is bewaard in {}.", "Your summary was saved to {}."},
    {"Deze vragenlijst is er niet in jouw taal ({}); de vragen zijn in '{}'.",
     "This questionnaire is not available in your language ({}); its questions are in '{}'."},
    {"Antwoord {} kan niet samen met andere antwoorden: kies het alleen, of kies alleen de andere.",
     "Answer {} cannot be combined with other answers: choose it alone, or only the others."},
}};

static_assert(kTexts.size() == static_cast<std::size_t>(SessionText::error_exclusive) + 1,
              "every SessionText needs a table entry");

/// The key of sentence `index`: program_text_keys() lists the session's keys first, in enumerator order
/// (tests/unit/bank_languages_test.cpp holds it to that).
std::string_view key_of(std::size_t index) { return program_text_keys()[index]; }

}  // namespace

std::string_view session_text(SessionText id, const Language& language) {
  const auto index = static_cast<std::size_t>(id);
  if (const std::string* text = language.bank_text(key_of(index))) return *text;
  return language.dutch() ? kTexts[index].nl : kTexts[index].en;
}

std::string_view builtin_session_text(std::string_view key) {
  for (std::size_t i = 0; i < kTexts.size(); ++i) {
    if (key_of(i) == key) return kTexts[i].en;
  }
  return {};
}

std::vector<std::string_view> session_text_keys() {
  std::vector<std::string_view> keys;
  for (std::size_t i = 0; i < kTexts.size(); ++i) keys.push_back(key_of(i));
  return keys;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments) {
  std::string result;
  const auto* next = arguments.begin();
  std::size_t position = 0;
  while (position < pattern.size()) {
    std::size_t found = pattern.find("{}", position);
    if (found == std::string_view::npos || next == arguments.end()) {
      result.append(pattern.substr(position));
      break;
    }
    result.append(pattern.substr(position, found - position));
    result.append(*next++);
    position = found + 2;
  }
  return result;
}

bool is_yes_word(std::string_view word) { return word == "j" || word == "ja" || word == "y" || word == "yes"; }

bool is_no_word(std::string_view word) { return word == "n" || word == "nee" || word == "no"; }

}  // namespace wegwijzer::cli
