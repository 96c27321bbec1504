#pragma once
#include <string>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"

namespace wegwijzer {

/// Renders the --report text: records, scored, error and assessed counts, then counts by recommendation
/// (scored records), urgency and red flag (assessed records: the scored ones and the error records read
/// from their valid answers, so that a crisis in an incomplete record counts) and error code, each with a
/// percentage and a small ASCII bar. Counts only: never answers. Bank ids are sanitised for the terminal.
std::string render_batch_report(const Bank& bank, const BatchTally& tally);

}  // namespace wegwijzer
