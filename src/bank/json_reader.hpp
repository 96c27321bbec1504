#pragma once
// Internal to the engine: strict JSON reading for banks (size and depth limits, duplicate keys,
// syntax errors with line and column and without echoing input bytes).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/diagnostic.hpp"

namespace wegwijzer::detail {

/// Parses `text` as JSON. Rejects text over `max_bytes`, nesting deeper than `max_depth` and
/// objects with a repeated key. On failure appends an error to `diagnostics` and returns nullopt.
std::optional<nlohmann::json> read_json(std::string_view text, const std::string& file_name, std::size_t max_bytes,
                                        std::size_t max_depth, std::vector<Diagnostic>& diagnostics);

/// 1-based line and column (in characters) of byte `offset` in `text`.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset);

/// Appends a reference token to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, std::string_view token);
/// Appends an array index to a JSON pointer.
std::string pointer_append(const std::string& pointer, std::size_t index);

}  // namespace wegwijzer::detail
