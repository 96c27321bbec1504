#pragma once
// Output files and output paths: every option that names where to write (--out, --report, ...) is
// resolved by resolve_output_target() and written by write_output() or write_file_atomically().
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "wegwijzer/support/io.hpp"

namespace wegwijzer {

/// What an output path names.
enum class OutputKind {
  file,             ///< a regular file or a new name in a real directory: written atomically
  standard_output,  ///< the command's standard output (/dev/stdout, /dev/fd/1): written in place
  standard_error,   ///< the command's standard error (/dev/stderr, /dev/fd/2): written in place
};

/// An output path after resolve_output_target().
struct OutputTarget {
  OutputKind kind = OutputKind::file;
  std::string directory;  ///< kind file: the real directory (realpath: no symlink, no . or ..)
  std::string name;       ///< kind file: the file name inside `directory`
  bool exists = false;    ///< kind file: a regular file of that name exists (it will be replaced)
  /// Kind file: `directory` + "/" + `name`, the path that is written.
  std::string file() const;
};

/// The one place that decides where an output option may write. `path` as given on the command
/// line; `option` (e.g. "--out") names it in messages ("" for a plain "cannot create 'PATH'").
/// `dash` is what "-" means for this option: OutputKind::file (a file named "-") or a stream.
///
/// The parent directory is resolved with realpath(), so a symlinked directory is followed. Then:
/// - /dev/stdout, /dev/stderr (and /dev/fd/1, /dev/fd/2, /proc/self/fd/1, /proc/self/fd/2) are the
///   process's streams, never files: they are written in place, the symlinks are left alone;
/// - a new name, or an existing regular file, in a writable directory is a file;
/// - anything else is refused with Fatal(ExitCode::cant_create) naming the option and the path: a
///   directory, a device, a FIFO, a socket, a missing or unwritable parent, and a symbolic link
///   (wegwijzer never replaces a link with a file and never writes through one: the message says
///   to name the file itself).
OutputTarget resolve_output_target(const std::string& path, std::string_view option,
                                   OutputKind dash = OutputKind::file);

/// Fails early, before any work, when `path` can certainly not be written: resolve_output_target()
/// without keeping the result. Throws Fatal(cant_create).
void check_output_target(const std::string& path, std::string_view option, OutputKind dash = OutputKind::file);

/// Writes `content` where `path` points, resolved again now (the file system may have changed
/// since check_output_target()): a file as write_file_atomically() writes it; a stream through io.out or
/// io.err, flushed, and Fatal(ExitCode::io) naming the option when the stream failed (a full disk
/// behind 2>, a closed pipe).
void write_output(const std::string& path, std::string_view option, std::string_view content, Io& io,
                  OutputKind dash = OutputKind::file);

/// Writes `content` to `path` atomically with mode 0600: a temporary file in the same (real)
/// directory (mkostemp), write, fsync, rename over `path`, fsync the directory. `path` goes through
/// resolve_output_target(); a stream (/dev/stdout, /dev/stderr) is written in place to file
/// descriptor 1 or 2 instead, without a temporary file. On any failure the temporary file is
/// removed and Fatal is thrown: ExitCode::cant_create (a target resolve_output_target() refuses,
/// no permission, full disk or quota) or ExitCode::io (any other write or sync error). The
/// message names the path and the reason, never the content.
///
/// While the temporary file exists, SIGHUP, SIGINT and SIGTERM (each unless it is ignored) remove
/// it and then end the process as the signal would have (the default action, re-raised): the
/// answers in it are never left behind. The previous handlers are restored afterwards. One write
/// at a time per process (the temporary path is kept in one static buffer for the handler).
void write_file_atomically(const std::string& path, std::string_view content);

/// The system calls write_file_atomically uses for the data; tests replace them to simulate a
/// failing disk or a signal during the write.
struct FileSystemCalls {
  ssize_t (*write)(int fd, const void* data, std::size_t size);  ///< like ::write
  int (*fsync)(int fd);                                          ///< like ::fsync
};

/// The real system calls.
FileSystemCalls real_file_system_calls();

/// write_file_atomically with replaceable system calls (for tests).
void write_file_atomically(const std::string& path, std::string_view content, const FileSystemCalls& calls);

}  // namespace wegwijzer
