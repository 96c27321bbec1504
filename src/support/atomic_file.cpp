// Atomic, private file output: temporary file, fsync, rename, fsync the directory.
#include "wegwijzer/support/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {
namespace {

/// Removes the temporary file unless released; closes its descriptor.
class TempFile {
 public:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    close();
    if (!released_) ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  /// Closes the descriptor; returns errno of close, or 0.
  int close() {
    if (fd_ < 0) return 0;
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }
  /// The file was renamed into place: do not remove it.
  void release() { released_ = true; }

 private:
  int fd_;
  std::string path_;
  bool released_ = false;
};

std::string quoted(const std::string& path) { return "'" + sanitize_for_terminal(path, false) + "'"; }

[[noreturn]] void fail_create(const std::string& path, int error) {
  throw Fatal(ExitCode::cant_create, "cannot create " + quoted(path) + ": " + std::strerror(error));
}

/// Errors while writing: a full disk or quota is "cannot create" (73), anything else I/O (74).
[[noreturn]] void fail_write(const std::string& path, int error) {
  ExitCode code = (error == ENOSPC || error == EDQUOT) ? ExitCode::cant_create : ExitCode::io;
  throw Fatal(code, "cannot write " + quoted(path) + ": " + std::strerror(error));
}

std::string directory_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

FileSystemCalls real_file_system_calls() { return FileSystemCalls{&::write, &::fsync}; }

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, content, real_file_system_calls());
}

void write_file_atomically(const std::string& path, std::string_view content, const FileSystemCalls& calls) {
  if (path.empty()) throw Fatal(ExitCode::cant_create, "cannot create '': empty file name");
  const std::string base = base_name_of(path);
  if (base.empty() || base == "." || base == "..") fail_create(path, EISDIR);
  struct stat target {};
  if (::stat(path.c_str(), &target) == 0 && S_ISDIR(target.st_mode)) fail_create(path, EISDIR);
  if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    // A device, FIFO or socket: renaming over it would replace it (as root: /dev/null itself).
    throw Fatal(ExitCode::cant_create, "cannot create " + quoted(path) + ": it exists and is not a regular file");
  }

  const std::string directory = directory_of(path);
  std::string pattern = directory + "/." + base + ".tmp-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) fail_create(path, errno);
  TempFile temp(fd, std::string(buffer.data()));
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) fail_create(path, errno);

  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t written = calls.write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail_write(path, errno);
    }
    if (written == 0) fail_write(path, EIO);
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (calls.fsync(fd) != 0) fail_write(path, errno);
  if (int error = temp.close(); error != 0) fail_write(path, error);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) fail_create(path, errno);
  temp.release();

  // Make the rename durable. Some file systems cannot sync a directory (EINVAL): that is fine.
  int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    int result = ::fsync(dir_fd);
    int error = errno;
    ::close(dir_fd);
    if (result != 0 && error != EINVAL && error != EROFS) fail_write(path, error);
  }
}

void check_output_target(const std::string& path, std::string_view option) {
  std::string shown = sanitize_for_terminal(path, false);
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw Fatal(ExitCode::cant_create, fmt::format("cannot write {} '{}': it is a directory", option, shown));
  }
  std::size_t slash = path.find_last_of('/');
  std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  std::string parent_shown = sanitize_for_terminal(parent, false);
  if (::stat(parent.c_str(), &info) != 0) {
    throw Fatal(ExitCode::cant_create,
                fmt::format("cannot write {} '{}': the directory '{}' does not exist", option, shown, parent_shown));
  }
  if (!S_ISDIR(info.st_mode)) {
    throw Fatal(ExitCode::cant_create,
                fmt::format("cannot write {} '{}': '{}' is not a directory", option, shown, parent_shown));
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0) {
    throw Fatal(ExitCode::cant_create, fmt::format("cannot write {} '{}': no permission to create files in '{}'",
                                                   option, shown, parent_shown));
  }
}

}  // namespace wegwijzer
