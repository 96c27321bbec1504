#pragma once
// The twelve reference cases of the practitioner bank (shared/vignettes-practitioner.md): who the practitioner and
// the client are, the answer file with what that practitioner would honestly answer to every question shown, and
// the outcome and urgency a careful colleague would expect. Shared by the practitioner bank's tests.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::test {

/// One practitioner reference case.
struct PractitionerCase {
  std::string file;     ///< under tests/vignettes-practitioner/
  std::string case_;    ///< the description from vignettes-practitioner.md, condensed
  std::string outcome;  ///< expected recommendation
  std::string urgency;  ///< expected urgency
};

/// The twelve cases, in the order of vignettes-practitioner.md.
inline const std::vector<PractitionerCase>& practitioner_cases() {
  static const std::vector<PractitionerCase> cases = {
      {"P01.json",
       "child coach; girl of 9, sad since her grandmother died three months ago; plays, sleeps and goes to school "
       "normally; supportive parents",
       "within-role", "routine"},
      {"P02.json",
       "school social worker; boy of 11 stuck between his parents in a bitter divorce for a year; both ask him to "
       "choose; stomach aches before every handover",
       "refer", "prompt"},
      {"P03.json",
       "career coach; client of 40 works well on a career switch; the coach steers towards her own preferences",
       "bring-to-supervision", "routine"},
      {"P04.json",
       "intern begeleider; girl of 14 with cuts on her forearm, 'to feel something'; asks not to tell anyone", "refer",
       "prompt"},
      {"P05.json", "child coach; boy of 8 says his father hits him with a belt when angry; bruises", "act-now",
       "crisis"},
      {"P06.json", "life coach; client of 35 has been thinking of ending his life and has looked up how", "act-now",
       "crisis"},
      {"P07.json",
       "child coach; boy of 10 with nightmares and flashbacks since a traffic accident eight months ago; avoids the "
       "street",
       "refer", "prompt"},
      {"P08.json", "team coach; team leader of 45 wants to learn to give feedback; everything else goes well",
       "within-role", "routine"},
      {"P09.json",
       "child coach; girl of 12 with exam fear; the coach keeps thinking about her at night and feels she must rescue "
       "her",
       "bring-to-supervision", "routine"},
      {"P10.json",
       "student counsellor; student of 20 binges and makes herself sick several times a week; 'under control'", "refer",
       "prompt"},
      {"P11.json",
       "coach of adults; client of 50 with a burnout on sick leave; sleeps badly, low most days for three months; has "
       "seen neither the bedrijfsarts nor the huisarts",
       "refer", "prompt"},
      {"P12.json",
       "child coach; boy of 13 cruel to animals without remorse, lies constantly; the parents are at their wits' end",
       "refer", "prompt"},
  };
  return cases;
}

/// The record {"id": ..., "answers": {...}} of a case.
inline nlohmann::json practitioner_record(const PractitionerCase& c) {
  return nlohmann::json::parse(read_file(test_path("vignettes-practitioner/" + c.file)));
}

/// The case's answers as an answer set; problems go to `errors`.
inline AnswerSet load_practitioner_case(const Bank& bank, const PractitionerCase& c, std::vector<AnswerError>& errors) {
  const nlohmann::json record = practitioner_record(c);
  REQUIRE(record.contains("answers"));
  return answers_from_json(bank, record.at("answers"), errors);
}

}  // namespace wegwijzer::test
