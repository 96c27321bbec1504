#pragma once
// `score` reading FHIR: inputs that hold QuestionnaireResponses are turned into answer records before the batch.
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/support/io.hpp"

namespace wegwijzer::cli {

/// The streams and buffers that stand in for inputs read as FHIR or peeked at; they must outlive the batch.
struct HeldInputs {
  std::vector<std::unique_ptr<std::streambuf>> buffers;
  std::vector<std::unique_ptr<std::istream>> streams;
};

/// Most bytes of one FHIR input: it is read whole (a Bundle is one JSON document).
constexpr std::size_t kMaxFhirInputBytes = std::size_t{256} << 20;

/// For each input that may be JSON (its format is not known to be CSV): looks at its start, and when it holds FHIR
/// resources (or `forced`: --input-format fhir) reads it whole and replaces it by its answer records (JSON Lines).
/// Other inputs are read on from their start. Warnings go to io.err; a response to another Questionnaire is
/// Fatal(data) before anything is scored. Returns the name of the first input read as FHIR (empty: none).
std::string read_fhir_inputs(std::vector<BatchInput>& inputs, const Bank& bank, bool forced,
                             const std::string& id_field, HeldInputs& held, Io& io);

}  // namespace wegwijzer::cli
