// STUB: replaced by the helper that owns `wegwijzer score`.
#include "commands.hpp"
#include "wegwijzer/error.hpp"

namespace wegwijzer::cli {
void add_score_command(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("score", "(not implemented yet)");
  cmd->callback([&context] { context.action = [] { return 70; }; });
}
}  // namespace wegwijzer::cli
