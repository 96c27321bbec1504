// `wegwijzer score`: batch scoring of JSON Lines or CSV answer records, one output line per record.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "fhir_input.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/batch/batch_report.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {

namespace {

struct ScoreOptions {
  std::string bank;
  std::string input_format = "auto";
  std::string format = "jsonl";
  int jobs = 1;
  std::string report;
  bool errors_ok = false;
  bool explain = false;
  bool strict = false;
  std::string id_field = "id";
  std::vector<std::string> keep;
  std::string delimiter = "auto";
  bool codes = false;
  std::vector<std::string> files;
};

/// --codes reads a cell of digits as a code: a bank with option ids of digits only would make it ambiguous ("3"
/// the option with id "3", or the third option?), and a wrong guess could drop a red flag. Such a bank is refused.
void refuse_digit_option_ids(const Bank& bank) {
  for (const Question& question : bank.questions) {
    for (const Option& option : question.options) {
      if (!option.id.empty() && option.id.find_first_not_of("0123456789") == std::string::npos) {
        throw Fatal(ExitCode::usage,
                    fmt::format("--codes: question \"{}\" has an option id of digits only (\"{}\"), so a code "
                                "would be ambiguous; give option ids instead, without --codes",
                                sanitize_for_terminal(question.id, false), sanitize_for_terminal(option.id, false)));
      }
    }
  }
}

/// The --keep names (each value may list several, comma-separated), checked: no empty or repeated name.
std::vector<std::string> keep_names(const std::vector<std::string>& values) {
  std::vector<std::string> names;
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = std::min(value.find(',', start), value.size());
      std::string name = value.substr(start, end - start);
      if (name.empty()) throw Fatal(ExitCode::usage, "--keep: an empty column name");
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        throw Fatal(ExitCode::usage, fmt::format("--keep: \"{}\" is named twice", sanitize_for_terminal(name, false)));
      }
      names.push_back(std::move(name));
      start = end + 1;
    }
  }
  return names;
}

/// Opens every input before anything is scored, so a missing file stops the run before any output.
std::vector<std::unique_ptr<std::ifstream>> open_inputs(const ScoreOptions& options, std::vector<BatchInput>& inputs,
                                                        Io& io) {
  std::vector<std::unique_ptr<std::ifstream>> files;
  std::vector<std::string> names = options.files;
  if (names.empty()) names.emplace_back("-");
  BatchFormat forced = BatchFormat::jsonl;
  // --input-format fhir: JSON that read_fhir_inputs turns into answer records.
  bool is_forced = options.input_format != "auto" && options.input_format != "fhir" &&
                   parse_batch_format(options.input_format, forced);
  for (const std::string& name : names) {
    BatchInput input;
    input.name = name;
    if (is_forced) {
      input.format = forced;
      input.format_known = true;
    }
    if (name == "-") {
      input.stream = &io.in;
    } else {
      std::string shown = sanitize_for_terminal(name, false);
      struct stat info {};
      if (::stat(name.c_str(), &info) != 0) {
        throw Fatal(ExitCode::no_input, fmt::format("cannot open {}: {}", shown, std::strerror(errno)));
      }
      if (S_ISDIR(info.st_mode)) throw Fatal(ExitCode::no_input, fmt::format("cannot read {}: is a directory", shown));
      auto file = std::make_unique<std::ifstream>(name, std::ios::binary);
      if (!*file) throw Fatal(ExitCode::no_input, fmt::format("cannot open {}: {}", shown, std::strerror(errno)));
      input.stream = file.get();
      files.push_back(std::move(file));
      if (!is_forced) input.format_known = batch_format_from_extension(name, input.format);
    }
    inputs.push_back(std::move(input));
  }
  return files;
}

int run_score(const ScoreOptions& options, Io& io) {
  Bank bank = load_bank_option(options.bank, io);  // a bad bank: Fatal before any output
  // "-" is standard error; /dev/stdout and /dev/stderr are the streams, written in place.
  if (!options.report.empty()) check_output_target(options.report, "--report", OutputKind::standard_error);
  if (options.format == "fhir" && (options.explain || !options.keep.empty())) {
    throw Fatal(ExitCode::usage, fmt::format("{} with --format fhir: a QuestionnaireResponse carries the answers and "
                                             "the advice, nothing else (docs/fhir.md)",
                                             options.explain ? "--explain" : "--keep"));
  }
  std::vector<BatchInput> inputs;
  auto files = open_inputs(options, inputs, io);
  HeldInputs held;
  if (options.input_format == "auto" || options.input_format == "fhir") {
    const std::string fhir = read_fhir_inputs(inputs, bank, options.input_format == "fhir", options.id_field, held, io);
    if (!fhir.empty() && !options.keep.empty()) {
      throw Fatal(ExitCode::usage, fmt::format("--keep: {} holds QuestionnaireResponses, which have no columns or "
                                               "fields to keep (the record id is their identifier)",
                                               fhir));
    }
  }

  BatchOptions batch;
  parse_batch_format(options.format, batch.output);
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::thread::hardware_concurrency();
  batch.jobs = std::max(1U, std::min(jobs, 256U));
  batch.progress = true;
  batch.explain = options.explain;
  batch.input.strict = options.strict;
  batch.input.id_field = options.id_field;
  batch.input.keep = keep_names(options.keep);
  batch.input.codes = options.codes;
  if (options.codes) refuse_digit_option_ids(bank);
  if (options.delimiter == "comma") batch.input.delimiter = ',';
  if (options.delimiter == "semicolon") batch.input.delimiter = ';';
  if (options.delimiter == "tab") batch.input.delimiter = '\t';
  if (options.format == "csv") {
    // The output columns must stay unique: a kept column is named as in the input, next to the fixed ones.
    std::string header = ",";
    append_csv_header(header, bank, options.explain);
    header.back() = ',';  // ",id,line,...,answered,": each name between commas
    for (const std::string& name : batch.input.keep) {
      const bool reserved = name.rfind("score_", 0) == 0 || name.rfind("scale_", 0) == 0 ||
                            name.rfind("band_", 0) == 0 || name.rfind("flip_", 0) == 0;
      if (reserved || header.find("," + name + ",") != std::string::npos) {
        throw Fatal(
            ExitCode::usage,
            fmt::format("--keep: \"{}\" is also the name (or prefix: score_, scale_, band_, flip_) of an output column",
                        sanitize_for_terminal(name, false)));
      }
    }
  }

  BatchOutcome outcome = run_batch(bank, inputs, batch, io);
  if (outcome.output_closed) {
    // A closed pipe ends quietly (the reader stopped on purpose); any other failure is said.
    if (outcome.write_error != 0 && outcome.write_error != EPIPE) {
      throw Fatal(ExitCode::io, fmt::format("cannot write the output: {}", std::strerror(outcome.write_error)));
    }
    return static_cast<int>(ExitCode::io);
  }

  if (!options.report.empty()) {
    // A stream that fails (stderr on a full disk) is Fatal(io), like a file that cannot be written.
    write_output(options.report, "--report", render_batch_report(bank, outcome.tally), io, OutputKind::standard_error);
  }
  if (outcome.tally.errors > 0 && !options.errors_ok) return static_cast<int>(ExitCode::data);
  return 0;
}

}  // namespace

void add_score_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand(
      "score",
      "Score answer records in batch: JSON Lines, CSV or FHIR QuestionnaireResponses in, exactly one line out\n"
      "per record, in input order.\n"
      "Records that cannot be scored become error records in place (see docs/batch.md); an incomplete or\n"
      "partly invalid one still carries the urgency and red flags of its valid answers, never advice.");
  add_bank_option(*cmd, options->bank);
  cmd->add_option("--input-format", options->input_format,
                  "auto (by extension, else content), jsonl, csv or fhir\n"
                  "(fhir: QuestionnaireResponses as NDJSON, one resource or a Bundle; auto\n"
                  "finds them by their resourceType)")
      ->check(CLI::IsMember({"auto", "jsonl", "csv", "fhir"}));
  cmd->add_option("--format", options->format,
                  "Output format: jsonl (default), csv or fhir\n"
                  "(fhir: a FHIR R4 QuestionnaireResponse per line, with the advice and scales\n"
                  "as an extension; docs/fhir.md)")
      ->check(CLI::IsMember({"jsonl", "csv", "fhir"}));
  cmd->add_option("-j,--jobs", options->jobs, "Scoring threads, 1-256 (0: one per core); output is identical")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--report", options->report,
                  "Write counts by recommendation, urgency, red flag and error (with --explain:\nnearest flips) to "
                  "FILE (- for stderr)")
      ->type_name("FILE");
  cmd->add_flag("--errors-ok", options->errors_ok, "Exit 0 even when some records are error records");
  cmd->add_flag("--explain", options->explain,
                "Add each scored record's nearest flip: the smallest change of one\n"
                "or two answers that would change the advice, and that advice (never\n"
                "a safety question or one about the person's situation; nothing when\n"
                "a red flag decides). JSON Lines: nearest_flip; CSV: six flip_*\n"
                "columns. --report then counts the records one answer from other\n"
                "advice and the questions that decide most often (docs/batch.md)");
  cmd->add_flag("--strict", options->strict,
                "A column or answer key that names no question is an error (unknown_question).\n"
                "Without it such columns and keys are ignored and named once on stderr");
  cmd->add_option("--id", options->id_field,
                  "The CSV column or JSON Lines field that holds the record id (default: id)")
      ->type_name("NAME");
  cmd->add_option("--keep", options->keep,
                  "Copy these input columns (CSV) or fields (JSON Lines) into every output record\n"
                  "unchanged, e.g. a wave or a department: comma-separated, or the option repeated.\n"
                  "JSON Lines: a \"kept\" object at the end; CSV: columns after id")
      ->type_name("NAMES")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--delimiter", options->delimiter,
                  "CSV separator: auto (default: from the header row), comma, semicolon or tab")
      ->check(CLI::IsMember({"auto", "comma", "semicolon", "tab"}));
  cmd->add_flag("--codes", options->codes,
                "Also read options as numeric codes: 1 for a question's first option, 2 for\n"
                "its second (as 'wegwijzer codebook' lists them; JSON Lines: as strings)");
  cmd->add_option("files", options->files, "Input files (default or -: standard input)")
      ->type_name("FILE")
      ->allow_extra_args(true);
  cmd->footer(with_examples(
      "Exit codes: 0 every record scored; 65 some records are error records (0 with --errors-ok) or the bank is\n"
      "invalid; 66 an input file is missing; 74 output closed or I/O error. Fatal errors stop before any output.",
      {"wegwijzer score answers.jsonl > scored.jsonl", "wegwijzer score --format csv --report - answers.csv",
       "wegwijzer score --explain --report - answers.jsonl > explained.jsonl",
       "wegwijzer score --bank phq9.bank.json --format fhir answers.jsonl > responses.ndjson",
       "wegwijzer score --bank phq9.bank.json responses-bundle.json",
       "wegwijzer score --id ResponseId --keep wave,department --codes --format csv export.csv > scored.csv"}));
  cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_score(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
