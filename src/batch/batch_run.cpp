// The batch run: inputs in order (format detection, CSV headers), the scoring pool, buffered
// ordered output on io.out and the progress line on io.err.
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <optional>

#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/batch/batch_pool.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {

/// The inputs, read one after the other as a single sequence of batches.
class InputSequence {
 public:
  InputSequence(const Bank& bank, std::vector<BatchInput>& inputs, const BatchOptions& options)
      : bank_(bank), inputs_(inputs), options_(options) {}

  /// Opens the next input that has records: format, CSV header. False when none is left.
  bool open_next() {
    while (next_input_ < inputs_.size()) {
      BatchInput& input = inputs_[next_input_++];
      stream_ = std::make_unique<ByteStream>(*input.stream, input.name);
      jsonl_.reset();
      csv_.reset();
      columns_.reset();
      BatchFormat format = input.format;
      char first = stream_->first_non_blank();
      if (first == '\0') continue;  // empty input: no records
      if (!input.format_known) format = first == '{' ? BatchFormat::jsonl : BatchFormat::csv;
      if (format == BatchFormat::jsonl) {
        jsonl_ = std::make_unique<JsonlReader>(*stream_, options_.limits);
        return true;
      }
      csv_ = std::make_unique<CsvReader>(*stream_, options_.limits);
      std::vector<std::string> names;
      if (!csv_->read_header(names)) continue;
      try {
        columns_ = std::make_shared<const CsvColumns>(map_csv_columns(bank_, names));
      } catch (const Fatal& e) {
        throw Fatal(e.code(), sanitize_for_terminal(input.name, false) + ": " + e.what());
      }
      return true;
    }
    return false;
  }

  /// Fills `batch` with the next records of this or a later input; false at the end of all inputs.
  bool next(RecordBatch& batch) {
    for (;;) {
      if (jsonl_ && jsonl_->read_batch(batch, options_.batch_records, options_.batch_bytes)) return true;
      if (csv_ && csv_->read_batch(batch, options_.batch_records, options_.batch_bytes, columns_->names.size() + 1)) {
        batch.columns = columns_;
        return true;
      }
      if (!open_next()) return false;
    }
  }

 private:
  const Bank& bank_;
  std::vector<BatchInput>& inputs_;
  const BatchOptions& options_;
  std::size_t next_input_ = 0;
  std::unique_ptr<ByteStream> stream_;
  std::unique_ptr<JsonlReader> jsonl_;
  std::unique_ptr<CsvReader> csv_;
  std::shared_ptr<const CsvColumns> columns_;
};

/// "records, records/s" on io.err, rewritten in place, for large inputs on a terminal only.
class Progress {
 public:
  Progress(Io& io, bool enabled) : io_(io), enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void update(std::uint64_t records) {
    if (!enabled_) return;
    auto now = Clock::now();
    double elapsed = std::chrono::duration<double>(now - start_).count();
    if (!shown_ && elapsed < 2.0 && records < 100000) return;
    if (shown_ && std::chrono::duration<double>(now - last_).count() < 0.5) return;
    last_ = now;
    shown_ = true;
    double rate = elapsed > 0 ? static_cast<double>(records) / elapsed : 0.0;
    io_.err << fmt::format("\r{} records, {:.0f} records/s ", records, rate) << std::flush;
  }
  void finish() {
    if (shown_) io_.err << "\r\x1b[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  Io& io_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace

BatchOutcome run_batch(const Bank& bank, std::vector<BatchInput>& inputs, const BatchOptions& options, Io& io) {
  BatchOutcome outcome;
  outcome.tally = BatchTally::for_bank(bank);
  outcome.tally.explained = options.explain;  // the report's flip counts, also when no record is scored
  InputSequence sequence(bank, inputs, options);
  bool has_input = sequence.open_next();  // may throw Fatal before any output (bad CSV header)

  Progress progress(io, options.progress && io.err_is_terminal);
  auto write = [&](const std::string& text) {
    errno = 0;
    io.out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!io.out && outcome.write_error == 0) outcome.write_error = errno;
    return static_cast<bool>(io.out);
  };
  if (options.output == BatchFormat::csv) {
    std::string header;
    append_csv_header(header, bank, options.explain);
    if (!write(header)) {
      outcome.output_closed = true;
      return outcome;
    }
  }
  if (!has_input) {
    io.out.flush();
    outcome.output_closed = !io.out;
    return outcome;
  }
  BatchSource source = [&](RecordBatch& batch) { return sequence.next(batch); };
  BatchSink sink = [&](const std::string& output, const BatchTally& tally) {
    outcome.tally.add(tally);
    if (!write(output)) return false;
    progress.update(outcome.tally.records);
    return true;
  };
  bool completed = run_batch_pool(bank, options, source, sink);
  progress.finish();
  if (completed) {
    errno = 0;
    io.out.flush();
    completed = static_cast<bool>(io.out);
    if (!completed && outcome.write_error == 0) outcome.write_error = errno;
  }
  outcome.output_closed = !completed;
  return outcome;
}

}  // namespace wegwijzer
