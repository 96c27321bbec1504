#pragma once
#include <functional>
#include <string>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"

namespace wegwijzer {

/// Fills a batch with the next records; false when the input is exhausted. May throw Fatal.
using BatchSource = std::function<bool(RecordBatch& batch)>;
/// Takes one batch's output and tally, in input order; false to stop (the output was closed).
using BatchSink = std::function<bool(const std::string& output, const BatchTally& tally)>;

/// Scores batches from `source` on `jobs` threads and hands their output to `sink` in input order,
/// so the output is byte-identical whatever `jobs` is. jobs <= 1 runs on the calling thread only.
/// Otherwise `jobs` threads (the calling thread and jobs - 1 more) each read a batch (one thread at a
/// time), score it, and write the batches that are next in input order (one thread at a time), so a
/// batch stays on one core; at most 2 * jobs + 2 batches are in flight, so memory stays flat. The
/// sink is called from any of these threads, never from two at once. Exceptions from `source` and
/// `sink` are rethrown after every thread stopped. Returns false when the sink stopped the run.
bool run_batch_pool(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink);

}  // namespace wegwijzer
