// Help shared by the subcommands: the --bank option, examples in every help text, `wegwijzer help`
// and the nearest command for a mistyped one.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

/// Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short words.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

CLI::Option* add_bank_option(CLI::App& command, std::string& bank) {
  return command.add_option("--bank", bank, "Question bank: a file, or the name of a built-in bank (default: default)")
      ->type_name("FILE|NAME");
}

std::string with_examples(const std::string& footer, std::initializer_list<const char*> examples) {
  std::string text = footer;
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += examples.size() == 1 ? "Example:\n" : "Examples:\n";
  for (const char* example : examples) text += fmt::format("  {}\n", example);
  return text;
}

std::string nearest_command(const CLI::App& app, const std::string& typed) {
  if (typed.empty() || typed.size() > 64) return {};
  std::string best;
  std::size_t best_distance = 3;  // more than two edits away: no suggestion
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string& name = sub->get_name();
    std::size_t distance = name.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, name);  // a prefix is close
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

std::string nearest_option(const CLI::App& command, const std::string& typed) {
  if (typed.size() < 3 || typed.size() > 64 || typed.rfind("--", 0) != 0) return {};
  const std::string word = typed.substr(0, typed.find('='));
  std::string best;
  std::size_t best_distance = 3;  // more than two edits away: no suggestion
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) {
      const std::string candidate = "--" + name;
      std::size_t distance = candidate.rfind(word, 0) == 0 ? 1 : edit_distance(word, candidate);
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
  }
  return best;
}

std::string unknown_command_message(const CLI::App& app, const std::string& typed) {
  std::string message = fmt::format("unknown command '{}'", sanitize_for_terminal(typed.substr(0, 64), false));
  std::string nearest = nearest_command(app, typed);
  if (!nearest.empty()) message += fmt::format("; did you mean '{}'?", nearest);
  return message;
}

void add_help_command(CLI::App& app, Context& context) {
  auto topic = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("help", "Show this help, or the help of one COMMAND (the same text as --help)");
  std::string commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands += (commands.empty() ? "" : ", ") + sub->get_name();
  cmd->add_option("command", *topic,
                  "A command: " + (commands.empty() ? std::string("ask, check, score, sample") : commands) + " or help")
      ->type_name("COMMAND");
  cmd->footer(with_examples("", {"wegwijzer help score"}));
  cmd->callback([&app, &context, topic] {
    context.action = [&app, &context, topic] {
      if (topic->empty()) {
        // Not app.help(): with a subcommand chosen (this one), CLI11 shows that subcommand's help.
        context.io.out << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
        return 0;
      }
      const CLI::App& root = app;
      for (const CLI::App* sub : root.get_subcommands({})) {
        if (sub->get_name() == *topic) {
          context.io.out << sub->help(app.get_name());  // "Usage: wegwijzer score", as --help
          return 0;
        }
      }
      throw Fatal(ExitCode::usage, unknown_command_message(app, *topic) + "\nRun 'wegwijzer --help' for usage.");
    };
  });
}

}  // namespace wegwijzer::cli
