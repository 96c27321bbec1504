#pragma once
// Internal to the CLI: Ctrl-C during the interactive session.
#include <streambuf>

namespace wegwijzer::cli {

/// While alive, SIGINT sets a flag instead of killing the process. The handler is installed with
/// sigaction *without* SA_RESTART, so a blocked read() returns EINTR. The destructor restores the
/// previous handler.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// True once SIGINT arrived while a guard was alive.
  static bool interrupted();
  /// Restores the default SIGINT action and raises SIGINT, so the shell sees "killed by SIGINT"
  /// (exit status 130). Returns only if the signal did not end the process.
  static void restore_default_and_raise();
};

/// An input buffer that reads a file descriptor with read(2) and, unlike std::cin, treats a read
/// interrupted by a signal (EINTR) as the end of input, so Ctrl-C ends a blocked prompt.
class InterruptibleInput : public std::streambuf {
 public:
  /// Reads from `fd` (not owned).
  explicit InterruptibleInput(int fd) : fd_(fd) {}

 protected:
  int_type underflow() override;

 private:
  int fd_;
  char buffer_[4096];
};

}  // namespace wegwijzer::cli
