#include "wegwijzer/bank/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

std::string Diagnostic::format() const {
  std::string_view level = severity == Severity::error ? "error" : "warning";
  std::string safe_message = sanitize_for_terminal(message, false);
  if (line > 0)
    return fmt::format("{}:{}:{}: {}: {}", sanitize_for_terminal(file, false), line, column, level, safe_message);
  return fmt::format("{}: {}: {}: {}", sanitize_for_terminal(file, false),
                     pointer.empty() ? "/" : sanitize_for_terminal(pointer, false), level, safe_message);
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Diagnostic pointed_diagnostic(std::string file, std::string pointer, Severity severity, std::string message) {
  Diagnostic diagnostic;
  diagnostic.file = std::move(file);
  diagnostic.pointer = std::move(pointer);
  diagnostic.severity = severity;
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace wegwijzer
