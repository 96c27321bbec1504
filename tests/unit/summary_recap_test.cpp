// Unit tests of the recap after a text summary at a terminal, on hand-built results.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "summary_fixture.hpp"
#include "test_support.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

SummaryOptions recap_options(const std::string& language, int width = 80) {
  SummaryOptions options;
  options.language = language;
  options.width = width;
  options.date = "2025-01-15";
  return options;
}

std::size_t display_width(const std::string& line) {
  std::size_t width = 0;
  for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

/// A prompt result: the clinical flag (its own first step) and the crisis flag's step as a second one.
Result prompt_result() {
  Result result = test::fixture_routine_result();
  result.urgency = Urgency::prompt;
  result.recommendation = 3;
  result.red_flags = {{1, Tier::clinical}};
  return result;
}

Result crisis_result() {
  Result result = test::fixture_routine_result();
  result.urgency = Urgency::crisis;
  result.recommendation = 3;
  result.ranking = {{3, 5, 0, false}, {1, 3.5, 1.5, false}};
  result.red_flags = {{0, Tier::crisis}};
  return result;
}

/// The line of the summary that starts with `start` (the summary is rendered wide, so it is one line).
std::string summary_line(const std::string& summary, const std::string& start) {
  for (const std::string& line : test::split_lines(summary)) {
    if (line.rfind(start, 0) == 0) return line;
  }
  FAIL("no line starts with " << start);
  return {};
}

}  // namespace

TEST_CASE("recap: the advice, how soon and how to save, as the summary says them", "[summary][recap]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    SummaryOptions wide = recap_options(language, 200);
    std::string summary = render_summary(bank, answers, result, wide);
    std::string recap = render_recap(bank, answers, result, wide);
    const bool nl = language == "nl";
    // The same advice and how-soon lines as in the summary, word for word.
    std::string advice = summary_line(summary, nl ? "Wat het best lijkt te passen:" : "What seems to fit best:");
    CHECK(advice.find(nl ? "coaching-nl" : "coaching-en") != std::string::npos);
    CHECK(recap.find(advice + "\n") != std::string::npos);
    std::string soon = summary_line(summary, nl ? "Hoe snel:" : "How soon:");
    CHECK(recap.find(soon + "\n") != std::string::npos);
    CHECK(recap.find(nl ? "In het kort" : "In short") == recap.find(' ') + 1);  // the rule comes first
    CHECK(recap.find(nl ? "Om je overzicht te bewaren: start opnieuw met --out BESTAND."
                        : "To save your summary, run again with --out FILE.") != std::string::npos);
    // No first steps of its own: the how-soon sentence says what to do; no crisis lines.
    CHECK(recap.find(nl ? "Eerste stap" : "First step") == std::string::npos);
    CHECK(recap.find("113") == std::string::npos);
    CHECK(recap.find(nl ? "coaching-en" : "coaching-nl") == std::string::npos);
    // Short: at most eight lines at 80 columns, none wider.
    std::vector<std::string> lines = test::split_lines(render_recap(bank, answers, result, recap_options(language)));
    CHECK(lines.size() <= 8);
    for (const std::string& line : lines) CHECK(display_width(line) <= 80);
  }
}

TEST_CASE("recap: a red flag's first step, and where the summary was saved", "[summary][recap]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = prompt_result();
  std::string en = render_recap(bank, answers, result, recap_options("en"), "out/summary.txt");
  CHECK(en.find("What seems to fit best: therapie-en\n") != std::string::npos);
  CHECK(en.find("How soon: this week\n") != std::string::npos);
  CHECK(en.find("First step: See your huisarts this week.\n") != std::string::npos);
  CHECK(en.find("Your summary was saved to out/summary.txt.\n") != std::string::npos);
  CHECK(en.find("--out FILE") == std::string::npos);
  std::string nl = render_recap(bank, answers, result, recap_options("nl"), "out/summary.txt");
  CHECK(nl.find("Wat het best lijkt te passen: therapie-nl\n") != std::string::npos);
  CHECK(nl.find("Hoe snel: deze week\n") != std::string::npos);
  CHECK(nl.find("Eerste stap: Ga deze week naar je huisarts.\n") != std::string::npos);
  CHECK(nl.find("Je overzicht is bewaard in out/summary.txt.\n") != std::string::npos);
  // A file name is shown sanitised, like all text at the terminal.
  std::string hostile = render_recap(bank, answers, result, recap_options("en"), "a\x1b]0;x\x07.txt");
  CHECK(hostile.find('\x1b') == std::string::npos);
}

TEST_CASE("recap: in a crisis it starts with the crisis lines", "[summary][recap]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = crisis_result();
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    const bool nl = language == "nl";
    std::string recap = render_recap(bank, answers, result, recap_options(language));
    std::vector<std::string> lines = test::split_lines(recap);
    REQUIRE(lines.size() >= 6);
    CHECK(lines.size() <= 9);
    CHECK(lines[1] == (nl ? "\u26a0 In acute nood:" : "\u26a0 In acute need:"));
    CHECK(lines[2] == (nl ? "  \u2022 113 Zelfmoordpreventie: 113 of 0800-0113"
                          : "  \u2022 113 Suicide Prevention: 113 or 0800-0113"));
    CHECK(lines[3] == (nl ? "  \u2022 Alarmnummer: 112" : "  \u2022 Emergency number: 112"));
    std::size_t advice =
        recap.find(nl ? "Wat het best lijkt te passen: therapie-nl" : "What seems to fit best: therapie-en");
    REQUIRE(advice != std::string::npos);
    CHECK(recap.find("112") < advice);
    // Never "now" beside a first step that says "today": a time frame that fits every crisis step.
    CHECK(recap.find(nl ? "Hoe snel: zo snel mogelijk, uiterlijk vandaag\n"
                        : "How soon: as soon as possible, today at the latest\n") > advice);
    CHECK(recap.find(nl ? "Eerste stap: Bel Veilig Thuis nu." : "First step: Call Veilig Thuis now.") !=
          std::string::npos);
  }
  // Colour: the crisis lines in red, only when asked; ASCII marks when asked.
  SummaryOptions plain = recap_options("en");
  plain.unicode = false;
  std::string ascii = render_recap(bank, answers, result, plain);
  CHECK(ascii.find("! In acute need:") != std::string::npos);
  for (char c : ascii) CHECK(static_cast<unsigned char>(c) < 0x80);
  CHECK(ascii.find('\x1b') == std::string::npos);
  SummaryOptions colour = recap_options("en");
  colour.color = true;
  CHECK(render_recap(bank, answers, result, colour).find("\x1b[1;31m") != std::string::npos);
}

TEST_CASE("recap: several first steps: the first, and a pointer to the rest", "[summary][recap]") {
  Bank bank = test::fixture_bank();
  bank.rules[1].effects.red_flag->tier = Tier::crisis;
  bank.rules[1].effects.red_flag->first_step = test::both("Bel 113 nu.", "Call 113 now.");
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = crisis_result();
  result.red_flags = {{1, Tier::crisis}, {0, Tier::crisis}};
  std::string recap = render_recap(bank, answers, result, recap_options("en"));
  CHECK(recap.find("First step: Call 113 now. The summary above names more steps.") != std::string::npos);
  CHECK(recap.find("Veilig Thuis") == std::string::npos);
}

TEST_CASE("recap: an incomplete result gets no advice, only a line that says so", "[summary][recap]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  Result result;
  result.status = Status::incomplete;
  result.missing = {0, 2};
  result.shown = {0, 1, 2};
  result.scores = {1, 2, 3, 4};
  result.recommendation = 1;  // even with a stray recommendation: incomplete means no advice
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    const bool nl = language == "nl";
    std::string recap = render_recap(bank, answers, result, recap_options(language));
    CHECK(recap.find(nl ? "Onvolledig: er is geen advies" : "Incomplete: there is no advice") != std::string::npos);
    CHECK(recap.find(nl ? "Wat het best" : "What seems to fit") == std::string::npos);
    CHECK(recap.find(nl ? "Hoe snel" : "How soon") == std::string::npos);
    CHECK(recap.find("--out") == std::string::npos);
  }
  // Incomplete in a crisis: the crisis lines still come first.
  result.urgency = Urgency::crisis;
  result.red_flags = {{0, Tier::crisis}};
  std::string crisis = render_recap(bank, answers, result, recap_options("en"));
  CHECK(crisis.find("113 or 0800-0113") < crisis.find("Incomplete: there is no advice"));
}
