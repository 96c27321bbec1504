// Answers as an R4 QuestionnaireResponse, nested as the Questionnaire's groups were; the result as an extension.
#include "wegwijzer/record/questionnaire_response.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

#include "wegwijzer/support/version.hpp"

namespace wegwijzer {
namespace {

using nlohmann::ordered_json;

/// One item of the response being built: a group, or an answered question whose nested items go in its answer.
struct Node {
  std::string link_id;
  bool question = false;
  ordered_json answers = ordered_json::array();
  std::vector<Node> children;
};

/// The linkId a question is written under: the Questionnaire's, else the question id.
const std::string& link_id_of(const Question& question) { return question.fhir ? question.fhir->link_id : question.id; }

/// One option as a FHIR answer value.
ordered_json option_value(const Bank& bank, const Option& option) {
  const FhirAnswer& fhir = option.fhir;
  switch (fhir.kind) {
    case FhirAnswer::Kind::coding: {
      ordered_json coding;
      if (!fhir.system.empty()) coding["system"] = fhir.system;
      coding["code"] = fhir.code;
      if (!fhir.display.empty()) coding["display"] = fhir.display;
      return {{"valueCoding", coding}};
    }
    case FhirAnswer::Kind::boolean: return {{"valueBoolean", fhir.boolean}};
    case FhirAnswer::Kind::string: return {{"valueString", fhir.string}};
    case FhirAnswer::Kind::integer: return {{"valueInteger", fhir.integer}};
    case FhirAnswer::Kind::none: break;
  }
  ordered_json coding{{"code", option.id}};
  const std::string display = option.label.in(bank.languages.front());
  if (!display.empty()) coding["display"] = display;
  return {{"valueCoding", coding}};
}

/// A free-text answer as the value its FHIR type asks for when it has that form, else valueString.
ordered_json text_value(const Question& question, const std::string& text) {
  static const std::regex integer("-?(0|[1-9][0-9]{0,8})");
  static const std::regex decimal("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,15})?");
  static const std::regex date("[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?");
  static const std::regex time("([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?");
  const std::string type = question.fhir ? question.fhir->type : std::string();
  if (type == "integer" && std::regex_match(text, integer)) return {{"valueInteger", std::atoll(text.c_str())}};
  if (type == "decimal" && std::regex_match(text, decimal)) {
    // Only a number that prints back as the same text: FHIR keeps a decimal's precision ("1.50"), a double does not.
    const double value = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(value) && fmt::format("{}", value) == text) return {{"valueDecimal", value}};
  }
  if (type == "date" && std::regex_match(text, date)) return {{"valueDate", text}};
  if (type == "time" && std::regex_match(text, time)) return {{"valueTime", text}};
  if (type == "url" && text.find_first_of(" \t\r\n") == std::string::npos) return {{"valueUri", text}};
  return {{"valueString", text}};
}

/// The child of `items` with this linkId, added when there is none.
Node& child(std::vector<Node>& items, const std::string& link_id, bool question) {
  for (Node& node : items) {
    if (node.link_id == link_id && node.question == question) return node;
  }
  items.push_back(Node{link_id, question, ordered_json::array(), {}});
  return items.back();
}

ordered_json to_json(const std::vector<Node>& items) {
  ordered_json list = ordered_json::array();
  for (const Node& node : items) {
    ordered_json item{{"linkId", node.link_id}};
    if (node.question) {
      ordered_json answers = node.answers;
      // Items nested under a question go in its (first) answer.
      if (!node.children.empty()) answers[0]["item"] = to_json(node.children);
      item["answer"] = answers;
    } else {
      item["item"] = to_json(node.children);
    }
    list.push_back(item);
  }
  return list;
}

/// The response's items: each shown, answered question under its groups (and the questions it was nested in).
ordered_json response_items(const Bank& bank, const AnswerSet& answers, const Result& result) {
  std::vector<bool> written(bank.questions.size(), false);
  for (std::size_t q : result.shown) written[q] = answers.at(q).has_value();
  for (std::size_t q : result.ignored) written[q] = false;
  std::vector<Node> root;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (!written[q]) continue;
    const Question& question = bank.questions[q];
    const Answer& answer = *answers.at(q);
    ordered_json values = ordered_json::array();
    if (question.type == QuestionType::text) {
      if (!answer.text.empty()) values.push_back(text_value(question, answer.text));
    } else {
      for (std::uint16_t option : answer.options) {
        values.push_back(option_value(bank, question.options[option]));
      }
    }
    if (values.empty()) continue;
    std::vector<Node>* level = &root;
    if (question.fhir) {
      for (const std::string& parent : question.fhir->parents) {
        // A question it was nested in: inside that question's answer when it was written, else one level up.
        bool is_question = false;
        bool was_written = false;
        for (std::size_t p = 0; p < q; ++p) {
          if (link_id_of(bank.questions[p]) == parent) {
            is_question = true;
            was_written = written[p];
          }
        }
        if (is_question && !was_written) continue;
        level = &child(*level, parent, is_question).children;
      }
    }
    Node& node = child(*level, link_id_of(question), true);
    node.answers = values;
  }
  return to_json(root);
}

ordered_json sub(const char* url, ordered_json value, const char* type) { return {{"url", url}, {type, value}}; }

/// The result as the extension fhir_assessment_url: status, advice, urgency, red flags, scales, bank. `safety_only`
/// (a record that could not be read): no status and no advice, as a JSON Lines error record. Scales of a record
/// without advice only when all their items are answered.
ordered_json assessment(const Bank& bank, const Result& result, bool safety_only = false) {
  ordered_json parts = ordered_json::array();
  if (!safety_only) {
    parts.push_back(sub("status", result.status == Status::complete ? "complete" : "incomplete", "valueCode"));
  }
  if (result.recommendation && !safety_only) {
    parts.push_back(sub("recommendation", bank.outcomes[*result.recommendation].id, "valueCode"));
    parts.push_back(sub("closeCall", result.close_call, "valueBoolean"));
  }
  parts.push_back(sub("urgency", std::string(to_string(result.urgency)), "valueCode"));
  for (const RaisedFlag& flag : result.red_flags)
    parts.push_back(sub("redFlag", bank.rules[flag.rule].id, "valueCode"));
  for (std::size_t q : result.unknown_red_flags) {
    parts.push_back(sub("unknownRedFlag", link_id_of(bank.questions[q]), "valueString"));
  }
  for (std::size_t q : result.missing) parts.push_back(sub("missing", link_id_of(bank.questions[q]), "valueString"));
  const bool whole_scales_only = safety_only || result.status != Status::complete;
  for (const ScaleValue& value : result.scales) {
    const Scale& scale = bank.scales[value.scale];
    if (whole_scales_only && (scale.items.empty() || value.answered_items != scale.items.size())) continue;
    ordered_json scale_parts = ordered_json::array();
    scale_parts.push_back(sub("id", scale.id, "valueCode"));
    scale_parts.push_back(sub("value", value.value, "valueInteger"));
    if (value.band) scale_parts.push_back(sub("band", scale.bands[*value.band].id, "valueCode"));
    scale_parts.push_back(sub("answeredItems", value.answered_items, "valueInteger"));
    scale_parts.push_back(sub("items", scale.items.size(), "valueInteger"));
    parts.push_back({{"url", "scale"}, {"extension", scale_parts}});
  }
  parts.push_back(sub("bank", bank.id, "valueCode"));
  parts.push_back(sub("bankVersion", bank.version, "valueString"));
  if (!bank.sha256.empty()) parts.push_back(sub("bankSha256", bank.sha256, "valueString"));
  parts.push_back(sub("toolVersion", std::string(tool_version()), "valueString"));
  return {{"url", std::string(fhir_assessment_url)}, {"extension", parts}};
}

void append(std::string& out, const ordered_json& resource, int indent) {
  out += resource.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

void append_questionnaire_response(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                                   std::string_view record_id, int indent) {
  ordered_json response{{"resourceType", "QuestionnaireResponse"}};
  response["extension"] = ordered_json::array({assessment(bank, result)});
  if (!record_id.empty()) response["identifier"] = {{"value", std::string(record_id)}};
  response["questionnaire"] = questionnaire_canonical(bank);
  response["status"] = result.status == Status::complete ? "completed" : "in-progress";
  ordered_json items = response_items(bank, answers, result);
  if (!items.empty()) response["item"] = items;
  append(out, response, indent);
}

void append_operation_outcome(std::string& out, const Bank& bank, std::string_view record_id, std::uint64_t line,
                              std::string_view code, std::string_view message, bool too_long, const Result* assessed) {
  ordered_json outcome{{"resourceType", "OperationOutcome"}};
  if (assessed != nullptr) {
    ordered_json extension = assessment(bank, *assessed, true);
    outcome["extension"] = ordered_json::array({extension});
  }
  const std::string diagnostics = record_id.empty()
                                      ? fmt::format("line {}: {}: {}", line, code, message)
                                      : fmt::format("record {} (line {}): {}: {}", record_id, line, code, message);
  outcome["issue"] = ordered_json::array(
      {{{"severity", "error"}, {"code", too_long ? "too-long" : "invalid"}, {"diagnostics", diagnostics}}});
  append(out, outcome, -1);
}

}  // namespace wegwijzer
