#pragma once
// A small hand-built bank and results for the summary and machine-JSON tests, independent of
// the loader and the engine (so rendering is tested on exactly the values given).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer::test {

/// A LocalText in Dutch and English.
inline LocalText both(std::string nl, std::string en) {
  return LocalText(std::map<std::string, std::string>{{"nl", std::move(nl)}, {"en", std::move(en)}});
}

/// Four outcomes, five questions (single, scale, yes_no with "rather not say", multiple, text),
/// one scale, four resources (113 and 112 the crisis lines) and three rules (a crisis flag whose
/// first step and resources put Veilig Thuis first, a clinical flag, a note).
inline Bank fixture_bank() {
  Bank bank;
  bank.id = "fixture";
  bank.version = "1.2.3";
  bank.languages = {"nl", "en"};
  bank.title = both("Wegwijzer", "Wegwijzer");
  bank.disclaimer = both("Dit is geen diagnose.", "This is not a diagnosis.");
  bank.sha256 = std::string(64, 'a');
  const char* ids[] = {"werkbegeleiding", "coaching", "supervisie", "therapie"};
  for (const char* id : ids) {
    Outcome outcome;
    outcome.id = id;
    outcome.name = both(std::string(id) + "-nl", std::string(id) + "-en");
    outcome.what_it_is = both("Wat het is.", "What it is.");
    outcome.what_to_expect = both("Wat je kunt verwachten.", "What to expect.");
    outcome.where_to_find = both("Waar je het vindt.", "Where to find it.");
    bank.outcomes.push_back(outcome);
  }
  auto option = [](std::string id, LocalText label, std::optional<int> points = {}, bool unknown = false) {
    Option o;
    o.id = std::move(id);
    o.label = std::move(label);
    o.weights = std::vector<double>(4, 0.0);
    o.points = points;
    o.unknown = unknown;
    return o;
  };
  Question need;
  need.id = "need";
  need.type = QuestionType::single;
  need.text = both("Wat past het best?", "What fits best?");
  need.options = {option("task", both("Een taak", "A task")), option("goal", both("Een doel", "A goal"))};
  Question down;
  down.id = "down";
  down.type = QuestionType::scale;
  down.text = both("Hoe vaak somber?", "How often down?");
  down.options = {option("never", both("Nooit", "Never"), 0), option("daily", both("Dagelijks", "Daily"), 3)};
  Question life;
  life.id = "life_worth";
  life.type = QuestionType::yes_no;
  life.text = both("Leven niet de moeite waard?", "Life not worth living?");
  life.options = {option("yes", both("Ja", "Yes")), option("no", both("Nee", "No")),
                  option("rather_not_say", both("Zeg ik liever niet", "Rather not say"), {}, true)};
  Question topics;
  topics.id = "topics";
  topics.type = QuestionType::multiple;
  topics.required = false;
  topics.text = both("Waarover?", "About what?");
  topics.options = {option("work", both("Werk", "Work")), option("private", both("Privé", "Private life"))};
  Question remarks;
  remarks.id = "remarks";
  remarks.type = QuestionType::text;
  remarks.required = false;
  remarks.text = both("Nog iets?", "Anything else?");
  bank.questions = {need, down, life, topics, remarks};
  Scale scale;
  scale.id = "distress";
  scale.label = both("Indicatie van klachten", "Distress indication");
  scale.items = {1};
  scale.min_value = 0;
  scale.max_value = 3;
  Band low;
  low.id = "low";
  low.label = both("laag", "low");
  low.min = 0;
  low.max = 1;
  Band high;
  high.id = "high";
  high.label = both("hoog", "high");
  high.min = 2;
  high.max = 3;
  scale.bands = {low, high};
  bank.scales = {scale};
  auto resource = [](std::string id, LocalText name, std::vector<std::string> phone, LocalText when) {
    Resource r;
    r.id = std::move(id);
    r.name = std::move(name);
    r.phone = std::move(phone);
    r.when = std::move(when);
    return r;
  };
  bank.resources = {
      resource("line_113", both("113 Zelfmoordpreventie", "113 Suicide Prevention"), {"113", "0800-0113"},
               both("bij gedachten aan zelfdoding", "if you think about suicide")),
      resource("line_112", both("Alarmnummer", "Emergency number"), {"112"},
               both("bij direct gevaar", "in danger now")),
      resource("veilig_thuis", both("Veilig Thuis", "Veilig Thuis"), {"0800-2000"},
               both("als je thuis niet veilig bent", "if you are not safe at home")),
      resource("post", both("De huisartsenpost", "The huisartsenpost"), {}, both("buiten kantooruren", "out of hours")),
  };
  bank.resources[0].free = true;
  bank.resources[0].url = "113.nl";
  bank.resources[0].hours = both("dag en nacht", "day and night");
  bank.crisis_lines = {0, 1};
  Rule crisis;
  crisis.id = "life-not-worth-living";
  crisis.effects.red_flag = Effects::RedFlag{Tier::crisis,
                                             both("Crisisbericht.", "Crisis message."),
                                             both("Bel Veilig Thuis nu.", "Call Veilig Thuis now."),
                                             {2, 1, 0, 3}};
  crisis.effects.min_urgency = Urgency::crisis;
  Rule clinical;
  clinical.id = "daily-low-mood";
  clinical.effects.red_flag = Effects::RedFlag{Tier::clinical,
                                               both("Bijna elke dag somber.", "Down nearly every day."),
                                               both("Ga deze week naar je huisarts.", "See your huisarts this week."),
                                               {}};
  Rule note;
  note.id = "voluntary";
  note.effects.note = both("Alleen vrijwillig.", "Only voluntary.");
  bank.rules = {crisis, clinical, note};
  return bank;
}

/// A complete routine result recommending coaching, with a close call and a note.
inline Result fixture_routine_result() {
  Result result;
  result.status = Status::complete;
  result.shown = {0, 1, 3, 4};
  result.scores = {0, 3.5, 2.75, 0};
  result.scales = {ScaleValue{0, 1, std::size_t{0}, 1}};
  result.fired_rules = {2};
  result.urgency = Urgency::routine;
  result.recommendation = 1;
  result.ranking = {{1, 3.5, 0, false}, {2, 2.75, 0.75, false}, {0, 0, 3.5, false}, {3, 0, 3.5, true}};
  Reason answer;
  answer.kind = Reason::Kind::answer;
  answer.question = 0;
  answer.option = 1;
  answer.outcome = 1;
  answer.effect = 3;
  Reason rule;
  rule.kind = Reason::Kind::rule;
  rule.rule = 2;
  rule.outcome = 1;
  rule.effect = 0.5;
  result.reasons = {answer, rule};
  result.notes = {2};
  result.close_call = true;
  return result;
}

/// Answers matching fixture_routine_result, including free text.
inline AnswerSet fixture_routine_answers(const Bank& bank) {
  AnswerSet answers(bank);
  answers.set(0, Answer{{1}, ""});
  answers.set(1, Answer{{0}, ""});
  answers.set(3, Answer{{0, 1}, ""});
  answers.set(4, Answer{{}, "secret free text"});
  return answers;
}

}  // namespace wegwijzer::test
