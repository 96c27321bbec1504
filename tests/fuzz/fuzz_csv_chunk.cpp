// Fuzz target: a CSV chunk (header row and records) through the whole batch path of
// `wegwijzer score --input-format csv`: ByteStream, CsvReader, column mapping, scoring and output,
// on the built-in bank. The first byte picks the output format, the line limit (small limits reach the
// line_too_long path and the resynchronisation after a runaway quote), --codes and --strict. Properties: no crash, no
// hang, no sanitizer report; a bad header is a Fatal(data) before any output; JSON Lines output has one valid JSON line
// per counted record; all output is valid UTF-8 without control characters other than newline.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/cli/cli.hpp"
#include "wegwijzer/support/error.hpp"

namespace {

using namespace wegwijzer;

const Bank& bank() {
  static const Bank loaded = load_builtin_bank();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  std::istringstream no_input;
  std::ostringstream out;
  std::ostringstream err;
  Io io{no_input, out, err};

  std::vector<BatchInput> inputs(1);
  inputs[0].stream = &in;
  inputs[0].name = "fuzz.csv";
  inputs[0].format_known = true;
  inputs[0].format = BatchFormat::csv;
  BatchOptions options;
  options.output = (selector & 1u) != 0 ? BatchFormat::csv : BatchFormat::jsonl;
  if ((selector & 2u) != 0) options.limits.max_line_bytes = 16 + (selector >> 2);
  if ((selector & 0x80u) != 0) options.limits.max_answers = 2;
  options.batch_records = 1 + (selector >> 4);  // small batches cross batch boundaries
  // The separator is detected from the header row; some runs read option codes and are strict about columns.
  options.input.codes = (selector & 0x20u) != 0;
  options.input.strict = (selector & 0x40u) != 0;

  BatchOutcome outcome;
  try {
    outcome = run_batch(bank(), inputs, options, io);
  } catch (const Fatal& fatal) {
    if (fatal.code() != ExitCode::data) fuzz::fail("a CSV chunk raised a Fatal other than data");
    if (!out.str().empty()) fuzz::fail("output written before a Fatal");
    fuzz::require_terminal_safe(fatal.what(), "Fatal message");
    return 0;
  }
  const std::string text = out.str();
  fuzz::require_terminal_safe(text, "batch output");
  fuzz::require_terminal_safe(err.str(), "batch stderr");
  if (options.output == BatchFormat::jsonl) {
    std::uint64_t lines = 0;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
      if (!nlohmann::json::accept(text.substr(start, end - start))) fuzz::fail("an output line is not JSON");
      ++lines;
      start = end + 1;
    }
    if (start != text.size()) fuzz::fail("output does not end with a newline");
    if (lines != outcome.tally.records) fuzz::fail("output lines differ from counted records");
  }
  return 0;
}
