// `wegwijzer ask`: the interactive questionnaire, then the referral summary.
#include <time.h>
#include <unistd.h>

#include <array>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "interrupt.hpp"
#include "session_texts.hpp"
#include "terminal.hpp"
#include "wegwijzer/atomic_file.hpp"
#include "wegwijzer/exit_codes.hpp"
#include "wegwijzer/sanitize.hpp"
#include "wegwijzer/session.hpp"
#include "wegwijzer/summary.hpp"

namespace wegwijzer::cli {
namespace {

struct AskOptions {
  std::string bank;
  std::string language;
  std::string format = "text";
  std::string out;
  bool no_color = false;
};

// Today's date in local time, ISO 8601 (YYYY-MM-DD).
std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  if (::localtime_r(&now, &local) == nullptr) return "";
  std::array<char, 16> buffer{};
  std::size_t length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%d", &local);
  return std::string(buffer.data(), length);
}

SummaryFormat format_of(const std::string& name) {
  if (name == "markdown") return SummaryFormat::markdown;
  if (name == "json") return SummaryFormat::json;
  return SummaryFormat::text;
}

int run_ask(const AskOptions& ask, Io& io) {
  const std::string language = choose_language(ask.language, io);
  Bank bank = load_bank_option(ask.bank, io);

  SessionOptions options;
  options.language = language;
  options.color = choose_color(io, ask.no_color);
  options.unicode = choose_unicode(io);
  options.width = choose_width(io);
  options.interactive = io.in_is_terminal;

  // Reading the process's own standard input: read fd 0 directly so Ctrl-C ends a blocked prompt
  // (std::cin retries a read interrupted by a signal).
  std::unique_ptr<InterruptGuard> guard;
  std::unique_ptr<InterruptibleInput> buffer;
  std::unique_ptr<std::istream> process_input;
  std::istream* in = &io.in;
  if (&io.in == &std::cin) {
    guard = std::make_unique<InterruptGuard>();
    buffer = std::make_unique<InterruptibleInput>(STDIN_FILENO);
    process_input = std::make_unique<std::istream>(buffer.get());
    in = process_input.get();
    options.interrupted = [] { return InterruptGuard::interrupted(); };
  }

  // Ctrl-C: reset the colour, say that nothing was saved, then die of SIGINT so the shell sees 130.
  auto leave_interrupted = [&] {
    if (options.color) io.out << "\x1b[0m";
    io.out << '\n';
    io.out.flush();
    io.err << session_text(SessionText::interrupted, language) << '\n';
    io.err.flush();
    if (guard) InterruptGuard::restore_default_and_raise();
    return static_cast<int>(ExitCode::interrupted);
  };
  auto signalled = [&] { return guard && InterruptGuard::interrupted(); };

  Session session(bank, *in, io.out, options);
  SessionOutcome outcome = session.run();
  if (outcome.kind == SessionOutcome::Kind::completed && signalled()) outcome.kind = SessionOutcome::Kind::interrupted;

  switch (outcome.kind) {
    case SessionOutcome::Kind::interrupted: return leave_interrupted();
    case SessionOutcome::Kind::quit: return static_cast<int>(ExitCode::data);
    case SessionOutcome::Kind::incomplete:
      if (io.in_is_terminal) {
        // EOF (Ctrl-D) at a prompt in a terminal is the same as quitting.
        io.out << '\n' << session_text(SessionText::quit_done, language) << '\n';
      } else {
        io.out << '\n';
        io.out.flush();
        io.err << session_text(SessionText::incomplete, language) << '\n';
      }
      return static_cast<int>(ExitCode::data);
    case SessionOutcome::Kind::completed: break;
  }

  SummaryOptions summary;
  summary.format = format_of(ask.format);
  summary.language = language;
  summary.unicode = options.unicode;
  summary.color = options.color && summary.format == SummaryFormat::text;
  summary.width = options.width;
  summary.date = today();
  io.out << render_summary(bank, *outcome.answers, *outcome.result, summary);
  io.out.flush();
  if (!ask.out.empty()) {
    // The file never carries terminal colour; it is UTF-8 whatever the terminal can show.
    SummaryOptions file = summary;
    file.color = false;
    file.unicode = true;
    file.width = 80;
    std::string document = render_summary(bank, *outcome.answers, *outcome.result, file);
    if (signalled()) return leave_interrupted();
    write_file_atomically(ask.out, document);
    io.out << '\n'
           << fill(session_text(SessionText::saved_to, language), {sanitize_for_terminal(ask.out, false)}) << '\n';
  }
  return 0;
}

}  // namespace

CLI::App* add_ask_command(CLI::App& app, Context& context) {
  auto ask = std::make_shared<AskOptions>();
  auto* cmd = app.add_subcommand("ask", "Answer the questionnaire interactively and get a referral summary (default)");
  cmd->add_option("--bank", ask->bank, "Question bank file (default: the built-in bank)")->type_name("FILE");
  cmd->add_option("--lang", ask->language, "Language: nl or en (default: en when LANG starts with 'en', else nl)")
      ->check(CLI::IsMember({"nl", "en"}));
  cmd->add_option("--format", ask->format, "Summary format: text, markdown or json (default: text)")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  cmd->add_option("--out", ask->out, "Also write the summary to FILE (mode 0600, replaced atomically)")
      ->type_name("FILE");
  cmd->add_flag("--no-color", ask->no_color, "No colour (also when NO_COLOR is set or TERM=dumb)");
  cmd->footer(
      "Answer with the option's number; several as 1,3 or 1 3. ? explains the question, b (terug/back)\n"
      "goes back, q (stop/quit) stops after a confirmation, an empty line skips an optional question.\n"
      "With piped input, one answer per line. Nothing is saved unless the questionnaire is finished and\n"
      "--out is given. In crisis call 113 or 0800-0113 (free, 24/7) or 112.\n"
      "Exit codes: 0 summary shown; 65 stopped, or input ended before the end (nothing saved);\n"
      "130 interrupted by Ctrl-C (nothing saved); 64 usage; 65/66 bad or missing bank; 73/74 --out failed.");
  cmd->callback([&context, ask] { context.action = [&context, ask] { return run_ask(*ask, context.io); }; });
  return cmd;
}

}  // namespace wegwijzer::cli
