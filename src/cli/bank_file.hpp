#pragma once
// Internal to the CLI: reading a bank file with a size cap.
#include <optional>
#include <string>

namespace wegwijzer::cli {

/// A bank file's bytes, or why it could not be read.
struct BankFile {
  std::optional<std::string> text;  ///< unset when the file could not be read
  std::string error;                ///< strerror text when unreadable
};

/// Reads at most `max_bytes + 1` bytes of `path` (so the loader can report an oversized file
/// without reading all of it).
BankFile read_bank_file(const std::string& path, std::size_t max_bytes);

}  // namespace wegwijzer::cli
