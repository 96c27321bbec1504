// Scoring batches on several threads with ordered output: one reader, N scorers, the caller writes.
#include "wegwijzer/batch_pool.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "wegwijzer/batch_scorer.hpp"

namespace wegwijzer {

namespace {

/// A batch and what scoring it produced; slots are recycled so memory stays flat.
struct Slot {
  RecordBatch batch;
  std::string output;
  BatchTally tally;
  std::uint64_t sequence = 0;
};

bool run_single(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink) {
  RecordScorer scorer(bank, options.limits, options.output);
  Slot slot;
  while (source(slot.batch)) {
    slot.output.clear();
    slot.tally = BatchTally::for_bank(bank);
    scorer.score(slot.batch, slot.output, slot.tally);
    if (!sink(slot.output, slot.tally)) return false;
  }
  return true;
}

}  // namespace

bool run_batch_pool(const Bank& bank, const BatchOptions& options, const BatchSource& source, const BatchSink& sink) {
  if (options.jobs <= 1) return run_single(bank, options, source, sink);

  const std::size_t max_in_flight = 2 * static_cast<std::size_t>(options.jobs) + 2;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::unique_ptr<Slot>> todo;
  std::map<std::uint64_t, std::unique_ptr<Slot>> done;
  std::vector<std::unique_ptr<Slot>> spare;
  std::size_t in_flight = 0;
  bool input_done = false;
  bool stop = false;
  std::exception_ptr failure;

  std::thread reader([&] {
    std::uint64_t sequence = 0;
    for (;;) {
      std::unique_ptr<Slot> slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop || in_flight < max_in_flight; });
        if (stop) break;
        if (!spare.empty()) {
          slot = std::move(spare.back());
          spare.pop_back();
        }
      }
      if (!slot) slot = std::make_unique<Slot>();
      bool more = false;
      try {
        more = source(slot->batch);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        failure = std::current_exception();
        stop = true;
        changed.notify_all();
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (!more) break;
      slot->sequence = sequence++;
      todo.push_back(std::move(slot));
      ++in_flight;
      changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(mutex);
    input_done = true;
    changed.notify_all();
  });

  std::vector<std::thread> workers;
  for (unsigned i = 0; i < options.jobs; ++i) {
    workers.emplace_back([&] {
      RecordScorer scorer(bank, options.limits, options.output);
      for (;;) {
        std::unique_ptr<Slot> slot;
        {
          std::unique_lock<std::mutex> lock(mutex);
          changed.wait(lock, [&] { return stop || !todo.empty() || input_done; });
          if (stop || todo.empty()) return;
          slot = std::move(todo.front());
          todo.pop_front();
        }
        slot->output.clear();
        slot->tally = BatchTally::for_bank(bank);
        scorer.score(slot->batch, slot->output, slot->tally);
        std::lock_guard<std::mutex> lock(mutex);
        std::uint64_t sequence = slot->sequence;
        done.emplace(sequence, std::move(slot));
        changed.notify_all();
      }
    });
  }

  bool completed = true;
  std::uint64_t next = 0;
  for (;;) {
    std::unique_ptr<Slot> slot;
    {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return stop || done.count(next) > 0 || (input_done && in_flight == 0); });
      if (stop) break;
      auto found = done.find(next);
      if (found == done.end()) break;  // input done and everything written
      slot = std::move(found->second);
      done.erase(found);
    }
    bool ok = false;
    std::exception_ptr sink_failure;
    try {
      ok = sink(slot->output, slot->tally);
    } catch (...) {
      sink_failure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (sink_failure && !failure) failure = sink_failure;
    ++next;
    --in_flight;
    spare.push_back(std::move(slot));
    if (!ok) {
      completed = false;
      stop = true;
    }
    changed.notify_all();
    if (!ok) break;
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    stop = true;
    changed.notify_all();
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
  return completed;
}

}  // namespace wegwijzer
