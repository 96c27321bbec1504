#include "wegwijzer/support/sanitize.hpp"

#include <catch2/catch.hpp>

using wegwijzer::repair_utf8;
using wegwijzer::sanitize_for_terminal;

TEST_CASE("sanitize strips escape sequences and controls", "[sanitize]") {
  CHECK(sanitize_for_terminal("a\x1b[31mred\x1b[0m b") == "ared b");
  CHECK(sanitize_for_terminal("t\x1b]0;title\x07x") == "tx");
  CHECK(sanitize_for_terminal("t\x1b]8;;http://x\x1b\\link") == "tlink");
  CHECK(sanitize_for_terminal("bell\x07 del\x7f nul", true) == "bell del nul");
  CHECK(sanitize_for_terminal(std::string("a\0b", 3)) == "ab");
  CHECK(sanitize_for_terminal("c1\xc2\x9b"
                              "x") == "c1x");
  CHECK(sanitize_for_terminal("tab\tnl\n") == "tab\tnl\n");
  CHECK(sanitize_for_terminal("one\ntwo", false) == "one two");
  CHECK(sanitize_for_terminal("cr\rx") == "crx");
}

TEST_CASE("sanitize removes bidi overrides", "[sanitize]") {
  CHECK(sanitize_for_terminal("a\xe2\x80\xae"
                              "b\xe2\x81\xa6"
                              "c") == "abc");
  CHECK(sanitize_for_terminal("é ü ✓") == "é ü ✓");
}

TEST_CASE("invalid UTF-8 is replaced, never thrown on", "[sanitize]") {
  CHECK(repair_utf8("a\xff"
                    "b") ==
        "a\xef\xbf\xbd"
        "b");
  CHECK(repair_utf8("\xc3") == "\xef\xbf\xbd");
  CHECK(repair_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  CHECK(repair_utf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong
  CHECK(sanitize_for_terminal("x\xfe") == "x\xef\xbf\xbd");
}
