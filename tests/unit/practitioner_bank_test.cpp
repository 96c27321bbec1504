// The built-in practitioner bank (data/banks/practitioner.json, issue 19): for coaches, school social workers,
// intern begeleiders and child coaches asking about one client whether this is still coaching, within their
// competence, or time to refer. It loads cleanly (also under check's never-true analysis), speaks Dutch and English
// everywhere, asks every safety question with a "don't know" option, names a first step and resources for every red
// flag (112 only in danger, 113 and the huisarts for suicidal plans, the Meldcode and Veilig Thuis for abuse), adapts
// its questions to the client's age, speaks to the practitioner in the summary, cites every phone number in
// docs/practitioner-bank.md, and reaches every outcome and urgency (the witness search of `check --witness`).
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "practitioner_vignette_support.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/bank/program_text_keys.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/witness.hpp"
#include "wegwijzer/summary/summary.hpp"

using namespace wegwijzer;

namespace {

const Bank& practitioner() {
  static const Bank bank = load_builtin_bank("practitioner");
  return bank;
}

/// Every text of the bank, with a label saying where it is.
std::vector<std::pair<std::string, const LocalText*>> all_texts(const Bank& bank) {
  std::vector<std::pair<std::string, const LocalText*>> texts = {
      {"title", &bank.title}, {"introduction", &bank.introduction}, {"disclaimer", &bank.disclaimer}};
  for (const Outcome& outcome : bank.outcomes) {
    for (const LocalText* text :
         {&outcome.name, &outcome.what_it_is, &outcome.what_to_expect, &outcome.where_to_find}) {
      texts.emplace_back("outcome " + outcome.id, text);
    }
    for (const OutcomeVariant& variant : outcome.variants) {
      for (const LocalText* text : {&variant.what_it_is, &variant.what_to_expect, &variant.where_to_find}) {
        if (!text->empty()) texts.emplace_back("variant of " + outcome.id, text);
      }
    }
  }
  for (const Question& question : bank.questions) {
    texts.emplace_back("question " + question.id, &question.text);
    for (const LocalText* text : {&question.help, &question.lead, &question.topic}) {
      if (!text->empty()) texts.emplace_back("help, lead or topic of " + question.id, text);
    }
    for (const Option& option : question.options)
      texts.emplace_back("option " + question.id + "/" + option.id, &option.label);
  }
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) {
      texts.emplace_back("red flag " + rule.id, &rule.effects.red_flag->message);
      texts.emplace_back("first step of " + rule.id, &rule.effects.red_flag->first_step);
    }
    if (!rule.effects.note.empty()) texts.emplace_back("note " + rule.id, &rule.effects.note);
    if (!rule.effects.first_step.empty()) texts.emplace_back("first step of " + rule.id, &rule.effects.first_step);
  }
  for (const Resource& resource : bank.resources) {
    for (const LocalText* text : {&resource.name, &resource.when, &resource.hours, &resource.audience}) {
      if (!text->empty()) texts.emplace_back("resource " + resource.id, text);
    }
  }
  for (const auto& [key, text] : bank.texts) texts.emplace_back("texts " + key, &text);
  return texts;
}

/// The questions a rule's condition reads.
std::set<std::string> questions_read(const Bank& bank, const Condition& condition) {
  std::vector<bool> marks(bank.questions.size(), false);
  mark_questions_read(bank, condition, marks);
  std::set<std::string> ids;
  for (std::size_t q = 0; q < marks.size(); ++q) {
    if (marks[q]) ids.insert(bank.questions[q].id);
  }
  return ids;
}

/// The questions red-flag rules of `tier` read.
std::set<std::string> red_flag_questions(const Bank& bank, std::optional<Tier> tier = std::nullopt) {
  std::set<std::string> ids;
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag || (tier && rule.effects.red_flag->tier != *tier)) continue;
    for (const std::string& id : questions_read(bank, rule.when)) ids.insert(id);
  }
  return ids;
}

std::vector<std::string> resource_ids(const Bank& bank, const std::vector<std::size_t>& resources) {
  std::vector<std::string> ids;
  for (std::size_t r : resources) ids.push_back(bank.resources[r].id);
  return ids;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

/// The sentences of a text (split after ". ", "! " or "? ").
std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ') {
      out.push_back(current);
      current.clear();
      ++i;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

/// The first step a rule shows (its red flag's, else its own).
const LocalText& step_of(const Rule& rule) {
  return rule.effects.red_flag ? rule.effects.red_flag->first_step : rule.effects.first_step;
}

/// A case's answers with `changes` applied (null removes an answer), evaluated; the result must be clean.
Result evaluate_changed(const Bank& bank, const std::string& file, const nlohmann::json& changes,
                        AnswerSet* out = nullptr) {
  nlohmann::json answers = test::practitioner_record({file, "", "", ""}).at("answers");
  for (const auto& change : changes.items()) {
    if (change.value().is_null()) {
      answers.erase(change.key());
    } else {
      answers[change.key()] = change.value();
    }
  }
  std::vector<AnswerError> errors;
  AnswerSet set = answers_from_json(bank, answers, errors);
  for (const auto& error : errors) UNSCOPED_INFO(error.question << ": " << error.message);
  REQUIRE(errors.empty());
  Result result = evaluate(bank, set);
  for (std::size_t q : result.missing) UNSCOPED_INFO("missing: " << bank.questions[q].id);
  for (std::size_t q : result.ignored) UNSCOPED_INFO("not shown: " << bank.questions[q].id);
  REQUIRE(result.status == Status::complete);
  REQUIRE(result.ignored.empty());
  if (out != nullptr) *out = set;
  return result;
}

std::vector<std::string> shown_ids(const Bank& bank, const Result& result) {
  std::vector<std::string> ids;
  for (std::size_t q : result.shown) ids.push_back(bank.questions[q].id);
  return ids;
}

std::string outcome_of(const Bank& bank, const Result& result) {
  REQUIRE(result.recommendation.has_value());
  return bank.outcomes[*result.recommendation].id;
}

}  // namespace

TEST_CASE("the practitioner bank loads without errors or warnings, also under check's analysis", "[practitioner]") {
  const std::string text = test::read_file(test::source_path("data/banks/practitioner.json"));
  BankLimits limits;
  limits.analyse_conditions = true;  // as `wegwijzer check` loads it: every show_if and rule can be true
  LoadResult loaded = load_bank(text, "practitioner.json", limits);
  for (const auto& diagnostic : loaded.diagnostics) UNSCOPED_INFO(diagnostic.format());
  REQUIRE(loaded.bank.has_value());
  CHECK(loaded.diagnostics.empty());
  CHECK(loaded.bank->id == "practitioner");
  CHECK(loaded.bank->version == "1.0.0");
  CHECK(practitioner().sha256 == loaded.bank->sha256);  // the binary embeds this very file
  CHECK(find_builtin_bank("practitioner") != nullptr);
}

TEST_CASE("the practitioner bank speaks Dutch and English in every text", "[practitioner]") {
  const Bank& bank = practitioner();
  CHECK(bank.languages == std::vector<std::string>{"nl", "en"});
  for (const auto& [where, text] : all_texts(bank)) {
    INFO(where);
    CHECK_FALSE(text->in("nl").empty());
    CHECK_FALSE(text->in("en").empty());
  }
  for (const auto& [key, text] : bank.texts) {
    INFO(key);
    CHECK(is_program_text_key(key));
  }
}

TEST_CASE("the practitioner bank's outcomes run from within the role to acting now; flags force refer or act-now",
          "[practitioner]") {
  const Bank& bank = practitioner();
  std::vector<std::string> ids;
  for (const Outcome& outcome : bank.outcomes) ids.push_back(outcome.id);
  CHECK(ids == std::vector<std::string>{"within-role", "bring-to-supervision", "refer", "act-now"});
  CHECK(bank.outcomes[bank.red_flag_outcome(Tier::clinical)].id == "refer");
  CHECK(bank.outcomes[bank.red_flag_outcome(Tier::crisis)].id == "act-now");
  // No answer weighs towards acting now: only a crisis flag gets there.
  const std::size_t act_now = bank.red_flag_outcome(Tier::crisis);
  for (const Question& question : bank.questions) {
    for (const Option& option : question.options) {
      INFO(question.id << "/" << option.id);
      CHECK((option.weights.empty() || option.weights[act_now] == 0.0));
    }
  }
  for (const Rule& rule : bank.rules) {
    INFO(rule.id);
    CHECK((rule.effects.weights.empty() || rule.effects.weights[act_now] == 0.0));
    CHECK(std::find(rule.effects.require.begin(), rule.effects.require.end(), act_now) == rule.effects.require.end());
  }
  CHECK_THAT(bank.disclaimer.in("nl"), Catch::Contains("geen diagnose") && Catch::Contains("geen gevalideerd"));
  CHECK_THAT(bank.disclaimer.in("en"), Catch::Contains("not a diagnosis") && Catch::Contains("not a validated"));
}

TEST_CASE("every red-flag question of the practitioner bank offers 'don't know' last and the safe answer first",
          "[practitioner]") {
  const Bank& bank = practitioner();
  const auto flagged = red_flag_questions(bank);
  REQUIRE(flagged.size() >= 12);
  for (const std::string& id : flagged) {
    const Question& question = bank.questions[bank.find_question(id).value()];
    INFO(id);
    REQUIRE(question.options.size() >= 2);
    CHECK(question.options.back().unknown);
    CHECK_FALSE(question.options.front().unknown);
    CHECK((question.options.front().id == "no" || question.options.front().id == "none" ||
           question.options.front().id == "usual"));
  }
}

TEST_CASE("crisis questions are asked of every client, the suicide follow-up only after thoughts of suicide",
          "[practitioner]") {
  const Bank& bank = practitioner();
  const auto crisis = red_flag_questions(bank, Tier::crisis);
  CHECK(crisis == std::set<std::string>{"suicide_thoughts", "suicide_plan", "suicide_attempt", "home_safety_minor",
                                        "home_safety_adult", "harm_others", "reality"});
  for (const std::string& id : crisis) {
    const Question& question = bank.questions[bank.find_question(id).value()];
    INFO(id);
    CHECK(question.required);
    if (id == "suicide_plan") {
      REQUIRE(question.show_if.has_value());
      CHECK(questions_read(bank, *question.show_if) == std::set<std::string>{"suicide_thoughts"});
    } else if (id == "home_safety_minor" || id == "home_safety_adult") {
      REQUIRE(question.show_if.has_value());
      CHECK(questions_read(bank, *question.show_if) == std::set<std::string>{"client_age"});
    } else {
      CHECK_FALSE(question.show_if.has_value());
    }
  }
  // Every client gets exactly one of the two questions about safety at home.
  for (const char* file : {"P01.json", "P08.json"}) {
    for (const char* age : {"child", "adolescent", "adult"}) {
      nlohmann::json answers = test::practitioner_record({file, "", "", ""}).at("answers");
      answers["client_age"] = age;
      std::vector<AnswerError> errors;
      const Result result = evaluate(bank, answers_from_json(bank, answers, errors));
      const auto shown = shown_ids(bank, result);
      INFO(file << ", " << age);
      CHECK(contains(shown, "home_safety_minor") != contains(shown, "home_safety_adult"));
    }
  }
}

TEST_CASE("the practitioner bank's questions adapt to the client's age", "[practitioner]") {
  const Bank& bank = practitioner();
  const std::vector<std::string> family = {"home_safety_minor", "divorce_conflict", "parent_problems", "core_damage",
                                           "parents_response"};
  const std::vector<std::string> adult = {"home_safety_adult", "sick_leave"};
  for (const char* age : {"child", "adolescent"}) {
    const Result result = evaluate_changed(bank, "P01.json", {{"client_age", age}});
    for (const std::string& id : family) CHECK(contains(shown_ids(bank, result), id));
    for (const std::string& id : adult) CHECK_FALSE(contains(shown_ids(bank, result), id));
  }
  const Result grown = evaluate_changed(bank, "P08.json", {});
  for (const std::string& id : family) CHECK_FALSE(contains(shown_ids(bank, grown), id));
  for (const std::string& id : adult) CHECK(contains(shown_ids(bank, grown), id));
  // The advice's texts follow too: no parents in what an adult's coach is told to say.
  AnswerSet answers(bank);
  const Result result = evaluate_changed(bank, "P08.json", {}, &answers);
  SummaryOptions options;
  options.language = "en";
  const std::string text = render_summary(bank, answers, result, options);
  CHECK_THAT(text, !Catch::Contains("the parents for a child") && !Catch::Contains("with the parents"));
}

TEST_CASE(
    "every red flag and urgent rule of the practitioner bank names a first step and where to turn; 112 only "
    "in danger",
    "[practitioner]") {
  const Bank& bank = practitioner();
  for (const Rule& rule : bank.rules) {
    const bool urgent =
        rule.effects.red_flag || (rule.effects.min_urgency && *rule.effects.min_urgency != Urgency::routine);
    if (!urgent) continue;
    INFO(rule.id);
    const LocalText& step = step_of(rule);
    CHECK_FALSE(step.in("nl").empty());
    CHECK_FALSE(step.in("en").empty());
    const auto& resources = rule.effects.red_flag ? rule.effects.red_flag->resources : rule.effects.resources;
    CHECK_FALSE(resources.empty());
    // 112 is for immediate danger only: every sentence that names it says so.
    for (const char* language : {"nl", "en"}) {
      for (const LocalText* text :
           {&step, rule.effects.red_flag ? &rule.effects.red_flag->message : &rule.effects.note}) {
        for (const std::string& sentence : sentences_of(text->in(language))) {
          if (sentence.find("112") == std::string::npos) continue;
          INFO(sentence);
          CHECK((sentence.find("gevaar") != std::string::npos || sentence.find("danger") != std::string::npos));
        }
      }
    }
  }
  const Resource& emergency = bank.resources[bank.find_resource("alarmnummer_112").value()];
  CHECK_THAT(emergency.when.in("nl"), Catch::StartsWith("alleen als"));
  CHECK_THAT(emergency.when.in("en"), Catch::StartsWith("only if"));
}

TEST_CASE("suicidal plans, a method or a recent attempt: act now with 113 and the huisarts, 112 never first",
          "[practitioner]") {
  const Bank& bank = practitioner();
  std::size_t checked = 0;
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag || rule.effects.red_flag->tier != Tier::crisis) continue;
    const auto read = questions_read(bank, rule.when);
    if (read.count("suicide_plan") == 0 && read.count("suicide_attempt") == 0) continue;
    INFO(rule.id);
    ++checked;
    const auto resources = resource_ids(bank, rule.effects.red_flag->resources);
    REQUIRE_FALSE(resources.empty());
    CHECK(resources.front() == "zelfmoordpreventie_113");
    CHECK(contains(resources, "huisarts"));
    CHECK(contains(resources, "huisartsenpost"));
    for (const char* language : {"nl", "en"}) {
      const std::string step = rule.effects.red_flag->first_step.in(language);
      CHECK_THAT(step, Catch::Contains("113") && Catch::Contains("0800-0113"));
      CHECK(step.find("113") < step.find("huisarts"));
    }
  }
  CHECK(checked == 4);  // plan, recent attempt, method, and a plan the practitioner does not know about
}

TEST_CASE("signs of violence or abuse at home lead to the Meldcode's five steps and Veilig Thuis for professionals",
          "[practitioner]") {
  const Bank& bank = practitioner();
  std::size_t checked = 0;
  for (const Rule& rule : bank.rules) {
    const auto read = questions_read(bank, rule.when);
    if (read.count("home_safety_minor") == 0 && read.count("home_safety_adult") == 0) continue;
    if (!rule.effects.red_flag && !rule.effects.min_urgency) continue;  // a context note (the school's care team)
    INFO(rule.id);
    ++checked;
    const auto resources =
        resource_ids(bank, rule.effects.red_flag ? rule.effects.red_flag->resources : rule.effects.resources);
    CHECK(contains(resources, "veilig_thuis"));
    const LocalText& step = step_of(rule);
    CHECK_THAT(step.in("nl"), Catch::Contains("Veilig Thuis") && Catch::Contains("0800-2000"));
    CHECK_THAT(step.in("en"), Catch::Contains("Veilig Thuis") && Catch::Contains("0800-2000"));
    if (rule.id.rfind("declined-", 0) == 0) continue;
    // The five steps, in plain words, wherever there is a sign.
    const LocalText& text = rule.effects.red_flag ? rule.effects.red_flag->message : rule.effects.note;
    CHECK_THAT(text.in("nl"), Catch::Contains("meldcode in vijf stappen") && Catch::Contains("5. beslis") &&
                                  Catch::Contains("acute of structurele onveiligheid meld je altijd"));
    CHECK_THAT(text.in("en"), Catch::Contains("reporting code in five steps") && Catch::Contains("5. decide") &&
                                  Catch::Contains("acute or structural unsafety you always report"));
  }
  CHECK(checked == 6);  // two crisis flags per age group, the worries rule and the declined rule
  const Resource& veilig_thuis = bank.resources[bank.find_resource("veilig_thuis").value()];
  CHECK(veilig_thuis.phone == std::vector<std::string>{"0800-2000"});
  CHECK(veilig_thuis.free == std::optional<bool>(true));
  CHECK_THAT(veilig_thuis.when.in("en"), Catch::Contains("advice at every step"));
}

TEST_CASE("worries about safety at home without concrete signs start the Meldcode this week, never 'go on'",
          "[practitioner]") {
  const Bank& bank = practitioner();
  for (const auto& [file, question] : std::vector<std::pair<std::string, std::string>>{
           {"P01.json", "home_safety_minor"}, {"P08.json", "home_safety_adult"}}) {
    INFO(file);
    const Result worries = evaluate_changed(bank, file, {{question, "worries"}});
    CHECK(worries.urgency == Urgency::prompt);
    CHECK(outcome_of(bank, worries) != "within-role");
    CHECK(worries.red_flags.empty());  // no flag: consulting comes before referring
    const Result concrete = evaluate_changed(bank, file, {{question, "concrete"}});
    CHECK(concrete.urgency == Urgency::crisis);
    CHECK(outcome_of(bank, concrete) == "act-now");
  }
}

TEST_CASE("the practitioner's own themes, doubts and limits steer the advice", "[practitioner]") {
  const Bank& bank = practitioner();
  // P8 goes on within the role; each of these turns it.
  CHECK(outcome_of(bank, evaluate_changed(bank, "P08.json", {})) == "within-role");
  for (const char* theme : {"thinking", "rescuing", "steering", "own_life", "strong_feelings"}) {
    INFO(theme);
    const Result result = evaluate_changed(bank, "P08.json", {{"own_themes", {theme}}});
    CHECK(outcome_of(bank, result) == "bring-to-supervision");
    CHECK(result.urgency == Urgency::routine);
  }
  const Result treating = evaluate_changed(bank, "P08.json", {{"intention", "treat"}});
  CHECK(outcome_of(bank, treating) == "bring-to-supervision");
  const Result too_big = evaluate_changed(bank, "P08.json", {{"too_big", "too_big"}});
  CHECK(outcome_of(bank, too_big) == "refer");
  const Result untrained = evaluate_changed(bank, "P08.json", {{"competence", "no"}});
  CHECK(outcome_of(bank, untrained) != "within-role");
  // Leertherapie where the practitioner's own life is touched.
  AnswerSet answers(bank);
  const Result own_life = evaluate_changed(bank, "P08.json", {{"own_themes", {"own_life"}}}, &answers);
  SummaryOptions options;
  options.language = "nl";
  CHECK_THAT(render_summary(bank, answers, own_life, options), Catch::Contains("leertherapie"));
}

TEST_CASE("the practitioner summary speaks to the practitioner and never diagnoses", "[practitioner]") {
  const Bank& bank = practitioner();
  for (const auto& c : test::practitioner_cases()) {
    std::vector<AnswerError> errors;
    const AnswerSet answers = test::load_practitioner_case(bank, c, errors);
    const Result result = evaluate(bank, answers);
    for (const char* language : {"nl", "en"}) {
      SummaryOptions options;
      options.language = language;
      const std::string text = render_summary(bank, answers, result, options);
      INFO(c.file << " " << language);
      const bool nl = std::string(language) == "nl";
      CHECK_THAT(text, Catch::Contains(nl ? "Wat je tegen je cliënt of de ouders zegt:"
                                          : "What to tell your client or the parents:"));
      CHECK_THAT(text, Catch::Contains(nl ? "Wat dit voor jou betekent:" : "What this means for you:"));
      CHECK_THAT(text, Catch::Contains(nl ? "Wie je inschakelt en waarheen je verwijst:"
                                          : "Who to involve / where to refer:"));
      CHECK_THAT(text, Catch::Contains(nl ? "Wat je nu het best kunt doen: " : "What you had best do now: "));
      CHECK_THAT(text, Catch::Contains(nl ? "geen diagnose" : "not a diagnosis"));
      // None of the person-facing wording of the default bank.
      CHECK_THAT(text, !Catch::Contains(nl ? "Heb je nu direct hulp nodig?" : "Do you need help right now?"));
      CHECK_THAT(text, !Catch::Contains(nl ? "Waar je het vindt" : "Where to find it"));
      if (result.urgency == Urgency::crisis) {
        CHECK_THAT(text, Catch::StartsWith("╔") &&
                             Catch::Contains(nl ? "Is je cliënt nu in gevaar?" : "Is your client in danger now?"));
      }
    }
  }
}

TEST_CASE("every phone number of the practitioner bank is cited in docs/practitioner-bank.md with its check date",
          "[practitioner]") {
  const Bank& bank = practitioner();
  const std::vector<std::string> doc =
      test::split_lines(test::read_file(test::source_path("docs/practitioner-bank.md")));
  std::set<std::string> numbers;
  for (const Resource& resource : bank.resources) numbers.insert(resource.phone.begin(), resource.phone.end());
  CHECK(numbers == std::set<std::string>{"113", "0800-0113", "112", "0800-2000", "0800-0188", "0800-0432"});
  for (const std::string& number : numbers) {
    INFO(number);
    bool cited = false;
    for (const std::string& line : doc) {
      cited = cited || (line.find(number) != std::string::npos && line.find("2026-12-07") != std::string::npos);
    }
    CHECK(cited);
  }
  // And every number the texts name is one of them.
  for (const auto& [where, text] : all_texts(bank)) {
    for (const char* language : {"nl", "en"}) {
      const std::string& words = text->in(language);
      for (std::size_t at = words.find("0800-"); at != std::string::npos; at = words.find("0800-", at + 1)) {
        INFO(where << ": " << words.substr(at, 9));
        CHECK(numbers.count(words.substr(at, 9)) == 1);
      }
    }
  }
}

TEST_CASE("the witness search reaches every outcome and every urgency of the practitioner bank",
          "[practitioner][witness]") {
  const Bank& bank = practitioner();
  const WitnessSearch search = find_witnesses(bank, 1);
  REQUIRE(search.outcomes.size() == 4);
  for (std::size_t o = 0; o < search.outcomes.size(); ++o) {
    INFO(bank.outcomes[o].id);
    REQUIRE(search.outcomes[o].has_value());
    const Result result = evaluate(bank, *search.outcomes[o]);
    CHECK(result.status == Status::complete);
    CHECK(result.ignored.empty());
    CHECK(result.recommendation == o);
  }
  REQUIRE(search.urgencies.size() == 3);
  for (std::size_t u = 0; u < 3; ++u) {
    INFO(to_string(static_cast<Urgency>(u)));
    REQUIRE(search.urgencies[u].has_value());
    const Result result = evaluate(bank, *search.urgencies[u]);
    CHECK(result.status == Status::complete);
    CHECK(static_cast<std::size_t>(result.urgency) == u);
  }
}
