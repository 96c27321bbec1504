// Golden (approved-file) tests of the referral summary: real bank, real evaluation, fixed date.
// WEGWIJZER_APPROVE=1 rewrites the approved files from the received output (see
// tests/golden/summary/README.md).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wegwijzer/answers_json.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/summary.hpp"

using namespace wegwijzer;

namespace {

struct Variant {
  std::string suffix;  ///< file name part after the language
  SummaryFormat format;
  bool unicode = true;
  int width = 80;
};

bool approving() {
  const char* value = std::getenv("WEGWIJZER_APPROVE");
  return value != nullptr && std::string(value) == "1";
}

void check_golden(const std::string& name, const std::string& received) {
  const std::string path = test::test_path("golden/summary/" + name + ".approved.txt");
  if (approving()) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << received;
    REQUIRE(file.good());
    WARN("approved " << path);
    return;
  }
  std::ifstream file(path, std::ios::binary);
  INFO("missing approved file " << path << "; run with WEGWIJZER_APPROVE=1 and review it");
  REQUIRE(file.good());
  std::string approved{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  INFO("golden " << path << " differs; if the change is intended, rerun with WEGWIJZER_APPROVE=1 and review");
  CHECK(received == approved);
}

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
