#pragma once
// What a bank keeps of the FHIR Questionnaire it was imported from ("fhir" on the bank, a question, an option), so
// that answers can be written back as a QuestionnaireResponse with the original linkIds, groups, codes and systems.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wegwijzer {

/// The Questionnaire a bank answers ("fhir" on the bank): QuestionnaireResponse.questionnaire is url|version.
struct FhirQuestionnaire {
  std::string url;      ///< the Questionnaire's canonical url
  std::string version;  ///< may be empty
};

/// Where a question stands in the Questionnaire ("fhir" on a question).
struct FhirItem {
  std::string link_id;               ///< the item's linkId as written in the Questionnaire
  std::string type;                  ///< the item's FHIR type (boolean, choice, integer, string, ...); may be empty
  std::vector<std::string> parents;  ///< linkIds of the enclosing items, outermost first (groups or questions)
};

/// How an option is written as a FHIR answer ("fhir" on an option): one value[x].
struct FhirAnswer {
  enum class Kind { none, coding, boolean, string, integer };
  Kind kind = Kind::none;    ///< none: the bank says nothing (native banks: a coding with the option id)
  std::string system;        ///< coding
  std::string code;          ///< coding
  std::string display;       ///< coding (may be empty)
  bool boolean = false;      ///< boolean
  std::string string;        ///< string
  std::int64_t integer = 0;  ///< integer
};

}  // namespace wegwijzer
