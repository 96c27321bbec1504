#pragma once
#include <string>
#include <vector>

namespace wegwijzer {

/// How serious a diagnostic is.
enum class Severity { error, warning };

/// One finding about a bank, pointing at its place.
struct Diagnostic {
  std::string file;     ///< the bank's file name
  std::string pointer;  ///< JSON pointer ("/questions/3/id"); empty for syntax errors
  int line = 0;         ///< syntax errors: 1-based line; 0 otherwise
  int column = 0;       ///< syntax errors: 1-based column; 0 otherwise
  Severity severity = Severity::error;
  std::string message;  ///< plain words: what was found, what is expected

  /// "FILE: /pointer: error: message", or "FILE:LINE:COLUMN: error: message" for syntax errors.
  std::string format() const;
};

/// A diagnostic at a JSON pointer (or "line N", a Bundle entry, ... for inputs that are not banks).
Diagnostic pointed_diagnostic(std::string file, std::string pointer, Severity severity, std::string message);

/// True when any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace wegwijzer
