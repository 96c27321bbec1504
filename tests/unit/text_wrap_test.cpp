// Issue 16, finding 5: wrapping is linear in the text's length (a long unbroken word was quadratic:
// 1.9 million characters took 7.6 s per render).
#include "summary/text_wrap.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "summary_fixture.hpp"
#include "wegwijzer/summary/summary.hpp"

namespace {

using wegwijzer::summary::wrap;

/// Seconds `work` takes.
template <typename Work>
double seconds(Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// A generous bound for 2 million characters (linear: milliseconds optimised; quadratic: 5-12 s
/// optimised, minutes unoptimised), with more room for the unoptimised sanitizer build (no NDEBUG).
#ifdef NDEBUG
constexpr double kBoundSeconds = 2.0;
#else
constexpr double kBoundSeconds = 10.0;
#endif

}  // namespace

TEST_CASE("wrap: words longer than a line are split the same as before", "[summary][wrap]") {
  CHECK(wrap("abcdefghij", 4, "", "") == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(wrap("ab cdefghij kl", 5, "> ", "  ") == std::vector<std::string>{"> ab", "  cde", "  fgh", "  ij", "  kl"});
  CHECK(wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2, "", "") ==
        std::vector<std::string>{"\xc3\xa9\xc3\xa9", "\xc3\xa9\xc3\xa9", "\xc3\xa9"});
  CHECK(wrap("one\ntwo three", 9, "- ", "  ") == std::vector<std::string>{"- one", "  two", "  three"});
  CHECK(wrap("abc", 1, "-> ", "") == std::vector<std::string>{"-> a", "b", "c"});  // prefix wider than the line
}

TEST_CASE("wrap: a 2-million-character word is wrapped in linear time", "[summary][wrap][hardening]") {
  const std::string word(2'000'000, 'x');
  std::vector<std::string> lines;
  const double taken = seconds([&] { lines = wrap(word, 80, "> ", "  "); });
  INFO(taken << " s");
  CHECK(taken < kBoundSeconds);
  REQUIRE(lines.size() == (2'000'000 - 78 + 77) / 78 + 1);
  std::string joined;
  for (const auto& line : lines) {
    CHECK(line.size() <= 80);
    joined += line.substr(2);
  }
  CHECK(joined == word);

  // Two-byte characters: columns, not bytes.
  std::string accents;
  for (int i = 0; i < 1'000'000; ++i) accents += "\xc3\xa9";
  const double accent_time = seconds([&] { lines = wrap(accents, 80, "", ""); });
  INFO(accent_time << " s");
  CHECK(accent_time < kBoundSeconds);
  CHECK(lines.size() == 12'500);
  CHECK(lines.front().size() == 160);
}

TEST_CASE("wrap: a 2-million-character text of many words is wrapped in linear time", "[summary][wrap][hardening]") {
  // About 300,000 words of 1 to 13 letters, paragraphs, some words longer than a line and four of
  // 250,000 characters.
  std::string text;
  for (std::size_t i = 0; text.size() < 2'000'000; ++i) {
    text += std::string(1 + i % 13, static_cast<char>('a' + i % 26));
    text += i % 997 == 0 ? '\n' : ' ';
    if (i % 5000 == 0) text += std::string(500, 'L') + ' ';
    if (i % 60'000 == 30'000) text += std::string(250'000, 'W') + ' ';
  }
  std::vector<std::string> lines;
  const double taken = seconds([&] { lines = wrap(text, 60, "  - ", "    "); });
  INFO(taken << " s");
  CHECK(taken < kBoundSeconds);
  for (const auto& line : lines) CHECK(line.size() <= 60);
  CHECK(lines.size() > 2'000'000 / 60);
}

TEST_CASE("wrap: a summary with a 2-million-character bank text renders in linear time", "[summary][wrap][hardening]") {
  wegwijzer::Bank bank = wegwijzer::test::fixture_bank();
  bank.disclaimer = wegwijzer::test::both(std::string(2'000'000, 'd'), std::string(2'000'000, 'e'));
  const wegwijzer::AnswerSet answers = wegwijzer::test::fixture_routine_answers(bank);
  const wegwijzer::Result result = wegwijzer::test::fixture_routine_result();
  for (auto format : {wegwijzer::SummaryFormat::text, wegwijzer::SummaryFormat::markdown}) {
    wegwijzer::SummaryOptions options;
    options.format = format;
    options.language = "en";
    std::string summary;
    const double taken = seconds([&] { summary = wegwijzer::render_summary(bank, answers, result, options); });
    INFO(taken << " s");
    CHECK(taken < kBoundSeconds);
    CHECK(summary.find(std::string(70, 'e')) != std::string::npos);
  }
}
