// STUB: owned by the loader helper.
#include "commands.hpp"
#include "wegwijzer/bank_loader.hpp"

namespace wegwijzer::cli {
Bank load_bank_option(const std::string&, Io&) { return load_builtin_bank(); }
}  // namespace wegwijzer::cli
