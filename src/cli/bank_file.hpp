#pragma once
// Internal to the CLI: what `--bank FILE|NAME` names, and reading a bank file with a size cap.
#include <optional>
#include <string>

namespace wegwijzer::cli {

/// A bank file's bytes, or why it could not be read.
struct BankFile {
  std::optional<std::string> text;  ///< unset when the file could not be read
  std::string error;                ///< strerror text when unreadable
};

/// A bank's text as `--bank` names it: a built-in bank or a file.
struct BankSource {
  std::string label;  ///< names the bank in diagnostics: the file name or "<built-in …>"
  BankFile file;      ///< the text, or why the file could not be read
};

/// True when `value` names a built-in bank: one of their names, without a '/' (so that
/// `./default` still reads a file called default).
bool names_builtin_bank(const std::string& value);

/// When `value` names a built-in bank and a file of that name exists too: a note that says which one is read
/// and how to read the file ("write ./default"); else "".
std::string shadowed_file_note(const std::string& value);

/// Resolves `--bank` (empty: the default built-in bank) to the bank's text.
BankSource read_bank_source(const std::string& value, std::size_t max_bytes);

/// Reads at most `max_bytes + 1` bytes of `path` (so the loader can report an oversized file
/// without reading all of it).
BankFile read_bank_file(const std::string& path, std::size_t max_bytes);

}  // namespace wegwijzer::cli
