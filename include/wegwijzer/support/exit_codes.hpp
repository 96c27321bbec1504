#pragma once

namespace wegwijzer {
/// Process exit codes (sysexits.h), mapped in one place by the CLI.
enum class ExitCode : int {
  ok = 0,
  usage = 64,         ///< bad command line
  data = 65,          ///< invalid bank, invalid or incomplete answers
  no_input = 66,      ///< an input file is missing or unreadable
  internal = 70,      ///< a bug
  cant_create = 73,   ///< an output file cannot be created
  io = 74,            ///< an I/O error, including a closed pipe
  interrupted = 130,  ///< Ctrl-C
};
}  // namespace wegwijzer
