// Banks that define their own outcomes, red-flag outcome, languages and program texts (bank format "outcomes",
// "red_flag_outcome", "languages", "texts"), and banks without outcomes (instruments: scales and bands only).
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "session/session_input.hpp"
#include "summary/summary_texts.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/bank/program_text_keys.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/session/program_texts.hpp"
#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/summary/summary.hpp"

using nlohmann::json;
using namespace wegwijzer;

namespace {

json text(const std::string& nl, const std::string& en) { return {{"nl", nl}, {"en", en}}; }

/// A small bank with three outcomes of its own ids and a clinical and a crisis red flag.
json own_outcomes_bank() {
  json outcome_template = {{"name", text("n", "n")},
                           {"what_it_is", text("x", "x")},
                           {"what_to_expect", text("x", "x")},
                           {"where_to_find", text("x", "x")}};
  json outcomes = json::array();
  for (const char* id : {"within-role", "refer", "act-now"}) {
    json outcome = outcome_template;
    outcome["id"] = id;
    outcomes.push_back(outcome);
  }
  json yes_no = {{"type", "yes_no"},
                 {"options", json::array({{{"id", "yes"}, {"label", text("ja", "yes")}},
                                          {{"id", "no"}, {"label", text("nee", "no")}}})}};
  json worry = yes_no;
  worry["id"] = "worry";
  worry["text"] = text("Zorg?", "Worry?");
  json danger = yes_no;
  danger["id"] = "danger";
  danger["text"] = text("Gevaar?", "Danger?");
  return {{"format", 1},
          {"id", "own"},
          {"version", "1"},
          {"languages", {"nl", "en"}},
          {"title", text("T", "T")},
          {"introduction", text("I", "I")},
          {"disclaimer", text("D", "D")},
          {"outcomes", outcomes},
          {"red_flag_outcome", {{"clinical", "refer"}, {"crisis", "act-now"}}},
          {"questions", {worry, danger}},
          {"rules",
           {{{"id", "worry_flag"},
             {"when", {{"answer", "worry"}, {"equals", "yes"}}},
             {"effects", {{"red_flag", {{"tier", "clinical"}, {"message", text("zorg", "worry")}}}}}},
            {{"id", "danger_flag"},
             {"when", {{"answer", "danger"}, {"equals", "yes"}}},
             {"effects", {{"red_flag", {{"tier", "crisis"}, {"message", text("gevaar", "danger")}}}}}}}}};
}

LoadResult load(const json& bank) { return load_bank(bank.dump(), "test.json"); }

std::string outcome_for(const Bank& bank, const std::string& worry, const std::string& danger) {
  std::vector<AnswerError> errors;
  const AnswerSet answers = answers_from_json(bank, json{{"worry", worry}, {"danger", danger}}, errors);
  REQUIRE(errors.empty());
  const Result result = evaluate(bank, answers);
  REQUIRE(result.recommendation.has_value());
  return bank.outcomes[*result.recommendation].id;
}

bool mentions(const LoadResult& result, const std::string& pointer, const std::string& words) {
  return std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& d) {
    return d.pointer == pointer && d.message.find(words) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("the program text keys are exactly the session's and the summary's table keys", "[bank][texts]") {
  std::vector<std::string_view> tables = cli::session_text_keys();
  for (std::string_view key : summary::phrase_keys()) tables.push_back(key);
  const std::vector<std::string_view>& keys = program_text_keys();
  CHECK(std::set<std::string_view>(keys.begin(), keys.end()).size() == keys.size());
  CHECK(std::set<std::string_view>(tables.begin(), tables.end()) ==
        std::set<std::string_view>(keys.begin(), keys.end()));
  CHECK(tables.size() == keys.size());
  // The session's sentences are looked up by position: the list starts with them, in enumerator order.
  const std::vector<std::string_view> session = cli::session_text_keys();
  REQUIRE(session.size() == static_cast<std::size_t>(cli::SessionText::error_exclusive) + 1);
  CHECK(session.front() == "session.crisis_lines");
  CHECK(session.back() == "session.error_exclusive");
  for (std::string_view key : session) CHECK(key.rfind("session.", 0) == 0);
}

TEST_CASE("a bank names its own outcomes and the outcome each red-flag tier forces", "[bank][outcomes]") {
  const LoadResult loaded = load(own_outcomes_bank());
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  CHECK(bank.outcomes.size() == 3);
  CHECK(outcome_for(bank, "yes", "no") == "refer");
  CHECK(outcome_for(bank, "no", "yes") == "act-now");
  CHECK(outcome_for(bank, "yes", "yes") == "act-now");  // both tiers: the heavier
  CHECK(outcome_for(bank, "no", "no") == "within-role");

  json one = own_outcomes_bank();
  one["red_flag_outcome"] = "refer";
  const LoadResult single = load(one);
  REQUIRE(single.bank);
  CHECK(outcome_for(*single.bank, "no", "yes") == "refer");

  json none = own_outcomes_bank();
  none.erase("red_flag_outcome");
  const LoadResult by_default = load(none);
  REQUIRE(by_default.bank);
  CHECK(outcome_for(*by_default.bank, "yes", "no") == "act-now");  // the last, heaviest outcome
}

TEST_CASE("a wrong red_flag_outcome is an error at its pointer", "[bank][outcomes]") {
  json unknown = own_outcomes_bank();
  unknown["red_flag_outcome"]["clinical"] = "therapie";
  const LoadResult a = load(unknown);
  CHECK_FALSE(a.bank);
  CHECK(mentions(a, "/red_flag_outcome/clinical", "unknown outcome 'therapie'"));

  json lighter = own_outcomes_bank();
  lighter["red_flag_outcome"] = {{"clinical", "act-now"}, {"crisis", "refer"}};
  const LoadResult b = load(lighter);
  CHECK_FALSE(b.bank);
  CHECK(mentions(b, "/red_flag_outcome/crisis", "lighter"));

  json wrong_key = own_outcomes_bank();
  wrong_key["red_flag_outcome"] = {{"urgent", "refer"}};
  CHECK_FALSE(load(wrong_key).bank);

  json without = own_outcomes_bank();
  without["outcomes"] = json::array();
  const LoadResult c = load(without);
  CHECK_FALSE(c.bank);
  CHECK(mentions(c, "/red_flag_outcome", "no outcomes"));
}

TEST_CASE("weights naming an outcome the bank does not have are an error", "[bank][outcomes]") {
  json bank = own_outcomes_bank();
  bank["questions"][0]["options"][0]["weights"] = {{"coaching", 2}};
  const LoadResult result = load(bank);
  CHECK_FALSE(result.bank);
  CHECK(mentions(result, "/questions/0/options/0/weights/coaching", "unknown outcome 'coaching'"));
}

TEST_CASE("a bank without outcomes scores complete records without a recommendation", "[bank][outcomes]") {
  json bank = own_outcomes_bank();
  bank.erase("outcomes");
  bank.erase("red_flag_outcome");
  const LoadResult loaded = load(bank);
  REQUIRE(loaded.bank);
  std::vector<AnswerError> errors;
  const AnswerSet answers = answers_from_json(*loaded.bank, json{{"worry", "no"}, {"danger", "yes"}}, errors);
  const Result result = evaluate(*loaded.bank, answers);
  CHECK(result.status == Status::complete);
  CHECK_FALSE(result.recommendation.has_value());
  CHECK(result.urgency == Urgency::crisis);
  SummaryOptions options;
  options.language = "en";
  const std::string summary = render_summary(*loaded.bank, answers, result, options);
  CHECK_THAT(summary, !Catch::Contains("Incomplete"));
  CHECK_THAT(summary, !Catch::Contains("What seems to fit best"));
  CHECK_THAT(summary, Catch::Contains("Do you need help right now?"));
  CHECK_THAT(summary, Catch::Contains("danger"));
}

TEST_CASE("language tags follow BCP 47 and texts must come in every one", "[bank][languages]") {
  for (const char* tag : {"de", "pt-BR", "zh-Hant", "sgn-NL", "en-GB-oxendict"}) {
    INFO(tag);
    json bank = own_outcomes_bank();
    bank["languages"] = {"nl", tag};
    CHECK(mentions(load(bank), "/title", std::string("no '") + tag + "' text"));  // accepted: texts now lack it
  }
  for (const char* tag : {"n", "nederlands", "en_GB", "e1", "en--x", "en-"}) {
    INFO(tag);
    json bank = own_outcomes_bank();
    bank["languages"] = {"nl", tag};
    CHECK(mentions(load(bank), "/languages/1", "BCP 47"));
  }
}

TEST_CASE("a bank's texts replace the program's in its languages; other languages get English", "[bank][texts]") {
  json bank = own_outcomes_bank();
  bank["texts"] = {{"summary.advice_heading", text("Wat past", "What fits")},
                   {"session.progress_exact", text("Stap {} van {}", "Step {} of {}")}};
  const LoadResult loaded = load(bank);
  REQUIRE(loaded.bank);
  const Bank& b = *loaded.bank;
  CHECK(summary::phrase(summary::Phrase::advice_heading, b.language("nl")) == "Wat past");
  CHECK(summary::phrase(summary::Phrase::advice_heading, b.language("en")) == "What fits");
  CHECK(summary::phrase(summary::Phrase::why_heading, b.language("nl")) == "Waarom");
  CHECK(cli::session_text(cli::SessionText::progress_exact, b.language("en")) == "Step {} of {}");
  // A language the program has no built-in table for: English, unless the bank supplies the text.
  CHECK(summary::phrase(summary::Phrase::why_heading, Language("de")) == "Why");
  CHECK(cli::session_text(cli::SessionText::quit_done, Language("de")) ==
        cli::session_text(cli::SessionText::quit_done, Language("en")));

  json unknown = own_outcomes_bank();
  unknown["texts"] = {{"summary.advise_heading", text("a", "b")}};
  const LoadResult wrong = load(unknown);
  CHECK_FALSE(wrong.bank);
  CHECK(mentions(wrong, "/texts/summary.advise_heading", "unknown text key"));

  json missing = own_outcomes_bank();
  missing["texts"] = {{"summary.advice_heading", {{"nl", "Wat past"}}}};
  const LoadResult partial = load(missing);
  CHECK_FALSE(partial.bank);
  CHECK(mentions(partial, "/texts/summary.advice_heading", "missing translation"));
}

TEST_CASE("the German example bank speaks German where it says so and English elsewhere", "[bank][languages]") {
  const LoadResult loaded = load_bank(
      wegwijzer::test::read_file(wegwijzer::test::source_path("tests/banks/languages/de_bank.json")), "de_bank.json");
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  std::vector<AnswerError> errors;
  const AnswerSet answers =
      answers_from_json(bank, json{{"anliegen", "gespraech"}, {"dauer", "lang"}, {"gefahr", "no"}}, errors);
  REQUIRE(errors.empty());
  SummaryOptions options;
  options.language = "de";
  const std::string summary = render_summary(bank, answers, evaluate(bank, answers), options);
  CHECK_THAT(summary, Catch::Contains("Empfehlung"));                                 // the bank's heading
  CHECK_THAT(summary, Catch::Contains("Was am besten zu passen scheint: Beratung"));  // its advice line
  CHECK_THAT(summary, Catch::Contains("Why"));                                        // not supplied: English
  CHECK_THAT(summary, Catch::Contains("Jemanden zum Reden"));                         // the bank's own texts
}

TEST_CASE("a bank's program texts hold no control characters and keep the built-in placeholders", "[bank][texts]") {
  json escape = own_outcomes_bank();
  escape["texts"] = {{"summary.crisis_title", text("\x1b[2JHulp?", "Help?")}};
  const LoadResult escaped = load(escape);
  CHECK_FALSE(escaped.bank);
  CHECK(mentions(escaped, "/texts/summary.crisis_title/nl", "control character"));

  json placeholders = own_outcomes_bank();
  placeholders["texts"] = {{"summary.advice_recommended", text("Advies", "Advice: {2}")},
                           {"session.progress_exact", text("Vraag {} van {} van {}", "Question {} of {}")},
                           {"summary.why_heading", text("Waarom zo", "Why so")}};
  const LoadResult loaded = load(placeholders);
  REQUIRE(loaded.bank);  // the loader knows keys, not sentences: the session layer holds them to the built-in ones
  const std::vector<Diagnostic> found = cli::check_program_texts(*loaded.bank);
  auto at = [&](const std::string& pointer) {
    return std::count_if(found.begin(), found.end(), [&](const Diagnostic& d) { return d.pointer == pointer; });
  };
  CHECK(found.size() == 3);
  CHECK(at("/texts/summary.advice_recommended/nl") == 1);  // the outcome's name would be lost
  CHECK(at("/texts/summary.advice_recommended/en") == 1);  // {2} is not {1}
  CHECK(at("/texts/session.progress_exact/nl") == 1);      // one {} too many
}

TEST_CASE("Dutch built-in texts for every Dutch tag; tags differ by more than case", "[bank][languages]") {
  CHECK(is_dutch("nl"));
  CHECK(is_dutch("NL"));
  CHECK(is_dutch("nl-BE"));
  CHECK_FALSE(is_dutch("nld"));
  CHECK_FALSE(is_dutch("en"));
  CHECK(summary::phrase(summary::Phrase::why_heading, Language("nl-BE")) == "Waarom");
  json twice = own_outcomes_bank();
  twice["languages"] = {"nl", "en", "EN"};
  CHECK(mentions(load(twice), "/languages/2", "listed twice"));
}

TEST_CASE("an instrument bank's recap at the terminal: the first step after a crisis, no advice line",
          "[bank][outcomes]") {
  const LoadResult loaded = load_bank(
      wegwijzer::test::read_file(wegwijzer::test::source_path("tests/banks/languages/instrument.json")), "i.json");
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  SummaryOptions options;
  options.language = "en";
  auto recap_for = [&](const std::string& harm) {
    std::vector<AnswerError> errors;
    const AnswerSet answers =
        answers_from_json(bank, json{{"down", "often"}, {"worry", "never"}, {"harm", harm}}, errors);
    REQUIRE(errors.empty());
    return render_recap(bank, answers, evaluate(bank, answers), options);
  };
  const std::string crisis = recap_for("often");
  CHECK_THAT(crisis, Catch::Contains("First step: Talk about it with someone today."));
  CHECK_THAT(crisis, !Catch::Contains("What seems to fit"));
  const std::string routine = recap_for("never");
  CHECK_THAT(routine, !Catch::Contains("How soon"));
  CHECK_THAT(routine, Catch::Contains("--out"));
}

TEST_CASE("an instrument bank's summary is an overview of the answers, not a referral", "[bank][outcomes]") {
  const LoadResult loaded = load_bank(
      wegwijzer::test::read_file(wegwijzer::test::source_path("tests/banks/languages/instrument.json")), "i.json");
  REQUIRE(loaded.bank);
  const Bank& bank = *loaded.bank;
  std::vector<AnswerError> errors;
  const AnswerSet answers =
      answers_from_json(bank, json{{"down", "often"}, {"worry", "never"}, {"harm", "never"}}, errors);
  REQUIRE(errors.empty());
  SummaryOptions options;
  options.language = "en";
  const std::string english = render_summary(bank, answers, evaluate(bank, answers), options);
  CHECK_THAT(english, Catch::Contains("Summary of your answers"));
  CHECK_THAT(english, !Catch::Contains("Referral summary"));
  options.language = "nl";
  CHECK_THAT(render_summary(bank, answers, evaluate(bank, answers), options),
             Catch::Contains("Overzicht van je antwoorden"));
}

TEST_CASE("an instrument bank may ask what it only records; a bank with outcomes is told", "[bank][lint]") {
  json bank = own_outcomes_bank();
  bank["questions"].push_back(
      {{"id", "context"},
       {"type", "single"},
       {"text", text("Context?", "Context?")},
       {"required", false},
       {"options", {{{"id", "a"}, {"label", text("A", "A")}}, {{"id", "b"}, {"label", text("B", "B")}}}}});
  CHECK(mentions(load(bank), "/questions/" + std::to_string(bank["questions"].size() - 1), "cannot influence"));
  const std::string instrument_text =
      wegwijzer::test::read_file(wegwijzer::test::source_path("tests/banks/languages/instrument.json"));
  json instrument = json::parse(instrument_text);
  instrument["questions"].push_back(bank["questions"].back());
  const LoadResult loaded = load(instrument);
  REQUIRE(loaded.bank);
  CHECK_FALSE(mentions(loaded, "/questions/" + std::to_string(instrument["questions"].size() - 1), "cannot influence"));
}
