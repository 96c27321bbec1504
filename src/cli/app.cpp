// The command-line application: parses arguments, runs the chosen subcommand and maps every
// error to an exit code in one place.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "wegwijzer/cli/cli.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"
#include "wegwijzer/support/version.hpp"

namespace wegwijzer {
namespace {
/// True for a first argument that is an option of `ask` rather than of the application itself.
bool starts_ask_option(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return false;
  return arg != "-h" && arg != "--help" && arg != "--help-all" && arg != "--version";
}
}  // namespace

CLI::App* cli::define_commands(CLI::App& app, Context& context) {
  app.description(
      "wegwijzer: which kind of help fits? Werkbegeleiding, coaching, supervisie or therapie.\n"
      "Not a diagnosis. The crisis lines of the built-in bank are listed at the end.\n"
      "Without a subcommand, wegwijzer starts the questionnaire: 'wegwijzer --lang en' is\n"
      "'wegwijzer ask --lang en'.");
  app.set_version_flag("--version", std::string(tool_version()));
  app.footer([] {
    return "Exit codes: 0 ok, 64 usage, 65 invalid data or incomplete answers, 66 missing input,\n"
           "73 cannot create output, 74 I/O error, 130 interrupted.\n" +
           cli::builtin_crisis_help();
  });
  cli::add_check_command(app, context);
  CLI::App* ask = cli::add_ask_command(app, context);
  cli::add_sample_command(app, context);
  cli::add_score_command(app, context);
  cli::add_report_command(app, context);
  cli::add_codebook_command(app, context);
  cli::add_import_command(app, context);
  cli::add_banks_command(app, context);
  cli::add_completion_command(app, context);
  cli::add_help_command(app, context);
  app.require_subcommand(0, 1);
  return ask;
}

int run_cli(const std::vector<std::string>& args, Io& io) {
  cli::Context context{io, {}};
  CLI::App app{"", "wegwijzer"};
  CLI::App* ask = cli::define_commands(app, context);

  // Options before any subcommand belong to `ask`, the default: `wegwijzer --lang en` asks in English.
  std::vector<std::string> effective = args;
  if (!effective.empty() && starts_ask_option(effective.front())) effective.insert(effective.begin(), "ask");
  std::vector<std::string> reversed(effective.rbegin(), effective.rend());
  try {
    try {
      app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
      io.out << app.help();
      return 0;
    } catch (const CLI::CallForAllHelp&) {
      io.out << app.help("", CLI::AppFormatMode::All);
      return 0;
    } catch (const CLI::CallForVersion&) {
      io.out << "wegwijzer " << tool_version() << "\n";
      return 0;
    } catch (const CLI::ParseError& e) {
      // Help requested on a subcommand arrives here too (CLI11 2.1).
      if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
        CLI::App* sub = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
        io.out << sub->help();
        return 0;
      }
      std::string help_command = "wegwijzer --help";
      for (const CLI::App* sub : app.get_subcommands()) help_command = "wegwijzer " + sub->get_name() + " --help";
      // A first word that is no command (`wegwijzer scroe`): say so, with the nearest command.
      const bool unknown_command = app.get_subcommands().empty() && !effective.empty() && !effective.front().empty() &&
                                   effective.front()[0] != '-';
      std::string message = unknown_command ? cli::unknown_command_message(app, effective.front()) : e.what();
      // An option that is no option of the command (`--explian`): the nearest one, as for a mistyped command.
      const std::string not_expected = "not expected: ";
      if (const std::size_t at = message.find(not_expected); !unknown_command && at != std::string::npos) {
        std::istringstream extras(message.substr(at + not_expected.size()));
        const CLI::App* command = app.get_subcommands().empty() ? ask : app.get_subcommands().front();
        for (std::string extra; extras >> extra;) {
          if (extra.rfind("--", 0) != 0) continue;
          const std::string nearest = cli::nearest_option(*command, extra);
          if (!nearest.empty()) message += fmt::format("; did you mean '{}'?", nearest);
          break;  // the first mistyped option only
        }
      }
      io.err << "wegwijzer: " << sanitize_for_terminal(message) << "\n"
             << "Run '" << help_command << "' for usage.\n";
      return static_cast<int>(ExitCode::usage);
    }
    if (!context.action) {
      // No subcommand: behave like `wegwijzer ask` with its defaults.
      ask->parse(std::vector<std::string>{});
    }
    if (!context.action) return static_cast<int>(ExitCode::internal);
    return context.action();
  } catch (const Fatal& e) {
    if (e.what()[0] != '\0') io.err << "wegwijzer: " << sanitize_for_terminal(e.what()) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::ios_base::failure&) {
    return static_cast<int>(ExitCode::io);
  } catch (const std::exception& e) {
    io.err << "wegwijzer: internal error: " << sanitize_for_terminal(e.what()) << "\n";
    return static_cast<int>(ExitCode::internal);
  }
}

int main_entry(int argc, char** argv) {
  // A closed pipe must surface as an error from write(), not kill us silently mid-record.
  ::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  Io io{std::cin, std::cout, std::cerr};
  io.in_is_terminal = ::isatty(STDIN_FILENO) == 1;
  io.out_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  io.err_is_terminal = ::isatty(STDERR_FILENO) == 1;
  winsize size{};
  if (io.out_is_terminal && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    io.terminal_width = size.ws_col;
  }
  for (const char* name : {"LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR", "TERM", "COLUMNS"}) {
    if (const char* value = std::getenv(name)) io.environment[name] = value;
  }
  int code = run_cli(args, io);
  std::cout.flush();
  if (!std::cout) return code == 0 ? static_cast<int>(ExitCode::io) : code;
  return code;
}

}  // namespace wegwijzer
