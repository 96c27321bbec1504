// `wegwijzer codebook`: the questions, options and numeric codes of a bank, and the output columns of `score`.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "codebook.hpp"
#include "commands.hpp"
#include "wegwijzer/session/terminal.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/exit_codes.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

struct CodebookOptions {
  std::string bank;
  std::string language;
  std::string format = "markdown";
  std::string out = "-";
};

CodebookFormat format_of(const std::string& name) {
  if (name == "csv") return CodebookFormat::csv;
  if (name == "json") return CodebookFormat::json;
  return CodebookFormat::markdown;
}

int run_codebook(const CodebookOptions& options, Io& io) {
  // "-" is standard output; a path that cannot be written fails before the bank is read.
  check_output_target(options.out, "--out", OutputKind::standard_output);
  Bank bank = load_bank_option(options.bank, io);
  const std::string language = bank_language(bank, options.language, io, false);
  const std::string document = render_codebook(bank, format_of(options.format), language);
  write_output(options.out, "--out", document, io, OutputKind::standard_output);
  return 0;
}

}  // namespace

void add_codebook_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<CodebookOptions>();
  auto* cmd = app.add_subcommand(
      "codebook",
      "List every question and option of a bank with its id, numeric code, type, texts and when it is shown,\n"
      "and every output column of 'score --format csv' with its meaning and values (docs/codebook.md)");
  add_bank_option(*cmd, options->bank);
  cmd->add_option("--lang", options->language,
                  "Language of the texts: one of the bank's (the built-in banks: nl or en; the codebook's own "
                  "words are Dutch for nl, else English; default: as for ask)")
      ->type_name("TAG");
  cmd->add_option("--format", options->format,
                  "markdown (default), csv (value labels for R or SPSS: one row per\nquestion-option and "
                  "column-value pair) or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"markdown", "csv", "json"}));
  cmd->add_option("-o,--out", options->out,
                  "Write to FILE (mode 0600, replaced atomically; - for standard output, the default)")
      ->type_name("FILE");
  cmd->footer(with_examples(
      "The numeric code of an option is its position in its question's options in the bank, counting from 1;\n"
      "'score --codes' reads a cell of only digits as this code.",
      {"wegwijzer codebook --lang en", "wegwijzer codebook --format csv -o codebook.csv",
       "wegwijzer codebook --bank my-bank.json --format json"}));
  cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_codebook(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
