#include "wegwijzer/session/terminal.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <sstream>
#include <vector>

#include "wegwijzer/session/interrupt.hpp"

using wegwijzer::Io;
namespace cli = wegwijzer::cli;

namespace {

struct FakeIo {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Io io{in, out, err};
};

}  // namespace

TEST_CASE("language: --lang, else LANG starting with en, else Dutch", "[terminal]") {
  FakeIo fake;
  CHECK(cli::choose_language("", fake.io) == "nl");
  fake.io.environment["LANG"] = "en_GB.UTF-8";
  CHECK(cli::choose_language("", fake.io) == "en");
  CHECK(cli::choose_language("nl", fake.io) == "nl");
  fake.io.environment["LANG"] = "nl_NL.UTF-8";
  CHECK(cli::choose_language("", fake.io) == "nl");
  CHECK(cli::choose_language("en", fake.io) == "en");
  fake.io.environment["LANG"] = "C";
  CHECK(cli::choose_language("", fake.io) == "nl");
}

TEST_CASE("colour only on a terminal, without NO_COLOR, TERM=dumb or --no-color", "[terminal]") {
  FakeIo fake;
  fake.io.environment["TERM"] = "xterm-256color";
  CHECK_FALSE(cli::choose_color(fake.io, false));  // not a terminal
  fake.io.out_is_terminal = true;
  CHECK(cli::choose_color(fake.io, false));
  CHECK_FALSE(cli::choose_color(fake.io, true));
  fake.io.environment["NO_COLOR"] = "";
  CHECK(cli::choose_color(fake.io, false));  // empty NO_COLOR does not count
  fake.io.environment["NO_COLOR"] = "1";
  CHECK_FALSE(cli::choose_color(fake.io, false));
  fake.io.environment.erase("NO_COLOR");
  fake.io.environment["TERM"] = "dumb";
  CHECK_FALSE(cli::choose_color(fake.io, false));
}

TEST_CASE("Unicode when the first set locale variable says UTF-8", "[terminal]") {
  FakeIo fake;
  CHECK_FALSE(cli::choose_unicode(fake.io));
  fake.io.environment["LANG"] = "nl_NL.UTF-8";
  CHECK(cli::choose_unicode(fake.io));
  fake.io.environment["LC_CTYPE"] = "C";
  CHECK_FALSE(cli::choose_unicode(fake.io));
  fake.io.environment["LC_ALL"] = "en_US.utf8";
  CHECK(cli::choose_unicode(fake.io));
  fake.io.environment["LC_ALL"] = "";  // empty: not set
  CHECK_FALSE(cli::choose_unicode(fake.io));
}

TEST_CASE("width from the terminal, else COLUMNS, else 80, within 20..100", "[terminal]") {
  FakeIo fake;
  CHECK(cli::choose_width(fake.io) == 80);
  fake.io.environment["COLUMNS"] = "60";
  CHECK(cli::choose_width(fake.io) == 60);
  fake.io.environment["COLUMNS"] = "wide";
  CHECK(cli::choose_width(fake.io) == 80);
  fake.io.out_is_terminal = true;
  fake.io.terminal_width = 50;
  CHECK(cli::choose_width(fake.io) == 50);
  fake.io.terminal_width = 10;
  CHECK(cli::choose_width(fake.io) == 20);
  fake.io.terminal_width = 300;
  CHECK(cli::choose_width(fake.io) == 100);
}

TEST_CASE("the interrupt guard catches SIGINT without SA_RESTART and restores the old handler", "[terminal]") {
  struct sigaction before {};
  ::sigaction(SIGINT, nullptr, &before);
  {
    cli::InterruptGuard guard;
    CHECK_FALSE(cli::InterruptGuard::interrupted());
    struct sigaction installed {};
    ::sigaction(SIGINT, nullptr, &installed);
    CHECK((installed.sa_flags & SA_RESTART) == 0);
    CHECK(installed.sa_handler != before.sa_handler);
    std::raise(SIGINT);
    CHECK(cli::InterruptGuard::interrupted());
  }
  struct sigaction after {};
  ::sigaction(SIGINT, nullptr, &after);
  CHECK(after.sa_handler == before.sa_handler);
}

TEST_CASE("language: LANG's language when the bank has it, the region first", "[terminal]") {
  FakeIo fake;
  const std::vector<std::string> bank{"de", "pt-BR", "en"};
  fake.io.environment["LANG"] = "de_DE.UTF-8";
  CHECK(cli::choose_language("", fake.io, bank) == "de");
  fake.io.environment["LANG"] = "pt_BR.UTF-8";
  CHECK(cli::choose_language("", fake.io, bank) == "pt-BR");  // the bank's spelling
  fake.io.environment["LANG"] = "fr_FR.UTF-8";
  CHECK(cli::choose_language("", fake.io, bank) == "nl");  // not in the bank: the old rule, then a fallback
  CHECK(cli::choose_language("de", fake.io, bank) == "de");
}
