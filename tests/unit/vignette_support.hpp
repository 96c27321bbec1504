#pragma once
// The twelve reference vignettes (shared/vignettes.md): who the person is, the answer file that holds what they
// would honestly answer, and the advice a careful professional would give. Shared by the vignette and the
// default-bank tests.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::test {

/// One reference case.
struct Vignette {
  std::string file;     ///< under tests/vignettes/
  std::string person;   ///< the description from vignettes.md, condensed
  std::string outcome;  ///< expected recommendation
  std::string urgency;  ///< expected urgency
};

/// The twelve cases, in the order of vignettes.md.
inline const std::vector<Vignette>& vignettes() {
  static const std::vector<Vignette> cases = {
      {"V01.json",
       "Sanne, 24, new administrative worker at a municipality; must learn to process applications in the case "
       "system; feels fine, likes the job, wants someone to show her",
       "werkbegeleiding", "routine"},
      {"V02.json",
       "Ahmed, 38, team leader for four months; wants to delegate and give feedback better within months; "
       "motivated, a little tense before hard conversations",
       "coaching", "routine"},
      {"V03.json",
       "Marieke, 45, youth care worker; drawn into conflicts with parents, takes over too much; wants to understand "
       "her own patterns at work; time for a longer process; no private complaints",
       "supervisie", "routine"},
      {"V04.json",
       "Peter, 52, lost his wife a year ago; sleeps badly, down most days, lost interest, struggling at work and at "
       "home; not getting less",
       "therapie", "prompt"},
      {"V05.json", "Lisa, 29, thought in the past two weeks that life is not worth living and how she would end it",
       "therapie", "crisis"},
      {"V06.json",
       "Jeroen, 41, teacher; frustrated by his school's repeated workload demands, wonders why he gets so worked "
       "up; sleeps well, no complaints outside work",
       "coaching", "routine"},
      {"V07.json",
       "Fatima, 33, two coaching trajectories for her fears each helped for a while; weekly panic attacks again, "
       "avoids trains and busy shops",
       "therapie", "prompt"},
      {"V08.json", "Kees, 47, drinks most evenings to cope with stress, more than he wants; cutting down failed",
       "therapie", "prompt"},
      {"V09.json",
       "Anouk, 31, oncology nurse; wants to reflect on how patients' emotions affect her work and her boundaries; "
       "private life fine, feels well",
       "supervisie", "routine"},
      {"V10.json", "Tom, 27, just joined a software team; must learn the release procedure and tools",
       "werkbegeleiding", "routine"},
      {"V11.json", "Eva, 35, wants to switch careers and get clear on what she wants next; no complaints", "coaching",
       "routine"},
      {"V12.json", "Mo, 26, serious accident eight months ago; nightmares, flashbacks, avoids driving", "therapie",
       "prompt"},
  };
  return cases;
}

/// The record {"id": ..., "answers": {...}} of a vignette.
inline nlohmann::json vignette_record(const Vignette& vignette) {
  return nlohmann::json::parse(read_file(test_path("vignettes/" + vignette.file)));
}

/// The vignette's answers as an answer set; problems go to `errors`.
inline AnswerSet load_vignette(const Bank& bank, const Vignette& vignette, std::vector<AnswerError>& errors) {
  const nlohmann::json record = vignette_record(vignette);
  REQUIRE(record.contains("answers"));
  return answers_from_json(bank, record.at("answers"), errors);
}

}  // namespace wegwijzer::test
