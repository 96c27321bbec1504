// The shipped default bank (data/banks/default.json): it loads cleanly, speaks Dutch and English everywhere,
// asks every crisis question of everyone with a "rather not say" option, keeps typical people at 15-30
// questions, reaches every outcome and urgency on sampled records, and behaves sensibly beyond the vignettes.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vignette_support.hpp"
#include "wegwijzer/answers_json.hpp"
#include "wegwijzer/bank_loader.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/sample.hpp"

using namespace wegwijzer;

namespace {

/// Every text of the bank, with a label saying where it is.
std::vector<std::pair<std::string, const LocalText*>> all_texts(const Bank& bank) {
  std::vector<std::pair<std::string, const LocalText*>> texts = {
      {"title", &bank.title}, {"introduction", &bank.introduction}, {"disclaimer", &bank.disclaimer}};
  for (const Outcome& outcome : bank.outcomes) {
    for (const LocalText* text :
         {&outcome.name, &outcome.what_it_is, &outcome.what_to_expect, &outcome.where_to_find}) {
      texts.emplace_back("outcome " + outcome.id, text);
    }
  }
  for (const Question& question : bank.questions) {
    texts.emplace_back("question " + question.id, &question.text);
    if (!question.help.empty()) texts.emplace_back("help of " + question.id, &question.help);
    for (const Option& option : question.options)
      texts.emplace_back("option " + question.id + "/" + option.id, &option.label);
  }
  for (const Scale& scale : bank.scales) {
    texts.emplace_back("scale " + scale.id, &scale.label);
    for (const Band& band : scale.bands) texts.emplace_back("band " + scale.id + "/" + band.id, &band.label);
  }
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) texts.emplace_back("red flag " + rule.id, &rule.effects.red_flag->message);
    if (!rule.effects.note.empty()) texts.emplace_back("note " + rule.id, &rule.effects.note);
  }
  return texts;
}

/// Marks the questions a condition reads (scale leaves: the scale's items).
void mark(const Bank& bank, const Condition& condition, std::set<std::size_t>& questions) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) mark(bank, child, questions);
      return;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most:
      for (std::size_t item : bank.scales[condition.scale].items) questions.insert(item);
      return;
    default: questions.insert(condition.question); return;
  }
}

/// The questions that red-flag rules of `tier` read (any tier when unset).
std::set<std::size_t> red_flag_questions(const Bank& bank, std::optional<Tier> tier = std::nullopt) {
  std::set<std::size_t> questions;
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag || (tier && rule.effects.red_flag->tier != *tier)) continue;
    mark(bank, rule.when, questions);
  }
  return questions;
}

std::string rule_id(const Bank& bank, std::size_t rule) { return bank.rules[rule].id; }

/// Evaluates a vignette's answers after applying `changes` (null removes an answer); requires a clean result.
Result evaluate_changed(const Bank& bank, const std::string& file, const nlohmann::json& changes) {
  wegwijzer::test::Vignette vignette{file, "", "", ""};
  nlohmann::json answers = wegwijzer::test::vignette_record(vignette).at("answers");
  for (const auto& change : changes.items()) {
    if (change.value().is_null()) {
      answers.erase(change.key());
    } else {
      answers[change.key()] = change.value();
    }
  }
  std::vector<AnswerError> errors;
  AnswerSet set = answers_from_json(bank, answers, errors);
  REQUIRE(errors.empty());
  Result result = evaluate(bank, set);
  for (std::size_t q : result.missing) UNSCOPED_INFO("missing: " << bank.questions[q].id);
  for (std::size_t q : result.ignored) UNSCOPED_INFO("not shown: " << bank.questions[q].id);
  REQUIRE(result.status == Status::complete);
  REQUIRE(result.ignored.empty());
  return result;
}

bool fired(const Bank& bank, const Result& result, const std::string& id) {
  for (std::size_t r : result.fired_rules) {
    if (rule_id(bank, r) == id) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the default bank loads without errors or warnings", "[default-bank]") {
  const std::string text = wegwijzer::test::read_file(wegwijzer::test::source_path("data/banks/default.json"));
  LoadResult loaded = load_bank(text, "default.json");
  for (const auto& diagnostic : loaded.diagnostics) UNSCOPED_INFO(diagnostic.format());
  REQUIRE(loaded.bank.has_value());
  CHECK(loaded.diagnostics.empty());
  const Bank& bank = *loaded.bank;
  CHECK(bank.id == "wegwijzer-default");
  CHECK(bank.version == "1.0.0");
  CHECK(load_builtin_bank().sha256 == bank.sha256);  // the binary embeds this very file
}

TEST_CASE("the default bank speaks Dutch and English in every text", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  CHECK(std::set<std::string>(bank.languages.begin(), bank.languages.end()) == std::set<std::string>{"nl", "en"});
  for (const auto& [where, text] : all_texts(bank)) {
    INFO(where);
    CHECK(text->has("nl"));
    CHECK(text->has("en"));
    CHECK_FALSE(text->in("nl").empty());
    CHECK_FALSE(text->in("en").empty());
  }
}

TEST_CASE("the default bank says it is no validated instrument and names the crisis lines", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  CHECK_THAT(bank.disclaimer.in("nl"), Catch::Contains("geen gevalideerd"));
  CHECK_THAT(bank.disclaimer.in("en"), Catch::Contains("not a validated instrument"));
  for (const char* language : {"nl", "en"}) {
    CHECK_THAT(bank.disclaimer.in(language),
               Catch::Contains("113") && Catch::Contains("0800-0113") && Catch::Contains("112"));
  }
  std::vector<std::string> ids;
  for (const Outcome& outcome : bank.outcomes) ids.push_back(outcome.id);
  CHECK(ids == std::vector<std::string>{"werkbegeleiding", "coaching", "supervisie", "therapie"});
}

TEST_CASE("every red-flag question offers 'rather not say' and crisis questions are asked of everyone",
          "[default-bank]") {
  const Bank bank = load_builtin_bank();
  const auto flagged = red_flag_questions(bank);
  REQUIRE(flagged.size() >= 10);
  for (std::size_t q : flagged) {
    const Question& question = bank.questions[q];
    INFO(question.id);
    CHECK(std::any_of(question.options.begin(), question.options.end(), [](const Option& o) { return o.unknown; }));
  }
  const auto crisis = red_flag_questions(bank, Tier::crisis);
  REQUIRE(crisis.size() >= 5);  // plan or intent, self-harm, safety at home, danger to others, reality
  for (std::size_t q : crisis) {
    INFO(bank.questions[q].id);
    CHECK_FALSE(bank.questions[q].show_if.has_value());
    CHECK(bank.questions[q].required);
  }
}

TEST_CASE("yes/no and red-flag questions put the safe answer first and 'rather not say' last", "[default-bank]") {
  // A person who answers by number must never say "yes" by habit: the same position everywhere.
  const Bank bank = load_builtin_bank();
  const std::set<std::string> safe_ids = {"no", "none", "safe", "not_at_all"};
  std::set<std::size_t> checked;
  for (std::size_t q : red_flag_questions(bank)) checked.insert(q);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::yes_no || (question.find_option("yes") && question.find_option("no"))) {
      checked.insert(q);
    }
  }
  std::size_t with_safe_answer = 0;
  for (std::size_t q : checked) {
    const Question& question = bank.questions[q];
    INFO(question.id);
    REQUIRE(question.options.size() >= 2);
    auto safe = std::find_if(question.options.begin(), question.options.end(),
                             [&](const Option& o) { return safe_ids.count(o.id) > 0; });
    if (safe != question.options.end()) {
      ++with_safe_answer;
      CHECK(safe == question.options.begin());
    }
    const auto answers =
        std::count_if(question.options.begin(), question.options.end(), [](const Option& o) { return !o.unknown; });
    if (answers == 2 && question.find_option("yes")) CHECK(*question.find_option("yes") == 1);  // no, yes[, unknown]
    for (std::size_t o = 0; o + 1 < question.options.size(); ++o) CHECK_FALSE(question.options[o].unknown);
  }
  // Every yes/no question and every crisis question has a safe answer; the crisis block is among them.
  for (std::size_t q : red_flag_questions(bank, Tier::crisis)) CHECK(checked.count(q) == 1);
  CHECK(with_safe_answer >= 12);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (bank.questions[q].type != QuestionType::yes_no) continue;
    INFO(bank.questions[q].id);
    CHECK(bank.questions[q].options[0].id == "no");
  }
  // "rather not say" is the last option of every question that has it, not only the checked ones.
  for (const Question& question : bank.questions) {
    INFO(question.id);
    for (std::size_t o = 0; o + 1 < question.options.size(); ++o) CHECK_FALSE(question.options[o].unknown);
  }
}

TEST_CASE("in multiple-choice questions 'none' and 'rather not say' are exclusive", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  std::size_t multiple = 0;
  for (const Question& question : bank.questions) {
    if (question.type != QuestionType::multiple) continue;
    ++multiple;
    INFO(question.id);
    for (const Option& option : question.options) {
      const bool should = option.unknown || option.id == "none" || option.id == "no";
      CHECK(option.exclusive == should);
    }
  }
  CHECK(multiple >= 2);  // experiences, earlier_help
}

TEST_CASE("the distress items name their time frame in the question text", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  const auto& items = bank.scales[bank.find_scale("distress").value()].items;
  REQUIRE(items.size() == 4);
  for (std::size_t q : items) {
    INFO(bank.questions[q].id);
    CHECK_THAT(bank.questions[q].text.in("nl"), Catch::Contains("afgelopen twee weken"));
    CHECK_THAT(bank.questions[q].text.in("en"), Catch::Contains("the last two weeks"));
  }
}

TEST_CASE("the bedrijfsarts is mentioned only on condition of working", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  const Outcome& therapy = bank.outcomes[bank.therapy_outcome()];
  CHECK_THAT(therapy.where_to_find.in("nl"), Catch::Contains("Als je werkt: "));
  CHECK_THAT(therapy.where_to_find.in("en"), Catch::Contains("If you work: "));
  // Work complaints that hinder clearly: the note for someone who works, not for a student.
  const nlohmann::json complaints = {{"domain", "work"},
                                     {"mood_down", "more_than_half"},
                                     {"impairment", "clearly"},
                                     {"duration", "1_to_3_months"},
                                     {"sick_leave", "no"}};
  nlohmann::json working = complaints;
  CHECK(fired(bank, evaluate_changed(bank, "V02.json", working), "work-complaints-bedrijfsarts"));
  nlohmann::json studying = complaints;
  studying["work_situation"] = "studying";
  studying["sick_leave"] = nullptr;  // asked only of working people
  CHECK_FALSE(fired(bank, evaluate_changed(bank, "V02.json", studying), "work-complaints-bedrijfsarts"));
}

TEST_CASE("mild distress without hindrance gets no 'have the complaints looked at' note", "[default-bank]") {
  // A nurse with a goal and mild stress (distress 3 of 12), no hindrance: routine, and no grey-zone note.
  const Bank bank = load_builtin_bank();
  nlohmann::json mild = {{"mood_down", "several_days"},
                         {"mood_interest", "several_days"},
                         {"anxiety_tense", "several_days"},
                         {"anxiety_worry", "not_at_all"},
                         {"impairment", "none"},
                         {"duration", "1_to_3_months"}};
  const Result calm = evaluate_changed(bank, "V02.json", mild);
  CHECK(calm.urgency == Urgency::routine);
  CHECK_FALSE(fired(bank, calm, "grey-zone"));
  nlohmann::json hindered = mild;
  hindered["impairment"] = "clearly";
  hindered["sick_leave"] = "no";
  CHECK(fired(bank, evaluate_changed(bank, "V02.json", hindered), "grey-zone"));
  nlohmann::json moderate = mild;
  moderate["mood_down"] = "nearly_every_day";  // 3 + 1 + 1 + 0 = 5
  moderate["anxiety_worry"] = "several_days";  // 6: moderate
  CHECK(fired(bank, evaluate_changed(bank, "V02.json", moderate), "grey-zone"));
}

TEST_CASE("a crisis answer on top of any vignette gives crisis urgency and therapie", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  // The answer that signals the crisis, per crisis question; together they must cover every crisis question.
  const std::map<std::string, std::string> crisis_answers = {{"suicide_plan", "yes"},
                                                             {"self_harm", "recently"},
                                                             {"unsafe_home", "unsafe"},
                                                             {"harm_others", "yes"},
                                                             {"reality", "yes"}};
  std::set<std::string> crisis_questions;
  for (std::size_t q : red_flag_questions(bank, Tier::crisis)) crisis_questions.insert(bank.questions[q].id);
  std::set<std::string> covered;
  for (const auto& entry : crisis_answers) covered.insert(entry.first);
  REQUIRE(covered == crisis_questions);
  for (const auto& vignette : wegwijzer::test::vignettes()) {
    for (const auto& [question, option] : crisis_answers) {
      INFO(vignette.file << " + " << question << " = " << option);
      const Result result = evaluate_changed(bank, vignette.file, {{question, option}});
      CHECK(result.urgency == Urgency::crisis);
      CHECK(bank.outcomes[result.recommendation.value()].id == "therapie");
    }
  }
}

TEST_CASE("typical people see between 15 and 30 questions", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  for (const auto& vignette : wegwijzer::test::vignettes()) {
    std::vector<AnswerError> errors;
    const AnswerSet answers = wegwijzer::test::load_vignette(bank, vignette, errors);
    const auto visible = visible_questions(bank, answers);
    const auto shown = static_cast<std::size_t>(std::count(visible.begin(), visible.end(), true));
    INFO(vignette.file << " sees " << shown << " questions");
    CHECK(shown >= 15);
    CHECK(shown <= 30);
  }
}

TEST_CASE("2000 sampled records reach every outcome and every urgency", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  std::mt19937_64 random(1);
  std::map<std::string, int> outcomes;
  std::map<std::string, int> urgencies;
  for (int i = 0; i < 2000; ++i) {
    const Result result = evaluate(bank, sample_answers(bank, random));
    REQUIRE(result.status == Status::complete);
    outcomes[bank.outcomes[result.recommendation.value()].id]++;
    urgencies[std::string(to_string(result.urgency))]++;
  }
  for (const Outcome& outcome : bank.outcomes) {
    INFO(outcome.id);
    CHECK(outcomes[outcome.id] > 0);
  }
  for (const char* urgency : {"routine", "prompt", "crisis"}) {
    INFO(urgency);
    CHECK(urgencies[urgency] > 0);
  }
}

TEST_CASE("mild distress alone does not move a goal-directed person away from coaching", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  // Eva (V11) with a few days of low mood, little interest and tension, and no hindrance in daily life.
  const Result result = evaluate_changed(bank, "V11.json",
                                         {{"mood_down", "several_days"},
                                          {"mood_interest", "several_days"},
                                          {"anxiety_tense", "several_days"},
                                          {"impairment", "none"},
                                          {"duration", "1_to_3_months"}});
  CHECK(bank.outcomes[result.recommendation.value()].id == "coaching");
  CHECK(result.urgency == Urgency::routine);
  CHECK(result.red_flags.empty());
  CHECK_FALSE(fired(bank, result, "grey-zone"));  // no "have the complaints looked at" next to "no hurry"
}

TEST_CASE("moderate distress that hinders daily life leads to therapie with prompt urgency", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  // Eva (V11) again, now low and tense on more than half the days and a little hindered.
  const Result result = evaluate_changed(bank, "V11.json",
                                         {{"mood_down", "more_than_half"},
                                          {"mood_interest", "more_than_half"},
                                          {"anxiety_tense", "several_days"},
                                          {"anxiety_worry", "several_days"},
                                          {"impairment", "a_little"},
                                          {"duration", "1_to_3_months"},
                                          {"sick_leave", "no"}});
  CHECK(result.red_flags.empty());
  CHECK(bank.outcomes[result.recommendation.value()].id == "therapie");
  CHECK(result.urgency == Urgency::prompt);
}

TEST_CASE("the summary notes cover being sent, the work context and private questions", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  SECTION("someone sent by the employer gets the note on voluntary engagement") {
    const Result result = evaluate_changed(bank, "V02.json", {{"voluntary", "sent"}});
    CHECK(fired(bank, result, "not-voluntary"));
    const Result own = evaluate_changed(bank, "V02.json", {});
    CHECK_FALSE(fired(bank, own, "not-voluntary"));
  }
  SECTION("a problem in the work context gets the note about the manager") {
    CHECK(fired(bank, evaluate_changed(bank, "V06.json", {}), "work-context"));
  }
  SECTION("a private question is never answered with work guidance or supervision") {
    const Result result = evaluate_changed(
        bank, "V10.json", {{"domain", "private"}, {"works_with_people", nullptr}, {"private_life", nullptr}});
    const std::string recommended = bank.outcomes[result.recommendation.value()].id;
    CHECK(recommended != "werkbegeleiding");
    CHECK(recommended != "supervisie");
  }
  SECTION("a 'rather not say' on a crisis question is reported as unknown, not as no") {
    const Result result = evaluate_changed(bank, "V01.json", {{"suicide_plan", "rather_not_say"}});
    const auto plan = bank.find_question("suicide_plan").value();
    CHECK(std::find(result.unknown_red_flags.begin(), result.unknown_red_flags.end(), plan) !=
          result.unknown_red_flags.end());
  }
}
