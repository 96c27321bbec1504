// The batch run: inputs in order (format detection, CSV headers), the scoring pool, buffered
// ordered output on io.out and the progress line on io.err.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
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

/// Whether standard input (or a file without a telling extension) holds JSON Lines: one of its first non-blank
/// lines parses as a JSON object. A corrupt first line does not make JSON Lines into CSV; without any such line,
/// a first byte '{' still means JSON Lines (every line is then an invalid_json record of its own).
bool looks_like_json_lines(ByteStream& stream, char first) {
  constexpr std::size_t look_bytes = std::size_t{1} << 18;
  constexpr int look_lines = 16;
  std::string_view bytes = stream.peek(look_bytes);
  simdjson::dom::parser parser;
  int lines = 0;
  while (!bytes.empty() && lines < look_lines) {
    std::size_t end = bytes.find('\n');
    if (end == std::string_view::npos) {
      if (bytes.size() >= look_bytes) break;  // a line cut off by the look-ahead tells nothing
      end = bytes.size();
    }
    std::string_view line = bytes.substr(0, end);
    bytes.remove_prefix(std::min(bytes.size(), end + 1));
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) continue;  // blank
    ++lines;
    if (line[start] != '{') continue;
    simdjson::dom::element element;
    if (!parser.parse(simdjson::padded_string(line)).get(element) && element.is_object()) return true;
  }
  return first == '{';
}

/// The inputs, read one after the other as a single sequence of batches.
class InputSequence {
 public:
  InputSequence(const Bank& bank, std::vector<BatchInput>& inputs, const BatchOptions& options, Io& io)
      : bank_(bank), inputs_(inputs), options_(options), io_(io) {}

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
      if (!input.format_known) format = looks_like_json_lines(*stream_, first) ? BatchFormat::jsonl : BatchFormat::csv;
      if (format == BatchFormat::jsonl) {
        jsonl_ = std::make_unique<JsonlReader>(*stream_, options_.limits);
        return true;
      }
      char delimiter = options_.input.delimiter;
      if (delimiter == 0) delimiter = detect_csv_delimiter(stream_->peek(options_.limits.max_line_bytes));
      csv_ = std::make_unique<CsvReader>(*stream_, options_.limits, delimiter);
      std::vector<std::string> names;
      if (!csv_->read_header(names)) continue;
      try {
        columns_ = std::make_shared<const CsvColumns>(map_csv_columns(bank_, names, options_.input));
      } catch (const Fatal& e) {
        throw Fatal(e.code(), sanitize_for_terminal(input.name, false) + ": " + e.what());
      }
      csv_->expect_fields(names.size());
      if (!columns_->unknown.empty() && !options_.input.strict) note_unknown_columns(input.name);
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
  /// Names the columns of this input that are no question, id or kept column once on io.err: they are ignored.
  void note_unknown_columns(const std::string& name) {
    std::string list;
    for (std::size_t i = 0; i < columns_->unknown.size(); ++i) {
      if (i == 20) {
        list += fmt::format(" and {} more", columns_->unknown.size() - i);
        break;
      }
      if (i > 0) list += ", ";
      list += columns_->labels[columns_->unknown[i]];
    }
    io_.err << fmt::format(
        "wegwijzer: {}: ignoring {} {} that name no question of the bank: {} (--strict makes a "
        "filled cell in them an error)\n",
        sanitize_for_terminal(name, false), columns_->unknown.size(),
        columns_->unknown.size() == 1 ? "column" : "columns", list);
  }

  const Bank& bank_;
  std::vector<BatchInput>& inputs_;
  const BatchOptions& options_;
  Io& io_;
  std::size_t next_input_ = 0;
  std::unique_ptr<ByteStream> stream_;
  std::unique_ptr<JsonlReader> jsonl_;
  std::unique_ptr<CsvReader> csv_;
  std::shared_ptr<const CsvColumns> columns_;
};

/// Hints after the run: digits where option ids are expected (--codes?), and no record with an id (--id?).
void note_hints(const BatchTally& tally, const BatchOptions& options, Io& io) {
  if (tally.numeric_options > 0) {
    io.err << fmt::format(
        "wegwijzer: {} {} digits where an option id is expected; if they are numeric option "
        "codes (1 for a question's first option), add --codes ('wegwijzer codebook' lists them)\n",
        tally.numeric_options, tally.numeric_options == 1 ? "record gives" : "records give");
  }
  if (tally.records > 0 && tally.line_ids == tally.records) {
    io.err << fmt::format(
        "wegwijzer: no record has an id (field or column \"{}\"), so the line numbers are the ids; "
        "--id NAME takes them from another field or column\n",
        sanitize_for_terminal(options.input.id_field.substr(0, 64), false));
  }
}

/// Names the answer keys that named no question (ignored without --strict) once on io.err, after the run.
void note_unknown_keys(const BatchTally& tally, Io& io) {
  if (tally.unknown_names.empty() && tally.unknown_unnamed == 0 && tally.unknown_overflow == 0) return;
  std::string list;
  for (const auto& [key, records] : tally.unknown_names) {
    if (!list.empty()) list += ", ";
    list += fmt::format("{} ({} {})", key, records, records == 1 ? "record" : "records");
  }
  if (tally.unknown_overflow > 0) {
    if (!list.empty()) list += "; ";
    list += fmt::format("more names than these {} in {} {}", tally.unknown_names.size(), tally.unknown_overflow,
                        tally.unknown_overflow == 1 ? "record" : "records");
  }
  if (tally.unknown_unnamed > 0) {
    if (!list.empty()) list += "; ";
    list += fmt::format("and keys that are no id (not shown) in {} {}", tally.unknown_unnamed,
                        tally.unknown_unnamed == 1 ? "record" : "records");
  }
  io.err << fmt::format(
      "wegwijzer: ignored answers to questions the bank does not have: {} (--strict makes them "
      "errors)\n",
      list);
}

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
  InputSequence sequence(bank, inputs, options, io);
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
    append_csv_header(header, bank, options.explain, options.input.keep);
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
  note_unknown_keys(outcome.tally, io);
  note_hints(outcome.tally, options, io);
  return outcome;
}

}  // namespace wegwijzer
