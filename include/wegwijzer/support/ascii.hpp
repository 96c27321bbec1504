#pragma once
// ASCII case for identifiers, language tags and command words (never for person-facing text).
#include <string>
#include <string_view>

namespace wegwijzer {

/// `text` with A-Z as a-z; every other byte as it is.
std::string ascii_lower(std::string_view text);

}  // namespace wegwijzer
