// Differential fuzz target: one JSON Lines record scored three ways against several banks, which
// must agree. The first input byte picks the bank; the rest up to a newline is the record.
//   1. the batch scorer with its strict scanner first (JsonReading::scan_first, the hot path),
//   2. the batch scorer with simdjson alone (JsonReading::simdjson_only),
//   3. the plain path of the library: nlohmann::json::parse, answers_from_json, evaluate and
//      append_result_json (lean), with none of the batch code.
// Properties: 1 and 2 write the same bytes; a record the plain path scores (valid JSON object
// without repeated keys, an "answers" object, a string, number or null id, no answer problem,
// complete) is written by the batch scorer as exactly the plain path's record; any other record is
// an error record. So a shortcut of the scanner or of simdjson that scores what it should refuse,
// refuses what it should score, or scores it differently, is found.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/record/result_json.hpp"

namespace {

using namespace wegwijzer;
using nlohmann::json;

/// One bank with a scorer per reading mode.
/// `score --strict`: the plain path refuses an answer to a question the bank does not have, as --strict does
/// (without it the batch ignores such an answer, which the plain path has no notion of).
BatchInputOptions strict_input() {
  BatchInputOptions input;
  input.strict = true;
  return input;
}

struct Subject {
  explicit Subject(Bank loaded)
      : bank(std::move(loaded)),
        scanning(bank, BatchLimits{}, BatchFormat::jsonl, JsonReading::scan_first, false, strict_input()),
        simdjson_only(bank, BatchLimits{}, BatchFormat::jsonl, JsonReading::simdjson_only, false, strict_input()) {}
  Bank bank;
  RecordScorer scanning;
  RecordScorer simdjson_only;
};

Bank load_file(const std::string& relative) {
  std::ifstream in(std::string(WEGWIJZER_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  LoadResult loaded = load_bank(text.str(), relative);
  if (!loaded.bank) fuzz::fail("a bank of the differential target does not load");
  return std::move(*loaded.bank);
}

/// The built-in bank and the test banks with every feature (scales, rules, multiple choice, text, skip logic).
std::vector<std::unique_ptr<Subject>>& subjects() {
  static std::vector<std::unique_ptr<Subject>> all = [] {
    std::vector<std::unique_ptr<Subject>> made;
    made.push_back(std::make_unique<Subject>(load_builtin_bank()));
    for (const char* path :
         {"tests/banks/good/all_features.json", "tests/banks/good/minimal.json", "tests/banks/session_bank.json"}) {
      made.push_back(std::make_unique<Subject>(load_file(path)));
    }
    return made;
  }();
  return all;
}

std::string scored(RecordScorer& scorer, std::string_view line) {
  BatchTally tally;
  std::string out;
  scorer.score_json_line(line, 1, out, tally);
  return out;
}

/// nlohmann keeps the last of repeated keys; the batch contract makes a repeated "id", "answers" or
/// question an error (duplicate_key), and ignores repeats among the fields it does not use.
/// Parses `line` and tells whether such a key is repeated.
std::optional<json> parse_without_repeats(std::string_view line, bool& repeated) {
  // nlohmann takes a NUL byte for the end of the input (for C strings); in a line it is never valid JSON.
  if (line.find('\0') != std::string_view::npos) return std::nullopt;
  struct Open {
    bool object = false;
    std::string name;  ///< the key this container is the value of ("" at the top or in a list)
    std::set<std::string> keys;
  };
  std::vector<Open> open;
  std::string last_key;
  repeated = false;
  json::parser_callback_t callback = [&](int, json::parse_event_t event, json& value) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        open.push_back({event == json::parse_event_t::object_start,
                        !open.empty() && open.back().object ? last_key : std::string(),
                        {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key: {
        last_key = value.get<std::string>();
        const bool counted = (open.size() == 1 && (last_key == "id" || last_key == "answers")) ||
                             (open.size() == 2 && open[1].object && open[1].name == "answers");
        if (counted && !open.back().keys.insert(last_key).second) repeated = true;
        break;
      }
      case json::parse_event_t::value: break;
    }
    return true;
  };
  json parsed = json::parse(line.begin(), line.end(), callback, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

/// The record the plain library path writes for `line`, or empty when it would not score it.
std::string plain_record(const Bank& bank, std::string_view line, const json& batch_record) {
  bool repeated = false;
  std::optional<json> parsed = parse_without_repeats(line, repeated);
  if (!parsed || repeated || !parsed->is_object()) return {};
  auto answers_field = parsed->find("answers");
  if (answers_field == parsed->end() || !answers_field->is_object()) return {};
  if (answers_field->size() > BatchLimits{}.max_answers) return {};
  std::string id = "1";  // no id, null or "": the line number
  if (auto id_field = parsed->find("id"); id_field != parsed->end()) {
    if (id_field->is_string()) {
      if (!id_field->get<std::string>().empty()) id = id_field->get<std::string>();
    } else if (id_field->is_number()) {
      // A number is written back as its JSON text, which nlohmann does not keep: take the batch's.
      if (!batch_record.contains("id") || !batch_record["id"].is_string()) return "(no id in the batch record)";
      id = batch_record["id"].get<std::string>();
    } else if (!id_field->is_null()) {
      return {};
    }
  }
  std::vector<AnswerError> errors;
  AnswerSet answers = answers_from_json(bank, *answers_field, errors);
  if (!errors.empty()) return {};
  Result result = evaluate(bank, answers);
  if (result.status != Status::complete) return {};
  std::string out;
  append_result_json(out, bank, answers, result, id, ResultJsonOptions::lean());
  out += '\n';
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& all = subjects();
  Subject& subject = *all[data[0] % all.size()];
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string_view line = input.substr(0, input.find('\n'));
  // In a batch the next line and the padding follow the record; a scanner must never read into them.
  std::string buffer(line);
  buffer += "\n{\"answers\":{}}";
  buffer.append(batch_json_padding, ' ');
  line = std::string_view(buffer).substr(0, line.size());

  std::string fast = scored(subject.scanning, line);
  if (fast != scored(subject.simdjson_only, line)) fuzz::fail("the scanner and simdjson write different records");
  if (fast.empty() || fast.back() != '\n' || fast.find('\n') != fast.size() - 1) fuzz::fail("not one output line");
  json batch_record = json::parse(fast, nullptr, false);
  if (!batch_record.is_object() || !batch_record.contains("status")) fuzz::fail("the batch record is not an object");
  bool batch_scored = batch_record["status"] != "error";

  // What nlohmann cannot parse is invalid_json, whatever else is wrong with the record.
  const json* error = batch_record.contains("error") ? &batch_record["error"] : nullptr;
  const bool invalid_json = error != nullptr && error->is_object() && error->value("code", "") == "invalid_json";
  const bool valid = line.find('\0') == std::string_view::npos && json::accept(line);  // as above: NUL
  if (!valid && !invalid_json) {
    fuzz::fail("the batch read a line that is not valid JSON as a record");
  }
  std::string plain = plain_record(subject.bank, line, batch_record);
  if (plain.empty()) {
    if (batch_scored) fuzz::fail("the batch scored a record the plain path refuses");
    return 0;
  }
  if (!batch_scored) fuzz::fail("the batch refused a record the plain path scores");
  if (fast != plain) fuzz::fail("the batch and the plain path write different records");
  return 0;
}
