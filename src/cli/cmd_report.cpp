// `wegwijzer report`: the cohort report of the results of `wegwijzer score` (docs/report.md).
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "commands.hpp"
#include "wegwijzer/report/report.hpp"
#include "wegwijzer/session/terminal.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {

namespace {

struct ReportCommandOptions {
  std::string bank;
  std::string by;
  int min_cell = 5;
  std::string format = "text";
  std::string language;
  std::string output = "-";
  std::vector<std::string> files;
};

/// Opens every input before anything is read, so a missing file stops the run before any output.
std::vector<std::unique_ptr<std::ifstream>> open_results(const std::vector<std::string>& names) {
  std::vector<std::unique_ptr<std::ifstream>> files;
  for (const std::string& name : names) {
    if (name == "-") {
      files.emplace_back();
      continue;
    }
    const std::string shown = sanitize_for_terminal(name, false);
    struct stat info {};
    if (::stat(name.c_str(), &info) != 0) {
      throw Fatal(ExitCode::no_input, fmt::format("cannot open {}: {}", shown, std::strerror(errno)));
    }
    if (S_ISDIR(info.st_mode)) throw Fatal(ExitCode::no_input, fmt::format("cannot read {}: is a directory", shown));
    auto file = std::make_unique<std::ifstream>(name, std::ios::binary);
    if (!*file) throw Fatal(ExitCode::no_input, fmt::format("cannot open {}: {}", shown, std::strerror(errno)));
    files.push_back(std::move(file));
  }
  return files;
}

int run_report(const ReportCommandOptions& options, Io& io) {
  Bank bank = load_bank_option(options.bank, io);
  check_output_target(options.output, "--out", OutputKind::standard_output);
  std::vector<std::string> names = options.files;
  if (names.empty()) names.emplace_back("-");
  auto files = open_results(names);
  CohortReader reader(bank, options.by);
  for (std::size_t i = 0; i < names.size(); ++i) reader.read(files[i] ? *files[i] : io.in, names[i]);
  ReportSettings settings;
  settings.min_cell = static_cast<std::uint64_t>(options.min_cell);
  settings.language = bank_language(bank, options.language, io, false);
  ReportFormat format = ReportFormat::text;
  parse_report_format(options.format, format);
  const CohortReport report = build_report(bank, reader.tally(), settings);
  write_output(options.output, "--out", render_report(report, format), io, OutputKind::standard_output);
  return 0;
}

}  // namespace

void add_report_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Report on a cohort: read the output of 'wegwijzer score' (JSON Lines or CSV) and count records by\n"
      "recommendation, urgency, red flag, unknown red flag, error code, scale band and close call, for all\n"
      "records and with --by per group. Counts below --min-cell show as <N, so the report can be shared\n"
      "(see docs/report.md).");
  add_bank_option(*cmd, options->bank);
  cmd->add_option("--by", options->by, "Break every count down by this kept column (score --keep COLUMN)")
      ->type_name("COLUMN");
  cmd->add_option("--min-cell", options->min_cell,
                  "Show counts from 1 to N-1 as <N, and hide one more where a total would\n"
                  "reveal them (default 5; 0: show every count)")
      ->type_name("N")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--format", options->format, "text (default), markdown, json, csv or html (one self-contained page)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "markdown", "json", "csv", "html"}));
  cmd->add_option("--lang", options->language,
                  "Language: one of the bank's (the built-in banks: nl or en; the report's own words are Dutch for "
                  "nl, else English; default: as for ask)")
      ->type_name("TAG");
  cmd->add_option("-o,--out", options->output, "Write the report to FILE (atomically, mode 0600; - : standard output)")
      ->type_name("FILE");
  cmd->add_option("files", options->files, "Results of wegwijzer score (default or -: standard input)")
      ->type_name("FILE")
      ->allow_extra_args(true);
  cmd->footer(with_examples(
      "Each input is JSON Lines when its first non-blank byte is '{', else CSV. Exit codes: 0 ok; 65 a line\n"
      "that cannot be read or an id the bank does not know (named by file, line and field); 66 an input file\n"
      "is missing; 73 the output cannot be created.",
      {"wegwijzer score --keep wave answers.csv | wegwijzer report --by wave",
       "wegwijzer report --format html -o report.html scored.jsonl",
       "wegwijzer report --format csv --min-cell 10 --lang en scored.csv"}));
  cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_report(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
