// SIGINT handling for the interactive session.
#include "wegwijzer/session/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace wegwijzer::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
struct sigaction g_previous {};

extern "C" void on_sigint(int) { g_interrupted = 1; }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = 0;
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns with EINTR
  ::sigaction(SIGINT, &action, &g_previous);
}

InterruptGuard::~InterruptGuard() { ::sigaction(SIGINT, &g_previous, nullptr); }

bool InterruptGuard::interrupted() { return g_interrupted != 0; }

void InterruptGuard::restore_default_and_raise() {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  g_previous = action;
  ::raise(SIGINT);
}

InterruptibleInput::int_type InterruptibleInput::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  ssize_t count = ::read(fd_, buffer_, sizeof buffer_);
  while (count < 0 && errno == EINTR && g_interrupted == 0) count = ::read(fd_, buffer_, sizeof buffer_);
  // EINTR (Ctrl-C) and errors end the input; the session then asks whether it was interrupted.
  if (count <= 0) return traits_type::eof();
  setg(buffer_, buffer_, buffer_ + count);
  return traits_type::to_int_type(*gptr());
}

}  // namespace wegwijzer::cli
