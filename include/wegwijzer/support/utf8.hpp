#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wegwijzer {
/// Decodes the UTF-8 sequence that starts at byte `i` of `text` (which must be < text.size()).
/// Returns its length in bytes (1–4) and sets `code_point`, or returns 0 when the sequence is
/// invalid: a stray continuation byte, truncated, overlong, a surrogate or beyond U+10FFFF.
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& code_point);
}  // namespace wegwijzer
