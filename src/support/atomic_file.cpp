// Output paths and atomic, private file output: one resolver for every output option; files through a
// temporary file, fsync, rename and a directory fsync; the temporary file removed on SIGHUP, SIGINT and
// SIGTERM.
#include "wegwijzer/support/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <vector>

#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {
namespace {

// ------------------------------------------------------------------------------------------ messages

std::string shown(const std::string& path) { return sanitize_for_terminal(path, false); }

/// "cannot write --out 'PATH': REASON", or "cannot create 'PATH': REASON" without an option.
std::string message(const std::string& path, std::string_view option, const std::string& reason) {
  if (option.empty()) return fmt::format("cannot create '{}': {}", shown(path), reason);
  return fmt::format("cannot write {} '{}': {}", option, shown(path), reason);
}

[[noreturn]] void refuse(const std::string& path, std::string_view option, const std::string& reason) {
  throw Fatal(ExitCode::cant_create, message(path, option, reason));
}

[[noreturn]] void fail_create(const std::string& path, std::string_view option, int error) {
  refuse(path, option, std::strerror(error));
}

/// Errors while writing a file: a full disk or quota is "cannot create" (73), anything else I/O (74).
[[noreturn]] void fail_write(const std::string& path, std::string_view option, int error) {
  ExitCode code = (error == ENOSPC || error == EDQUOT) ? ExitCode::cant_create : ExitCode::io;
  std::string text = option.empty() ? fmt::format("cannot write '{}': {}", shown(path), std::strerror(error))
                                    : message(path, option, std::strerror(error));
  throw Fatal(code, text);
}

/// Errors while writing a stream (standard output or error): always I/O (74).
[[noreturn]] void fail_stream(const std::string& path, std::string_view option, const std::string& reason) {
  std::string text =
      option.empty() ? fmt::format("cannot write '{}': {}", shown(path), reason) : message(path, option, reason);
  throw Fatal(ExitCode::io, text);
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

/// realpath(), or "" with errno set.
std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return "";
  std::string result(resolved);
  std::free(resolved);
  return result;
}

// --------------------------------------------------------------------------- signals during a write

constexpr int kCleanupSignals[] = {SIGHUP, SIGINT, SIGTERM};
constexpr std::size_t kSignalCount = sizeof kCleanupSignals / sizeof kCleanupSignals[0];

/// The temporary file the handler removes; g_temp_armed says whether it holds one.
char g_temp_path[PATH_MAX + NAME_MAX + 64];
volatile std::sig_atomic_t g_temp_armed = 0;

/// Async-signal-safe: removes the temporary file, then dies of the same signal (default action).
extern "C" void remove_temporary_and_die(int signal) {
  if (g_temp_armed != 0) ::unlink(g_temp_path);
  g_temp_armed = 0;
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  // Unblock it (it is blocked while its handler runs) and raise it again: the default action ends the
  // process here. As PID 1 (a container without init) default actions are ignored: end all the same.
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, signal);
  ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
  ::raise(signal);
  ::_exit(128 + signal);
}

/// While alive, SIGHUP, SIGINT and SIGTERM remove the armed temporary file and end the process. The
/// constructor blocks them in this thread until arm() (so none arrives between creating the file and
/// recording its name); the destructor restores the previous handlers and signal mask. A signal that
/// was ignored (nohup, a background job) stays ignored.
class SignalCleanup {
 public:
  SignalCleanup() {
    sigset_t block;
    sigemptyset(&block);
    for (int signal : kCleanupSignals) sigaddset(&block, signal);
    ::pthread_sigmask(SIG_BLOCK, &block, &saved_mask_);
    g_temp_armed = 0;
    struct sigaction action {};
    action.sa_handler = remove_temporary_and_die;
    action.sa_mask = block;  // one handler at a time
    action.sa_flags = 0;
    for (std::size_t i = 0; i < kSignalCount; ++i) {
      installed_[i] = false;
      if (::sigaction(kCleanupSignals[i], nullptr, &previous_[i]) != 0) continue;
      if (!(previous_[i].sa_flags & SA_SIGINFO) && previous_[i].sa_handler == SIG_IGN) continue;
      installed_[i] = ::sigaction(kCleanupSignals[i], &action, nullptr) == 0;
    }
  }
  SignalCleanup(const SignalCleanup&) = delete;
  SignalCleanup& operator=(const SignalCleanup&) = delete;
  ~SignalCleanup() {
    sigset_t block;
    sigemptyset(&block);
    for (int signal : kCleanupSignals) sigaddset(&block, signal);
    ::pthread_sigmask(SIG_BLOCK, &block, nullptr);
    g_temp_armed = 0;
    for (std::size_t i = 0; i < kSignalCount; ++i) {
      if (installed_[i]) ::sigaction(kCleanupSignals[i], &previous_[i], nullptr);
    }
    ::pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
  }

  /// Records `path` (which fits g_temp_path) for the handler and lets the signals in.
  void arm(const char* path) {
    std::strncpy(g_temp_path, path, sizeof g_temp_path - 1);
    g_temp_path[sizeof g_temp_path - 1] = '\0';
    g_temp_armed = 1;
    unblock();
  }
  /// The temporary file is gone (renamed into place or removed): nothing for the handler to remove.
  static void disarm() { g_temp_armed = 0; }
  /// Lets the signals in (as before the constructor).
  void unblock() { ::pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr); }

 private:
  sigset_t saved_mask_{};
  struct sigaction previous_[kSignalCount] {};
  bool installed_[kSignalCount]{};
};

/// Removes the temporary file unless released; closes its descriptor.
class TempFile {
 public:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    close();
    if (!released_) ::unlink(path_.c_str());
    SignalCleanup::disarm();  // after the unlink: a signal in between only finds the file gone
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

// -------------------------------------------------------------------------------------------- writes

/// Writes all of `content` to `fd` with `calls.write`; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view content, const FileSystemCalls& calls) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t written = calls.write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (written == 0) return EIO;
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return 0;
}

/// The atomic write of a resolved file target.
void write_file(const OutputTarget& target, const std::string& path, std::string_view option, std::string_view content,
                const FileSystemCalls& calls) {
  const std::string pattern = target.directory + (target.directory == "/" ? "." : "/.") + target.name + ".tmp-XXXXXX";
  if (pattern.size() >= sizeof g_temp_path) fail_create(path, option, ENAMETOOLONG);
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');

  SignalCleanup cleanup;  // the signals stay blocked until the temporary file's name is recorded
  int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    cleanup.unblock();
    fail_create(path, option, error);
  }
  TempFile temp(fd, std::string(buffer.data()));
  cleanup.arm(buffer.data());
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) fail_create(path, option, errno);

  if (int error = write_all(fd, content, calls); error != 0) fail_write(path, option, error);
  if (calls.fsync(fd) != 0) fail_write(path, option, errno);
  if (int error = temp.close(); error != 0) fail_write(path, option, error);
  if (::rename(temp.path().c_str(), target.file().c_str()) != 0) fail_create(path, option, errno);
  temp.release();
  SignalCleanup::disarm();

  // Make the rename durable. Some file systems cannot sync a directory (EINVAL): that is fine.
  int dir_fd = ::open(target.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    int result = ::fsync(dir_fd);
    int error = errno;
    ::close(dir_fd);
    if (result != 0 && error != EINVAL && error != EROFS) fail_write(path, option, error);
  }
}

}  // namespace

std::string OutputTarget::file() const { return (directory == "/" ? "" : directory) + "/" + name; }

OutputTarget resolve_output_target(const std::string& path, std::string_view option, OutputKind dash) {
  OutputTarget target;
  if (path.empty()) refuse(path, option, "empty file name");
  if (path == "-" && dash != OutputKind::file) {
    target.kind = dash;
    return target;
  }
  const std::string name = base_name_of(path);
  if (name.empty() || name == "." || name == "..") refuse(path, option, "it is a directory");

  const std::string parent = directory_of(path);
  const std::string parent_shown = shown(parent);
  const std::string directory = real_path(parent);
  if (directory.empty()) {
    int error = errno;
    if (error == ENOENT) refuse(path, option, fmt::format("the directory '{}' does not exist", parent_shown));
    if (error == ENOTDIR) refuse(path, option, fmt::format("'{}' is not a directory", parent_shown));
    refuse(path, option, fmt::format("'{}': {}", parent_shown, std::strerror(error)));
  }
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) fail_create(path, option, errno);
  if (!S_ISDIR(info.st_mode)) refuse(path, option, fmt::format("'{}' is not a directory", parent_shown));

  // The process's own streams, by name: written in place, the links in /dev and /proc left alone.
  if (directory == "/dev" && (name == "stdout" || name == "stderr")) {
    target.kind = name == "stdout" ? OutputKind::standard_output : OutputKind::standard_error;
    return target;
  }
  if ((name == "1" || name == "2") && directory == real_path("/proc/self/fd")) {
    target.kind = name == "1" ? OutputKind::standard_output : OutputKind::standard_error;
    return target;
  }

  target.directory = directory;
  target.name = name;
  if (::lstat(target.file().c_str(), &info) == 0) {
    if (S_ISLNK(info.st_mode)) {
      refuse(path, option,
             "it is a symbolic link (wegwijzer neither replaces nor follows a link); name the file it points to");
    }
    if (S_ISDIR(info.st_mode)) refuse(path, option, "it is a directory");
    // A device, FIFO or socket: renaming over it would replace it (as root: /dev/null itself).
    if (!S_ISREG(info.st_mode)) refuse(path, option, "it exists and is not a regular file");
    target.exists = true;
  } else if (errno != ENOENT) {
    fail_create(path, option, errno);
  }
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    refuse(path, option, fmt::format("no permission to create files in '{}'", parent_shown));
  }
  return target;
}

void check_output_target(const std::string& path, std::string_view option, OutputKind dash) {
  (void)resolve_output_target(path, option, dash);
}

void write_output(const std::string& path, std::string_view option, std::string_view content, Io& io, OutputKind dash) {
  OutputTarget target = resolve_output_target(path, option, dash);
  if (target.kind == OutputKind::file) {
    write_file(target, path, option, content, real_file_system_calls());
    return;
  }
  std::ostream& stream = target.kind == OutputKind::standard_output ? io.out : io.err;
  stream.write(content.data(), static_cast<std::streamsize>(content.size()));
  stream.flush();
  if (!stream) {
    fail_stream(path, option,
                target.kind == OutputKind::standard_output ? "standard output failed" : "standard error failed");
  }
}

FileSystemCalls real_file_system_calls() { return FileSystemCalls{&::write, &::fsync}; }

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, content, real_file_system_calls());
}

void write_file_atomically(const std::string& path, std::string_view content, const FileSystemCalls& calls) {
  OutputTarget target = resolve_output_target(path, "");
  if (target.kind == OutputKind::file) {
    write_file(target, path, "", content, calls);
    return;
  }
  // A stream: in place on the descriptor, no temporary file, no rename, no fsync.
  int fd = target.kind == OutputKind::standard_output ? STDOUT_FILENO : STDERR_FILENO;
  if (int error = write_all(fd, content, calls); error != 0) fail_stream(path, "", std::strerror(error));
}

}  // namespace wegwijzer
