#pragma once
// fhir/: HL7 FHIR R4 in and out. A Questionnaire becomes a bank (import_fhir_questionnaire); what cannot be
// carried over is said as a diagnostic with the item's linkId and JSON pointer.
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/diagnostic.hpp"

namespace wegwijzer {

/// The outcome of importing a FHIR Questionnaire.
struct FhirImport {
  std::string bank_json;  ///< the bank as formatted JSON; empty when the input could not be read as a Questionnaire
  /// Errors (why nothing was imported) or warnings (what was not carried over; the rest was).
  std::vector<Diagnostic> diagnostics;
};

/// Whether `text` is a JSON object whose "resourceType" is "Questionnaire" (a cheap look, not a validation).
bool looks_like_fhir_questionnaire(std::string_view text);

/// Converts an R4 Questionnaire to a bank: groups flattened (their titles lead the first question inside), display
/// items as text before the next question, boolean, choice and open-choice (answerOption, or answerValueSet of a
/// contained ValueSet), integer, decimal, string and text (as free text), required, repeats, enableWhen with every
/// operator and enableBehavior, option scores from itemWeight, ordinalValue or STU3 questionnaire-ordinalValue (on
/// the option, its coding or the ValueSet concept) summed in a scale "total", and the translation extension as
/// further languages. `file_name` names the input in diagnostics.
FhirImport import_fhir_questionnaire(std::string_view text, const std::string& file_name);

}  // namespace wegwijzer
