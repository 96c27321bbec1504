#pragma once
// batch/: scoring many records: readers (JSON Lines, CSV), the fast scanner and id index, the thread pool, output and
// report. Speed lives here.
#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/support/io.hpp"

namespace wegwijzer {

/// Format of batch input or output (see docs/batch.md). fhir: output, one FHIR R4 resource per line (input in FHIR is
/// turned into JSON Lines before the batch reads it, by the score command).
enum class BatchFormat { jsonl, csv, fhir };

/// Parses "jsonl", "csv" or "fhir"; false when the name is unknown.
bool parse_batch_format(std::string_view name, BatchFormat& format);

/// The format an input file name implies: .jsonl, .ndjson, .json → jsonl; .csv → csv; else none.
bool batch_format_from_extension(std::string_view path, BatchFormat& format);

/// Limits that keep batch memory flat whatever the input.
struct BatchLimits {
  std::size_t max_line_bytes = std::size_t{1} << 20;  ///< longer lines (CSV: records) become line_too_long
  std::size_t max_answers = 10000;                    ///< more answers in one record: too_many_answers
};

/// Why a record was not scored. The names are stable: they appear in output records and reports.
enum class RecordCode {
  invalid_json,      ///< the line is not valid JSON (or not valid UTF-8)
  not_an_object,     ///< the line is JSON but not an object
  missing_answers,   ///< the record has no "answers"
  unknown_question,  ///< an answer to a question the bank does not have
  unknown_option,    ///< an option the question does not have
  wrong_type,        ///< a value of the wrong JSON type (or several options for a single choice)
  duplicate_option,  ///< the same option twice in one answer
  exclusive_option,  ///< an exclusive option ("none of these") together with other options
  duplicate_key,     ///< the same question (or "id" / "answers") twice in one record
  incomplete,        ///< a shown, required question is unanswered (the engine's Status::incomplete)
  line_too_long,     ///< the line (CSV: record) exceeds BatchLimits::max_line_bytes
  too_many_answers,  ///< more answers than BatchLimits::max_answers
  invalid_csv,       ///< bad CSV quoting, or a field count that differs from the header
};
/// Number of RecordCode values.
constexpr std::size_t record_code_count = 13;

/// Machine name of a record code ("invalid_json", ...).
std::string_view to_string(RecordCode code);

/// Counts over a batch run, for --report and the exit code. Counts only, never answers.
struct BatchTally {
  std::uint64_t records = 0;                             ///< output records (scored + errors)
  std::uint64_t scored = 0;                              ///< records with a recommendation
  std::uint64_t errors = 0;                              ///< error records
  std::vector<std::uint64_t> recommendations;            ///< per outcome, bank order
  std::array<std::uint64_t, 3> urgencies{};              ///< routine, prompt, crisis
  std::vector<std::uint64_t> red_flags;                  ///< per rule, bank order
  std::array<std::uint64_t, record_code_count> codes{};  ///< error records per RecordCode
  // With --explain, of the scored records:
  bool explained = false;               ///< the run had --explain: the flips below were counted
  std::vector<std::uint64_t> one_away;  ///< nearest flip of one answer, per outcome pair: [from * outcomes + to]
  std::uint64_t two_away = 0;           ///< nearest flip of two answers
  std::uint64_t no_flip = 0;            ///< no change of one or two answers changes the advice (no red flag)
  std::uint64_t red_flag_decided = 0;   ///< a red flag decides the advice: no change is looked for
  std::vector<std::uint64_t> deciding;  ///< per question: records whose nearest flip changes it
  // Without --strict: answer keys that name no question (ignored), by name, and how many records had them.
  std::map<std::string, std::uint64_t> unknown_names;  ///< key (a valid id) -> records; at most max_unknown_names
  std::uint64_t unknown_unnamed = 0;                   ///< records with unknown keys that are no valid id (never shown)
  std::uint64_t unknown_overflow = 0;  ///< records with unknown keys beyond the first max_unknown_names names
  std::uint64_t numeric_options = 0;   ///< without --codes: records with an unknown option of digits only (a code?)
  std::uint64_t line_ids = 0;          ///< records without an id, whose line number is their id

  /// Most distinct unknown key names a tally keeps (the rest count in unknown_unnamed).
  static constexpr std::size_t max_unknown_names = 100;

  /// Zero counts sized for `bank`.
  static BatchTally for_bank(const Bank& bank);
  /// Adds another tally of the same bank.
  void add(const BatchTally& other);
};

/// One input of a batch run: a stream and the name used in messages ("-" for standard input).
struct BatchInput {
  std::istream* stream = nullptr;
  std::string name;
  bool format_known = false;  ///< true: `format` was given or implied by the file name
  BatchFormat format = BatchFormat::jsonl;
};

/// How input records are read (`score --strict`, `--id`, `--keep`, `--delimiter`, `--codes`; see docs/batch.md).
struct BatchInputOptions {
  /// A CSV column or an answer key that names no question is an unknown_question error. Without it, such
  /// columns and keys are ignored and named once on stderr (BatchTally::unknown_names).
  bool strict = false;
  std::string id_field = "id";    ///< the CSV column or JSON Lines field that holds the record id
  std::vector<std::string> keep;  ///< CSV columns or JSON Lines fields copied into every output record
  char delimiter = 0;             ///< the CSV separator: ',', ';' or '\t'; 0: detected from the header row
  bool codes = false;             ///< an option may be given as its numeric code: its 1-based place in the bank
};

/// How to run a batch.
struct BatchOptions {
  BatchInputOptions input;
  BatchFormat output = BatchFormat::jsonl;
  unsigned jobs = 1;  ///< scoring threads (1: everything on the calling thread)
  BatchLimits limits;
  std::size_t batch_records = 4096;                ///< records per batch handed to a thread
  std::size_t batch_bytes = std::size_t{1} << 18;  ///< input bytes per batch (a batch ends at the first limit)
  bool progress = false;                           ///< show a progress line on io.err for large inputs
  bool explain = false;  ///< add each scored record's nearest flip (`score --explain`) and count them in the tally
};

/// What a batch run did.
struct BatchOutcome {
  BatchTally tally;
  bool output_closed = false;  ///< writing stopped: the output was closed (EPIPE) or failed
  int write_error = 0;         ///< errno of the failed write, when known (EPIPE: a closed pipe)
};

/// Scores every record of `inputs` in order and writes one output line per record to io.out.
/// Reads the first input's start (format, CSV header) before writing anything, so a bad CSV
/// header is a Fatal(data) before any output. Throws Fatal(io) on a read error.
BatchOutcome run_batch(const Bank& bank, std::vector<BatchInput>& inputs, const BatchOptions& options, Io& io);

}  // namespace wegwijzer
