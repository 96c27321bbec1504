// FHIR out and back in: append_questionnaire_response (groups, questions nested under questions, answer values by
// FHIR type, status, the assessment extension), append_operation_outcome, responses_to_records (NDJSON, one
// resource, Bundle, what does not fit, another Questionnaire) and the bank's "fhir" metadata.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/record/questionnaire_response.hpp"

using nlohmann::json;
using namespace wegwijzer;

namespace {

/// A bank as an import writes it: a group g1 with a scale question and a boolean, an integer nested under the
/// boolean, a multiple choice of a string and an integer option, and a free-text question of the bank's own.
json fhir_bank_json() {
  return json::parse(R"({
    "format": 1, "id": "fq", "version": "2", "languages": ["en"],
    "title": {"en": "T"}, "introduction": {"en": "I"}, "disclaimer": {"en": "D"},
    "fhir": {"url": "http://example.org/Questionnaire/fq", "version": "2"},
    "questions": [
      {"id": "mood", "text": {"en": "Mood"}, "type": "scale",
       "options": [
         {"id": "a", "label": {"en": "A"}, "points": 0,
          "fhir": {"valueCoding": {"system": "http://s", "code": "A1", "display": "A"}}},
         {"id": "b", "label": {"en": "B"}, "points": 1, "fhir": {"valueCoding": {"system": "http://s", "code": "B1"}}}],
       "fhir": {"linkId": "g1.mood", "type": "choice", "parents": ["g1"]}},
      {"id": "smoke", "text": {"en": "Smoke"}, "type": "yes_no", "required": false,
       "options": [{"id": "yes", "label": {"en": "Yes"}, "fhir": {"valueBoolean": true}},
                   {"id": "no", "label": {"en": "No"}, "fhir": {"valueBoolean": false}}],
       "fhir": {"linkId": "smoke", "type": "boolean", "parents": ["g1"]}},
      {"id": "count", "text": {"en": "How many"}, "type": "text", "required": false,
       "fhir": {"linkId": "count", "type": "integer", "parents": ["g1", "smoke"]}},
      {"id": "colours", "text": {"en": "Colours"}, "type": "multiple", "required": false,
       "options": [{"id": "r", "label": {"en": "Red"}, "fhir": {"valueString": "red"}},
                   {"id": "g", "label": {"en": "Green"}, "fhir": {"valueInteger": 2}}],
       "fhir": {"linkId": "colours", "type": "choice"}},
      {"id": "note", "text": {"en": "Note"}, "type": "text", "required": false}],
    "scales": [{"id": "total", "label": {"en": "Total"}, "items": ["mood"],
                "bands": [{"id": "all", "label": {"en": "all"}, "min": 0, "max": 1}]}]
  })");
}

Bank load(const json& bank_json) {
  LoadResult loaded = load_bank(bank_json.dump(), "fq.json");
  for (const Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.format());
  REQUIRE(loaded.bank);
  return std::move(*loaded.bank);
}

std::vector<Diagnostic> load_errors(const json& bank_json) {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : load_bank(bank_json.dump(), "fq.json").diagnostics) {
    if (d.severity == Severity::error) errors.push_back(d);
  }
  return errors;
}

AnswerSet answers(const Bank& bank, const json& given) {
  std::vector<AnswerError> errors;
  AnswerSet set = answers_from_json(bank, given, errors);
  REQUIRE(errors.empty());
  return set;
}

json response(const Bank& bank, const json& given, const std::string& id = "") {
  AnswerSet set = answers(bank, given);
  std::string out;
  append_questionnaire_response(out, bank, set, evaluate(bank, set), id);
  REQUIRE(out.find('\n') == std::string::npos);  // one line: NDJSON
  return json::parse(out);
}

/// The sub-extension `url` of the assessment extension (the first; null when absent).
json assessment_part(const json& resource, const std::string& url) {
  for (const json& part : resource["extension"][0]["extension"]) {
    if (part["url"] == url) return part;
  }
  return nullptr;
}

/// The answer records responses_to_records makes of `text`, one JSON value per line (null for a line that is no
/// JSON).
std::vector<json> records(const Bank& bank, const std::string& text, std::vector<Diagnostic>* diagnostics = nullptr) {
  FhirRecords read = responses_to_records(text, bank, "in.ndjson", "id");
  if (diagnostics) *diagnostics = read.diagnostics;
  std::vector<json> out;
  std::size_t start = 0;
  while (start < read.jsonl.size()) {
    const std::size_t end = read.jsonl.find('\n', start);
    out.push_back(json::parse(read.jsonl.substr(start, end - start), nullptr, false));
    start = end + 1;
  }
  return out;
}

const json kFull = {{"mood", "b"}, {"smoke", "yes"}, {"count", "12"}, {"colours", {"r", "g"}}, {"note", "hi"}};

}  // namespace

TEST_CASE("a QuestionnaireResponse keeps the Questionnaire's linkIds, groups, codes and answer types", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  const json qr = response(bank, kFull);
  CHECK(qr["resourceType"] == "QuestionnaireResponse");
  CHECK(qr["questionnaire"] == "http://example.org/Questionnaire/fq|2");
  CHECK(qr["status"] == "completed");
  CHECK_FALSE(qr.contains("identifier"));  // no record id: nothing that identifies anyone
  CHECK_FALSE(qr.contains("authored"));
  REQUIRE(qr["item"].size() == 3);
  const json& group = qr["item"][0];
  CHECK(group["linkId"] == "g1");
  CHECK_FALSE(group.contains("answer"));
  REQUIRE(group["item"].size() == 2);
  CHECK(group["item"][0] == json::parse(R"({"linkId":"g1.mood","answer":[{"valueCoding":{"system":"http://s",
        "code":"B1"}}]})"));
  // count was nested under smoke in the Questionnaire: it goes in smoke's answer.
  CHECK(group["item"][1] == json::parse(R"({"linkId":"smoke","answer":[{"valueBoolean":true,
        "item":[{"linkId":"count","answer":[{"valueInteger":12}]}]}]})"));
  CHECK(qr["item"][1] == json::parse(R"({"linkId":"colours","answer":[{"valueString":"red"},{"valueInteger":2}]})"));
  // A question of the bank's own: its id, the text as valueString.
  CHECK(qr["item"][2] == json::parse(R"({"linkId":"note","answer":[{"valueString":"hi"}]})"));

  const json scale = assessment_part(qr, "scale");
  REQUIRE_FALSE(scale.is_null());
  CHECK(scale["extension"][0] == json::parse(R"({"url":"id","valueCode":"total"})"));
  CHECK(scale["extension"][1] == json::parse(R"({"url":"value","valueInteger":1})"));
  CHECK(scale["extension"][2] == json::parse(R"({"url":"band","valueCode":"all"})"));
  CHECK(assessment_part(qr, "status")["valueCode"] == "complete");
  CHECK(assessment_part(qr, "urgency")["valueCode"] == "routine");
  CHECK(assessment_part(qr, "recommendation").is_null());  // an instrument bank gives no advice
  CHECK(qr["extension"][0]["url"] == std::string(fhir_assessment_url));
}

TEST_CASE("a QuestionnaireResponse writes only what was answered, and text by its form", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  SECTION("a question nested under an unanswered one stands in the group") {
    const json qr = response(bank, {{"mood", "a"}, {"count", "3"}});
    REQUIRE(qr["item"].size() == 1);
    CHECK(qr["item"][0]["item"][1] == json::parse(R"({"linkId":"count","answer":[{"valueInteger":3}]})"));
  }
  SECTION("an integer question answered in words is a string") {
    const json qr = response(bank, {{"mood", "a"}, {"count", "twelve"}});
    CHECK(qr["item"][0]["item"][1]["answer"][0] == json::parse(R"({"valueString":"twelve"})"));
  }
  SECTION("the record id is the identifier, and nothing else identifies") {
    const json qr = response(bank, {{"mood", "a"}}, "r-7");
    CHECK(qr["identifier"] == json::parse(R"({"value":"r-7"})"));
    CHECK_FALSE(qr.contains("id"));
    CHECK_FALSE(qr.contains("subject"));
  }
  SECTION("an incomplete record is in progress, with what is missing") {
    const json qr = response(bank, {{"smoke", "no"}});
    CHECK(qr["status"] == "in-progress");
    CHECK(assessment_part(qr, "status")["valueCode"] == "incomplete");
    CHECK(assessment_part(qr, "missing")["valueString"] == "g1.mood");
    CHECK(qr["item"][0]["item"] == json::parse(R"([{"linkId":"smoke","answer":[{"valueBoolean":false}]}])"));
  }
}

TEST_CASE("a bank written for wegwijzer answers with its own ids as codes", "[fhir]") {
  const Bank bank = load_builtin_bank("default");
  const json given = {{"age", "18_to_66"}};
  std::vector<AnswerError> errors;
  AnswerSet set = answers_from_json(bank, given, errors);
  REQUIRE(errors.empty());
  std::string out;
  append_questionnaire_response(out, bank, set, evaluate(bank, set), "x");
  const json qr = json::parse(out);
  CHECK(qr["questionnaire"] == "urn:wegwijzer:bank:" + bank.id + "|" + bank.version);
  CHECK(qr["status"] == "in-progress");
  REQUIRE(qr["item"].size() == 1);
  CHECK(qr["item"][0]["linkId"] == "age");
  const json& coding = qr["item"][0]["answer"][0]["valueCoding"];
  CHECK(coding["code"] == "18_to_66");
  CHECK_FALSE(coding.contains("system"));
  const Question& asked = bank.questions[*bank.find_question("age")];
  CHECK(coding["display"] == asked.options[*asked.find_option("18_to_66")].label.in(bank.languages.front()));
}

TEST_CASE("a record that could not be read is an OperationOutcome that names it, not its answers", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  std::string out;
  append_operation_outcome(out, bank, "r9", 4, "unknown_option", "question \"mood\": unknown option", false);
  json outcome = json::parse(out);
  CHECK(outcome["resourceType"] == "OperationOutcome");
  CHECK(outcome["issue"][0]["code"] == "invalid");
  CHECK(outcome["issue"][0]["diagnostics"] == "record r9 (line 4): unknown_option: question \"mood\": unknown option");
  CHECK_FALSE(outcome.contains("extension"));
  out.clear();
  append_operation_outcome(out, bank, "", 5, "line_too_long", "line longer than 10 bytes", true);
  outcome = json::parse(out);
  CHECK(outcome["issue"][0]["code"] == "too-long");
  CHECK(outcome["issue"][0]["diagnostics"] == "line 5: line_too_long: line longer than 10 bytes");
}

TEST_CASE("QuestionnaireResponses become answer records again", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  const std::string first = response(bank, kFull, "r1").dump();
  const std::string second = response(bank, {{"mood", "a"}, {"count", "3"}}).dump();

  SECTION("NDJSON: a record per line, blank lines and broken lines kept in place") {
    const auto out = records(bank, first + "\n\n" + second + "\nnot json\n");
    REQUIRE(out.size() == 4);
    CHECK(out[0] == json::parse(R"({"id":"r1","answers":{"mood":"b","smoke":"yes","count":"12",
          "colours":["r","g"],"note":"hi"}})"));
    CHECK(out[1].is_discarded());  // the blank line stays blank
    CHECK(out[2] == json::parse(R"({"answers":{"mood":"a","count":"3"}})"));
    CHECK(out[3].is_discarded());  // the batch reports it as invalid_json on its own line
  }
  SECTION("a Bundle: a record per entry; a resource that is no response has no answers") {
    const json bundle = {{"resourceType", "Bundle"},
                         {"type", "collection"},
                         {"entry",
                          {{{"resource", json::parse(first)}},
                           {{"resource", {{"resourceType", "Patient"}, {"id", "p1"}}}},
                           {{"resource", json::parse(second)}}}}};
    const auto out = records(bank, bundle.dump(2));
    REQUIRE(out.size() == 3);
    CHECK(out[0]["answers"]["mood"] == "b");
    CHECK(out[1] == json::parse(R"({"id":"p1"})"));
    CHECK(out[2]["answers"]["count"] == "3");
  }
  SECTION("one pretty-printed resource") {
    const auto out = records(bank, json::parse(first).dump(2));
    REQUIRE(out.size() == 1);
    CHECK(out[0]["answers"]["colours"] == json::parse(R"(["r","g"])"));
  }
  SECTION("what fits no option or question is left for the batch to report") {
    json qr = json::parse(first);
    qr["item"][0]["item"][0]["answer"][0]["valueCoding"]["code"] = "Z9";  // no such code
    qr["item"][1]["linkId"] = "elsewhere";                                // no such question
    const auto out = records(bank, qr.dump());
    REQUIRE(out.size() == 1);
    CHECK(out[0]["answers"]["mood"] == "?");
    CHECK(out[0]["answers"]["elsewhere"] == "?");
    CHECK_FALSE(out[0]["answers"].contains("colours"));
  }
  SECTION("another system for the same code is no match; a coding without a system matches the code") {
    json qr = json::parse(first);
    qr["item"][0]["item"][0]["answer"][0]["valueCoding"]["system"] = "http://other";
    CHECK(records(bank, qr.dump())[0]["answers"]["mood"] == "?");
    qr["item"][0]["item"][0]["answer"][0]["valueCoding"].erase("system");
    CHECK(records(bank, qr.dump())[0]["answers"]["mood"] == "b");
  }
  SECTION("a question answered twice (a repeated group) stays twice, for the batch's duplicate_key") {
    json qr = json::parse(second);
    qr["item"].push_back(qr["item"][0]);
    const std::string line = responses_to_records(qr.dump(), bank, "in", "id").jsonl;
    CHECK(line == "{\"answers\":{\"mood\":\"a\",\"count\":\"3\",\"mood\":\"a\",\"count\":\"3\"}}\n");
  }
  SECTION("the record id comes from identifier, else id, under the --id name") {
    json qr = json::parse(second);
    qr["id"] = "res-1";
    CHECK(responses_to_records(qr.dump(), bank, "in", "ResponseId").jsonl.rfind("{\"ResponseId\":\"res-1\",", 0) == 0);
  }
}

TEST_CASE("responses to another Questionnaire are refused; another version is said", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  json qr = response(bank, {{"mood", "a"}});
  std::vector<Diagnostic> diagnostics;
  const std::string fitting = qr.dump();
  qr["questionnaire"] = "http://example.org/Questionnaire/other|2";
  records(bank, fitting + "\n" + qr.dump() + "\n", &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::error);
  CHECK(diagnostics[0].pointer == "line 2");
  CHECK(diagnostics[0].message.find("'http://example.org/Questionnaire/other'") != std::string::npos);
  qr["questionnaire"] = "http://example.org/Questionnaire/fq|3";
  records(bank, qr.dump(), &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].message.find("version 3") != std::string::npos);
  qr["questionnaire"] = "http://example.org/Questionnaire/fq";  // no version: any
  records(bank, qr.dump(), &diagnostics);
  CHECK(diagnostics.empty());
}

TEST_CASE("FHIR resources are told from answer records by their start", "[fhir]") {
  CHECK(looks_like_fhir_resources("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\"}\n{}"));
  CHECK(looks_like_fhir_resources("\xEF\xBB\xBF\n  {\n  \"resourceType\": \"Bundle\",\n  \"entry\": ["));
  CHECK_FALSE(looks_like_fhir_resources("{\"id\":\"r1\",\"answers\":{\"need\":\"goal\"}}\n"));
  CHECK_FALSE(looks_like_fhir_resources("id,need\nr1,goal\n"));
  CHECK_FALSE(looks_like_fhir_resources(""));
}

TEST_CASE("a bank's fhir metadata is checked where it is written", "[fhir][bank]") {
  SECTION("two questions with one linkId") {
    json bank = fhir_bank_json();
    bank["questions"][3]["fhir"]["linkId"] = "smoke";
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questions/3/fhir/linkId");
    CHECK(errors[0].message.find("question 2") != std::string::npos);
  }
  SECTION("an option with two answer values") {
    json bank = fhir_bank_json();
    bank["questions"][1]["options"][0]["fhir"]["valueString"] = "yes";
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questions/1/options/0/fhir");
  }
  SECTION("a url with a version in it") {
    json bank = fhir_bank_json();
    bank["fhir"]["url"] = "http://example.org/Questionnaire/fq|2";
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/fhir/url");
  }
  SECTION("a coding without a code") {
    json bank = fhir_bank_json();
    bank["questions"][0]["options"][0]["fhir"]["valueCoding"].erase("code");
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questions/0/options/0/fhir/valueCoding");
  }
}

TEST_CASE("free text is a number only when it is one exactly, and nothing in it can stop the writer", "[fhir]") {
  json bank_json = fhir_bank_json();
  bank_json["questions"][2]["fhir"]["type"] = "decimal";
  const Bank bank = load(bank_json);
  auto value_of = [&](const std::string& text) {
    return response(bank, {{"mood", "a"}, {"count", text}})["item"][0]["item"][1]["answer"][0];
  };
  CHECK(value_of("1.5") == json::parse(R"({"valueDecimal":1.5})"));
  CHECK(value_of("1.50") == json::parse(R"({"valueString":"1.50"})"));  // a double would lose the 0
  CHECK(value_of("1e400") == json::parse(R"({"valueString":"1e400"})"));
  CHECK(value_of("99999999999999999999999999") == json::parse(R"({"valueString":"99999999999999999999999999"})"));
}

TEST_CASE("an OperationOutcome carries the urgency and red flags of the valid answers, never advice", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  AnswerSet set = answers(bank, {{"mood", "b"}});
  const Result result = evaluate(bank, set);
  REQUIRE(result.status == Status::complete);  // the invalid answer was to an optional question
  std::string out;
  append_operation_outcome(out, bank, "r1", 2, "unknown_option", "question \"colours\": unknown option", false,
                           &result);
  const json outcome = json::parse(out);
  CHECK(assessment_part(outcome, "urgency")["valueCode"] == "routine");
  CHECK(assessment_part(outcome, "status").is_null());
  CHECK(assessment_part(outcome, "recommendation").is_null());
  CHECK(assessment_part(outcome, "scale")["extension"][1]["valueInteger"] == 1);  // mood, its only item: whole
}

TEST_CASE("a response whose answers cannot all be read is an error, never a record without them", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  json qr = response(bank, {{"mood", "b"}, {"colours", {"r"}}});
  SECTION("an answer without a value is the wrong type for its question") {
    qr["item"][1]["answer"][0] = json::parse(R"({"extension":[]})");
    CHECK(records(bank, qr.dump())[0]["answers"]["colours"] == json::object());
  }
  SECTION("an answer that is no list") {
    qr["item"][1]["answer"] = json::parse(R"({"valueString":"red"})");
    CHECK(records(bank, qr.dump())[0]["answers"]["colours"] == json::object());
  }
  SECTION("an answer under no linkId is an unknown question for the batch to name; the other answers stay") {
    qr["item"][1].erase("linkId");
    CHECK(records(bank, qr.dump())[0]["answers"] == json::parse(R"({"mood":"b","unreadable-item":{}})"));
  }
  SECTION("an answer record among the responses is read as it is") {
    const std::string plain = R"({"id":"r2","answers":{"mood":"a"}})";
    const auto out = records(bank, qr.dump() + "\n" + plain + "\n");
    REQUIRE(out.size() == 2);
    CHECK(out[1] == json::parse(plain));
  }
}

TEST_CASE("FHIR input that is no list of resources stops with the place", "[fhir]") {
  const Bank bank = load(fhir_bank_json());
  const std::string qr = response(bank, {{"mood", "a"}}).dump(2);
  std::vector<Diagnostic> diagnostics;
  records(bank, qr.substr(0, qr.size() - 1), &diagnostics);  // a pretty resource without its closing brace
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::error);
  CHECK(diagnostics[0].message.find("not valid JSON at byte") != std::string::npos);
  records(bank, R"({"resourceType":"Bundle","type":"collection"})", &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].pointer == "/entry");
  records(bank, response(bank, {{"mood", "a"}}).dump() + "\n" + R"({"resourceType":"Bundle","entry":[]})" + "\n",
          &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].pointer == "line 2");
}

TEST_CASE("a bank's FHIR answers and names are each its own", "[fhir][bank]") {
  SECTION("two options with one coding") {
    json bank = fhir_bank_json();
    bank["questions"][0]["options"][1]["fhir"]["valueCoding"]["code"] = "A1";
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questions/0/options/1/fhir");
  }
  SECTION("a question without fhir whose id is another's linkId") {
    json bank = fhir_bank_json();
    bank["questions"][4]["id"] = "smoke";
    bank["questions"][1]["id"] = "smoking";
    bank["scales"][0]["items"] = {"mood"};
    const auto errors = load_errors(bank);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questions/4/id");
  }
}
