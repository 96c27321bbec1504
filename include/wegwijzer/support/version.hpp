#pragma once
#include <string_view>

namespace wegwijzer {
/// The tool's version, from the CMake project version.
std::string_view tool_version();
}  // namespace wegwijzer
