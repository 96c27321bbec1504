// Loading a bank: size and depth limits, strict parsing, structure checks and lints.
#include "wegwijzer/bank/bank_loader.hpp"

#include <fmt/format.h>

#include "bank_lint.hpp"
#include "bank_parser.hpp"
#include "bank_reader.hpp"
#include "json_reader.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sha256.hpp"

namespace wegwijzer {

std::string builtin_bank_label(std::string_view name) {
  return name == "default" ? "<built-in>" : fmt::format("<built-in {}>", name);
}

LoadResult load_bank(std::string_view text, const std::string& file_name, const BankLimits& limits) {
  LoadResult result;
  auto root = detail::read_json(text, file_name, limits.max_bytes, limits.max_depth, result.diagnostics);
  if (!root) return result;
  detail::BankReader reader(file_name, result.diagnostics);
  auto parsed = detail::parse_bank(*root, reader, limits);
  if (!parsed) return result;
  detail::lint_bank(*parsed, reader, limits);
  if (reader.errors() > 0) return result;
  parsed->bank.source_name = file_name;
  parsed->bank.sha256 = sha256_hex(text);
  result.bank = std::move(parsed->bank);
  return result;
}

const std::vector<BuiltinBank>& builtin_banks() {
  static const std::vector<BuiltinBank> banks{{"default", &builtin_bank_text},
                                              {"practitioner", &practitioner_bank_text}};
  return banks;
}

const BuiltinBank* find_builtin_bank(std::string_view name) {
  for (const BuiltinBank& bank : builtin_banks()) {
    if (bank.name == name) return &bank;
  }
  return nullptr;
}

Bank load_builtin_bank(std::string_view name) {
  const BuiltinBank* builtin = find_builtin_bank(name);
  if (builtin == nullptr) throw Fatal(ExitCode::usage, fmt::format("no built-in bank is called '{}'", name));
  LoadResult result = load_bank(builtin->text(), builtin_bank_label(name));
  if (!result.bank) {
    std::string message = "the built-in bank is invalid (a build error):";
    for (const Diagnostic& diagnostic : result.diagnostics) {
      if (diagnostic.severity == Severity::error) message += "\n  " + diagnostic.format();
    }
    throw Fatal(ExitCode::internal, message);
  }
  return std::move(*result.bank);
}

}  // namespace wegwijzer
