// Golden (approved-file) tests of the referral summary: real bank, real evaluation, fixed date.
// WEGWIJZER_APPROVE=1 rewrites the approved files from the received output (see
// tests/golden/summary/README.md).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "summary_reading.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;
using wegwijzer::test::check_golden;

namespace {

struct Variant {
  std::string suffix;  ///< file name part after the language
  SummaryFormat format;
  bool unicode = true;
  int width = 80;
};

}  // namespace

TEST_CASE("summary goldens: three formats, two languages, routine/prompt/crisis/incomplete", "[summary][golden]") {
  const Bank bank = test::load_test_bank(test::test_path("golden/summary/bank.json"));
  const std::vector<Variant> variants = {
      {"txt", SummaryFormat::text}, {"md", SummaryFormat::markdown}, {"json", SummaryFormat::json}};
  for (const std::string case_name : {"routine", "prompt", "crisis", "incomplete"}) {
    std::vector<AnswerError> errors;
    const auto answers_json =
        nlohmann::json::parse(test::read_file(test::test_path("golden/summary/answers/" + case_name + ".json")));
    const AnswerSet answers = answers_from_json(bank, answers_json, errors);
    REQUIRE(errors.empty());
    const Result result = evaluate(bank, answers);
    for (const std::string language : {"nl", "en"}) {
      for (const auto& variant : variants) {
        SummaryOptions options;
        options.format = variant.format;
        options.language = language;
        options.date = "2025-01-15";
        const std::string name = case_name + "." + language + "." + variant.suffix;
        SECTION(name) { check_golden(name, render_summary(bank, answers, result, options)); }
      }
    }
    if (case_name == std::string("crisis")) {
      SummaryOptions options;
      options.language = "en";
      options.unicode = false;
      options.width = 60;
      options.date = "2025-01-15";
      SECTION("crisis.en.ascii-60.txt") {
        check_golden("crisis.en.ascii-60.txt", render_summary(bank, answers, result, options));
      }
    }
  }
}

TEST_CASE("summary goldens: the cases cover what they claim", "[summary][golden]") {
  const Bank bank = test::load_test_bank(test::test_path("golden/summary/bank.json"));
  auto evaluate_case = [&](const std::string& name) {
    std::vector<AnswerError> errors;
    AnswerSet answers = answers_from_json(
        bank, nlohmann::json::parse(test::read_file(test::test_path("golden/summary/answers/" + name + ".json"))),
        errors);
    REQUIRE(errors.empty());
    return evaluate(bank, answers);
  };
  Result routine = evaluate_case("routine");
  CHECK(routine.status == Status::complete);
  CHECK(routine.urgency == Urgency::routine);
  CHECK(routine.close_call);
  CHECK_FALSE(routine.notes.empty());
  Result prompt = evaluate_case("prompt");
  CHECK(prompt.urgency == Urgency::prompt);
  CHECK_FALSE(prompt.unknown_red_flags.empty());
  Result crisis = evaluate_case("crisis");
  CHECK(crisis.urgency == Urgency::crisis);
  Result incomplete = evaluate_case("incomplete");
  CHECK(incomplete.status == Status::incomplete);
  CHECK_FALSE(incomplete.missing.empty());
}

namespace {

/// A safety case of tests/golden/safety/answers, evaluated with the built-in bank.
struct SafetyCase {
  AnswerSet answers;
  Result result;
};

SafetyCase safety_case(const Bank& bank, const std::string& name) {
  std::vector<AnswerError> errors;
  const auto json = nlohmann::json::parse(test::read_file(test::test_path("golden/safety/answers/" + name + ".json")));
  SafetyCase c{answers_from_json(bank, json, errors), {}};
  INFO(name);
  REQUIRE(errors.empty());
  c.result = evaluate(bank, c.answers);
  return c;
}

std::string text_of(const Bank& bank, const SafetyCase& c, const std::string& language) {
  SummaryOptions options;
  options.language = language;
  options.width = 200;  // the widest; how_soon() and box_of() join wrapped lines
  options.date = "2025-01-15";
  return render_summary(bank, c.answers, c.result, options);
}

/// The "How soon" line of a text summary, wrapped lines joined.
std::string how_soon(const std::string& text, const std::string& language) {
  return test::line_after(text, language == "nl" ? "Hoe snel" : "How soon");
}

/// The words of the crisis box of a text summary (empty without one).
std::string box_of(const std::string& text) {
  return text.find("╚") == std::string::npos ? std::string() : test::box_words(text);
}

const char* const kSafetyCases[] = {"violence-at-home",     "possible-psychosis", "suicidal-plan",
                                    "intrusive-baby",       "all-declined",       "self-injury-ten-weeks",
                                    "attempt-ten-years-ago"};

}  // namespace

TEST_CASE("safety goldens: the built-in bank's first steps, nl and en, text and JSON", "[summary][golden][safety]") {
  const Bank bank = load_builtin_bank();
  for (const std::string case_name : kSafetyCases) {
    const SafetyCase c = safety_case(bank, case_name);
    for (const std::string language : {"nl", "en"}) {
      for (const auto& [suffix, format] :
           {std::pair{"txt", SummaryFormat::text}, std::pair{"json", SummaryFormat::json}}) {
        SummaryOptions options;
        options.format = format;
        options.language = language;
        options.date = "2025-01-15";
        const std::string name = case_name + "." + language + "." + suffix;
        SECTION(name) { check_golden(name, render_summary(bank, c.answers, c.result, options), "safety"); }
      }
    }
  }
}

TEST_CASE("safety goldens: each case gets the first step that fits what the person said", "[summary][golden][safety]") {
  const Bank bank = load_builtin_bank();
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    SECTION("violence at home: crisis, Veilig Thuis first, before 113") {
      SafetyCase c = safety_case(bank, "violence-at-home");
      CHECK(c.result.urgency == Urgency::crisis);
      const std::string text = text_of(bank, c, language);
      const std::string box = box_of(text);
      CHECK(how_soon(text, language).find("Veilig Thuis") != std::string::npos);
      REQUIRE(box.find("Veilig Thuis") != std::string::npos);
      CHECK(box.find("Veilig Thuis") < std::min(box.find("113"), box.size()));
      CHECK(how_soon(text, language).find("113") == std::string::npos);
    }
    SECTION("possible psychosis: crisis, the huisarts today or the huisartsenpost, before 113") {
      SafetyCase c = safety_case(bank, "possible-psychosis");
      CHECK(c.result.urgency == Urgency::crisis);
      const std::string text = text_of(bank, c, language);
      const std::string step = how_soon(text, language);
      CHECK(step.find("huisarts") != std::string::npos);
      CHECK(step.find("113") == std::string::npos);
      const std::string box = box_of(text);
      CHECK(box.find("huisartsenpost") < std::min(box.find("113"), box.size()));
    }
    SECTION("suicidal plan: crisis, 113 first") {
      SafetyCase c = safety_case(bank, "suicidal-plan");
      CHECK(c.result.urgency == Urgency::crisis);
      const std::string text = text_of(bank, c, language);
      const std::string step = how_soon(text, language);
      REQUIRE(step.find("113") != std::string::npos);
      CHECK(step.find("113") < std::min(step.find("112"), step.size()));
      const std::string box = box_of(text);
      CHECK(box.find("0800-0113") < box.find("112"));
    }
    SECTION("intrusive thoughts of harming a baby: prompt, no crisis, no 112 in the advice") {
      SafetyCase c = safety_case(bank, "intrusive-baby");
      CHECK(c.result.urgency == Urgency::prompt);
      const std::string text = text_of(bank, c, language);
      CHECK(box_of(text).empty());
      CHECK(how_soon(text, language).find("112") == std::string::npos);
      CHECK(text.substr(0, text.find(language == "nl" ? "\nJouw antwoorden" : "\nYour answers")).find("112") ==
            std::string::npos);
    }
    SECTION("every safety question declined: prompt, never 'no hurry', the open questions named") {
      SafetyCase c = safety_case(bank, "all-declined");
      CHECK(c.result.urgency == Urgency::prompt);
      CHECK(c.result.unknown_red_flags.size() >= 8);
      const std::string text = text_of(bank, c, language);
      CHECK(text.find(language == "nl" ? "geen haast" : "no hurry") == std::string::npos);
      CHECK_FALSE(how_soon(text, language).empty());
      CHECK(text.find(language == "nl" ? "Vragen die open bleven" : "Questions left open") != std::string::npos);
    }
    SECTION("self-injury ten weeks ago without suicidal thoughts: prompt, not crisis") {
      SafetyCase c = safety_case(bank, "self-injury-ten-weeks");
      CHECK(c.result.urgency == Urgency::prompt);
      CHECK(box_of(text_of(bank, c, language)).empty());
    }
    SECTION("an attempt ten years ago with no thoughts since: a note, routine possible") {
      SafetyCase c = safety_case(bank, "attempt-ten-years-ago");
      CHECK(c.result.urgency == Urgency::routine);
      CHECK(c.result.red_flags.empty());
      CHECK_FALSE(c.result.notes.empty());
    }
  }
}
