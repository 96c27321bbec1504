#pragma once
#include <string>
#include <string_view>

namespace wegwijzer {

/// Writes `content` to `path` atomically with mode 0600: a temporary file in the same directory
/// (mkostemp), write, fsync, rename over `path`, fsync the directory. On any failure the temporary
/// file is removed and Fatal is thrown: ExitCode::cant_create (directory target, missing parent,
/// no permission) or ExitCode::io (write or sync failed, e.g. a full disk). The message names the
/// path, never the content.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace wegwijzer
