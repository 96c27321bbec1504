#pragma once
// support/: small tools every layer may use: the Io streams, UTF-8, sanitising, SHA-256, atomic 0600 files, errors,
// exit codes, version.
#include <iosfwd>
#include <map>
#include <string>

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

}  // namespace wegwijzer
