#pragma once
#include <string>

#include "wegwijzer/bank.hpp"
#include "wegwijzer/batch.hpp"

namespace wegwijzer {

/// Renders the --report text: records, scored and error counts, then counts by recommendation,
/// urgency, red flag and error code, each with a percentage and a small ASCII bar. Counts only:
/// never answers. Bank ids are sanitised for the terminal.
std::string render_batch_report(const Bank& bank, const BatchTally& tally);

}  // namespace wegwijzer
