// Unit tests of the referral summary on hand-built results (independent of the engine).
#include "wegwijzer/summary/summary.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "summary_fixture.hpp"

using namespace wegwijzer;
using nlohmann::json;

namespace {

SummaryOptions options_for(SummaryFormat format, const std::string& language = "en") {
  SummaryOptions options;
  options.format = format;
  options.language = language;
  options.date = "2025-01-15";
  return options;
}

Result crisis_result(bool home_safety_flag) {
  Result result = test::fixture_routine_result();
  result.urgency = Urgency::crisis;
  result.recommendation = 3;
  result.ranking = {{3, 5, 0, false}, {1, 3.5, 1.5, false}};
  result.red_flags = {
      {home_safety_flag ? std::size_t{0} : std::size_t{1}, home_safety_flag ? Tier::crisis : Tier::clinical}};
  return result;
}

Result incomplete_result() {
  Result result;
  result.status = Status::incomplete;
  result.missing = {0, 2};
  result.shown = {0, 1, 2};
  result.scores = {1, 2, 3, 4};
  return result;
}

std::size_t display_width(const std::string& line) {
  std::size_t width = 0;
  for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

const SummaryFormat kFormats[] = {SummaryFormat::text, SummaryFormat::markdown, SummaryFormat::json};

/// options_for() with the widest text (200 columns), so most sentences stay on one line.
SummaryOptions unwrapped(SummaryFormat format, const std::string& language = "en") {
  SummaryOptions options = options_for(format, language);
  options.width = 200;
  return options;
}

/// `text` with every run of spaces and line breaks as one space, to find sentences that were wrapped.
std::string flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && !out.empty() && out.back() == ' ') continue;
    out += space ? ' ' : c;
  }
  return out;
}

}  // namespace

TEST_CASE("parse_summary_format knows the three formats", "[summary]") {
  SummaryFormat format = SummaryFormat::json;
  CHECK(parse_summary_format("text", format));
  CHECK(format == SummaryFormat::text);
  CHECK(parse_summary_format("markdown", format));
  CHECK(format == SummaryFormat::markdown);
  CHECK(parse_summary_format("json", format));
  CHECK(format == SummaryFormat::json);
  CHECK_FALSE(parse_summary_format("html", format));
  CHECK_FALSE(parse_summary_format("", format));
  CHECK(format == SummaryFormat::json);  // unchanged on failure
}

TEST_CASE("render_crisis_box: the first step and the resources of the crisis flags raised", "[summary]") {
  Bank bank = test::fixture_bank();
  for (const std::string language : {"nl", "en"}) {
    SummaryOptions options = options_for(SummaryFormat::text, language);
    options.width = 200;
    std::string box = render_crisis_box(bank, crisis_result(true), options);
    std::size_t step = box.find(language == "nl" ? "Bel Veilig Thuis nu." : "Call Veilig Thuis now.");
    std::size_t veilig = box.find("0800-2000");
    std::size_t danger = box.find("112");
    std::size_t line113 =
        box.find("113 or 0800-0113") != std::string::npos ? box.find("113 or 0800-0113") : box.find("113 of 0800-0113");
    std::size_t post = box.find("huisartsenpost");
    REQUIRE(step != std::string::npos);
    REQUIRE(line113 != std::string::npos);
    CHECK(step < veilig);
    CHECK(veilig < danger);
    CHECK(danger < line113);
    CHECK(line113 < post);
    CHECK(box.find("113.nl") != std::string::npos);
  }
}

TEST_CASE("render_crisis_box: a crisis flag without a first step or resources falls back to the crisis lines",
          "[summary]") {
  Bank bank = test::fixture_bank();
  bank.rules[0].effects.red_flag->first_step = LocalText();
  bank.rules[0].effects.red_flag->resources.clear();
  SummaryOptions options = options_for(SummaryFormat::text);
  options.width = 200;
  std::string box = render_crisis_box(bank, crisis_result(true), options);
  CHECK(box.find("Get help now") != std::string::npos);
  CHECK(box.find("0800-0113") < box.find("112"));
  CHECK(box.find("Veilig Thuis") == std::string::npos);
}

TEST_CASE("render_crisis_box: box lines have the same width; ASCII has no other bytes", "[summary]") {
  Bank bank = test::fixture_bank();
  for (int width : {40, 80}) {
    for (bool unicode : {true, false}) {
      SummaryOptions options = options_for(SummaryFormat::text);
      options.width = width;
      options.unicode = unicode;
      std::istringstream lines(render_crisis_box(bank, crisis_result(true), options));
      std::string line;
      int count = 0;
      while (std::getline(lines, line)) {
        ++count;
        CHECK(display_width(line) == static_cast<std::size_t>(width));
        if (!unicode) {
          for (char c : line) CHECK(static_cast<unsigned char>(c) < 0x80);
        }
      }
      CHECK(count >= 6);
    }
  }
  SummaryOptions color = options_for(SummaryFormat::text);
  CHECK(render_crisis_box(bank, crisis_result(true), color).find('\x1b') == std::string::npos);
  color.color = true;
  CHECK(render_crisis_box(bank, crisis_result(true), color).find("\x1b[") != std::string::npos);
}

TEST_CASE("summary: the crisis box comes first only when urgency is crisis", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  std::string routine = render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::text));
  CHECK(routine.find("Do you need help right now?") == std::string::npos);
  std::string crisis = render_summary(bank, answers, crisis_result(true), options_for(SummaryFormat::text));
  std::size_t box = crisis.find("Do you need help right now?");
  REQUIRE(box != std::string::npos);
  CHECK(box < crisis.find("Referral summary"));
  CHECK(crisis.find("Veilig Thuis") != std::string::npos);
  CHECK(crisis.find("How soon: Call Veilig Thuis now.") != std::string::npos);
  std::string markdown = render_summary(bank, answers, crisis_result(true), options_for(SummaryFormat::markdown));
  CHECK(markdown.rfind("> **Do you need help right now?**", 0) == 0);
  // A crisis flag without home safety: no Veilig Thuis.
  Result no_home = crisis_result(false);
  no_home.red_flags = {};
  CHECK(render_summary(bank, answers, no_home, options_for(SummaryFormat::text)).find("Veilig Thuis") ==
        std::string::npos);
}

TEST_CASE("summary: urgency in plain words in both languages", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text)).find("There is no hurry") !=
        std::string::npos);
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text, "nl")).find("geen haast") !=
        std::string::npos);
  result.urgency = Urgency::prompt;
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text)).find("GP (huisarts) this week") !=
        std::string::npos);
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text, "nl")).find("huisarts") !=
        std::string::npos);
}

TEST_CASE("summary: every section shows its content", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.red_flags = {{1, Tier::clinical}};
  result.unknown_red_flags = {2};
  std::string text = render_summary(bank, answers, result, options_for(SummaryFormat::text));
  const std::string sha = std::string(64, 'a');
  for (const char* expected : {"What seems to fit best: coaching-en",
                               "To the question \"What fits best?\" you answered: A goal.",
                               "Down nearly every day.",
                               "supervisie-en: not now, because the signs above come first",
                               "therapie-en: does not fit your answers now",
                               "The difference is small",
                               "\n1/3 ███░░░░░░░ low",
                               "an indication, not a diagnosis",
                               "What it is: What it is.",
                               "Only voluntary.",
                               "Life not worth living?",
                               "discuss them with",
                               "About what?",
                               "Work; Private life",
                               "secret free text",
                               "fixture, version 1.2.3",
                               sha.c_str(),
                               "2025-01-15",
                               "This is not a diagnosis.",
                               "113 or 0800-0113"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  // Hidden question (life_worth is not in `shown`) is not among the answers.
  CHECK(text.find("→ Yes") == std::string::npos);
  // Without a red flag the alternatives say in words how they compare (0.75 is within the close margin 1).
  result.red_flags.clear();
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text))
            .find("supervisie-en: fits nearly as well") != std::string::npos);
  CHECK(render_summary(bank, answers, result, options_for(SummaryFormat::text, "nl"))
            .find("supervisie-nl: past bijna even goed") != std::string::npos);
}

TEST_CASE("summary: an incomplete result never looks like advice", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  answers.set(1, Answer{{1}, ""});
  for (SummaryFormat format : kFormats) {
    for (const std::string language : {"nl", "en"}) {
      std::string out = render_summary(bank, answers, incomplete_result(), options_for(format, language));
      INFO(out);
      CHECK(out.find(language == "nl" ? "Onvolledig: geen advies" : "Incomplete: no advice") != std::string::npos);
      CHECK(out.find(language == "nl" ? "Wat het best lijkt te passen" : "What seems to fit best") ==
            std::string::npos);
      CHECK(out.find("coaching-") == std::string::npos);
      CHECK(out.find(language == "nl" ? "Wat past het best?" : "What fits best?") != std::string::npos);
      CHECK(out.find("0800-0113") != std::string::npos);
      CHECK(out.find("112") != std::string::npos);
    }
  }
  Result crisis = incomplete_result();
  crisis.urgency = Urgency::crisis;
  std::string out = render_summary(bank, answers, crisis, options_for(SummaryFormat::text));
  CHECK(out.find("Do you need help right now?") < out.find("Incomplete: no advice"));
}

TEST_CASE("summary: the footer always names the crisis lines", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  for (SummaryFormat format : kFormats) {
    for (const std::string language : {"nl", "en"}) {
      std::string out = render_summary(bank, answers, test::fixture_routine_result(), options_for(format, language));
      CHECK(out.find("0800-0113") != std::string::npos);
      CHECK(out.find("112") != std::string::npos);
    }
  }
}

TEST_CASE("summary text: wrapped to the width, ASCII when asked, colour only when asked", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.outcomes[1].what_to_expect = test::both(
      "Een lange tekst die zeker over de breedte van de regel heen loopt en dus netjes moet worden afgebroken.",
      "A long text that certainly runs past the width of the line and must therefore be wrapped neatly at spaces.");
  AnswerSet answers(bank);
  answers.set(0, Answer{{1}, ""});
  for (int width : {40, 60, 100}) {
    for (bool unicode : {true, false}) {
      SummaryOptions options = options_for(SummaryFormat::text);
      options.width = width;
      options.unicode = unicode;
      std::istringstream lines(render_summary(bank, answers, crisis_result(true), options));
      std::string line;
      while (std::getline(lines, line)) {
        INFO(line);
        CHECK(display_width(line) <= static_cast<std::size_t>(width));
        if (!unicode) {
          for (char c : line) CHECK(static_cast<unsigned char>(c) < 0x80);
        }
      }
    }
  }
  SummaryOptions options = options_for(SummaryFormat::text);
  CHECK(render_summary(bank, answers, crisis_result(true), options).find('\x1b') == std::string::npos);
  options.color = true;
  CHECK(render_summary(bank, answers, crisis_result(true), options).find("\x1b[1m") != std::string::npos);
}

TEST_CASE("summary text: bank and answer text is sanitised for the terminal", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.questions[0].text = test::both("Vraag\x1b]0;title\x07 \xe2\x80\xae?", "Question\x1b[2J \xe2\x80\xae?\x9b");
  bank.outcomes[1].what_it_is = test::both("Bad\x07 text \xff", "Bad\x07 text \xff");
  AnswerSet answers = test::fixture_routine_answers(bank);
  answers.set(4, Answer{{}, "free\x1b[31m red \x1b[0m\r\x7f text"});
  std::string out = render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::text));
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out.find('\x7f') == std::string::npos);
  CHECK(out.find("\xe2\x80\xae") == std::string::npos);
  CHECK(out.find("free red text") != std::string::npos);  // wrapping joins spaces
  CHECK(out.find("Bad text \xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("summary markdown: answer and bank text is escaped", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.questions[0].options[1].label = test::both("*doel* <b>", "*goal* <b> [x](y) `c` #h |t| _u_ \\");
  AnswerSet answers = test::fixture_routine_answers(bank);
  answers.set(4, Answer{{}, "# heading\n- item\n1. one\n<script>"});
  std::string out = render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::markdown));
  CHECK(out.find("\\*goal\\* \\<b\\> \\[x\\](y) \\`c\\` \\#h \\|t\\| \\_u\\_ \\\\") != std::string::npos);
  CHECK(out.find("<script>") == std::string::npos);
  CHECK(out.find("\\<script\\>") != std::string::npos);
  CHECK(out.find("\n# heading") == std::string::npos);
  CHECK(out.find("\\# heading") != std::string::npos);
  CHECK(out.find("\\- item") != std::string::npos);
  CHECK(out.find("1\\. one") != std::string::npos);
  // Our own structure is there.
  CHECK(out.rfind("# Referral summary", 0) == 0);
  CHECK(out.find("\n## Advice\n") != std::string::npos);
  CHECK(out.find("`███░░░░░░░`") != std::string::npos);
}

TEST_CASE("summary json: machine record plus texts, valid even with invalid UTF-8", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  answers.set(4, Answer{{}, "bad \xff\xfe utf8 \"quoted\""});
  Result result = test::fixture_routine_result();
  result.red_flags = {{1, Tier::clinical}};
  std::string out = render_summary(bank, answers, result, options_for(SummaryFormat::json, "nl"));
  json parsed = json::parse(out);
  CHECK(parsed["summary_schema_version"] == 3);
  CHECK(parsed["language"] == "nl");
  CHECK(parsed["date"] == "2025-01-15");
  CHECK(parsed["result"]["recommendation"] == "coaching");
  CHECK(parsed["result"]["answers"]["remarks"] == true);
  const json& texts = parsed["texts"];
  CHECK(texts["advice"]["name"] == "coaching-nl");
  CHECK(texts["advice"]["urgency"].get<std::string>().find("geen haast") != std::string::npos);
  CHECK(texts["red_flags"][0] == json({{"rule", "daily-low-mood"}, {"text", "Bijna elke dag somber."}}));
  CHECK(texts["notes"][0]["text"] == "Alleen vrijwillig.");
  CHECK(texts["outcome_texts"]["what_it_is"] == "Wat het is.");
  CHECK(texts["crisis_box"].is_null());
  CHECK(texts["answers"].back()["answer"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8 \"quoted\"");
  CHECK(texts["answers"].back()["free_text"] == true);
  REQUIRE(texts["crisis_lines"].size() == 2);
  CHECK(texts["crisis_lines"][0].get<std::string>().find("0800-0113") != std::string::npos);
  CHECK(texts["crisis_lines"][1].get<std::string>().find("112") != std::string::npos);
}

TEST_CASE("summary: alternatives set aside by a required outcome, tied, or behind", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.rules[0].effects.require = {3};
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = crisis_result(true);
  result.fired_rules = {0};
  result.ranking = {{3, 1, 0, false}, {1, 3.5, -2.5, false}};
  std::string out = render_summary(bank, answers, result, options_for(SummaryFormat::text));
  CHECK(out.find("coaching-en: not now, because the signs above come first") != std::string::npos);
  CHECK(out.find("points behind") == std::string::npos);
  result.fired_rules = {};
  result.red_flags = {};
  result.urgency = Urgency::routine;
  result.ranking = {{3, 1, 0, false}, {1, 1, 0, false}};
  CHECK(
      render_summary(bank, answers, result, options_for(SummaryFormat::text)).find("coaching-en: fits just as well") !=
      std::string::npos);
}

namespace {

/// The lines of the text summary between two headings (exclusive).
std::vector<std::string> section_lines(const std::string& text, const std::string& from, const std::string& to) {
  std::vector<std::string> lines;
  std::size_t begin = text.find("\n" + from + "\n");
  std::size_t end = text.find("\n" + to + "\n", begin == std::string::npos ? 0 : begin);
  if (begin == std::string::npos || end == std::string::npos) return lines;
  std::istringstream in(text.substr(begin + from.size() + 2, end - begin - from.size() - 2));
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

Reason rule_reason(std::size_t rule, std::size_t outcome) {
  Reason reason;
  reason.kind = Reason::Kind::rule;
  reason.rule = rule;
  reason.outcome = outcome;
  reason.effect = 1;
  return reason;
}

/// A therapy result whose reasons start with two red-flag rules, then rules without notes, then answers.
std::pair<Bank, Result> red_flag_reasons_case() {
  Bank bank = test::fixture_bank();
  bank.rules[0].when.kind = Condition::Kind::equals;
  bank.rules[0].when.question = 2;  // life_worth = yes
  bank.rules[0].when.options = {0};
  Rule require;
  require.id = "require-therapy";
  require.effects.require = {3};
  Rule exclude;
  exclude.id = "exclude-work-guidance";
  exclude.effects.exclude = {0};
  Rule weights1;
  weights1.id = "weights-1";
  weights1.effects.weights = {0, 0, 0, 2};
  Rule weights2 = weights1;
  weights2.id = "weights-2";
  bank.rules.push_back(require);   // 3
  bank.rules.push_back(exclude);   // 4
  bank.rules.push_back(weights1);  // 5
  bank.rules.push_back(weights2);  // 6
  Result result = test::fixture_routine_result();
  result.shown = {0, 1, 2, 3, 4};
  result.urgency = Urgency::crisis;
  result.recommendation = 3;
  result.ranking = {{3, 5, 0, false}, {1, 3.5, 1.5, false}};
  result.red_flags = {{0, Tier::crisis}, {1, Tier::clinical}};
  result.fired_rules = {0, 1, 3, 4, 5, 6};
  Reason answer;
  answer.kind = Reason::Kind::answer;
  answer.question = 1;
  answer.option = 1;
  answer.outcome = 3;
  answer.effect = 3;
  result.reasons = {rule_reason(0, 3),
                    rule_reason(1, 3),
                    rule_reason(3, 3),
                    rule_reason(4, 3),
                    rule_reason(5, 3),
                    rule_reason(6, 3),
                    answer};
  result.notes = {};
  return {bank, result};
}

}  // namespace

TEST_CASE("summary why: red-flag rules are not repeated, every line is distinct and specific", "[summary]") {
  auto [bank, result] = red_flag_reasons_case();
  AnswerSet answers = test::fixture_routine_answers(bank);
  answers.set(1, Answer{{1}, ""});
  answers.set(2, Answer{{0}, ""});
  for (const std::string language : {"en", "nl"}) {
    std::string text = render_summary(bank, answers, result, options_for(SummaryFormat::text, language));
    INFO(text);
    const bool en = language == "en";
    std::vector<std::string> why =
        section_lines(text, en ? "Why" : "Waarom", en ? "Alternatives" : "Andere mogelijkheden");
    REQUIRE_FALSE(why.empty());
    std::vector<std::string> bullets;
    for (const auto& line : why) {
      if (line.rfind("• ", 0) == 0) bullets.push_back(line);
    }
    // Each red-flag message once on the page, and no bullet repeated.
    for (const char* message :
         {"Crisis message.", "Down nearly every day.", "Crisisbericht.", "Bijna elke dag somber."}) {
      std::size_t first = text.find(message);
      if (first != std::string::npos) CHECK(text.find(message, first + 1) == std::string::npos);
    }
    for (std::size_t i = 0; i < bullets.size(); ++i) {
      for (std::size_t k = i + 1; k < bullets.size(); ++k) CHECK(bullets[i] != bullets[k]);
    }
    // The generic weights line appears at most once although two rules gave it.
    const std::string generic = en ? "points towards therapie-en" : "wijst naar therapie-nl";
    std::size_t first = text.find(generic);
    CHECK(first != std::string::npos);
    CHECK(text.find(generic, first + 1) == std::string::npos);
    // Require and exclude rules say what they did.
    CHECK(text.find(en ? "leaves only therapie-en for now" : "laat voor nu alleen therapie-nl over") !=
          std::string::npos);
    CHECK(text.find(en ? "rules out werkbegeleiding-en" : "sluit werkbegeleiding-nl") != std::string::npos);
    // The answer that weighed most is among the reasons (top 4: require, exclude, weights, answer).
    CHECK(text.find(en ? "• To the question \"How often down?\" you answered: Daily."
                       : "• Op de vraag \"Hoe vaak somber?\" antwoordde je: Dagelijks.") != std::string::npos);
    // The crisis flag shows the answer that raised it, once, under the signs.
    const std::string raised = en ? "To the question \"Life not worth living?\" you answered: Yes."
                                  : "Op de vraag \"Leven niet de moeite waard?\" antwoordde je: Ja.";
    std::size_t at = text.find(raised);
    REQUIRE(at != std::string::npos);
    CHECK(at > text.find(en ? "Crisis message." : "Crisisbericht."));
    CHECK(text.find(raised, at + 1) == std::string::npos);
  }
  std::string markdown = render_summary(bank, answers, result, options_for(SummaryFormat::markdown));
  CHECK(markdown.find("To the question \"Life not worth living?\" you answered: Yes.") != std::string::npos);
  CHECK(markdown.find("Crisis message.") == markdown.rfind("Crisis message."));
}

TEST_CASE("summary why: a rule's note is its reason and is not repeated as a note", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  std::string text = render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::text));
  INFO(text);
  std::size_t why = text.find("\nWhy\n");
  std::size_t note = text.find("• Only voluntary.");
  REQUIRE(note != std::string::npos);
  CHECK(note > why);
  CHECK(note < text.find("\nAlternatives\n"));
  CHECK(text.find("Only voluntary.", note + std::string("• Only voluntary.").size()) == std::string::npos);
  CHECK(text.find("Please note:") == std::string::npos);
}

TEST_CASE("summary: a crisis summary's urgency line and box are the flag's first step, never a calmer one",
          "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = crisis_result(true);
  result.red_flags.push_back({1, Tier::clinical});  // a calmer flag beside the crisis one
  for (SummaryFormat format : kFormats) {
    std::string out = render_summary(bank, answers, result, options_for(format));
    CHECK(out.find("Call Veilig Thuis now.") != std::string::npos);
    CHECK(out.find("See your huisarts this week.") == std::string::npos);
    CHECK(out.find("this week") == std::string::npos);
    CHECK(out.find("no hurry") == std::string::npos);
    CHECK(out.find("not instead of it") != std::string::npos);
  }
  std::string markdown = render_summary(bank, answers, result, options_for(SummaryFormat::markdown));
  CHECK(markdown.find("Veilig Thuis") < markdown.find("0800-0113"));
  json parsed = json::parse(render_summary(bank, answers, result, options_for(SummaryFormat::json)));
  CHECK(parsed["texts"]["advice"]["urgency"] == "Call Veilig Thuis now.");
  CHECK(parsed["texts"]["crisis_box"]["first_steps"] == json::array({"Call Veilig Thuis now."}));
  CHECK(parsed["texts"]["resources"][0]["id"] == "veilig_thuis");
  CHECK(parsed["texts"]["resources"][0]["phone"] == json::array({"0800-2000"}));
}

TEST_CASE("summary: outside a crisis the flag's first step is the urgency line, with its resources", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.rules[1].effects.red_flag->resources = {0};
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.urgency = Urgency::prompt;
  result.red_flags = {{1, Tier::clinical}};
  for (const std::string language : {"nl", "en"}) {
    SummaryOptions options = options_for(SummaryFormat::text, language);
    options.width = 200;
    std::string text = render_summary(bank, answers, result, options);
    std::string step = language == "nl" ? "Ga deze week naar je huisarts." : "See your huisarts this week.";
    CHECK(text.find(step) != std::string::npos);
    CHECK(text.find(language == "nl" ? "Waar je terecht kunt:" : "Where you can turn:") != std::string::npos);
    CHECK(text.find("0800-0113") != std::string::npos);
    CHECK(text.find("╔") == std::string::npos);  // no crisis box
  }
}

TEST_CASE("summary: two crisis flags show both first steps, most urgent first", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.rules[1].effects.red_flag->tier = Tier::crisis;
  bank.rules[1].effects.red_flag->first_step = test::both("Bel 113 nu.", "Call 113 now.");
  bank.rules[1].effects.red_flag->resources = {0};
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = crisis_result(true);
  result.red_flags = {{1, Tier::crisis}, {0, Tier::crisis}};
  SummaryOptions options = options_for(SummaryFormat::text);
  options.width = 200;
  std::string box = render_crisis_box(bank, result, options);
  REQUIRE(box.find("Call 113 now.") != std::string::npos);
  CHECK(box.find("Call 113 now.") < box.find("Call Veilig Thuis now."));
  CHECK(box.find("0800-0113") < box.find("0800-2000"));
  std::string text = render_summary(bank, answers, result, options);
  CHECK(text.find("How soon: Call 113 now. Call Veilig Thuis now.") != std::string::npos);
}

TEST_CASE("summary: a scale label that repeats the heading is shown once", "[summary]") {
  Bank bank = test::fixture_bank();  // the scale's label is "Distress indication", like the heading
  AnswerSet answers = test::fixture_routine_answers(bank);
  for (SummaryFormat format : {SummaryFormat::text, SummaryFormat::markdown}) {
    for (const std::string language : {"nl", "en"}) {
      std::string out = render_summary(bank, answers, test::fixture_routine_result(), options_for(format, language));
      INFO(out);
      CHECK(out.find(language == "nl" ? "Indicatie van klachten: " : "Distress indication: ") == std::string::npos);
      CHECK(out.find("1/3") != std::string::npos);
    }
  }
  bank.scales[0].label = test::both("Somberheid", "Low mood");
  std::string out = render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::text));
  CHECK(out.find("Low mood: 1/3") != std::string::npos);
  // JSON keeps the label.
  json parsed =
      json::parse(render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::json)));
  CHECK(parsed["texts"]["scales"][0]["label"] == "Low mood");
}

TEST_CASE("summary: alternatives compare in words; only the JSON result has the points", "[summary]") {
  Bank bank = test::fixture_bank();  // close margin 1
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.close_call = false;
  result.scores = {0.5, 3.5, 2.75, 1.5};
  result.ranking = {{1, 3.5, 0, false}, {2, 2.75, 0.75, false}, {3, 1.5, 2, false}, {0, 0.5, 3, false}};
  for (SummaryFormat format : {SummaryFormat::text, SummaryFormat::markdown}) {
    for (const std::string language : {"nl", "en"}) {
      std::string out = render_summary(bank, answers, result, unwrapped(format, language));
      INFO(out);
      const bool en = language == "en";
      CHECK(out.find(en ? "supervisie-en: fits nearly as well" : "supervisie-nl: past bijna even goed") !=
            std::string::npos);
      CHECK(out.find(en ? "therapie-en: fits less well" : "therapie-nl: past minder goed") != std::string::npos);
      CHECK(out.find(en ? "werkbegeleiding-en: fits clearly less well"
                        : "werkbegeleiding-nl: past duidelijk minder goed") != std::string::npos);
      for (const char* number : {"0.75", "0,75", "2.75", "points", "punten"})
        CHECK(out.find(number) == std::string::npos);
    }
  }
  json parsed = json::parse(render_summary(bank, answers, result, unwrapped(SummaryFormat::json)));
  CHECK(parsed["result"]["ranking"][1]["margin"] == 0.75);
  CHECK(parsed["texts"]["alternatives"][0]["line"] == "supervisie-en: fits nearly as well");
}

TEST_CASE("summary: a tie says which outcomes fit equally well and what decides between them", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.scores = {2, 2, 2, 0};
  result.recommendation = 0;
  result.ranking = {{0, 2, 0, false}, {1, 2, 0, false}, {2, 2, 0, false}, {3, 0, 2, false}};
  for (SummaryFormat format : kFormats) {
    for (const std::string language : {"nl", "en"}) {
      std::string out = flat(render_summary(bank, answers, result, unwrapped(format, language)));
      INFO(out);
      const bool en = language == "en";
      CHECK(out.find(en ? "Your answers fit werkbegeleiding-en, coaching-en and supervisie-en equally well"
                        : "Je antwoorden passen even goed bij werkbegeleiding-nl, coaching-nl en supervisie-nl") !=
            std::string::npos);
      CHECK(out.find(en ? "A first conversation with a professional can tell which suits you best"
                        : "Een eerste gesprek met een professional kan uitwijzen welke het best bij je past") !=
            std::string::npos);
      CHECK(out.find(en ? "The difference is small" : "Het verschil is klein") == std::string::npos);
    }
  }
  // Two tied, one of them excluded: not a tie any more, the usual close-call note.
  result.ranking = {{0, 2, 0, false}, {1, 2, 0, true}, {2, 1.5, 0.5, false}, {3, 0, 2, false}};
  std::string out = render_summary(bank, answers, result, unwrapped(SummaryFormat::text));
  CHECK(out.find("equally well") == std::string::npos);
  CHECK(out.find("The difference is small") != std::string::npos);
  // A tie set aside by a red flag is no tie either.
  result.ranking = {{3, 2, 0, false}, {1, 2, 0, false}};
  result.recommendation = 3;
  result.red_flags = {{1, Tier::clinical}};
  result.close_call = false;
  CHECK(render_summary(bank, answers, result, unwrapped(SummaryFormat::text)).find("equally well") ==
        std::string::npos);
}

TEST_CASE("summary why: answers read as sentences, with the question's topic or without instructions", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.questions[0].topic = test::both("wat je zoekt", "what you are looking for");
  bank.questions[3].text =
      test::both("Waarover gaat het? Kies alles wat past.", "What is it about? Choose all that apply.");
  bank.rules[0].when.kind = Condition::Kind::contains;
  bank.rules[0].when.question = 3;  // the crisis flag on topics = work
  bank.rules[0].when.options = {0};
  AnswerSet answers = test::fixture_routine_answers(bank);  // topics: work and private life
  Result result = test::fixture_routine_result();
  result.shown = {0, 1, 2, 3, 4};
  result.red_flags = {{0, Tier::crisis}};
  result.urgency = Urgency::crisis;
  for (const std::string language : {"nl", "en"}) {
    std::string text = render_summary(bank, answers, result, unwrapped(SummaryFormat::text, language));
    std::string json_text = render_summary(bank, answers, result, unwrapped(SummaryFormat::json, language));
    INFO(text);
    const bool en = language == "en";
    // With a topic: the topic, not the question.
    CHECK(text.find(en ? "• You said about what you are looking for: A goal."
                       : "• Over wat je zoekt zei je: Een doel.") != std::string::npos);
    // Without: the question up to its question mark; several options as a list with "and".
    const std::string raised = en ? "To the question \"What is it about?\" you answered: Work and Private life."
                                  : "Op de vraag \"Waarover gaat het?\" antwoordde je: Werk en Privé.";
    CHECK(text.find(raised) != std::string::npos);
    CHECK(json_text.find(en ? "Choose all that apply" : "Kies alles wat past") ==
          json_text.rfind(en ? "Choose all that apply" : "Kies alles wat past"));  // only in the answers
    const std::size_t why = text.find(en ? "\nWhy\n" : "\nWaarom\n");
    CHECK(text.find("→", why) > text.find(en ? "\nYour answers\n" : "\nJouw antwoorden\n"));  // only there
  }
  // A text without a question mark loses a trailing instruction sentence, and a label's own full stop is not doubled.
  bank.questions[0].topic = LocalText();
  bank.questions[0].text = test::both("Wat je zoekt. Kies er een.", "What you are looking for. Pick one.");
  bank.questions[0].options[1].label = test::both("Een doel.", "A goal.");
  std::string text = render_summary(bank, answers, result, unwrapped(SummaryFormat::text));
  CHECK(text.find("• To the question \"What you are looking for.\" you answered: A goal.\n") != std::string::npos);
  CHECK(text.find("Pick one") == text.rfind("Pick one"));  // only under "Your answers"
}

TEST_CASE("summary why: lists of outcome names read as a sentence", "[summary]") {
  auto [bank, result] = red_flag_reasons_case();
  bank.rules[4].effects.exclude = {0, 1, 2};
  bank.rules[3].effects.require = {2, 3};
  AnswerSet answers = test::fixture_routine_answers(bank);
  for (const std::string language : {"nl", "en"}) {
    std::string text = render_summary(bank, answers, result, unwrapped(SummaryFormat::text, language));
    INFO(text);
    const bool en = language == "en";
    CHECK(text.find(en ? "rules out werkbegeleiding-en, coaching-en and supervisie-en for now"
                       : "sluit werkbegeleiding-nl, coaching-nl en supervisie-nl voor nu uit") != std::string::npos);
    CHECK(text.find(en ? "leaves only supervisie-en and therapie-en for now"
                       : "laat voor nu alleen supervisie-nl en therapie-nl over") != std::string::npos);
  }
}

TEST_CASE("summary: routine urgency agrees with the advice's first step", "[summary]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.recommendation = 3;  // therapy starts at the huisarts
  result.ranking = {{3, 3.5, 0, false}, {1, 2.75, 0.75, false}};
  for (const std::string language : {"nl", "en"}) {
    std::string out = render_summary(bank, answers, result, options_for(SummaryFormat::text, language));
    INFO(out);
    CHECK(out.find(language == "nl" ? "Zoek zelf een professional" : "Find a professional yourself") ==
          std::string::npos);
    CHECK(out.find(language == "nl" ? "geen haast: maak de komende weken een afspraak met je huisarts"
                                    : "no hurry: make an appointment with your GP (huisarts)") != std::string::npos);
  }
  std::string coaching =
      render_summary(bank, answers, test::fixture_routine_result(), options_for(SummaryFormat::text));
  CHECK(coaching.find("Find a professional yourself") == std::string::npos);
  CHECK(coaching.find("There is no hurry") != std::string::npos);
}

TEST_CASE("summary: a rule that raises the urgency without a red flag gives its own first step and resources",
          "[summary]") {
  // Declining a safety question: prompt, with the crisis lines offered, but no red flag (so no forced therapy).
  Bank bank = test::fixture_bank();
  bank.rules[2].effects.min_urgency = Urgency::prompt;
  bank.rules[2].effects.first_step = test::both("Praat deze week met je huisarts.", "Talk to your huisarts this week.");
  bank.rules[2].effects.resources = {0, 1};
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();  // fires rule 2, recommends coaching
  result.urgency = Urgency::prompt;
  SummaryOptions options = options_for(SummaryFormat::text);
  options.width = 200;
  std::string text = render_summary(bank, answers, result, options);
  CHECK(text.find("How soon: Talk to your huisarts this week.") != std::string::npos);
  CHECK(text.find("no hurry") == std::string::npos);
  std::size_t turn = text.find("Where you can turn:");
  REQUIRE(turn != std::string::npos);
  CHECK(text.find("0800-0113", turn) < text.find("112", turn));
  CHECK(text.find("not instead of it") == std::string::npos);  // no red flag: no "alongside treatment" line
}

TEST_CASE("summary: a sentence that several first steps share is said once", "[summary]") {
  Bank bank = test::fixture_bank();
  bank.rules[0].effects.red_flag->tier = Tier::clinical;
  bank.rules[0].effects.min_urgency = Urgency::prompt;
  bank.rules[0].effects.red_flag->first_step =
      test::both("Ga deze week naar je huisarts. Bel 113.", "See your huisarts this week. Call 113 if it grows.");
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  result.urgency = Urgency::prompt;
  result.red_flags = {{0, Tier::clinical}, {1, Tier::clinical}};
  SummaryOptions options = options_for(SummaryFormat::json);
  json parsed = json::parse(render_summary(bank, answers, result, options));
  // Rule 1's step is exactly the shared sentence, so it adds nothing.
  CHECK(parsed["texts"]["first_steps"] == json::array({"See your huisarts this week. Call 113 if it grows."}));
}
