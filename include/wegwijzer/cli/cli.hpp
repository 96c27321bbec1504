#pragma once
// cli/: the command line: argument parsing, one file per subcommand, and the one place errors become exit codes.
#include <string>
#include <vector>

#include "wegwijzer/support/io.hpp"

namespace wegwijzer {

/// Runs the tool with `args` (without the program name) and returns the exit code.
/// Never throws: every error is mapped to an exit code here.
int run_cli(const std::vector<std::string>& args, Io& io);

/// The process entry point: builds Io from the real process and calls run_cli.
int main_entry(int argc, char** argv);

}  // namespace wegwijzer
