// Fuzz target: the bank loader and `check` diagnostics on arbitrary bytes. When the bytes happen to
// form a valid bank, the engine and the summary renderer run on it too (hostile banks reach both).
// Properties: no crash, no sanitizer report, every diagnostic line and the text and Markdown
// summaries are terminal-safe, the JSON forms parse as JSON and carry no raw control, DEL, C1, bidi
// control or U+2028/U+2029 (require_json_escaped: bank texts are escaped, never copied raw).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/summary/summary.hpp"

namespace {

using namespace wegwijzer;

void exercise_bank(const Bank& bank, std::uint64_t seed) {
  AnswerSet empty(bank);
  Result incomplete = evaluate(bank, empty);
  (void)visible_questions(bank, empty);

  std::mt19937_64 random(seed);
  AnswerSet answers = sample_answers(bank, random);
  Result result = evaluate(bank, answers);

  std::string record;
  append_result_json(record, bank, answers, result, "fuzz");
  if (!nlohmann::json::accept(record)) fuzz::fail("append_result_json wrote invalid JSON");
  fuzz::require_json_escaped(record, "raw control in append_result_json");
  record.clear();
  append_result_json(record, bank, empty, incomplete, "fuzz");
  if (!nlohmann::json::accept(record)) fuzz::fail("append_result_json wrote invalid JSON (incomplete)");
  fuzz::require_json_escaped(record, "raw control in append_result_json (incomplete)");

  SummaryFormat json_format{};
  if (!parse_summary_format("json", json_format)) return;  // the summary renderer is not there yet
  for (const char* language : {"nl", "en"}) {
    SummaryOptions options;
    options.language = language;
    options.date = "2024-01-01";
    options.format = SummaryFormat::text;
    options.unicode = (seed & 1u) != 0;
    fuzz::require_terminal_safe(render_summary(bank, answers, result, options), "text summary");
    options.format = SummaryFormat::markdown;
    fuzz::require_terminal_safe(render_summary(bank, answers, result, options), "markdown summary");
    options.format = SummaryFormat::json;
    const std::string json = render_summary(bank, answers, result, options);
    if (!nlohmann::json::accept(json)) fuzz::fail("JSON summary");
    fuzz::require_json_escaped(json, "raw control in the JSON summary");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // As `check` loads (with the never-true analysis), then as ask and score load (without it).
  BankLimits check_limits;
  check_limits.analyse_conditions = true;
  LoadResult checked = load_bank(text, "fuzz.json", check_limits);
  LoadResult loaded = load_bank(text, "fuzz.json");
  for (const LoadResult* result : {&checked, &loaded}) {
    for (const Diagnostic& diagnostic : result->diagnostics) {
      std::string line = diagnostic.format();
      fuzz::require_terminal_safe(line, "diagnostic line");
      if (line.find('\n') != std::string::npos) fuzz::fail("a diagnostic spans more than one line");
    }
    if (result->bank.has_value() == has_errors(result->diagnostics)) {
      fuzz::fail("bank set although errors (or vice versa)");
    }
  }
  // The analysis only adds findings: what check accepts, an ordinary load accepts too.
  if (checked.bank && !loaded.bank) fuzz::fail("check accepts a bank that an ordinary load refuses");
  if (loaded.diagnostics.size() > checked.diagnostics.size()) fuzz::fail("an ordinary load finds more than check");
  if (loaded.bank) exercise_bank(*loaded.bank, size);
  return 0;
}
