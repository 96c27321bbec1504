#pragma once
// Internal to the CLI: how subcommands register themselves with the application.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/cli/cli.hpp"

namespace wegwijzer::cli {

/// Per-run state shared by the subcommands: the streams and the action the parser chose.
struct Context {
  Io& io;
  /// Set by a subcommand's parse callback; run after parsing succeeded. Returns the exit code.
  std::function<int()> action;
};

/// " (the built-in banks are default, …; 'wegwijzer banks' lists them)" after a `--bank` value that is
/// neither a readable file nor a built-in bank's name; "" when `value` is clearly a file name (has '/' or '.').
std::string builtin_names_hint(const std::string& value);

/// Loads the bank named by --bank FILE|NAME (empty: the default built-in bank). Prints the bank's diagnostics on
/// io.err; throws Fatal(no_input) for a missing file and Fatal(data) for an invalid bank.
Bank load_bank_option(const std::string& path, Io& io);

/// The bank language a command speaks: --lang `flag` when the bank has it (tags compare without regard to case;
/// the bank's spelling is returned), else a usage error naming the bank's languages. Without --lang: as
/// choose_language() picks from LANG when the bank has that; else the bank's first nl or en, else its first
/// language, said on stderr in one line when `say_fallback`.
std::string bank_language(const Bank& bank, const std::string& flag, Io& io, bool say_fallback);

/// "In crisis:" and the crisis lines of the built-in bank in English, for the end of --help (the program
/// has no phone number of its own). Loads the built-in bank only when help is printed.
std::string builtin_crisis_help();

/// Adds `--bank FILE|NAME` to a subcommand that uses one bank.
CLI::Option* add_bank_option(CLI::App& command, std::string& bank);

/// `footer` followed by "Example(s):" and the examples, one per line, indented.
std::string with_examples(const std::string& footer, std::initializer_list<const char*> examples);

/// The subcommand of `app` nearest to a mistyped `typed` (a prefix, or at most two edits), or "".
std::string nearest_command(const CLI::App& app, const std::string& typed);

/// The long option of `command` nearest to a mistyped `typed` ("--explian": "--explain"; a prefix, or at most two
/// edits), or "".
std::string nearest_option(const CLI::App& command, const std::string& typed);

/// "unknown command 'X'", with "; did you mean 'Y'?" when a subcommand is near.
std::string unknown_command_message(const CLI::App& app, const std::string& typed);

/// `wegwijzer help [COMMAND]`: the same text as `--help`.
void add_help_command(CLI::App& app, Context& context);

/// Defines the whole command line on `app` (description, version, every subcommand) and returns `ask`,
/// the subcommand that runs when none is given. Shared by run_cli, the man pages and completion.
CLI::App* define_commands(CLI::App& app, Context& context);

/// `wegwijzer completion bash|zsh`
void add_completion_command(CLI::App& app, Context& context);
/// `wegwijzer banks`
void add_banks_command(CLI::App& app, Context& context);
/// `wegwijzer check`
void add_check_command(CLI::App& app, Context& context);
/// `wegwijzer ask` (also what runs without a subcommand)
CLI::App* add_ask_command(CLI::App& app, Context& context);
/// `wegwijzer sample`
void add_sample_command(CLI::App& app, Context& context);
/// `wegwijzer score`
void add_score_command(CLI::App& app, Context& context);
/// `wegwijzer report`
void add_report_command(CLI::App& app, Context& context);
/// `wegwijzer codebook`
void add_codebook_command(CLI::App& app, Context& context);
/// `wegwijzer import fhir`.
void add_import_command(CLI::App& app, Context& context);

/// Largest FHIR Questionnaire read (bytes).
constexpr std::size_t kMaxQuestionnaireBytes = 16u << 20;

/// A bank imported from a FHIR Questionnaire: its JSON and the loaded bank.
struct BankText {
  std::string json;
  Bank bank;
};
/// Imports the Questionnaire `text` (from `path`): errors on stderr and Fatal (65) when it cannot be imported;
/// every warning on stderr when `all_warnings`, else one line that counts them.
BankText bank_text_from_questionnaire(const std::string& text, const std::string& path, Io& io, bool all_warnings);
/// The same for the file `path` (66 when it cannot be read).
BankText bank_text_from_questionnaire_file(const std::string& path, Io& io, bool all_warnings);

}  // namespace wegwijzer::cli
