// `wegwijzer completion bash|zsh`: prints the shell completion script (installed packages ship the same script).
#include <memory>

#include "commands.hpp"
#include "wegwijzer/cli/reference.hpp"

namespace wegwijzer::cli {

void add_completion_command(CLI::App& app, Context& context) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print the bash or zsh completion script for wegwijzer");
  cmd->add_option("shell", *shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  cmd->footer(
      with_examples("Installed packages already carry both scripts; this is for a wegwijzer built and run in place.",
                    {"source <(wegwijzer completion bash)",
                     "wegwijzer completion zsh > ~/.zfunc/_wegwijzer   # a folder on $fpath, then: compinit"}));
  cmd->callback([&context, shell] {
    context.action = [&context, shell] {
      context.io.out << completion_script(*shell);
      return 0;
    };
  });
}

}  // namespace wegwijzer::cli
