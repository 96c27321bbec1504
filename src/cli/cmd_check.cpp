// STUB: replaced by the helper that owns `wegwijzer check`.
#include "commands.hpp"
#include "wegwijzer/error.hpp"

namespace wegwijzer::cli {
void add_check_command(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("check", "(not implemented yet)");
  cmd->callback([&context] { context.action = [] { return 70; }; });
}
}  // namespace wegwijzer::cli
