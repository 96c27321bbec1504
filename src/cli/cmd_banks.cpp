// `wegwijzer banks`: the banks built into the program, and a bank's languages (what completion offers).
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "commands.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/session/terminal.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

struct BanksOptions {
  bool names = false;
  bool languages = false;
  std::string bank;
};

int run_banks(const BanksOptions& options, Io& io) {
  if (options.languages) {
    Bank bank = load_bank_option(options.bank, io);
    for (const std::string& language : bank.languages) io.out << sanitize_for_terminal(language, false) << "\n";
    return 0;
  }
  if (options.names) {
    for (const BuiltinBank& builtin : builtin_banks()) io.out << builtin.name << "\n";
    return 0;
  }
  struct Row {
    std::string name, version, languages, title;
  };
  std::vector<Row> rows{{"NAME", "VERSION", "LANGUAGES", "TITLE"}};
  const std::string language = choose_language("", io);  // the titles in the language ask would use
  for (const BuiltinBank& builtin : builtin_banks()) {
    Bank bank = load_builtin_bank(builtin.name);
    std::string languages;
    for (const std::string& tag : bank.languages) languages += (languages.empty() ? "" : ",") + tag;
    rows.push_back({std::string(builtin.name), bank.version, languages, bank.title.in(language)});
  }
  std::size_t name_width = 0, version_width = 0, languages_width = 0;
  for (const Row& row : rows) {
    name_width = std::max(name_width, row.name.size());
    version_width = std::max(version_width, row.version.size());
    languages_width = std::max(languages_width, row.languages.size());
  }
  for (const Row& row : rows) {
    io.out << sanitize_for_terminal(fmt::format("{:<{}}  {:<{}}  {:<{}}  {}", row.name, name_width, row.version,
                                                version_width, row.languages, languages_width, row.title),
                                    false)
           << "\n";
  }
  return 0;
}

}  // namespace

void add_banks_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<BanksOptions>();
  auto* cmd = app.add_subcommand("banks", "List the banks built into wegwijzer (for --bank NAME)");
  auto* names = cmd->add_flag("--names", options->names, "Only the names, one per line");
  auto* languages =
      cmd->add_flag("--languages", options->languages, "The languages of --bank (default: default), one per line");
  names->excludes(languages);
  add_bank_option(*cmd, options->bank)->needs(languages);
  cmd->footer(with_examples("A name without a '/' is a built-in bank; write ./NAME for a file of that name.",
                            {"wegwijzer banks", "wegwijzer banks --languages --bank my-bank.json"}));
  cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_banks(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
