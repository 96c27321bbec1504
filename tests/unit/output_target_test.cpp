// Output paths (issue 16, points 2, 4 and 6): one resolver for every output option, streams written
// in place, symlinks never replaced, special files refused, the temporary file removed on a signal,
// and failing streams reported.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <utility>

#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/cli/cli.hpp"
#include "wegwijzer/session/interrupt.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"

using namespace wegwijzer;

namespace {

using test::TempDir;

void write_plain(const std::string& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary);
  file << content;
}

bool is_symlink_to(const std::string& link, const std::string& target) {
  struct stat info {};
  if (::lstat(link.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return false;
  char buffer[4096];
  ssize_t length = ::readlink(link.c_str(), buffer, sizeof buffer);
  return length >= 0 && std::string(buffer, static_cast<std::size_t>(length)) == target;
}

/// The Fatal a call throws: its code and message (ExitCode::ok and "" when it throws none).
template <typename Call>
std::pair<ExitCode, std::string> fatal_of(Call call) {
  try {
    call();
  } catch (const Fatal& fatal) {
    return {fatal.code(), fatal.what()};
  }
  return {ExitCode::ok, ""};
}

/// A stream buffer whose every write fails, like a stream on /dev/full.
class FailingBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
  int sync() override { return -1; }
};

/// Runs `body` in a child process (so a signal kills the child, not the test runner) and returns
/// the child's wait status. The body's return value is the child's exit code.
template <typename Body>
int in_child(Body body) {
  std::cout.flush();
  std::fflush(nullptr);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 3;
    try {
      code = body();
    } catch (...) {
      code = 2;
    }
    ::_exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return status;
}

void default_action(int signal) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
}

// The seam: an fsync that raises a signal while the temporary file exists (set in the child).
int g_raise = 0;
int fsync_raising(int fd) {
  ::raise(g_raise);
  return ::fsync(fd);
}

// The seam for a signal from outside: an fsync that says so on a pipe and then takes long.
int g_in_fsync = -1;
int fsync_slow(int fd) {
  char byte = 'f';
  (void)::write(g_in_fsync, &byte, 1);
  ::sleep(20);
  return ::fsync(fd);
}

/// Keeps /dev/stdout a symlink even if a broken build replaced it (the tests run as root in CI).
void repair_dev_stdout() {
  // Both links: the tests write /dev/stderr too.
  for (const auto& [link, target] : {std::pair{"/dev/stdout", "/proc/self/fd/1"}, {"/dev/stderr", "/proc/self/fd/2"}}) {
    struct stat info {};
    if (::lstat(link, &info) == 0 && !S_ISLNK(info.st_mode) && ::geteuid() == 0) {
      ::unlink(link);
      (void)::symlink(target, link);
    }
  }
}

}  // namespace

TEST_CASE("resolve_output_target: /dev/stdout and /dev/stderr are the streams", "[output_target]") {
  for (const char* path : {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "//dev/./stdout", "/dev/../dev/stdout"}) {
    INFO(path);
    CHECK(resolve_output_target(path, "--out").kind == OutputKind::standard_output);
  }
  for (const char* path : {"/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"}) {
    INFO(path);
    CHECK(resolve_output_target(path, "--report").kind == OutputKind::standard_error);
  }
  // "-" is a stream only where the option says so (score --report); elsewhere a file named "-".
  CHECK(resolve_output_target("-", "--report", OutputKind::standard_error).kind == OutputKind::standard_error);
  CHECK(resolve_output_target("-", "--out").kind == OutputKind::file);
  // Other descriptors are symlinks to whatever they are: refused.
  CHECK(fatal_of([] { resolve_output_target("/dev/fd/0", "--out"); }).first == ExitCode::cant_create);
  CHECK(fatal_of([] { resolve_output_target("/dev/stdin", "--out"); }).first == ExitCode::cant_create);
}

TEST_CASE("a symbolic link is refused and never replaced", "[output_target]") {
  TempDir dir;
  const std::string real = dir.path + "/real.txt";
  const std::string link = dir.path + "/link.txt";
  write_plain(real, "the person's own file\n");
  REQUIRE(::symlink("real.txt", link.c_str()) == 0);
  const std::string dangling = dir.path + "/dangling.txt";
  REQUIRE(::symlink("nowhere.txt", dangling.c_str()) == 0);

  for (const std::string& target : {link, dangling}) {
    INFO(target);
    auto [code, message] = fatal_of([&] { write_file_atomically(target, "secret answers"); });
    CHECK(code == ExitCode::cant_create);
    CHECK(message.find(target) != std::string::npos);
    CHECK(message.find("symbolic link") != std::string::npos);
    std::istringstream in;
    std::ostringstream out, err;
    Io io{in, out, err};
    auto [out_code, out_message] = fatal_of([&] { write_output(target, "--out", "secret answers", io); });
    CHECK(out_code == ExitCode::cant_create);
    CHECK(out_message.find("--out '" + target + "'") != std::string::npos);
    CHECK(out_message.find("secret") == std::string::npos);
  }
  CHECK(is_symlink_to(link, "real.txt"));
  CHECK(is_symlink_to(dangling, "nowhere.txt"));
  CHECK(test::read_file(real) == "the person's own file\n");
  CHECK(dir.entries() == std::set<std::string>{"real.txt", "link.txt", "dangling.txt"});  // no temporary file
}

TEST_CASE("a symlinked parent directory is followed; the link stays", "[output_target]") {
  TempDir dir;
  REQUIRE(::mkdir((dir.path + "/realdir").c_str(), 0700) == 0);
  REQUIRE(::symlink("realdir", (dir.path + "/dirlink").c_str()) == 0);
  OutputTarget target = resolve_output_target(dir.path + "/dirlink/out.txt", "--out");
  CHECK(target.kind == OutputKind::file);
  CHECK(target.file().find("/realdir/out.txt") != std::string::npos);
  write_file_atomically(dir.path + "/dirlink/out.txt", "summary\n");
  CHECK(is_symlink_to(dir.path + "/dirlink", "realdir"));
  CHECK(test::read_file(dir.path + "/realdir/out.txt") == "summary\n");
  CHECK(dir.entries("realdir") == std::set<std::string>{"out.txt"});
}

TEST_CASE("devices, FIFOs, sockets and directories are refused naming the option and path", "[output_target]") {
  TempDir dir;
  const std::string fifo = dir.path + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string socket_path = dir.path + "/sock";
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  const std::string sub = dir.path + "/sub";
  REQUIRE(::mkdir(sub.c_str(), 0700) == 0);

  for (const std::string& target : {std::string("/dev/null"), std::string("/dev/zero"), fifo, socket_path, sub,
                                    sub + "/", dir.path + "/missing/out.txt"}) {
    INFO(target);
    auto [code, message] = fatal_of([&] { check_output_target(target, "--report", OutputKind::standard_error); });
    CHECK(code == ExitCode::cant_create);
    CHECK(message.find("--report '" + target + "'") != std::string::npos);
  }
  ::close(sock);
  struct stat info {};
  REQUIRE(::lstat("/dev/null", &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
  REQUIRE(::lstat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  REQUIRE(::lstat(socket_path.c_str(), &info) == 0);
  CHECK(S_ISSOCK(info.st_mode));
  CHECK(dir.entries() == std::set<std::string>{"fifo", "sock", "sub"});
}

TEST_CASE("write_output writes /dev/stdout and /dev/stderr in place through the streams", "[output_target]") {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  write_output("/dev/stdout", "--out", "summary on stdout\n", io);
  write_output("/dev/stderr", "--report", "report on stderr\n", io);
  write_output("-", "--report", "report on dash\n", io, OutputKind::standard_error);
  CHECK(out.str() == "summary on stdout\n");
  CHECK(err.str() == "report on stderr\nreport on dash\n");
  CHECK(is_symlink_to("/dev/stdout", "/proc/self/fd/1"));
  CHECK(is_symlink_to("/dev/stderr", "/proc/self/fd/2"));

  // A stream that fails is an I/O error (74) naming the option.
  FailingBuffer failing;
  std::ostream broken(&failing);
  Io bad{in, broken, broken};
  auto [code, message] = fatal_of([&] { write_output("/dev/stdout", "--out", "summary", bad); });
  CHECK(code == ExitCode::io);
  CHECK(message.find("--out '/dev/stdout'") != std::string::npos);
}

TEST_CASE("write_file_atomically to /dev/stdout writes descriptor 1 in place, the link stays",
          "[output_target][hardening]") {
  TempDir dir;
  // First the same protection on a link of our own: never risk /dev/stdout with a build that
  // replaces links (the tests run as root in CI).
  const std::string link = dir.path + "/stdout-link";
  REQUIRE(::symlink("/proc/self/fd/1", link.c_str()) == 0);
  CHECK(fatal_of([&] { write_file_atomically(link, "x"); }).first == ExitCode::cant_create);
  REQUIRE(is_symlink_to(link, "/proc/self/fd/1"));

  const std::string captured = dir.path + "/captured.txt";
  for (const char* stream : {"/dev/stdout", "/dev/stderr"}) {
    INFO(stream);
    int status = in_child([&] {
      int fd = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0) return 4;
      ::dup2(fd, std::strcmp(stream, "/dev/stdout") == 0 ? STDOUT_FILENO : STDERR_FILENO);
      write_file_atomically(stream, "written in place\n");
      return 0;
    });
    repair_dev_stdout();
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(test::read_file(captured) == "written in place\n");
  }
  CHECK(is_symlink_to("/dev/stdout", "/proc/self/fd/1"));
  CHECK(is_symlink_to("/dev/stderr", "/proc/self/fd/2"));
  CHECK(dir.entries() == std::set<std::string>{"stdout-link", "captured.txt"});
}

TEST_CASE("a signal during the write removes the temporary file, then ends the process",
          "[output_target][atomic_file][signals]") {
  for (int signal : {SIGTERM, SIGHUP, SIGINT}) {
    INFO(strsignal(signal));
    TempDir dir;
    const std::string path = dir.path + "/summary.txt";
    int status = in_child([&] {
      default_action(signal);
      g_raise = signal;
      write_file_atomically(path, "secret answers", FileSystemCalls{&::write, &fsync_raising});
      return 0;  // the signal should have ended the process
    });
    CHECK(WIFSIGNALED(status));
    if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == signal);
    CHECK(dir.entries().empty());  // neither the temporary file nor the target
  }
}

TEST_CASE("SIGTERM from outside during a slow fsync removes the temporary file", "[output_target][signals]") {
  TempDir dir;
  const std::string path = dir.path + "/summary.txt";
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  std::cout.flush();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    default_action(SIGTERM);
    g_in_fsync = pipe_fds[1];
    try {
      write_file_atomically(path, "secret answers", FileSystemCalls{&::write, &fsync_slow});
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  char byte = 0;
  REQUIRE(::read(pipe_fds[0], &byte, 1) == 1);  // the child is in fsync: the temporary file exists
  ::close(pipe_fds[0]);
  CHECK(dir.entries().size() == 1);
  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(dir.entries().empty());
}

TEST_CASE("an ignored signal stays ignored during the write", "[output_target][signals]") {
  TempDir dir;
  const std::string path = dir.path + "/summary.txt";
  int status = in_child([&] {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGHUP, &ignore, nullptr);  // as under nohup
    g_raise = SIGHUP;
    write_file_atomically(path, "summary", FileSystemCalls{&::write, &fsync_raising});
    struct sigaction after {};
    ::sigaction(SIGHUP, nullptr, &after);
    return after.sa_handler == SIG_IGN ? 0 : 5;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(dir.entries() == std::set<std::string>{"summary.txt"});
  CHECK(test::read_file(path) == "summary");
}

TEST_CASE("the session's Ctrl-C handling is restored after a write and holds during one", "[output_target][signals]") {
  TempDir dir;
  const std::string path = dir.path + "/summary.txt";
  SECTION("after the write SIGINT is the session's again: a flag, the process lives") {
    int status = in_child([&] {
      cli::InterruptGuard guard;
      write_file_atomically(path, "summary");
      ::raise(SIGINT);
      return cli::InterruptGuard::interrupted() ? 0 : 6;
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(dir.entries() == std::set<std::string>{"summary.txt"});
  }
  SECTION("Ctrl-C during the write: nothing saved, the process dies of SIGINT (status 130)") {
    int status = in_child([&] {
      cli::InterruptGuard guard;
      g_raise = SIGINT;
      write_file_atomically(path, "secret answers", FileSystemCalls{&::write, &fsync_raising});
      return 0;
    });
    CHECK(WIFSIGNALED(status));
    if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == SIGINT);
    CHECK(dir.entries().empty());
  }
  SECTION("any previous handler comes back") {
    int status = in_child([&] {
      struct sigaction mine {};
      mine.sa_handler = [](int) {};
      sigemptyset(&mine.sa_mask);
      ::sigaction(SIGTERM, &mine, nullptr);
      write_file_atomically(path, "summary");
      struct sigaction after {};
      ::sigaction(SIGTERM, nullptr, &after);
      return after.sa_handler == mine.sa_handler ? 0 : 7;
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}

TEST_CASE("score --report - with standard error failing is exit 74", "[output_target][score-cli]") {
  TempDir dir;
  const std::string input = dir.path + "/in.jsonl";
  write_plain(input, "{\"id\":\"a\",\"answers\":{}}\n");
  for (const char* report : {"-", "/dev/stderr"}) {
    INFO(report);
    std::istringstream in;
    std::ostringstream out;
    FailingBuffer failing;
    std::ostream err(&failing);
    Io io{in, out, err};
    CHECK(run_cli({"score", "--errors-ok", "--report", report, input}, io) == 74);
    CHECK(out.str().find("\"id\":\"a\"") != std::string::npos);  // the records were written
  }
  // The same report on a working stream: exit 0.
  auto ok = test::run({"score", "--errors-ok", "--report", "-", input});
  CHECK(ok.exit_code == 0);
  CHECK(!ok.err.empty());
}

TEST_CASE("ask --out F with standard output failing: F is saved, exit 74 says so", "[output_target][ask]") {
  TempDir dir;
  const std::string out_file = dir.path + "/summary.txt";
  std::istringstream in("2\n1\n1\n\n");
  FailingBuffer failing;
  std::ostream out(&failing);
  std::ostringstream err;
  Io io{in, out, err};
  int code = run_cli({"ask", "--bank", test::test_path("hardening/placeholder_bank.json"), "--out", out_file}, io);
  CHECK(code == 74);
  CHECK(err.str().find("saved to '" + out_file + "'") != std::string::npos);
  CHECK(test::read_file(out_file).find("wegwijzer") != std::string::npos);
  CHECK(dir.entries() == std::set<std::string>{"summary.txt"});
}

TEST_CASE("ask --out /dev/stdout writes the summary to standard output, the link stays", "[output_target][ask]") {
  {  // never risk /dev/stdout with a build that replaces links (the tests run as root in CI)
    TempDir dir;
    const std::string link = dir.path + "/stdout-link";
    REQUIRE(::symlink("/proc/self/fd/1", link.c_str()) == 0);
    REQUIRE(fatal_of([&] { write_file_atomically(link, "x"); }).first == ExitCode::cant_create);
  }
  auto run = test::run(
      {"ask", "--bank", test::test_path("hardening/placeholder_bank.json"), "--format", "json", "--out", "/dev/stdout"},
      "2\n1\n1\n\n");
  repair_dev_stdout();
  CHECK(run.exit_code == 0);
  // summary_only: the summary once for standard output, once for --out.
  std::size_t first = run.out.find("\"result\"");
  REQUIRE(first != std::string::npos);
  CHECK(run.out.find("\"result\"", first + 1) != std::string::npos);
  CHECK(is_symlink_to("/dev/stdout", "/proc/self/fd/1"));
}
