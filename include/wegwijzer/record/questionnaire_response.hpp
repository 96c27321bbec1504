#pragma once
// The FHIR R4 forms of a result: a QuestionnaireResponse for the answers (with the advice and scales as the
// extension "urn:wegwijzer:assessment"), an OperationOutcome for a record that could not be read. See
// docs/summary-format.md ("FHIR").
#include <cstdint>
#include <string>
#include <string_view>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// The url of the extension that carries the advice and scales on a QuestionnaireResponse.
constexpr std::string_view fhir_assessment_url = "urn:wegwijzer:assessment";

/// Appends `answers` as one R4 QuestionnaireResponse (compact JSON when `indent` < 0, no newline). Status
/// "completed" for a complete result, else "in-progress"; the record id, when not empty, as identifier.value;
/// only the shown questions that were answered, each under its original linkId and groups (imported banks) or its
/// id; options as the Questionnaire's own answer values, else a coding with the option id; the result as the
/// extension fhir_assessment_url.
void append_questionnaire_response(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                                   std::string_view record_id, int indent = -1);

/// Appends one R4 OperationOutcome (compact, no newline) for a record that was not scored: issue code "invalid"
/// (`too_long`: "too-long"), its diagnostics "record ID (line N): CODE: MESSAGE". With `assessed`, the urgency, red
/// flags and whole scales of its valid answers as the extension fhir_assessment_url (never status or advice).
void append_operation_outcome(std::string& out, const Bank& bank, std::string_view record_id, std::uint64_t line,
                              std::string_view code, std::string_view message, bool too_long,
                              const Result* assessed = nullptr);

}  // namespace wegwijzer
