// Fuzz target: the interactive session (`wegwijzer ask`) over the built-in bank, fed arbitrary
// bytes as its input stream. The first byte picks the options (language, Unicode, terminal or
// piped, width); the rest is what the person "types". Properties: no crash, no hang, no sanitizer
// report, and without colour the output is terminal-safe (whatever was typed is echoed sanitised).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/session/session.hpp"

namespace {

using namespace wegwijzer;

const Bank& bank() {
  static const Bank loaded = load_builtin_bank();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  SessionOptions options;
  options.language = (selector & 1u) != 0 ? "en" : "nl";
  options.unicode = (selector & 2u) != 0;
  options.interactive = (selector & 4u) != 0;
  options.color = false;
  options.width = 10 + (selector >> 3) * 4;  // 10..134 columns
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  std::ostringstream out;
  Session session(bank(), in, out, options);
  SessionOutcome outcome = session.run();
  fuzz::require_terminal_safe(out.str(), "session output");
  if (outcome.kind == SessionOutcome::Kind::completed && (!outcome.answers || !outcome.result)) {
    fuzz::fail("a completed session without answers or result");
  }
  return 0;
}
