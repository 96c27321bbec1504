// The shipped default bank (data/banks/default.json): it loads cleanly, speaks Dutch and English everywhere,
// asks every crisis question of everyone with a "rather not say" option (the C-SSRS follow-ups after active
// suicidal thoughts excepted), keeps typical people at 15-32 questions, reaches every outcome and urgency on
// sampled records, routes each answer of the safety block to its own tier, first step and resources, and
// behaves sensibly beyond the vignettes.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vignette_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

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

/// The ids of the red-flag rules that were raised, in the order the summary shows them.
std::vector<std::string> flag_ids(const Bank& bank, const Result& result) {
  std::vector<std::string> ids;
  for (const RaisedFlag& flag : result.red_flags) ids.push_back(rule_id(bank, flag.rule));
  return ids;
}

/// The red flag of rule `id` (which must exist and raise one).
const Effects::RedFlag& red_flag_of(const Bank& bank, const std::string& id) {
  for (const Rule& rule : bank.rules) {
    if (rule.id == id) {
      REQUIRE(rule.effects.red_flag.has_value());
      return *rule.effects.red_flag;
    }
  }
  FAIL("no rule " << id);
  throw 0;  // unreachable
}

/// The rule with this id (which must exist).
const Rule& rule_named(const Bank& bank, const std::string& id) {
  for (const Rule& rule : bank.rules) {
    if (rule.id == id) return rule;
  }
  FAIL("no rule " << id);
  throw 0;  // unreachable
}

/// Resource ids, most relevant first.
std::vector<std::string> resource_ids(const Bank& bank, const std::vector<std::size_t>& resources) {
  std::vector<std::string> ids;
  for (std::size_t r : resources) ids.push_back(bank.resources[r].id);
  return ids;
}

/// The resource ids a red flag offers, most relevant first.
std::vector<std::string> resource_ids(const Bank& bank, const Effects::RedFlag& flag) {
  return resource_ids(bank, flag.resources);
}

/// The rules that turn declining a safety question into urgency, one per area.
const std::vector<std::string>& decline_rules() {
  static const std::vector<std::string> ids = {"declined-suicidality", "declined-safety", "declined-harm-others",
                                               "declined-reality"};
  return ids;
}

bool mentions(const LocalText& text, const std::string& what) {
  return text.in("nl").find(what) != std::string::npos || text.in("en").find(what) != std::string::npos;
}

bool any_crisis_flag(const Result& result) {
  return std::any_of(result.red_flags.begin(), result.red_flags.end(),
                     [](const RaisedFlag& flag) { return flag.tier == Tier::crisis; });
}

/// Every question of the safety block, answered "rather not say" (the follow-ups are then not shown).
nlohmann::json all_safety_declined() {
  nlohmann::json changes;
  for (const char* id : {"death_wish", "suicidal_thoughts", "suicide_behaviour", "self_injury", "unsafe_home",
                         "followed", "harm_others", "reality", "mania"}) {
    changes[id] = "rather_not_say";
  }
  changes["suicide_method"] = nullptr;  // not shown without active thoughts
  changes["suicide_intent"] = nullptr;
  return changes;
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
  CHECK(bank.version == "2.1.1");
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
  REQUIRE(crisis.size() >= 9);  // thoughts, method, intent, behaviour, home, followed, others, reality, mania
  // Asked of everyone, except method and intent: C-SSRS asks them only after active suicidal thoughts.
  const std::set<std::string> follow_ups = {"suicide_method", "suicide_intent"};
  const std::size_t thoughts = bank.find_question("suicidal_thoughts").value();
  for (std::size_t q : crisis) {
    const Question& question = bank.questions[q];
    INFO(question.id);
    CHECK(question.required);
    if (follow_ups.count(question.id) == 0) {
      CHECK_FALSE(question.show_if.has_value());
      continue;
    }
    REQUIRE(question.show_if.has_value());
    CHECK(question.show_if->kind == Condition::Kind::equals);
    CHECK(question.show_if->question == thoughts);
    CHECK(question.show_if->options == std::vector<std::size_t>{bank.questions[thoughts].find_option("yes").value()});
  }
  for (const std::string& id : follow_ups) CHECK(crisis.count(bank.find_question(id).value()) == 1);
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
  const Outcome& therapy = bank.outcomes[bank.red_flag_outcome(wegwijzer::Tier::clinical)];
  CHECK_THAT(therapy.where_to_find.in("nl"), Catch::Contains("Werk je en hebben je klachten met je werk te maken"));
  CHECK_THAT(therapy.where_to_find.in("en"), Catch::Contains("If you work and your complaints are related"));
  // People who do not work, and minors, get a text without the bedrijfsarts (the variants).
  REQUIRE(therapy.variants.size() >= 2);
  for (const OutcomeVariant& variant : therapy.variants) {
    CHECK_THAT(variant.where_to_find.in("en"), !Catch::Contains("bedrijfsarts"));
  }
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
  // Answers that signal a crisis, with the crisis question each is for; together they must cover every
  // question a crisis rule reads. Method and intent come with active thoughts (they are asked only then).
  const std::vector<std::pair<std::string, nlohmann::json>> crisis_answers = {
      {"suicide_intent", {{"suicidal_thoughts", "yes"}, {"suicide_method", "no"}, {"suicide_intent", "yes"}}},
      {"suicide_method", {{"suicidal_thoughts", "yes"}, {"suicide_method", "yes"}, {"suicide_intent", "no"}}},
      {"suicidal_thoughts",
       {{"suicidal_thoughts", "yes"}, {"suicide_method", "no"}, {"suicide_intent", "rather_not_say"}}},
      {"suicide_behaviour", {{"suicide_behaviour", "recent"}}},
      {"harm_others", {{"harm_others", "urge"}}},
      {"unsafe_home", {{"unsafe_home", "unsafe"}}},
      {"unsafe_home", {{"unsafe_home", "sexual"}}},
      {"followed", {{"followed", "real_person"}}},
      {"followed", {{"followed", "others_disagree"}}},
      {"reality", {{"reality", "yes"}}},
      {"mania", {{"mania", "yes"}}}};
  std::set<std::string> crisis_questions;
  for (std::size_t q : red_flag_questions(bank, Tier::crisis)) crisis_questions.insert(bank.questions[q].id);
  std::set<std::string> covered;
  for (const auto& entry : crisis_answers) covered.insert(entry.first);
  REQUIRE(covered == crisis_questions);
  for (const auto& vignette : wegwijzer::test::vignettes()) {
    for (const auto& [question, changes] : crisis_answers) {
      INFO(vignette.file << " + " << changes.dump());
      const Result result = evaluate_changed(bank, vignette.file, changes);
      CHECK(result.urgency == Urgency::crisis);
      CHECK(bank.outcomes[result.recommendation.value()].id == "therapie");
      REQUIRE_FALSE(result.red_flags.empty());
      CHECK(result.red_flags.front().tier == Tier::crisis);
    }
  }
}

TEST_CASE("typical people see between 15 and 32 questions", "[default-bank]") {
  const Bank bank = load_builtin_bank();
  for (const auto& vignette : wegwijzer::test::vignettes()) {
    std::vector<AnswerError> errors;
    const AnswerSet answers = wegwijzer::test::load_vignette(bank, vignette, errors);
    const auto visible = visible_questions(bank, answers);
    const auto shown = static_cast<std::size_t>(std::count(visible.begin(), visible.end(), true));
    INFO(vignette.file << " sees " << shown << " questions");
    CHECK(shown >= 15);
    CHECK(shown <= 34);  // with the optional age and sleep questions
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
    const Result result = evaluate_changed(bank, "V01.json", {{"suicidal_thoughts", "rather_not_say"}});
    const auto thoughts = bank.find_question("suicidal_thoughts").value();
    CHECK(std::find(result.unknown_red_flags.begin(), result.unknown_red_flags.end(), thoughts) !=
          result.unknown_red_flags.end());
  }
}

// ---- The safety block (issue 14, part 4): each answer gets its own tier, first step and resources. ----

TEST_CASE("the safety block asks in C-SSRS order and leads in with why everyone is asked", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const std::vector<std::string> order = {"death_wish",        "suicidal_thoughts", "suicide_method", "suicide_intent",
                                          "suicide_behaviour", "self_injury",       "unsafe_home",    "followed",
                                          "harm_others",       "reality",           "mania"};
  std::size_t previous = 0;
  for (const std::string& id : order) {
    INFO(id);
    const std::size_t q = bank.find_question(id).value();
    if (id != order.front()) CHECK(q == previous + 1);  // one block, in this order
    previous = q;
    const Question& question = bank.questions[q];
    CHECK(question.options.back().unknown);
    CHECK(question.lead.empty() == (id != order.front()));  // the lead sentence once, before the block
  }
  const Question& first = bank.questions[bank.find_question("death_wish").value()];
  CHECK_THAT(first.lead.in("nl"), Catch::Contains("iedereen") && Catch::Contains("Zeg ik liever niet"));
  CHECK_THAT(first.lead.in("en"), Catch::Contains("everyone") && Catch::Contains("I'd rather not say"));
  // Heavy daily use is asked only under the substances experience.
  const Question& daily = bank.questions[bank.find_question("substance_daily").value()];
  REQUIRE(daily.show_if.has_value());
  CHECK(daily.show_if->question == bank.find_question("experiences").value());
}

TEST_CASE("the crisis lines are 113 and 112, and every safety flag has a first step and resources",
          "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  std::vector<std::string> lines;
  for (std::size_t r : bank.crisis_lines) lines.push_back(bank.resources[r].id);
  CHECK(lines == std::vector<std::string>{"zelfmoordpreventie_113", "alarmnummer_112"});
  const Resource& line113 = bank.resources[bank.find_resource("zelfmoordpreventie_113").value()];
  CHECK(line113.phone == std::vector<std::string>{"113", "0800-0113"});
  CHECK(line113.free == true);
  CHECK(bank.resources[bank.find_resource("veilig_thuis").value()].phone == std::vector<std::string>{"0800-2000"});
  CHECK(bank.resources[bank.find_resource("centrum_seksueel_geweld").value()].phone ==
        std::vector<std::string>{"0800-0188"});
  CHECK(bank.resources[bank.find_resource("politie").value()].phone == std::vector<std::string>{"0900-8844"});
  // Crisis-tier rules come first, most urgent first: 113 now, harm urge, unsafe at home, then the same-day ones.
  const std::set<std::string> safety_clinical = {"clinical-suicidal-thoughts", "clinical-death-wish",
                                                 "clinical-self-injury", "clinical-harm-thoughts",
                                                 "clinical-substance-daily"};
  std::vector<std::string> crisis_rules;
  bool clinical_seen = false;
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag) continue;
    INFO(rule.id);
    if (rule.effects.red_flag->tier == Tier::crisis || safety_clinical.count(rule.id) == 1) {
      CHECK_FALSE(rule.effects.red_flag->first_step.empty());
      CHECK_FALSE(rule.effects.red_flag->resources.empty());
      CHECK(rule.effects.min_urgency.has_value());
    }
    if (rule.effects.red_flag->tier == Tier::crisis) {
      CHECK_FALSE(clinical_seen);
      crisis_rules.push_back(rule.id);
    } else {
      clinical_seen = true;
    }
  }
  CHECK(crisis_rules == std::vector<std::string>{"crisis-suicide-intent", "crisis-suicide-behaviour",
                                                 "crisis-suicide-intent-declined", "crisis-harm-urge",
                                                 "crisis-sexual-violence", "crisis-unsafe-home", "crisis-followed",
                                                 "crisis-suicide-method", "crisis-suicide-method-declined",
                                                 "crisis-reality", "crisis-mania"});
  // The decline rules: no red flag, urgency prompt, a kind note naming what was not answered, a first step and
  // the resources of their area.
  for (const std::string& id : decline_rules()) {
    INFO(id);
    const Rule& rule = rule_named(bank, id);
    CHECK_FALSE(rule.effects.red_flag.has_value());
    CHECK(rule.effects.min_urgency == Urgency::prompt);
    CHECK_THAT(rule.effects.note.in("nl"), Catch::Contains("liever niet"));
    CHECK_THAT(rule.effects.note.in("en"), Catch::Contains("preferred not to"));
    CHECK_FALSE(rule.effects.first_step.empty());
    CHECK_FALSE(rule.effects.resources.empty());
  }
  CHECK(resource_ids(bank, rule_named(bank, "declined-suicidality").effects.resources).front() ==
        "zelfmoordpreventie_113");
  CHECK(resource_ids(bank, rule_named(bank, "declined-safety").effects.resources).front() == "veilig_thuis");
  // Calling 113 now: 113 first, then 112 and the huisartsenpost; the step says not to stay alone.
  for (const char* id : {"crisis-suicide-intent", "crisis-suicide-behaviour", "crisis-suicide-intent-declined"}) {
    INFO(id);
    const auto& flag = red_flag_of(bank, id);
    CHECK(resource_ids(bank, flag) ==
          std::vector<std::string>{"zelfmoordpreventie_113", "alarmnummer_112", "huisartsenpost"});
    CHECK_THAT(flag.first_step.in("nl"), Catch::Contains("Bel nu 113") && Catch::Contains("Blijf niet alleen"));
    CHECK_THAT(flag.first_step.in("en"), Catch::Contains("Call 113") && Catch::Contains("Do not stay alone"));
  }
  // No crisis flag tells the person to wait until "this week".
  for (const std::string& id : crisis_rules) {
    INFO(id);
    const auto& flag = red_flag_of(bank, id);
    CHECK_FALSE(mentions(flag.message, "deze week"));
    CHECK_FALSE(mentions(flag.message, "this week"));
    CHECK_FALSE(mentions(flag.first_step, "deze week"));
    CHECK_FALSE(mentions(flag.first_step, "this week"));
  }
}

TEST_CASE("Lisa's thoughts with a method but no plan are a same-day crisis", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  // Lisa (V05) also gets the flags for low mood and for anxiety that limit daily life; the suicide flag comes first.
  const Result lisa = evaluate_changed(bank, "V05.json", {});
  CHECK(lisa.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, lisa) ==
        std::vector<std::string>{"crisis-suicide-method", "clinical-mood-daily-life", "clinical-anxiety-daily-life"});
  CHECK_THAT(red_flag_of(bank, "crisis-suicide-method").first_step.in("nl"),
             Catch::Contains("vandaag") && Catch::Contains("113"));
  // With an intention or plan it is "call 113 now".
  const Result intent = evaluate_changed(bank, "V05.json", {{"suicide_intent", "yes"}});
  CHECK(flag_ids(bank, intent) ==
        std::vector<std::string>{"crisis-suicide-intent", "clinical-mood-daily-life", "clinical-anxiety-daily-life"});
  // Without a method, intent or plan: the GP this week, not a crisis.
  const Result thoughts = evaluate_changed(bank, "V05.json", {{"suicide_method", "no"}});
  CHECK(thoughts.urgency == Urgency::prompt);
  CHECK(flag_ids(bank, thoughts) == std::vector<std::string>{"clinical-suicidal-thoughts", "clinical-mood-daily-life",
                                                             "clinical-anxiety-daily-life"});
  // Only the wish to be dead: a clinical prompt; the follow-ups are not asked.
  const Result wish = evaluate_changed(bank, "V01.json", {{"death_wish", "yes"}, {"suicidal_thoughts", "no"}});
  CHECK(wish.urgency == Urgency::prompt);
  CHECK(flag_ids(bank, wish) == std::vector<std::string>{"clinical-death-wish"});
}

TEST_CASE("self-injury ten weeks ago without suicidal thoughts is a prompt, not a crisis", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const Result result = evaluate_changed(bank, "V02.json", {{"self_injury", "recent"}});
  CHECK(result.urgency == Urgency::prompt);
  CHECK_FALSE(any_crisis_flag(result));
  CHECK(flag_ids(bank, result) == std::vector<std::string>{"clinical-self-injury"});
  CHECK(resource_ids(bank, red_flag_of(bank, "clinical-self-injury")) ==
        std::vector<std::string>{"huisarts", "poh_ggz"});
  // An attempt (or preparing) in the past three months is a crisis: it is a different question.
  const Result attempt = evaluate_changed(bank, "V02.json", {{"suicide_behaviour", "recent"}});
  CHECK(attempt.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, attempt) == std::vector<std::string>{"crisis-suicide-behaviour"});
  // Self-injury longer ago: a note only.
  const Result earlier = evaluate_changed(bank, "V02.json", {{"self_injury", "longer_ago"}});
  CHECK(earlier.urgency == Urgency::routine);
  CHECK(earlier.red_flags.empty());
  CHECK(fired(bank, earlier, "self-harm-earlier"));
}

TEST_CASE("an attempt ten years ago with no thoughts since allows routine advice with a note",
          "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  // Ahmed (V02) wants coaching; an attempt long ago does not make it a crisis or take coaching away.
  const Result result = evaluate_changed(bank, "V02.json", {{"suicide_behaviour", "longer_ago"}});
  CHECK(result.urgency == Urgency::routine);
  CHECK(result.red_flags.empty());
  CHECK(fired(bank, result, "suicide-attempt-earlier"));
  CHECK(bank.outcomes[result.recommendation.value()].id == "coaching");
}

TEST_CASE("intrusive thoughts of harming a baby are a prompt with the GP, never 112", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const Result result = evaluate_changed(bank, "V11.json", {{"harm_others", "intrusive"}});
  CHECK(result.urgency == Urgency::prompt);
  CHECK_FALSE(any_crisis_flag(result));
  CHECK(flag_ids(bank, result) == std::vector<std::string>{"clinical-harm-thoughts"});
  const auto& flag = red_flag_of(bank, "clinical-harm-thoughts");
  const auto resources = resource_ids(bank, flag);
  CHECK(resources.front() == "huisarts");
  CHECK(std::find(resources.begin(), resources.end(), "verloskundige") != resources.end());
  CHECK(std::find(resources.begin(), resources.end(), "alarmnummer_112") == resources.end());
  CHECK_FALSE(mentions(flag.message, "112"));
  CHECK_FALSE(mentions(flag.first_step, "112"));
  CHECK_THAT(flag.first_step.in("nl"), Catch::Contains("komen veel voor"));
  // Anger without fear of hurting anyone stays neutral; an urge or plan is a crisis with 112 first.
  const Result anger = evaluate_changed(bank, "V11.json", {{"harm_others", "anger_only"}});
  CHECK(anger.urgency == Urgency::routine);
  CHECK(anger.red_flags.empty());
  const Result urge = evaluate_changed(bank, "V11.json", {{"harm_others", "urge"}});
  CHECK(urge.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, urge) == std::vector<std::string>{"crisis-harm-urge"});
  CHECK(resource_ids(bank, red_flag_of(bank, "crisis-harm-urge")).front() == "alarmnummer_112");
}

TEST_CASE("being followed by an ex raises the safety flag, not the psychosis flag", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const Result stalked = evaluate_changed(bank, "V06.json", {{"followed", "real_person"}});
  CHECK(stalked.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, stalked) == std::vector<std::string>{"crisis-followed"});
  const auto& safety = red_flag_of(bank, "crisis-followed");
  CHECK(resource_ids(bank, safety) == std::vector<std::string>{"veilig_thuis", "politie", "alarmnummer_112"});
  CHECK_THAT(safety.first_step.in("nl"), Catch::Contains("0800-2000") && Catch::Contains("0900-8844"));
  for (const char* word : {"psychose", "psychosis", "werkelijkheid", "reality", "huisarts", "GP"}) {
    INFO(word);
    CHECK_FALSE(mentions(safety.message, word));
    CHECK_FALSE(mentions(safety.first_step, word));
  }
  // Feeling followed while others say it is not so: the same-day GP route, as for hearing voices.
  const Result doubted = evaluate_changed(bank, "V06.json", {{"followed", "others_disagree"}});
  CHECK(doubted.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, doubted) == std::vector<std::string>{"crisis-reality"});
  CHECK(resource_ids(bank, red_flag_of(bank, "crisis-reality")) ==
        std::vector<std::string>{"huisarts", "huisartsenpost"});
}

TEST_CASE("home safety: Veilig Thuis first, the sexual assault centre first for sexual violence, tension a note",
          "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const Result unsafe = evaluate_changed(bank, "V03.json", {{"unsafe_home", "unsafe"}});
  CHECK(flag_ids(bank, unsafe) == std::vector<std::string>{"crisis-unsafe-home"});
  CHECK(resource_ids(bank, red_flag_of(bank, "crisis-unsafe-home")) ==
        std::vector<std::string>{"veilig_thuis", "alarmnummer_112"});
  const Result sexual = evaluate_changed(bank, "V03.json", {{"unsafe_home", "sexual"}});
  CHECK(flag_ids(bank, sexual) == std::vector<std::string>{"crisis-sexual-violence"});
  CHECK(resource_ids(bank, red_flag_of(bank, "crisis-sexual-violence")) ==
        std::vector<std::string>{"centrum_seksueel_geweld", "veilig_thuis", "alarmnummer_112"});
  const Result tension = evaluate_changed(bank, "V03.json", {{"unsafe_home", "tension"}});
  CHECK(tension.red_flags.empty());
  CHECK(tension.urgency == Urgency::routine);
  CHECK(fired(bank, tension, "home-tension"));
}

TEST_CASE("possible mania and heavy daily use get their own first steps", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  const Result mania = evaluate_changed(bank, "V11.json", {{"mania", "yes"}});
  CHECK(mania.urgency == Urgency::crisis);
  CHECK(flag_ids(bank, mania) == std::vector<std::string>{"crisis-mania"});
  CHECK_THAT(red_flag_of(bank, "crisis-mania").first_step.in("nl"), Catch::Contains("vandaag je huisarts"));
  // Kees (V08) drinks most evenings: the GP first, and not to stop at once.
  const Result kees = evaluate_changed(bank, "V08.json", {});
  CHECK(kees.urgency == Urgency::prompt);
  CHECK(fired(bank, kees, "clinical-substance-daily"));
  CHECK_THAT(red_flag_of(bank, "clinical-substance-daily").first_step.in("nl"),
             Catch::Contains("huisarts") && Catch::Contains("plotseling stoppen"));
  const Result no_daily = evaluate_changed(bank, "V08.json", {{"substance_daily", "no"}});
  CHECK_FALSE(fired(bank, no_daily, "clinical-substance-daily"));
}

TEST_CASE("declining a safety question never lowers the urgency", "[default-bank][safety]") {
  const Bank bank = load_builtin_bank();
  SECTION("every question a crisis rule reads gives at least prompt when declined, on every vignette") {
    const std::size_t thoughts = bank.find_question("suicidal_thoughts").value();
    for (std::size_t q : red_flag_questions(bank, Tier::crisis)) {
      const Question& question = bank.questions[q];
      nlohmann::json changes;
      const auto unknown =
          std::find_if(question.options.begin(), question.options.end(), [](const Option& o) { return o.unknown; });
      REQUIRE(unknown != question.options.end());
      changes[question.id] = unknown->id;
      const bool follow_up = question.show_if.has_value();
      if (follow_up) {  // method and intent: asked after active thoughts; the other one answered "no"
        changes[bank.questions[thoughts].id] = "yes";
        for (const char* other : {"suicide_method", "suicide_intent"}) {
          if (question.id != other) changes[other] = "no";
        }
      } else if (q == thoughts) {  // declined thoughts: the follow-ups are not shown
        changes["suicide_method"] = nullptr;
        changes["suicide_intent"] = nullptr;
      }
      for (const auto& vignette : wegwijzer::test::vignettes()) {
        INFO(vignette.file << " + " << changes.dump());
        const Result result = evaluate_changed(bank, vignette.file, changes);
        CHECK(result.urgency >= Urgency::prompt);
        if (follow_up) CHECK(result.urgency == Urgency::crisis);  // declined after active thoughts: a yes
        CHECK(std::find(result.unknown_red_flags.begin(), result.unknown_red_flags.end(), q) !=
              result.unknown_red_flags.end());
      }
    }
  }
  SECTION("declining method or plan after active thoughts counts as a yes") {
    const Result method = evaluate_changed(
        bank, "V01.json",
        {{"suicidal_thoughts", "yes"}, {"suicide_method", "rather_not_say"}, {"suicide_intent", "no"}});
    CHECK(method.urgency == Urgency::crisis);
    CHECK(flag_ids(bank, method) == std::vector<std::string>{"crisis-suicide-method-declined"});
    const Result intent = evaluate_changed(
        bank, "V01.json",
        {{"suicidal_thoughts", "yes"}, {"suicide_method", "no"}, {"suicide_intent", "rather_not_say"}});
    CHECK(intent.urgency == Urgency::crisis);
    CHECK(flag_ids(bank, intent) == std::vector<std::string>{"crisis-suicide-intent-declined"});
    CHECK_THAT(red_flag_of(bank, "crisis-suicide-intent-declined").message.in("nl"),
               Catch::Contains("liever niet zeggen"));
  }
  SECTION("someone who declines every safety question gets prompt, one rule per area, and every gap named") {
    for (const auto& vignette : wegwijzer::test::vignettes()) {
      INFO(vignette.file);
      const Result result = evaluate_changed(bank, vignette.file, all_safety_declined());
      CHECK(result.urgency >= Urgency::prompt);
      std::vector<std::string> declined;
      for (std::size_t r : result.fired_rules) {
        if (rule_id(bank, r).rfind("declined-", 0) == 0) declined.push_back(rule_id(bank, r));
      }
      CHECK(declined == decline_rules());
      CHECK(result.unknown_red_flags.size() >= 9);
      // Declining is unknown risk, not a reason for therapy: the advice stays what the other answers say.
      const Result answered = evaluate_changed(bank, vignette.file, {});
      CHECK(result.recommendation == answered.recommendation);
    }
    // A person who is otherwise fine: prompt, not crisis, never "no hurry"; no red flag, her own advice.
    const Result calm = evaluate_changed(bank, "V01.json", all_safety_declined());
    CHECK(calm.urgency == Urgency::prompt);
    CHECK(calm.red_flags.empty());
    CHECK(bank.outcomes[calm.recommendation.value()].id == "werkbegeleiding");
    for (const std::string& id : decline_rules()) {
      INFO(id);
      CHECK(fired(bank, calm, id));
      CHECK(std::find(calm.notes.begin(), calm.notes.end(),
                      static_cast<std::size_t>(&rule_named(bank, id) - bank.rules.data())) != calm.notes.end());
    }
  }
}
