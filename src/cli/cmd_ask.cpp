// STUB: replaced by the helper that owns `wegwijzer ask`.
#include "commands.hpp"

namespace wegwijzer::cli {
CLI::App* add_ask_command(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("ask", "(not implemented yet)");
  cmd->callback([&context] { context.action = [] { return 70; }; });
  return cmd;
}
}  // namespace wegwijzer::cli
