// The words of the cohort report in Dutch and English.
#include "report_words.hpp"

#include <array>

#include "wegwijzer/bank/local_text.hpp"

namespace wegwijzer::report {

namespace {

struct Entry {
  Word word;
  std::string nl;
  std::string en;
};

const std::array<Entry, 35>& entries() {
  static const std::array<Entry, 35> table = {{
      {Word::title, "Cohortrapport", "Cohort report"},
      {Word::bank, "vragenlijst", "bank"},
      {Word::grouped_by, "uitgesplitst naar", "broken down by"},
      {Word::suppression_note, "aantallen onder {0} (behalve 0) staan er als <{0}",
       "counts below {0} (but not 0) show as <{0}"},
      {Word::no_suppression, "alle aantallen worden getoond (--min-cell 0)", "every count is shown (--min-cell 0)"},
      {Word::records, "Records", "Records"},
      {Word::scored, "gescoord", "scored"},
      {Word::error_records, "foutrecords", "error records"},
      {Word::recommendation, "Advies", "Advice"},
      {Word::urgency, "Urgentie", "Urgency"},
      {Word::red_flags, "Rode vlaggen", "Red flags"},
      {Word::unknown_red_flags, "Onbekende rode vlaggen (niet beantwoord of liever niet gezegd)",
       "Unknown red flags (unanswered or rather not say)"},
      {Word::close_calls, "Nipte adviezen", "Close calls"},
      {Word::errors, "Fouten", "Errors"},
      {Word::scale, "Schaal: {0}", "Scale: {0}"},
      {Word::of_records, "% van alle records", "% of all records"},
      {Word::of_scored, "% van de gescoorde records", "% of scored records"},
      {Word::of_errors, "% van de foutrecords", "% of error records"},
      {Word::of_assessed, "% van de beoordeelde records (gescoord, en foutrecords met geldige antwoorden)",
       "% of assessed records (scored, and error records with valid answers)"},
      {Word::of_scale, "% van de records met deze schaal", "% of records with this scale"},
      {Word::routine, "routine", "routine"},
      {Word::prompt, "binnenkort", "prompt"},
      {Word::crisis, "crisis", "crisis"},
      {Word::close_call, "nipt", "close call"},
      {Word::not_close_call, "niet nipt", "not a close call"},
      {Word::no_band, "geen antwoord", "not answered"},
      {Word::mean, "gemiddelde", "mean"},
      {Word::median, "mediaan", "median"},
      {Word::total, "totaal", "total"},
      {Word::other, "overig", "other"},
      {Word::empty_group, "(leeg)", "(empty)"},
      {Word::none, "(geen)", "(none)"},
      {Word::count, "aantal", "count"},
      {Word::share, "%", "%"},
      {Word::hidden_note, "x: verborgen zodat een totaal min de getoonde aantallen geen klein aantal verraadt",
       "x: hidden so that a total minus the shown counts does not reveal a small one"},
  }};
  return table;
}

}  // namespace

const std::string& word(Word word, std::string_view language) {
  for (const Entry& entry : entries()) {
    if (entry.word == word) return is_dutch(language) ? entry.nl : entry.en;
  }
  static const std::string missing;
  return missing;
}

std::string fill(const std::string& text, const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "{0}") == 0) {
      out += value;
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace wegwijzer::report
