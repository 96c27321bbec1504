// import_fhir_questionnaire: each supported construct of an R4 Questionnaire, and each diagnostic for what cannot be
// carried over, on small Questionnaires written for the test. Every imported bank must load.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/fhir/fhir.hpp"

using nlohmann::json;
using namespace wegwijzer;

namespace {

const std::string kItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";

json questionnaire(json items, json extra = json::object()) {
  json q = {
      {"resourceType", "Questionnaire"}, {"id", "test-q"}, {"status", "draft"}, {"title", "Test"}, {"language", "en"},
      {"item", std::move(items)}};
  for (auto& [key, value] : extra.items()) q[key] = value;
  return q;
}

json weighted(const std::string& code, const std::string& display, double weight,
              const std::string& url = kItemWeight) {
  return {{"valueCoding", {{"system", "http://loinc.org"}, {"code", code}, {"display", display}}},
          {"extension", {{{"url", url}, {"valueDecimal", weight}}}}};
}

struct Imported {
  FhirImport result;
  std::optional<Bank> bank;
};

Imported import(const json& q) {
  Imported out;
  out.result = import_fhir_questionnaire(q.dump(), "q.json");
  if (!out.result.bank_json.empty()) {
    LoadResult loaded = load_bank(out.result.bank_json, "imported.json");
    for (const Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(loaded.bank);
    out.bank = std::move(loaded.bank);
  }
  return out;
}

bool warned(const Imported& imported, const std::string& pointer, const std::string& words) {
  return std::any_of(imported.result.diagnostics.begin(), imported.result.diagnostics.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::warning && d.pointer == pointer && d.message.find(words) != std::string::npos;
  });
}

const Question& question(const Bank& bank, const std::string& id) {
  auto found = bank.find_question(id);
  REQUIRE(found);
  return bank.questions[*found];
}

/// Which questions the skip logic shows for `answers` (a JSON object), in order.
std::vector<std::string> shown(const Bank& bank, const json& answers) {
  std::vector<AnswerError> errors;
  const Result result = evaluate(bank, answers_from_json(bank, answers, errors));
  std::vector<std::string> ids;
  for (std::size_t q : result.shown) ids.push_back(bank.questions[q].id);
  return ids;
}

}  // namespace

TEST_CASE("fhir import: not JSON, not a resource, another resource: an error and no bank", "[fhir]") {
  for (const std::string& text : {std::string("{\"resourceType\": "), std::string("[1]"), std::string("{}"),
                                  std::string(R"({"resourceType":"Patient","id":"p"})")}) {
    INFO(text);
    const FhirImport result = import_fhir_questionnaire(text, "q.json");
    CHECK(result.bank_json.empty());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Severity::error);
  }
  CHECK(import_fhir_questionnaire(R"({"resourceType":"Patient"})", "q.json").diagnostics[0].message ==
        "a FHIR Patient, not a Questionnaire");
  CHECK_FALSE(looks_like_fhir_questionnaire(R"({"resourceType":"Patient"})"));
  CHECK(looks_like_fhir_questionnaire(questionnaire(json::array()).dump()));
  const FhirImport empty = import_fhir_questionnaire(questionnaire(json::array()).dump(), "q.json");
  CHECK(empty.bank_json.empty());
  CHECK(empty.diagnostics.at(0).pointer == "/item");
}

TEST_CASE("fhir import: groups lead their first question, display items the next; boolean is yes/no", "[fhir]") {
  const Imported imported = import(questionnaire(
      {{{"linkId", "intro"}, {"type", "display"}, {"text", "Please answer honestly."}},
       {{"linkId", "g"},
        {"type", "group"},
        {"text", "About work"},
        {"item", {{{"linkId", "works"}, {"type", "boolean"}, {"text", "Do you work?"}, {"required", true}}}}},
       {{"linkId", "free"}, {"type", "text"}, {"text", "Anything else?"}}}));
  const Bank& bank = *imported.bank;
  REQUIRE(bank.questions.size() == 2);
  const Question& works = question(bank, "works");
  CHECK(works.type == QuestionType::yes_no);
  CHECK(works.required);
  CHECK(works.lead.in("en") == "Please answer honestly.\nAbout work");
  CHECK(works.options.at(0).id == "yes");
  CHECK(question(bank, "free").type == QuestionType::text);
  CHECK_FALSE(question(bank, "free").required);  // FHIR's default
  CHECK(bank.outcomes.empty());
}

TEST_CASE("fhir import: option weights on the option, its coding or a contained ValueSet make a total", "[fhir]") {
  const std::string ordinal = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
  const std::string stu3 = "http://hl7.org/fhir/StructureDefinition/questionnaire-ordinalValue";
  json on_coding = weighted("b1", "Yes", 2);
  on_coding["valueCoding"]["extension"] = on_coding["extension"];
  on_coding["valueCoding"]["extension"][0]["url"] = stu3;
  on_coding.erase("extension");
  const json value_set = {
      {"resourceType", "ValueSet"},
      {"id", "vs"},
      {"status", "active"},
      {"compose",
       {{"include",
         {{{"system", "http://snomed.info/sct"},
           {"concept",
            {{{"code", "c0"}, {"display", "Never"}, {"extension", {{{"url", ordinal}, {"valueDecimal", 0}}}}},
             {{"code", "c1"}, {"display", "Often"}, {"extension", {{{"url", ordinal}, {"valueDecimal", 3}}}}}}}}}}}}};
  const Imported imported = import(questionnaire(
      {{{"linkId", "a"},
        {"type", "choice"},
        {"text", "A"},
        {"answerOption", {weighted("a0", "No", 0), weighted("a1", "Yes", 1)}}},
       {{"linkId", "b"}, {"type", "choice"}, {"text", "B"}, {"answerOption", {weighted("b0", "No", 0), on_coding}}},
       {{"linkId", "c"}, {"type", "choice"}, {"text", "C"}, {"answerValueSet", "#vs"}},
       {{"linkId", "d"},
        {"type", "choice"},
        {"text", "D"},
        {"answerOption", {{{"valueString", "red"}}, {{"valueString", "blue"}}}}}},
      {{"contained", {value_set}}}));
  const Bank& bank = *imported.bank;
  CHECK(question(bank, "a").type == QuestionType::scale);
  CHECK(question(bank, "a").options.at(1).id == "a1");
  CHECK(question(bank, "a").options.at(1).label.in("en") == "Yes");
  CHECK(question(bank, "b").options.at(1).points == 2);
  CHECK(question(bank, "c").options.at(1).id == "c1");
  CHECK(question(bank, "c").options.at(1).points == 3);
  CHECK(question(bank, "d").type == QuestionType::single);  // no weights: not in the total
  REQUIRE(bank.scales.size() == 1);
  const Scale& total = bank.scales[0];
  CHECK(total.id == "total");
  CHECK(total.items.size() == 3);
  CHECK(total.min_value == 0);
  CHECK(total.max_value == 6);
  std::vector<AnswerError> errors;
  const Result result = evaluate(bank, answers_from_json(bank, {{"a", "a1"}, {"b", "b1"}, {"c", "c1"}}, errors));
  CHECK(result.status == Status::complete);
  CHECK(result.scales.at(0).value == 6);
  CHECK_FALSE(result.recommendation.has_value());
}

TEST_CASE("fhir import: repeats gives multiple choice; numbers and strings are free text", "[fhir]") {
  const Imported imported = import(questionnaire({{{"linkId", "m"},
                                                   {"type", "choice"},
                                                   {"text", "Which?"},
                                                   {"repeats", true},
                                                   {"answerOption", {{{"valueString", "x"}}, {{"valueString", "y"}}}}},
                                                  {{"linkId", "age"}, {"type", "integer"}, {"text", "Age"}},
                                                  {{"linkId", "weight"}, {"type", "decimal"}, {"text", "Weight"}},
                                                  {{"linkId", "name"}, {"type", "string"}, {"text", "Name"}}}));
  const Bank& bank = *imported.bank;
  CHECK(question(bank, "m").type == QuestionType::multiple);
  CHECK(question(bank, "age").type == QuestionType::text);
  CHECK(question(bank, "name").type == QuestionType::text);
  CHECK(warned(imported, "/item/1", "item 'age': an integer answer is asked as free text"));
  CHECK(warned(imported, "/item/2", "item 'weight': a decimal answer is asked as free text"));
  CHECK_FALSE(warned(imported, "/item/3", "free text"));
}

TEST_CASE("fhir import: enableWhen with every operator and enableBehavior", "[fhir]") {
  const json options = {{{"valueCoding", {{"system", "s"}, {"code", "lo"}, {"display", "Low"}}}},
                        {{"valueCoding", {{"system", "s"}, {"code", "hi"}, {"display", "High"}}}}};
  const json numbers = {{{"valueInteger", 1}}, {{"valueInteger", 2}}, {{"valueInteger", 3}}};
  auto depends = [](const std::string& id, json when, const std::string& behavior = "") {
    json item = {{"linkId", id}, {"type", "string"}, {"text", id}, {"enableWhen", std::move(when)}};
    if (!behavior.empty()) item["enableBehavior"] = behavior;
    return item;
  };
  const Imported imported = import(questionnaire({
      {{"linkId", "yn"}, {"type", "boolean"}, {"text", "yn"}},
      {{"linkId", "level"}, {"type", "choice"}, {"text", "level"}, {"answerOption", options}},
      {{"linkId", "n"}, {"type", "choice"}, {"text", "n"}, {"answerOption", numbers}},
      depends("if_yes", {{{"question", "yn"}, {"operator", "="}, {"answerBoolean", true}}}),
      depends("if_answered", {{{"question", "yn"}, {"operator", "exists"}, {"answerBoolean", true}}}),
      depends("if_unanswered", {{{"question", "yn"}, {"operator", "exists"}, {"answerBoolean", false}}}),
      depends("if_high", {{{"question", "level"}, {"operator", "="}, {"answerCoding", {{"code", "hi"}}}}}),
      depends("if_not_high", {{{"question", "level"}, {"operator", "!="}, {"answerCoding", {{"code", "hi"}}}}}),
      depends("if_n_ge_2", {{{"question", "n"}, {"operator", ">="}, {"answerInteger", 2}}}),
      depends("if_n_lt_2", {{{"question", "n"}, {"operator", "<"}, {"answerInteger", 2}}}),
      depends("if_either",
              {{{"question", "yn"}, {"operator", "="}, {"answerBoolean", true}},
               {{"question", "level"}, {"operator", "="}, {"answerCoding", {{"code", "hi"}}}}},
              "any"),
      depends("if_both", {{{"question", "yn"}, {"operator", "="}, {"answerBoolean", true}},
                          {{"question", "level"}, {"operator", "="}, {"answerCoding", {{"code", "hi"}}}}}),
      depends("if_later", {{{"question", "later"}, {"operator", "exists"}, {"answerBoolean", true}}}),
      depends("if_text", {{{"question", "if_yes"}, {"operator", "="}, {"answerString", "x"}}}),
      {{"linkId", "later"}, {"type", "boolean"}, {"text", "later"}},
  }));
  const Bank& bank = *imported.bank;
  using V = std::vector<std::string>;
  auto without_base = [](V ids) {
    ids.erase(
        std::remove_if(ids.begin(), ids.end(),
                       [](const std::string& id) { return id == "yn" || id == "level" || id == "n" || id == "later"; }),
        ids.end());
    return ids;
  };
  CHECK(without_base(shown(bank, {{"yn", "yes"}, {"level", "hi"}, {"n", "3"}})) ==
        V{"if_yes", "if_answered", "if_high", "if_n_ge_2", "if_either", "if_both", "if_later", "if_text"});
  CHECK(without_base(shown(bank, {{"yn", "no"}, {"level", "lo"}, {"n", "1"}})) ==
        V{"if_answered", "if_not_high", "if_n_lt_2", "if_later", "if_text"});
  CHECK(without_base(shown(bank, json::object())) == V{"if_unanswered", "if_later", "if_text"});
  // What cannot be carried over: always shown, with a warning at the enableWhen and the item.
  CHECK(warned(imported, "/item/12/enableWhen/0", "item 'if_later': enableWhen names 'later'"));
  CHECK(warned(imported, "/item/12", "always asked"));
  CHECK(warned(imported, "/item/13/enableWhen/0", "item 'if_text': enableWhen 'if_yes' ="));
}

TEST_CASE("fhir import: translations become languages; missing ones are counted", "[fhir]") {
  auto translated = [](const std::string& nl) {
    return json{
        {"extension",
         {{{"url", "http://hl7.org/fhir/StructureDefinition/translation"},
           {"extension", {{{"url", "lang"}, {"valueCode", "nl"}}, {{"url", "content"}, {"valueString", nl}}}}}}}};
  };
  json item = {{"linkId", "q"}, {"type", "boolean"}, {"text", "Tired?"}, {"_text", translated("Moe?")}};
  const json untranslated = {{"linkId", "q2"}, {"type", "boolean"}, {"text", "Hungry?"}};
  const Imported imported = import(questionnaire({item, untranslated}, {{"_title", translated("Toets")}}));
  const Bank& bank = *imported.bank;
  CHECK(bank.languages == std::vector<std::string>{"en", "nl"});
  CHECK(question(bank, "q").text.in("nl") == "Moe?");
  CHECK(bank.title.in("nl") == "Toets");
  CHECK(question(bank, "q").options[0].label.in("nl") == "Ja");  // the importer's own words
  CHECK(question(bank, "q2").text.in("nl") == "Hungry?");
  CHECK(warned(imported, "", "1 text has no 'nl' translation; the 'en' text stands in"));
}

TEST_CASE("fhir import: FHIRPath, external ValueSets and other types are named with linkId and pointer", "[fhir]") {
  const std::string sdc = "http://hl7.org/fhir/uv/sdc/StructureDefinition/";
  const Imported imported = import(questionnaire(
      {{{"linkId", "q"}, {"type", "boolean"}, {"text", "q"}},
       {{"linkId", "sum"},
        {"type", "integer"},
        {"text", "Score"},
        {"extension",
         {{{"url", sdc + "sdc-questionnaire-calculatedExpression"}, {"valueExpression", {{"expression", "1"}}}}}}},
       {{"linkId", "dyn"},
        {"type", "choice"},
        {"text", "dyn"},
        {"extension",
         {{{"url", sdc + "sdc-questionnaire-answerExpression"}, {"valueExpression", {{"expression", "1"}}}}}}},
       {{"linkId", "ext"}, {"type", "choice"}, {"text", "ext"}, {"answerValueSet", "http://loinc.org/vs/LL358-3"}},
       {{"linkId", "file"}, {"type", "attachment"}, {"text", "file"}}}));
  const Bank& bank = *imported.bank;
  CHECK_FALSE(bank.find_question("sum"));
  CHECK(warned(imported, "/item/1", "item 'sum': a calculated value (calculatedExpression) is FHIRPath"));
  CHECK(warned(imported, "/item/2", "item 'dyn': answer options computed by FHIRPath (answerExpression)"));
  CHECK(question(bank, "dyn").type == QuestionType::text);
  CHECK(warned(imported, "/item/3", "item 'ext': the answerValueSet 'http://loinc.org/vs/LL358-3'"));
  CHECK(question(bank, "ext").type == QuestionType::text);
  CHECK(warned(imported, "/item/4", "item 'file': type 'attachment' has no counterpart"));
  CHECK_FALSE(bank.find_question("file"));
}

TEST_CASE("fhir import: linkIds that are not ids are made into unique ids", "[fhir]") {
  const Imported imported = import(questionnaire({{{"linkId", "/44249-1/1"}, {"type", "boolean"}, {"text", "a"}},
                                                  {{"linkId", "/44249-1:1"}, {"type", "boolean"}, {"text", "b"}}}));
  const Bank& bank = *imported.bank;
  CHECK(bank.questions.at(0).id == "44249-1_1");
  CHECK(bank.questions.at(1).id == "44249-1_1_2");
}
