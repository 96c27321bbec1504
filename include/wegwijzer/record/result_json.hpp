#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// What the machine record carries. The default is the full form embedded in the JSON summary;
/// batch scoring uses `lean()`. Either form validates against data/schema/result.schema.json.
struct ResultJsonOptions {
  bool answers = true;                 ///< echo the answers (as option ids; free text as `true`)
  std::size_t max_reasons = SIZE_MAX;  ///< at most this many reasons, most weighty first
  bool reason_nulls = true;            ///< write the fields a reason does not use as null (else omit them)

  /// The batch record: no answers (the input has them; sensitive data is not doubled), the five
  /// reasons that weighed most, no null fields inside reasons.
  static ResultJsonOptions lean() { return ResultJsonOptions{false, 5, false}; }
};

/// Appends the machine form of a result (ids, codes and numbers only: no prose, no free text)
/// as one compact JSON object without a trailing newline. This is the batch output record and
/// the core of the JSON summary; see docs/summary-format.md. Prepares a ResultJsonWriter for the bank on
/// every call: to write many records, keep one ResultJsonWriter.
void append_result_json(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                        std::string_view record_id, const ResultJsonOptions& options = {});

/// Appends `text` as a JSON string literal (quotes included): the one JSON string writer of the tool
/// (batch records, the summary, `sample`). Escapes `"` and `\`, writes every code point that
/// must_escape_in_json (C0, DEL, C1, bidi controls, U+2028-U+2029; wegwijzer/support/sanitize.hpp)
/// as an escape (\n, \t, ... or \uXXXX), and replaces invalid UTF-8 with U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace wegwijzer
