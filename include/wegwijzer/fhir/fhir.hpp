#pragma once
// fhir/: HL7 FHIR R4 in and out. A Questionnaire becomes a bank (import_fhir_questionnaire); what cannot be
// carried over is said as a diagnostic with the item's linkId and JSON pointer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/diagnostic.hpp"

namespace wegwijzer {

/// The outcome of importing a FHIR Questionnaire.
struct FhirImport {
  std::string bank_json;  ///< the bank as formatted JSON; empty when the input could not be read as a Questionnaire
  /// Errors (why nothing was imported) or warnings (what was not carried over; the rest was).
  std::vector<Diagnostic> diagnostics;
  /// The index in `diagnostics` of the warning said of every import that the bank has no red flags (the one a
  /// command that counts the other warnings still says in full).
  std::optional<std::size_t> no_red_flags;
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

/// QuestionnaireResponses turned into answer records (JSON Lines, docs/batch.md) for `score`.
struct FhirRecords {
  std::string jsonl;  ///< one line per input line (NDJSON), per Bundle entry, or one for a single resource
  /// Errors (nothing may be scored: a response to another Questionnaire) or warnings (another version).
  std::vector<Diagnostic> diagnostics;
};

/// Whether an input starting with `prefix` holds FHIR resources rather than answer records: a first line that is a
/// whole object with a "resourceType", or (a pretty-printed resource, or a first line longer than `prefix`) a
/// "resourceType" key anywhere in `prefix`.
bool looks_like_fhir_resources(std::string_view prefix);

/// Reads R4 QuestionnaireResponses to `bank`: NDJSON (one per line), one resource, or a Bundle of them. Each becomes
/// an answer record {"<id_field>": identifier.value or id, "answers": {...}}: items found by linkId (the bank's
/// "fhir" linkIds, else question ids) at any depth, answers by their coding (system and code), boolean, string or
/// integer, free text from any primitive value. What does not fit stays in the record, for the batch to report:
/// an unknown linkId as an unknown key, an answer that is no option as an unknown option ("?"), a line that is no
/// JSON as it was. A resource that is not a QuestionnaireResponse is a record without answers. A response whose
/// "questionnaire" is another Questionnaire than the bank's is an error (nothing is scored); another version of it
/// is a warning.
FhirRecords responses_to_records(std::string_view text, const Bank& bank, const std::string& file_name,
                                 const std::string& id_field);

}  // namespace wegwijzer
