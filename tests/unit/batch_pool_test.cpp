// run_batch_pool on several threads: output in input order, a stop from the sink, a failure of the
// source, and a bounded number of batches in flight.
#include "wegwijzer/batch/batch_pool.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <sstream>

#include "test_support.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/support/error.hpp"

using namespace wegwijzer;

namespace {

/// JSON Lines input of `count` sampled records, with a broken line now and then.
std::string sampled_input(std::size_t count) {
  test::CliRun sample = test::run({"sample", "--count", std::to_string(count), "--seed", "5"});
  REQUIRE(sample.exit_code == 0);
  std::string input;
  std::size_t n = 0;
  for (const std::string& line : test::split_lines(sample.out)) {
    input += line + "\n";
    if (++n % 13 == 0) input += "{broken\n";
  }
  return input;
}

/// Runs the pool over `input` in batches of `per_batch` records; `stop_after` batches written, the
/// sink says stop (0: never); the source throws on batch `throw_at` (0: never).
struct PoolRun {
  std::string output;
  std::size_t sink_calls = 0;
  std::size_t most_in_flight = 0;
  bool completed = false;
  bool threw = false;
};

PoolRun run_pool(const Bank& bank, const std::string& input, unsigned jobs, std::size_t per_batch,
                 std::size_t stop_after = 0, std::size_t throw_at = 0) {
  std::istringstream in(input);
  ByteStream stream(in, "-");
  BatchOptions options;
  options.jobs = jobs;
  JsonlReader reader(stream, options.limits);
  PoolRun run;
  std::atomic<std::size_t> reads{0};
  std::atomic<std::size_t> writes{0};
  std::mutex sink_mutex;  // the pool writes from one thread at a time; this only guards the test's check
  BatchSource source = [&](RecordBatch& batch) {
    const std::size_t in_flight = reads - writes;
    if (in_flight > run.most_in_flight) run.most_in_flight = in_flight;
    if (throw_at != 0 && reads + 1 == throw_at) throw Fatal(ExitCode::io, "cannot read -");
    if (!reader.read_batch(batch, per_batch, std::size_t{1} << 20)) return false;
    ++reads;
    return true;
  };
  BatchSink sink = [&](const std::string& output, const BatchTally&) {
    std::lock_guard<std::mutex> lock(sink_mutex);
    run.output += output;
    ++run.sink_calls;
    ++writes;
    return stop_after == 0 || run.sink_calls < stop_after;
  };
  try {
    run.completed = run_batch_pool(bank, options, source, sink);
  } catch (const Fatal&) {
    run.threw = true;
  }
  return run;
}

}  // namespace

TEST_CASE("batch pool: the output keeps the input order on any number of threads", "[batch][pool]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  const std::string input = sampled_input(1500);
  const PoolRun one = run_pool(bank, input, 1, 5);
  REQUIRE(one.completed);
  REQUIRE(test::split_lines(one.output).size() == 1500 + 1500 / 13);
  for (unsigned jobs : {2U, 3U, 4U, 8U}) {
    for (std::size_t per_batch : {std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
      INFO("jobs " << jobs << ", records per batch " << per_batch);
      const PoolRun many = run_pool(bank, input, jobs, per_batch);
      CHECK(many.completed);
      CHECK_FALSE(many.threw);
      CHECK(many.output == one.output);
      // At most 2 * jobs + 2 batches are read and not yet written (plus the one being read).
      CHECK(many.most_in_flight <= 2 * jobs + 2);
    }
  }
}

TEST_CASE("batch pool: a sink that stops ends the run, and nothing is written after it", "[batch][pool]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  const std::string input = sampled_input(600);
  const PoolRun all = run_pool(bank, input, 1, 4);
  for (unsigned jobs : {1U, 2U, 4U}) {
    INFO("jobs " << jobs);
    const PoolRun stopped = run_pool(bank, input, jobs, 4, 10);
    CHECK_FALSE(stopped.completed);
    CHECK(stopped.sink_calls == 10);
    // What was written is the start of the full output, in order.
    CHECK(all.output.compare(0, stopped.output.size(), stopped.output) == 0);
  }
}

TEST_CASE("batch pool: a failing source is rethrown after every thread stopped", "[batch][pool]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  const std::string input = sampled_input(600);
  const PoolRun all = run_pool(bank, input, 1, 4);
  for (unsigned jobs : {1U, 2U, 4U}) {
    INFO("jobs " << jobs);
    const PoolRun failed = run_pool(bank, input, jobs, 4, 0, 20);
    CHECK(failed.threw);
    CHECK(failed.sink_calls <= 19);  // only batches read before the failure
    CHECK(all.output.compare(0, failed.output.size(), failed.output) == 0);
  }
}
