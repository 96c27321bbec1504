// Fuzz target: one JSON Lines answer record scored against the built-in bank, the way
// `wegwijzer score` does it. Properties: no crash, no sanitizer report, the output record is one
// line of valid JSON that never carries a control character.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "wegwijzer/answers_json.hpp"
#include "wegwijzer/bank_loader.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/result_json.hpp"

namespace {

using namespace wegwijzer;

const Bank& bank() {
  static const Bank loaded = load_builtin_bank();
  return loaded;
}

/// The record as the engine sees it: the answers object, the id, or nothing when it is not a record.
void score_record(std::string_view line, std::string& out) {
  nlohmann::json record = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  std::string id = "1";
  if (record.is_object()) {
    auto found = record.find("id");
    if (found != record.end() && found->is_string()) id = found->get<std::string>();
    auto answers_json = record.find("answers");
    if (answers_json != record.end() && answers_json->is_object()) {
      std::vector<AnswerError> errors;
      AnswerSet answers = answers_from_json(bank(), *answers_json, errors);
      for (const AnswerError& error : errors) fuzz::require_terminal_safe(error.message, "answer error message");
      Result result = evaluate(bank(), answers);
      append_result_json(out, bank(), answers, result, id);
      return;
    }
  }
  append_json_string(out, id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  std::string out;
  score_record(line, out);
  if (out.find('\n') != std::string::npos) fuzz::fail("output record spans lines");
  if (!nlohmann::json::accept(out)) fuzz::fail("output record is not valid JSON");
  if (!fuzz::is_terminal_safe(out, /*only_c0=*/true)) fuzz::fail("output record has invalid UTF-8 or a control byte");
  return 0;
}
