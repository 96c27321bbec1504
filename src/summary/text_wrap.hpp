#pragma once
// Internal: word wrapping of sanitised UTF-8 text for the terminal summary.
#include <string>
#include <string_view>
#include <vector>

namespace wegwijzer::summary {

/// Terminal styles of the text layouts (written only when colour is on).
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";

/// Display width in columns: one per code point (combining marks and wide characters are not
/// special-cased; the bank's texts are Latin script).
std::size_t display_width(std::string_view text);

/// Wraps `text` into lines of at most `width` columns (including the prefix): the first line starts
/// with `first_prefix`, the others with `rest_prefix`. Newlines in `text` start a new line; words
/// longer than a line are split.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first_prefix,
                              std::string_view rest_prefix);

}  // namespace wegwijzer::summary
