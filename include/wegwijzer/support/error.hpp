#pragma once
#include <stdexcept>
#include <string>

#include "wegwijzer/support/exit_codes.hpp"

namespace wegwijzer {
/// A problem that ends the command: the CLI prints what() on stderr and exits with code().
/// what() never contains answer text.
class Fatal : public std::runtime_error {
 public:
  /// A fatal error with the exit code to leave with and a message for stderr.
  Fatal(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The exit code to leave with.
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};
}  // namespace wegwijzer
