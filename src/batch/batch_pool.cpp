// Scoring batches on several threads with ordered output. Each thread reads a batch (one at a time),
// scores it, and writes whatever batches are next in input order; a batch stays on the core that
// read it until it is written, and no thread only waits for the others.
#include "wegwijzer/batch/batch_pool.hpp"

#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "wegwijzer/batch/batch_scorer.hpp"

namespace wegwijzer {

namespace {

/// A batch and what scoring it produced; slots are recycled so memory stays flat.
struct Slot {
  RecordBatch batch;
  std::string output;
  BatchTally tally;
};

bool run_single(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink) {
  RecordScorer scorer(bank, options.limits, options.output, JsonReading::scan_first, options.explain, options.input);
  Slot slot;
  while (source(slot.batch)) {
    slot.output.clear();
    slot.tally = BatchTally::for_bank(bank);
    scorer.score(slot.batch, slot.output, slot.tally);
    if (!sink(slot.output, slot.tally)) return false;
  }
  return true;
}

/// The state the scoring threads share. Reading and writing are each done by one thread at a time;
/// `mutex` guards everything here except the source and the sink themselves.
class Pool {
 public:
  Pool(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink)
      : bank_(bank),
        options_(options),
        source_(source),
        sink_(sink),
        max_in_flight_(2 * static_cast<std::size_t>(options.jobs) + 2) {}

  /// One scoring thread: read, score, write in order, until the input ends or the run stops.
  void work() {
    RecordScorer scorer(bank_, options_.limits, options_.output, JsonReading::scan_first, options_.explain,
                        options_.input);
    for (;;) {
      std::unique_ptr<Slot> slot;
      std::uint64_t sequence = 0;
      if (!read(slot, sequence)) return;
      slot->output.clear();
      slot->tally = BatchTally::for_bank(bank_);
      scorer.score(slot->batch, slot->output, slot->tally);
      write(std::move(slot), sequence);
    }
  }

  bool completed() const { return !sink_stopped_; }
  std::exception_ptr failure() const { return failure_; }

 private:
  /// Reads the next batch into a slot (waiting while too many are in flight); false at the end.
  bool read(std::unique_ptr<Slot>& slot, std::uint64_t& sequence) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || input_done_ || (!reading_ && in_flight_ < max_in_flight_); });
    if (stop_ || input_done_) return false;
    reading_ = true;
    if (!spare_.empty()) {
      slot = std::move(spare_.back());
      spare_.pop_back();
    }
    lock.unlock();
    if (!slot) slot = std::make_unique<Slot>();
    bool more = false;
    std::exception_ptr failure;
    try {
      more = source_(slot->batch);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    reading_ = false;
    if (failure && !failure_) failure_ = failure;
    if (failure) stop_ = true;
    if (!more) input_done_ = true;
    if (more && !stop_) {
      sequence = next_read_++;
      ++in_flight_;
    }
    changed_.notify_all();
    return more && !stop_;
  }

  /// Queues a scored batch; the thread that finds the next batch in order writes every batch
  /// that is ready, so the output keeps the input order.
  void write(std::unique_ptr<Slot> slot, std::uint64_t sequence) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.emplace(sequence, std::move(slot));
    if (writing_) return;  // the writing thread will find it
    writing_ = true;
    for (;;) {
      auto next = done_.find(next_write_);
      if (stop_ || next == done_.end()) break;
      std::unique_ptr<Slot> ready = std::move(next->second);
      done_.erase(next);
      lock.unlock();
      bool ok = false;
      std::exception_ptr failure;
      try {
        ok = sink_(ready->output, ready->tally);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure && !failure_) failure_ = failure;
      ++next_write_;
      --in_flight_;
      spare_.push_back(std::move(ready));
      if (!ok) {
        sink_stopped_ = true;
        stop_ = true;
      }
      changed_.notify_all();
    }
    writing_ = false;
  }

  const Bank& bank_;
  const BatchOptions& options_;
  const BatchSource& source_;
  const BatchSink& sink_;
  const std::size_t max_in_flight_;

  std::mutex mutex_;
  std::condition_variable changed_;
  bool reading_ = false;  ///< a thread is in the source
  bool writing_ = false;  ///< a thread is writing the ready batches
  bool input_done_ = false;
  bool stop_ = false;  ///< the sink stopped the run, or the source failed
  bool sink_stopped_ = false;
  std::uint64_t next_read_ = 0;
  std::uint64_t next_write_ = 0;
  std::size_t in_flight_ = 0;  ///< read and not yet written
  std::map<std::uint64_t, std::unique_ptr<Slot>> done_;
  std::vector<std::unique_ptr<Slot>> spare_;
  std::exception_ptr failure_;
};

}  // namespace

bool run_batch_pool(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink) {
  if (options.jobs <= 1) return run_single(bank, options, source, sink);
  Pool pool(bank, options, source, sink);
  std::vector<std::thread> helpers;
  for (unsigned i = 1; i < options.jobs; ++i) helpers.emplace_back([&pool] { pool.work(); });
  pool.work();  // the calling thread is one of the scorers
  for (std::thread& helper : helpers) helper.join();
  if (pool.failure()) std::rethrow_exception(pool.failure());
  return pool.completed();
}

}  // namespace wegwijzer
