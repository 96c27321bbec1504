#pragma once
#include <string>
#include <string_view>

#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer {

/// Appends the machine form of a result (ids, codes and numbers only: no prose, no free text)
/// as one compact JSON object without a trailing newline. This is the batch output record and
/// the core of the JSON summary; see docs/summary-format.md. Fast: no DOM, no allocation beyond `out`.
void append_result_json(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                        std::string_view record_id);

/// Appends `text` as a JSON string literal (quotes included), escaping as needed and replacing
/// invalid UTF-8 with U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace wegwijzer
