#include "wegwijzer/session/session.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "test_support.hpp"
#include "wegwijzer/cli/cli.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/session/session_render.hpp"
#include "wegwijzer/summary/summary.hpp"

using wegwijzer::Bank;
using wegwijzer::SessionOptions;
using wegwijzer::SessionOutcome;
using Kind = wegwijzer::SessionOutcome::Kind;

namespace {

// Question indices of tests/banks/session_bank.json.
constexpr std::size_t kNeed = 0;     // single, required, with help
constexpr std::size_t kTopics = 1;   // multiple, optional, hidden when need = task (1)
constexpr std::size_t kDown = 2;     // scale, required
constexpr std::size_t kUnsafe = 3;   // yes-no, required, no help; "yes" raises a crisis flag about home safety
constexpr std::size_t kRemarks = 4;  // text, optional

const Bank& session_bank() {
  static const Bank bank = wegwijzer::test::load_test_bank(wegwijzer::test::test_path("banks/session_bank.json"));
  return bank;
}

struct SessionRun {
  SessionOutcome outcome;
  std::string out;
};

SessionRun run_session(const std::string& input, SessionOptions options = {}, const Bank& bank = session_bank()) {
  std::istringstream in(input);
  std::ostringstream out;
  wegwijzer::Session session(bank, in, out, std::move(options));
  SessionRun run{session.run(), ""};
  run.out = out.str();
  return run;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

std::vector<std::uint16_t> options_of(const SessionOutcome& outcome, std::size_t question) {
  REQUIRE(outcome.answers);
  REQUIRE(outcome.answers->at(question));
  return outcome.answers->at(question)->options;
}

const std::string kTopicsText = "Over welke onderwerpen gaat het?";
const std::string kUnsafeText = "Voel je je thuis onveilig?";
const std::string kRemarksText = "Wil je nog iets kwijt?";

}  // namespace

TEST_CASE("the intro comes first: title, introduction, disclaimer and crisis lines", "[session]") {
  SessionRun run = run_session("");
  CHECK(run.outcome.kind == Kind::incomplete);
  std::size_t first_question = run.out.find("Waar wil je vooral hulp bij?");
  REQUIRE(first_question != std::string::npos);
  for (const char* part : {"Sessietest: welke hulp past?", "Een korte testvragenlijst.", "Dit is geen diagnose.", "113",
                           "0800-0113", "112"}) {
    INFO(part);
    std::size_t at = run.out.find(part);
    CHECK(at != std::string::npos);
    CHECK(at < first_question);
  }
}

TEST_CASE("skip logic: a question hidden by an earlier answer is not asked", "[session]") {
  // need = task hides topics.
  SessionRun hidden = run_session("1\n1\n2\n\n");
  REQUIRE(hidden.outcome.kind == Kind::completed);
  CHECK(hidden.out.find(kTopicsText) == std::string::npos);
  CHECK_FALSE(hidden.outcome.answers->at(kTopics));
  CHECK(options_of(hidden.outcome, kDown) == std::vector<std::uint16_t>{0});
  // need = goal shows it.
  SessionRun shown = run_session("2\n1\n1\n2\n\n");
  REQUIRE(shown.outcome.kind == Kind::completed);
  CHECK(shown.out.find(kTopicsText) != std::string::npos);
  CHECK(options_of(shown.outcome, kTopics) == std::vector<std::uint16_t>{0});
}

TEST_CASE("progress counts only the questions the skip logic shows", "[session]") {
  SessionRun run = run_session("1\n1\n2\n\n");
  // Topics waits on the first answer: not counted yet, so "at least".
  CHECK(run.out.find("Vraag 1 van minstens 4") != std::string::npos);
  // After "learning a task" the topics question is hidden and nothing is open: 4 questions, exactly.
  CHECK(run.out.find("Vraag 2 van 4") != std::string::npos);
  CHECK(run.out.find("Vraag 4 van 4") != std::string::npos);
  CHECK(run.out.find("van 5") == std::string::npos);
  SessionOptions english;
  english.language = "en";
  SessionRun en = run_session("2\n", english);
  CHECK(en.out.find("Question 1 of at least 4") != std::string::npos);
  CHECK(en.out.find("Question 2 of 5") != std::string::npos);  // "reaching a goal" shows topics
  CHECK(en.out.find("Which topics is it about?") != std::string::npos);
}

TEST_CASE("going back marks the earlier answer, a change is kept and the advice follows it", "[session]") {
  // need = task, then at "down" go back, choose goal: topics becomes visible and is asked.
  SessionRun changed = run_session("1\nb\n2\n1\n1\n2\n\n");
  REQUIRE(changed.outcome.kind == Kind::completed);
  CHECK(changed.out.find("Een taak leren \u2190 eerder gekozen") != std::string::npos);
  CHECK(options_of(changed.outcome, kNeed) == std::vector<std::uint16_t>{1});
  CHECK(options_of(changed.outcome, kTopics) == std::vector<std::uint16_t>{0});

  SessionRun unchanged = run_session("1\n1\n2\n\n");
  REQUIRE(unchanged.outcome.kind == Kind::completed);
  const Bank& bank = session_bank();
  CHECK(changed.outcome.result->recommendation == bank.find_outcome("coaching"));
  CHECK(unchanged.outcome.result->recommendation == bank.find_outcome("werkbegeleiding"));
  wegwijzer::SummaryOptions summary;
  std::string changed_summary =
      wegwijzer::render_summary(bank, *changed.outcome.answers, *changed.outcome.result, summary);
  std::string unchanged_summary =
      wegwijzer::render_summary(bank, *unchanged.outcome.answers, *unchanged.outcome.result, summary);
  CHECK(changed_summary != unchanged_summary);
}

TEST_CASE("going back keeps later answers that are still valid, pre-filled on the way forward", "[session]") {
  // goal, topics 1+3, down "often"; at "unsafe" go back three times to need, change to reflect;
  // then topics and down come again with their answers marked, and Enter keeps each.
  SessionRun run = run_session("2\n1,3\n3\nb\nb\nb\n3\n\n\n2\n\n");
  REQUIRE(run.outcome.kind == Kind::completed);
  CHECK(options_of(run.outcome, kNeed) == std::vector<std::uint16_t>{2});
  CHECK(options_of(run.outcome, kTopics) == std::vector<std::uint16_t>{0, 2});
  CHECK(options_of(run.outcome, kDown) == std::vector<std::uint16_t>{2});
  CHECK(options_of(run.outcome, kUnsafe) == std::vector<std::uint16_t>{1});
  // Asked, shown while going back, shown again on the way forward.
  CHECK(count(run.out, kTopicsText) == 3);
  CHECK(count(run.out, "Mijn werk \u2190 eerder gekozen") == 2);
}

TEST_CASE("after going back and answering, every later question is shown again in order", "[session]") {
  // goal, topics "work", down "often"; at "unsafe" back twice to topics, choose "team".
  SessionRun run = run_session("2\n1\n3\nb\nb\n2\n\n2\n\n");
  REQUIRE(run.outcome.kind == Kind::completed);
  CHECK(options_of(run.outcome, kTopics) == std::vector<std::uint16_t>{1});
  CHECK(options_of(run.outcome, kDown) == std::vector<std::uint16_t>{2});  // kept by Enter
  CHECK(options_of(run.outcome, kUnsafe) == std::vector<std::uint16_t>{1});
  // "down" with its earlier answer marked: once going back, once more on the way forward, after
  // the changed topics answer and before "unsafe" is asked again.
  const std::string down_marked = "Vaak \u2190 eerder gekozen";
  CHECK(count(run.out, down_marked) == 2);
  std::size_t second = run.out.rfind(down_marked);
  CHECK(run.out.rfind("Mijn werk \u2190 eerder gekozen") < second);
  CHECK(second < run.out.rfind(kUnsafeText));
}

TEST_CASE("b on the first question says so and asks again", "[session]") {
  SessionRun run = run_session("b\n");
  CHECK(run.out.find("Dit is de eerste vraag; verder terug kan niet.") != std::string::npos);
  CHECK(run.outcome.kind == Kind::incomplete);
}

TEST_CASE("invalid input gets one sentence and the question again", "[session]") {
  SessionRun run = run_session("7\nabc\n1,2\n1\n");
  CHECK(count(run.out, "Typ één nummer van 1 tot en met 4.") == 2);
  CHECK(count(run.out, "Bij deze vraag past één antwoord: typ één nummer van 1 tot en met 4.") == 1);
  CHECK(count(run.out, "Waar wil je vooral hulp bij?") == 4);
  CHECK(run.out.find("Vraag 2 van 4") != std::string::npos);  // "1" was then accepted
  SessionRun multiple = run_session("2\n1,9\n");
  CHECK(multiple.out.find("Typ een of meer nummers van 1 tot en met 3, gescheiden door een komma of een") !=
        std::string::npos);
}

TEST_CASE("a required question says so on an empty line; an optional one is skipped", "[session]") {
  SessionRun run = run_session("\n2\n\n1\n2\n\n");
  REQUIRE(run.outcome.kind == Kind::completed);
  CHECK(count(run.out, "Deze vraag is nodig voor het advies; kies een antwoord.") == 1);
  CHECK_FALSE(run.outcome.answers->at(kTopics));
  CHECK_FALSE(run.outcome.answers->at(kRemarks));
  CHECK(run.out.find("(mag je overslaan)") != std::string::npos);
}

TEST_CASE("multiple choice as 1,3 or 1 3", "[session]") {
  for (const char* topics : {"1,3", "1 3", "3, 1"}) {
    INFO(topics);
    SessionRun run = run_session(std::string("2\n") + topics + "\n1\n2\n\n");
    REQUIRE(run.outcome.kind == Kind::completed);
    CHECK(options_of(run.outcome, kTopics) == std::vector<std::uint16_t>{0, 2});
  }
}

TEST_CASE("free text is kept, without control characters", "[session]") {
  SessionRun run = run_session("1\n1\n2\n  het \x1b[31mwerk  \n");
  REQUIRE(run.outcome.kind == Kind::completed);
  REQUIRE(run.outcome.answers->at(kRemarks));
  CHECK(run.outcome.answers->at(kRemarks)->text == "het werk");
}

TEST_CASE("? shows the help text, or says there is none", "[session]") {
  SessionRun run = run_session("?\n1\n1\n?\n");
  CHECK(run.out.find("Uitleg: Kies het antwoord dat het dichtst in de buurt komt.") != std::string::npos);
  // The words the hints use work too, in both languages.
  for (const char* word : {"uitleg", "Uitleg", "help", "hulp", "explanation"}) {
    INFO(word);
    SessionRun worded = run_session(std::string(word) + "\n");
    CHECK(worded.out.find("Uitleg: Kies het antwoord dat het dichtst in de buurt komt.") != std::string::npos);
    CHECK(worded.out.find("Typ één nummer") == std::string::npos);
  }
  CHECK(run.out.find("Bij deze vraag is geen extra uitleg.") != std::string::npos);
  CHECK(run.outcome.kind == Kind::incomplete);
}

TEST_CASE("the crisis box appears right after the red-flag answer, before the next question", "[session]") {
  SessionOptions options;
  SessionRun run = run_session("1\n1\n1\n\n\n", options);
  REQUIRE(run.outcome.kind == Kind::completed);
  wegwijzer::SummaryOptions box_options;
  box_options.language = options.language;
  box_options.unicode = options.unicode;
  box_options.width = options.width;
  REQUIRE(run.outcome.result);
  std::string box = wegwijzer::render_crisis_box(session_bank(), *run.outcome.result, box_options);
  CHECK(box.find("Veilig Thuis") < box.find("112"));  // the flag is about safety at home
  std::size_t box_at = run.out.find(box);
  REQUIRE(box_at != std::string::npos);
  CHECK(count(run.out, box) == 1);
  CHECK(run.out.find(kUnsafeText) < box_at);
  CHECK(box_at < run.out.find(kRemarksText));
  CHECK(run.out.find("Druk op Enter om verder te gaan met de vragen, of typ q om te stoppen.") > box_at);
  // No box without the red-flag answer.
  SessionRun calm = run_session("1\n1\n2\n\n");
  CHECK(calm.out.find(box) == std::string::npos);
}

TEST_CASE("piped answers: the crisis box does not wait for Enter; the next line is the next answer", "[session]") {
  SessionOptions options;
  options.interactive = false;
  SessionRun run = run_session("1\n1\n1\nmijn opmerking\n", options);
  REQUIRE(run.outcome.kind == Kind::completed);
  CHECK(run.outcome.crisis_raised);
  CHECK(run.out.find("Veilig Thuis") != std::string::npos);
  CHECK(run.out.find("Druk op Enter om verder te gaan") == std::string::npos);
  REQUIRE(run.outcome.answers->at(kRemarks));
  CHECK(run.outcome.answers->at(kRemarks)->text == "mijn opmerking");
}

TEST_CASE("q after the crisis box stops, after the same confirmation, without saving", "[session]") {
  SessionRun unconfirmed = run_session("1\n1\n1\nq\n");
  CHECK(unconfirmed.outcome.kind == Kind::incomplete);
  CHECK(unconfirmed.outcome.crisis_raised);
  CHECK(unconfirmed.out.find("Wil je stoppen? Er wordt niets bewaard. (j/n)") != std::string::npos);
  SessionRun declined = run_session("1\n1\n1\nq\nn\n\n\n");
  CHECK(declined.outcome.kind == Kind::completed);
  CHECK(declined.out.find(kRemarksText) != std::string::npos);
  SessionRun run = run_session("1\n1\n1\nq\nj\n");
  CHECK(run.outcome.kind == Kind::quit);
  CHECK(run.outcome.crisis_raised);
  CHECK(run.out.find("Wil je stoppen? Er wordt niets bewaard. (j/n)") != std::string::npos);
  CHECK_FALSE(run.outcome.answers);
  CHECK(run.out.find(kRemarksText) == std::string::npos);
  CHECK(run.out.find("Gestopt. Er is niets bewaard.") != std::string::npos);
}

TEST_CASE("q quits only after confirmation", "[session]") {
  SessionRun declined = run_session("q\nn\n1\n");
  CHECK(declined.outcome.kind == Kind::incomplete);
  CHECK(declined.out.find("Wil je stoppen? Er wordt niets bewaard. (j/n)") != std::string::npos);
  CHECK(declined.out.find("Vraag 2 van 4") != std::string::npos);

  SessionRun confirmed = run_session("1\nstop\nmisschien\nj\n1\n");
  CHECK(confirmed.outcome.kind == Kind::quit);
  CHECK_FALSE(confirmed.outcome.answers);
  CHECK(confirmed.out.find("Typ j om te stoppen of n om verder te gaan.") != std::string::npos);
  CHECK(confirmed.out.find("Gestopt. Er is niets bewaard.") != std::string::npos);
  CHECK(confirmed.out.find("Vraag 3 van") == std::string::npos);
}

TEST_CASE("EOF ends the session as incomplete, at a question or a confirmation", "[session]") {
  CHECK(run_session("1\n1\n").outcome.kind == Kind::incomplete);
  CHECK(run_session("1\nq\n").outcome.kind == Kind::incomplete);
  CHECK(run_session("1\n1\n1\n").outcome.kind == Kind::incomplete);  // at the crisis prompt
  SessionRun run = run_session("2\n");
  CHECK_FALSE(run.outcome.answers);
  CHECK_FALSE(run.outcome.result);
}

TEST_CASE("the interrupted predicate ends the session at once", "[session]") {
  int polls = 0;
  SessionOptions options;
  // Polled before and after each read: true right after the second line was read.
  options.interrupted = [&polls] { return ++polls > 3; };
  SessionRun run = run_session("1\n1\n2\n\n", options);
  CHECK(run.outcome.kind == Kind::interrupted);
  CHECK_FALSE(run.outcome.answers);
  CHECK(run.out.find(kUnsafeText) == std::string::npos);
}

TEST_CASE("piped input gives a transcript: each answer echoed after the prompt", "[session]") {
  SessionOptions piped;
  piped.interactive = false;
  SessionRun run = run_session("2\n3 1\n\n", piped);
  CHECK(run.out.find("> 2\n") != std::string::npos);
  CHECK(run.out.find("> 3 1\n") != std::string::npos);
  SessionRun terminal = run_session("2\n3 1\n\n");
  CHECK(terminal.out.find("> 2\n") == std::string::npos);
}

TEST_CASE("colour only when asked; bank text is sanitised", "[session]") {
  Bank bank = session_bank();
  bank.title = wegwijzer::LocalText(
      std::map<std::string, std::string>{{"nl", "Titel\x1b]0;evil\x07 met \xe2\x80\xae omkering"}});
  SessionRun plain = run_session("", {}, bank);
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CHECK(plain.out.find("\xe2\x80\xae") == std::string::npos);
  SessionOptions colour;
  colour.color = true;
  SessionRun coloured = run_session("", colour, bank);
  CHECK(coloured.out.find("\x1b[1m") != std::string::npos);
  CHECK(coloured.out.find("evil") == std::string::npos);
}

TEST_CASE("ASCII mode uses no bytes outside ASCII of its own", "[session]") {
  SessionOptions ascii;
  ascii.unicode = false;
  ascii.language = "en";
  SessionRun run = run_session("1\nb\n", ascii);
  CHECK(run.out.find("Learning a task <- your earlier answer") != std::string::npos);
  CHECK(run.out.find("\u2190") == std::string::npos);
  CHECK(run.out.find("\u26a0") == std::string::npos);
}

TEST_CASE("text is wrapped to the width", "[session]") {
  using wegwijzer::cli::wrap_text;
  std::string wrapped = wrap_text("een twee drie vier vijf zes zeven acht negen tien elf", 20, "  1. ", "     ");
  CHECK(wrapped == "  1. een twee drie\n     vier vijf zes\n     zeven acht\n     negen tien elf\n");
  CHECK(wrap_text("a\nb", 20, "", "") == "a\nb\n");
  CHECK(wegwijzer::cli::display_width("één") == 3);
  SessionOptions narrow;
  narrow.width = 30;
  SessionRun run = run_session("", narrow);
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(wegwijzer::cli::display_width(line) <= 30);
  }
}

TEST_CASE("ask in-process: piped input that ends early exits 65 with 'incomplete' on stderr", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank.json");
  auto run = wegwijzer::test::run({"ask", "--bank", bank}, "2\n3\n");
  CHECK(run.exit_code == 65);
  CHECK(run.err == "onvolledig: geen advies (incomplete: no advice)\n");
  auto english = wegwijzer::test::run({"ask", "--bank", bank, "--lang", "en"}, "2\n");
  CHECK(english.exit_code == 65);
  CHECK(english.err == "incomplete: no advice\n");
  auto by_locale = wegwijzer::test::run({"ask", "--bank", bank}, "2\n", {{"LANG", "en_US.UTF-8"}});
  CHECK(by_locale.err == "incomplete: no advice\n");
  CHECK(by_locale.out.find("Question 1 of at least 4") != std::string::npos);
}

TEST_CASE("ask in-process: a finished questionnaire prints the summary and exits 0", "[session][ask]") {
  std::string bank_path = wegwijzer::test::test_path("banks/session_bank.json");
  auto run = wegwijzer::test::run({"ask", "--bank", bank_path, "--no-color"}, "1\n1\n2\n\n");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out.find("Klaar. Hieronder staat je overzicht.") != std::string::npos);
  CHECK(run.out.find('\x1b') == std::string::npos);
  const Bank& bank = session_bank();
  wegwijzer::AnswerSet answers(bank);
  answers.set(kNeed, {{0}, ""});
  answers.set(kDown, {{0}, ""});
  answers.set(kUnsafe, {{1}, ""});
  wegwijzer::SummaryOptions options;
  options.width = 80;
  options.unicode = false;
  std::string summary = wegwijzer::render_summary(bank, answers, wegwijzer::evaluate(bank, answers), options);
  // The summary's date is today's; compare up to the first line that differs by date only.
  CHECK(run.out.find(summary.substr(0, summary.find('\n'))) != std::string::npos);
}

TEST_CASE("ask in-process: quitting exits 65; bad flags exit 64", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank.json");
  auto quit = wegwijzer::test::run({"ask", "--bank", bank}, "q\nj\n");
  CHECK(quit.exit_code == 65);
  CHECK(quit.out.find("Gestopt. Er is niets bewaard.") != std::string::npos);
  CHECK(wegwijzer::test::run({"ask", "--format", "pdf"}).exit_code == 64);
  CHECK(wegwijzer::test::run({"ask", "--lang", "de"}).exit_code == 64);
  auto help = wegwijzer::test::run({"ask", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--out") != std::string::npos);
}

TEST_CASE("the commands hint is never split across lines when it fits", "[session]") {
  for (const char* language : {"nl", "en"}) {
    for (int width : {100, 80, 60, 40}) {
      INFO(language << " " << width);
      SessionOptions options;
      options.language = language;
      options.width = width;
      SessionRun run = run_session("1\nb\n", options);  // the second showing has "Enter alone keeps..."
      std::istringstream lines(run.out);
      std::size_t hints = 0;
      for (std::string line; std::getline(lines, line);) {
        if (line.find("(?") == std::string::npos) continue;
        ++hints;
        CHECK(line.substr(line.size() - 1) == ")");
        CHECK(wegwijzer::cli::display_width(line) <= static_cast<std::size_t>(width));
      }
      CHECK(hints == 3);  // need, down, need again
    }
  }
}

TEST_CASE("ask in-process: every exit after a crisis flag repeats the crisis lines", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank.json");
  const std::string lines = "113 Zelfmoordpreventie: 113 of 0800-0113";  // the bank's crisis lines
  auto quit = wegwijzer::test::run({"ask", "--bank", bank}, "1\n1\n1\nq\nj\n");
  CHECK(quit.exit_code == 65);
  std::size_t stopped = quit.out.find("Gestopt. Er is niets bewaard.");
  REQUIRE(stopped != std::string::npos);
  CHECK(quit.out.find(lines, stopped) != std::string::npos);
  // The person's own first step comes back too, not only the general lines.
  CHECK(quit.out.find("Bel Veilig Thuis: 0800-2000", stopped) != std::string::npos);
  auto ended = wegwijzer::test::run({"ask", "--bank", bank}, "1\n1\n1\n");
  CHECK(ended.exit_code == 65);
  std::size_t prompt = ended.out.rfind(kRemarksText);  // piped: the box does not wait, the next question follows
  REQUIRE(prompt != std::string::npos);
  CHECK(ended.out.find(lines, prompt) != std::string::npos);
  // Without a crisis flag the exit stays short.
  auto calm = wegwijzer::test::run({"ask", "--bank", bank}, "1\nq\nj\n");
  CHECK(calm.out.find(lines, calm.out.find("Gestopt")) == std::string::npos);
}

TEST_CASE("ask in-process: --out is checked before the first question", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank.json");
  for (const std::string& out : {wegwijzer::test::test_path("banks"), std::string("/nonexistent-wegwijzer-dir/s.txt"),
                                 wegwijzer::test::test_path("banks/session_bank.json") + "/s.txt"}) {
    INFO(out);
    auto run = wegwijzer::test::run({"ask", "--bank", bank, "--out", out}, "1\n1\n2\n\n");
    CHECK(run.exit_code == 73);
    CHECK(run.out.find("Vraag 1") == std::string::npos);
    CHECK(run.err.find("cannot write --out") != std::string::npos);
  }
}

TEST_CASE("ask in-process: a bank without the chosen language", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank_en.json");
  // From the environment (default Dutch): fall back to English and say so in English, once.
  auto fallback = wegwijzer::test::run({"ask", "--bank", bank}, "1\n");
  CHECK(fallback.exit_code == 65);
  CHECK(fallback.err ==
        "This questionnaire is not available in your language (nl); its questions are in 'en'.\n"
        "incomplete: no advice\n");
  CHECK(fallback.out.find("Question 1 of at least 4") != std::string::npos);
  CHECK(fallback.out.find("Vraag") == std::string::npos);
  CHECK(fallback.out.find("Do you need help right now?") != std::string::npos);
  // Asked for explicitly: a usage error naming the bank's languages.
  auto explicit_nl = wegwijzer::test::run({"ask", "--bank", bank, "--lang", "nl"}, "1\n");
  CHECK(explicit_nl.exit_code == 64);
  CHECK(explicit_nl.err.find("it has: en") != std::string::npos);
  CHECK(explicit_nl.out.empty());
  auto english = wegwijzer::test::run({"ask", "--bank", bank, "--lang", "en"}, "1\n");
  CHECK(english.err == "incomplete: no advice\n");
}

TEST_CASE("ask in-process: --format json or markdown to a non-terminal prints the summary alone", "[session][ask]") {
  std::string bank = wegwijzer::test::test_path("banks/session_bank.json");
  auto json = wegwijzer::test::run({"ask", "--bank", bank, "--format", "json"}, "1\n1\n2\n\n");
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("Vraag 1") == std::string::npos);
  CHECK(nlohmann::json::accept(json.out));
  auto markdown = wegwijzer::test::run({"ask", "--bank", bank, "--format", "markdown"}, "1\n1\n2\n\n");
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out.find("Vraag 1") == std::string::npos);
  CHECK(markdown.out.find("Klaar.") == std::string::npos);
  CHECK(markdown.out.rfind("#", 0) == 0);
  // Text keeps the transcript.
  auto text = wegwijzer::test::run({"ask", "--bank", bank}, "1\n1\n2\n\n");
  CHECK(text.out.find("Vraag 1") != std::string::npos);
  // A person typing at a terminal with the output redirected would answer blind: usage error.
  std::istringstream in("1\n1\n2\n\n");
  std::ostringstream out;
  std::ostringstream err;
  wegwijzer::Io io{in, out, err};
  io.in_is_terminal = true;
  CHECK(wegwijzer::run_cli({"ask", "--bank", bank, "--format", "json"}, io) == 64);
  CHECK(out.str().empty());
  CHECK(err.str().find("--out FILE") != std::string::npos);
}

TEST_CASE("progress: a question that waits on an answer to come is not counted; the total only grows", "[session]") {
  // Topics shown only when need = goal: hidden while need is unanswered.
  Bank bank = session_bank();
  wegwijzer::Condition goal;
  goal.kind = wegwijzer::Condition::Kind::equals;
  goal.question = kNeed;
  goal.options = {1};
  bank.questions[kTopics].show_if = goal;
  SessionRun run = run_session("2\n1\n1\n2\n\n", {}, bank);
  REQUIRE(run.outcome.kind == Kind::completed);
  CHECK(run.out.find("Vraag 1 van minstens 4") != std::string::npos);
  CHECK(run.out.find("Vraag 2 van 5") != std::string::npos);
  CHECK(run.out.find("Vraag 5 van 5") != std::string::npos);
  CHECK(run.out.find("Vraag 1 van minstens 5") == std::string::npos);  // never more than will be asked
  // need = task rules topics out: 4 questions, and never more promised.
  SessionRun task = run_session("1\n1\n2\n\n", {}, bank);
  CHECK(task.out.find("Vraag 2 van 4") != std::string::npos);
  const std::regex counter("Vraag (\\d+) van (minstens )?(\\d+)");
  std::size_t previous = 0;
  std::size_t shown = 0;
  for (std::sregex_iterator it(task.out.begin(), task.out.end(), counter), end; it != end; ++it) {
    std::size_t total = std::stoul((*it)[3].str());
    CHECK(total >= previous);
    CHECK(total <= 4);
    previous = total;
    ++shown;
  }
  CHECK(shown == 4);
}

TEST_CASE("the multiple-choice hint combines only options that may be combined", "[session]") {
  const std::string plain = "Typ een of meer nummers, gescheiden door een komma of een spatie.";
  SECTION("no exclusive option: the first two") {
    SessionRun run = run_session("2\n");
    CHECK(run.out.find("Typ een of meer nummers, bijvoorbeeld 1,2 of 1 2.") != std::string::npos);
  }
  SECTION("option 1 exclusive (\"none of these\"): 2 and 3") {
    Bank bank = session_bank();
    bank.questions[kTopics].options[0].exclusive = true;
    SessionRun run = run_session("2\n", {}, bank);
    CHECK(run.out.find("Typ een of meer nummers, bijvoorbeeld 2,3 of 2 3.") != std::string::npos);
    SessionOptions english;
    english.language = "en";
    SessionRun en = run_session("2\n", english, bank);
    CHECK(en.out.find("Type one or more numbers, for example 2,3 or 2 3.") != std::string::npos);
  }
  SECTION("option 3 exclusive: 1 and 2, and the example is accepted") {
    Bank bank = session_bank();
    bank.questions[kTopics].options[2].exclusive = true;
    SessionRun run = run_session("2\n1,2\n1\n2\n\n", {}, bank);
    CHECK(run.out.find("Typ een of meer nummers, bijvoorbeeld 1,2 of 1 2.") != std::string::npos);
    CHECK(run.out.find("kan niet samen met andere antwoorden") == std::string::npos);
    REQUIRE(run.outcome.kind == Kind::completed);
    CHECK(options_of(run.outcome, kTopics) == std::vector<std::uint16_t>{0, 1});
  }
  SECTION("fewer than two options that may be combined: no example") {
    Bank bank = session_bank();
    bank.questions[kTopics].options[0].exclusive = true;
    bank.questions[kTopics].options[2].exclusive = true;
    SessionRun run = run_session("2\n", {}, bank);
    CHECK(run.out.find(plain) != std::string::npos);
    CHECK(run.out.find("bijvoorbeeld") == std::string::npos);
    SessionOptions english;
    english.language = "en";
    SessionRun en = run_session("2\n", english, bank);
    CHECK(en.out.find("Type one or more numbers, separated by a comma or a space.") != std::string::npos);
  }
}

TEST_CASE("a very long input line is cut, not held whole", "[session]") {
  std::string huge(1 << 20, '7');  // 1 MiB of digits: not a valid answer
  SessionRun run = run_session(huge + "\n1\n");
  // The piped transcript echoes each line: the echo of the huge line is at most 64 KiB.
  std::size_t longest = 0;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) longest = std::max(longest, line.size());
  CHECK(longest <= 64 * 1024);
  CHECK(count(run.out, "Waar wil je vooral hulp bij?") >= 2);  // asked again after the bad line
}
