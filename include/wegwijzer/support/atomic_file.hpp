#pragma once
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace wegwijzer {

/// Writes `content` to `path` atomically with mode 0600: a temporary file in the same directory
/// (mkostemp), write, fsync, rename over `path`, fsync the directory. On any failure the temporary
/// file is removed and Fatal is thrown: ExitCode::cant_create (directory target, missing parent,
/// no permission, full disk or quota) or ExitCode::io (any other write or sync error). The
/// message names the path and the reason, never the content.
void write_file_atomically(const std::string& path, std::string_view content);

/// The system calls write_file_atomically uses for the data; tests replace them to simulate a
/// failing disk.
struct FileSystemCalls {
  ssize_t (*write)(int fd, const void* data, std::size_t size);  ///< like ::write
  int (*fsync)(int fd);                                          ///< like ::fsync
};

/// The real system calls.
FileSystemCalls real_file_system_calls();

/// write_file_atomically with replaceable system calls (for tests).
void write_file_atomically(const std::string& path, std::string_view content, const FileSystemCalls& calls);

/// Fails early, before any work, when `path` can certainly not be written: a target that is a
/// directory, or a parent that is missing, not a directory or not writable. Throws
/// Fatal(cant_create) with a message naming `option` (e.g. "--out") and the path.
void check_output_target(const std::string& path, std::string_view option);

}  // namespace wegwijzer
