// STUB: owned by the loader helper; replaced by the real loader.
#include "wegwijzer/bank_loader.hpp"
#include "wegwijzer/error.hpp"

namespace wegwijzer {
LoadResult load_bank(std::string_view, const std::string& file_name, const BankLimits&) {
  LoadResult result;
  result.diagnostics.push_back({file_name, "", 0, 0, Severity::error, "loader not implemented"});
  return result;
}
Bank load_builtin_bank() {
  LoadResult result = load_bank(builtin_bank_text(), "<built-in>");
  if (!result.bank) throw Fatal(ExitCode::internal, "the built-in bank is invalid");
  return std::move(*result.bank);
}
}  // namespace wegwijzer
