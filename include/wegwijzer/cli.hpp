#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace wegwijzer {

/// The streams and environment a command runs with. main() fills it from the process;
/// tests fill it with string streams and a chosen environment.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool in_is_terminal = false;   ///< standard input is a terminal
  bool out_is_terminal = false;  ///< standard output is a terminal
  bool err_is_terminal = false;  ///< standard error is a terminal
  int terminal_width = 80;       ///< columns of the terminal (80 when unknown)
  /// Environment variables the tool reads (LANG, LC_ALL, LC_CTYPE, NO_COLOR, TERM); absent = unset.
  std::map<std::string, std::string> environment;
};

/// Runs the tool with `args` (without the program name) and returns the exit code.
/// Never throws: every error is mapped to an exit code here.
int run_cli(const std::vector<std::string>& args, Io& io);

/// The process entry point: builds Io from the real process and calls run_cli.
int main_entry(int argc, char** argv);

}  // namespace wegwijzer
