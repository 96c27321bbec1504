// `wegwijzer ask`: the interactive questionnaire, then the referral summary.
#include <fmt/format.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <iostream>
#include <memory>
#include <streambuf>
#include <string>

#include "commands.hpp"
#include "wegwijzer/record/questionnaire_response.hpp"
#include "wegwijzer/session/interrupt.hpp"
#include "wegwijzer/session/session.hpp"
#include "wegwijzer/session/session_render.hpp"
#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/session/terminal.hpp"
#include "wegwijzer/summary/summary.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/exit_codes.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

struct AskOptions {
  bool explain = false;  ///< always show "What would change this advice"
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

// Swallows everything: the questionnaire's output when only the summary may reach standard output.
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

SummaryFormat format_of(const std::string& name) {
  if (name == "markdown") return SummaryFormat::markdown;
  if (name == "json") return SummaryFormat::json;
  return SummaryFormat::text;
}

int run_ask(const AskOptions& ask, Io& io) {
  Bank bank = load_bank_option(ask.bank, io);
  const std::string language_code = bank_language(bank, ask.language, io, true);
  const Language language = bank.language(language_code);
  // A json or markdown summary on an output that is not a terminal is meant for a program: then
  // standard output carries the summary alone and the questionnaire is not printed. A person typing
  // at a terminal would answer blind, so that combination needs --out instead.
  const bool summary_only = ask.format != "text" && !io.out_is_terminal;
  if (summary_only && io.in_is_terminal) {
    throw Fatal(ExitCode::usage, fmt::format("--format {} with output that is not a terminal: the questions would "
                                             "not be seen; keep the output on the terminal and use --out FILE",
                                             ask.format));
  }
  if (!ask.out.empty()) check_output_target(ask.out, "--out");

  SessionOptions options;
  options.language = language_code;
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

  SessionLook look{language, options.color, options.unicode, options.width};
  bool crisis_raised = false;
  std::string crisis_box;
  // After a crisis flag, every way out repeats the last crisis box (the person's own first step) and the
  // bank's crisis lines.
  auto remind_crisis = [&] {
    if (!crisis_raised) return;
    if (!crisis_box.empty()) io.out << '\n' << crisis_box;
    io.out << '\n' << render_crisis_lines(bank, look);
  };

  // Ctrl-C: reset the colour, say that nothing was saved, then die of SIGINT so the shell sees 130.
  auto leave_interrupted = [&] {
    if (options.color) io.out << "\x1b[0m";
    io.out << '\n';
    remind_crisis();
    io.out.flush();
    io.err << session_text(SessionText::interrupted, language) << '\n';
    io.err.flush();
    if (guard) InterruptGuard::restore_default_and_raise();
    return static_cast<int>(ExitCode::interrupted);
  };
  auto signalled = [&] { return guard && InterruptGuard::interrupted(); };

  NullBuffer discard;
  std::ostream nowhere(&discard);
  Session session(bank, *in, summary_only ? nowhere : io.out, options);
  SessionOutcome outcome = session.run();
  crisis_raised = outcome.crisis_raised;
  crisis_box = outcome.crisis_box;
  if (outcome.kind == SessionOutcome::Kind::completed && signalled()) outcome.kind = SessionOutcome::Kind::interrupted;

  switch (outcome.kind) {
    case SessionOutcome::Kind::interrupted: return leave_interrupted();
    case SessionOutcome::Kind::quit: remind_crisis(); return static_cast<int>(ExitCode::data);
    case SessionOutcome::Kind::incomplete:
      if (io.in_is_terminal) {
        // EOF (Ctrl-D) at a prompt in a terminal is the same as quitting.
        io.out << '\n' << session_text(SessionText::quit_done, language) << '\n';
        remind_crisis();
      } else {
        if (!summary_only) io.out << '\n';
        remind_crisis();
        io.out.flush();
        io.err << session_text(SessionText::incomplete, language) << '\n';
      }
      return static_cast<int>(ExitCode::data);
    case SessionOutcome::Kind::completed: break;
  }

  SummaryOptions summary;
  summary.format = format_of(ask.format);
  summary.language = language_code;
  summary.explain = ask.explain;
  summary.unicode = options.unicode;
  summary.color = options.color && summary.format == SummaryFormat::text;
  summary.width = options.width;
  summary.date = today();
  // --format fhir: the answers as a QuestionnaireResponse, with the advice as its extension, instead of a summary.
  auto document = [&](const SummaryOptions& how) {
    if (ask.format != "fhir") return render_summary(bank, *outcome.answers, *outcome.result, how);
    std::string response;
    append_questionnaire_response(response, bank, *outcome.answers, *outcome.result, "", 2);
    return response + "\n";
  };
  io.out << document(summary);
  io.out.flush();
  // Standard output failed (a full disk behind >, a closed pipe): the --out file is still written,
  // it is what the person asked for and now the only copy; then exit 74 saying it was saved.
  const bool out_failed = !io.out;
  // At a terminal the top of a text summary (the advice) has scrolled away by now: a short recap
  // follows it. Only with advice to repeat; it also says where the summary was saved.
  const Result& result = *outcome.result;
  const bool recap = io.out_is_terminal && ask.format == "text" && result.status == Status::complete &&
                     (result.recommendation.has_value() || bank.outcomes.empty());
  if (!ask.out.empty()) {
    // The file never carries terminal colour; it is UTF-8 whatever the terminal can show.
    SummaryOptions file = summary;
    file.color = false;
    file.unicode = true;
    file.width = 80;
    std::string saved = document(file);
    if (signalled()) return leave_interrupted();
    // Resolved again and still fails here when the disk fills or the directory changed meanwhile:
    // Fatal (73/74). /dev/stdout and /dev/stderr are written in place.
    write_output(ask.out, "--out", saved, io);
    if (out_failed) {
      throw Fatal(ExitCode::io, fmt::format("cannot write the summary to standard output; it was saved to '{}'",
                                            sanitize_for_terminal(ask.out, false)));
    }
    if (!summary_only && !recap) {
      io.out << '\n'
             << fill(session_text(SessionText::saved_to, language), {sanitize_for_terminal(ask.out, false)}) << '\n';
    }
  }
  if (recap) {
    io.out << '\n' << render_recap(bank, *outcome.answers, result, summary, ask.out);
    io.out.flush();
  }
  return 0;
}

}  // namespace

CLI::App* add_ask_command(CLI::App& app, Context& context) {
  auto ask = std::make_shared<AskOptions>();
  auto* cmd = app.add_subcommand("ask", "Answer the questionnaire interactively and get a referral summary (default)");
  add_bank_option(*cmd, ask->bank);
  cmd->add_option("--lang", ask->language,
                  "Language: one of the bank's (the built-in banks: nl or en; default: the language of LANG when "
                  "the bank has it, else en when LANG starts with 'en', else nl)")
      ->type_name("TAG");
  cmd->add_option("--format", ask->format,
                  "Summary format: text (default), markdown, json or fhir\n"
                  "(fhir: the answers as a FHIR R4 QuestionnaireResponse, with the advice as an\n"
                  "extension; docs/fhir.md)")
      ->check(CLI::IsMember({"text", "markdown", "json", "fhir"}));
  cmd->add_option("--out", ask->out, "Also write the summary to FILE (mode 0600, replaced atomically)")
      ->type_name("FILE");
  cmd->add_flag("--no-color", ask->no_color, "No colour (also when NO_COLOR is set or TERM=dumb)");
  cmd->add_flag("--explain", ask->explain,
                "Always show what would change the advice (otherwise only when the call is close)");
  cmd->footer([] {
    return with_examples(
               "Answer with the option's number; several as 1,3 or 1 3. ? explains the question, b (terug/back)\n"
               "goes back, q (stop/quit) stops after a confirmation, an empty line skips an optional question.\n"
               "With piped input, one answer per line. Nothing is saved unless the questionnaire is finished and\n"
               "--out is given.\n"
               "With --format json, markdown or fhir and standard output that is not a terminal, standard output\n"
               "carries the summary alone (the questions are not printed; answers come piped, one per line);\n"
               "typing at a terminal then needs the output on the terminal and --out FILE for a clean file.\n"
               "--out is checked before the first question. A bank without the chosen language falls back to\n"
               "its first language (nl or en), unless --lang asked for it (then: usage error).\n"
               "Exit codes: 0 summary shown; 65 stopped, or input ended before the end (nothing saved);\n"
               "130 interrupted by Ctrl-C (nothing saved); 64 usage; 65/66 bad or missing bank; 73/74 --out "
               "failed.\n",
               {"wegwijzer ask --lang en --out ~/wegwijzer-summary.txt"}) +
           builtin_crisis_help();
  });
  cmd->callback([&context, ask] { context.action = [&context, ask] { return run_ask(*ask, context.io); }; });
  return cmd;
}

}  // namespace wegwijzer::cli
