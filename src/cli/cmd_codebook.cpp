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

// The language of the texts: as `ask` chooses it (--lang, else LANG). A --lang the bank has no texts in is a
// usage error; a language from the environment falls back to the bank's first language the codebook speaks.
std::string codebook_language(const Bank& bank, const std::string& flag, Io& io) {
  const std::string chosen = choose_language(flag, io);
  auto has = [&](const std::string& code) {
    return std::find(bank.languages.begin(), bank.languages.end(), code) != bank.languages.end();
  };
  if (has(chosen)) return chosen;
  std::string list;
  for (const std::string& code : bank.languages) list += (list.empty() ? "" : ", ") + code;
  if (!flag.empty()) {
    throw Fatal(ExitCode::usage, fmt::format("--lang {}: this bank has no texts in that language; it has: {}", flag,
                                             sanitize_for_terminal(list, false)));
  }
  for (const std::string& code : bank.languages) {
    if (code == "nl" || code == "en") return code;
  }
  return chosen;  // a bank in other languages only: the codebook's own words in `chosen`, the texts fall back
}

CodebookFormat format_of(const std::string& name) {
  if (name == "csv") return CodebookFormat::csv;
  if (name == "json") return CodebookFormat::json;
  return CodebookFormat::markdown;
}

int run_codebook(const CodebookOptions& options, Io& io) {
  // "-" is standard output; a path that cannot be written fails before the bank is read.
  check_output_target(options.out, "--out", OutputKind::standard_output);
  Bank bank = load_bank_option(options.bank, io);
  const std::string language = codebook_language(bank, options.language, io);
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
                  "Language of the texts: nl or en (default: en when LANG starts with "
                  "'en', else nl)")
      ->type_name("LANG")
      ->check(CLI::IsMember({"nl", "en"}));
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
