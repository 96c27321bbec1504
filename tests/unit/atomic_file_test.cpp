#include "wegwijzer/support/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <fstream>
#include <set>
#include <string>

#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/support/error.hpp"

using namespace wegwijzer;

namespace {

using test::TempDir;

mode_t mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

/// Restores the umask at the end of a scope.
struct UmaskGuard {
  mode_t saved;
  explicit UmaskGuard(mode_t mask) : saved(::umask(mask)) {}
  ~UmaskGuard() { ::umask(saved); }
};

ExitCode code_of(const std::string& path, std::string_view content, const FileSystemCalls& calls,
                 std::string* message = nullptr) {
  try {
    write_file_atomically(path, content, calls);
  } catch (const Fatal& fatal) {
    if (message != nullptr) *message = fatal.what();
    return fatal.code();
  }
  return ExitCode::ok;
}

ssize_t write_disk_full(int, const void*, std::size_t) {
  errno = ENOSPC;
  return -1;
}
ssize_t write_io_error_after_some(int fd, const void* data, std::size_t size) {
  static int calls = 0;
  if (++calls % 2 == 0) {
    errno = EIO;
    return -1;
  }
  return ::write(fd, data, size < 3 ? size : 3);  // a short write first
}
int fsync_fails(int) {
  errno = EIO;
  return -1;
}
ssize_t write_short(int fd, const void* data, std::size_t size) { return ::write(fd, data, size < 2 ? size : 2); }

}  // namespace

TEST_CASE("write_file_atomically writes the content with mode 0600", "[atomic_file]") {
  TempDir dir;
  std::string path = dir.path + "/summary.txt";
  SECTION("default umask") { write_file_atomically(path, "hello\nworld\n"); }
  SECTION("umask 0") {
    UmaskGuard guard(0);
    write_file_atomically(path, "hello\nworld\n");
  }
  SECTION("the target existed with mode 0644") {
    {
      std::ofstream old(path);
      old << "old content that is longer than the new one\n";
    }
    REQUIRE(::chmod(path.c_str(), 0644) == 0);
    write_file_atomically(path, "hello\nworld\n");
  }
  CHECK(test::read_file(path) == "hello\nworld\n");
  CHECK(mode_of(path) == 0600);
  CHECK(dir.entries() == std::set<std::string>{"summary.txt"});  // no temporary file left
}

TEST_CASE("write_file_atomically handles short writes and empty content", "[atomic_file]") {
  TempDir dir;
  std::string path = dir.path + "/out.json";
  write_file_atomically(path, "0123456789", FileSystemCalls{&write_short, &::fsync});
  CHECK(test::read_file(path) == "0123456789");
  write_file_atomically(path, "");
  CHECK(test::read_file(path).empty());
  CHECK(mode_of(path) == 0600);
}

TEST_CASE("write_file_atomically: targets it cannot create exit 73 and leave nothing", "[atomic_file]") {
  TempDir dir;
  std::string message;
  SECTION("an existing directory") {
    REQUIRE(::mkdir((dir.path + "/sub").c_str(), 0700) == 0);
    CHECK(code_of(dir.path + "/sub", "secret answers", real_file_system_calls(), &message) == ExitCode::cant_create);
    CHECK(message.find("sub") != std::string::npos);
    CHECK(message.find("directory") != std::string::npos);
    CHECK(dir.entries() == std::set<std::string>{"sub"});
  }
  SECTION("a missing parent") {
    CHECK(code_of(dir.path + "/missing/out.txt", "secret answers", real_file_system_calls(), &message) ==
          ExitCode::cant_create);
    CHECK(message.find("missing/out.txt") != std::string::npos);
    CHECK(message.find("does not exist") != std::string::npos);
    CHECK(dir.entries().empty());
  }
  SECTION("a parent that is a regular file") {
    { std::ofstream file(dir.path + "/plain"); }
    CHECK(code_of(dir.path + "/plain/out.txt", "secret answers", real_file_system_calls(), &message) ==
          ExitCode::cant_create);
    CHECK(dir.entries() == std::set<std::string>{"plain"});
  }
  SECTION("a trailing slash") {
    CHECK(code_of(dir.path + "/", "secret answers", real_file_system_calls(), &message) == ExitCode::cant_create);
  }
  CHECK(message.find("secret") == std::string::npos);  // never the content
}

TEST_CASE("write_file_atomically: a failed write removes the temporary file", "[atomic_file]") {
  TempDir dir;
  std::string path = dir.path + "/summary.md";
  std::string message;
  SECTION("disk full: exit 73, no file") {
    CHECK(code_of(path, "secret answers", FileSystemCalls{&write_disk_full, &::fsync}, &message) ==
          ExitCode::cant_create);
    CHECK(message.find("No space") != std::string::npos);
    CHECK(dir.entries().empty());
  }
  SECTION("I/O error after a partial write: exit 74, no partial file") {
    CHECK(code_of(path, "secret answers", FileSystemCalls{&write_io_error_after_some, &::fsync}, &message) ==
          ExitCode::io);
    CHECK(dir.entries().empty());
  }
  SECTION("fsync fails: exit 74, the old file is untouched") {
    {
      std::ofstream old(path);
      old << "old";
    }
    CHECK(code_of(path, "secret answers", FileSystemCalls{&::write, &fsync_fails}, &message) == ExitCode::io);
    CHECK(dir.entries() == std::set<std::string>{"summary.md"});
    CHECK(test::read_file(path) == "old");
  }
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("secret") == std::string::npos);
}
