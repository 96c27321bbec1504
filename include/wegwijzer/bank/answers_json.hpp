#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// Parses an answers object {"question": "option" | ["a", "b"] | "free text"} into an answer set.
/// Every problem is appended to `errors`; never throws for bad input.
AnswerSet answers_from_json(const Bank& bank, const nlohmann::json& answers, std::vector<AnswerError>& errors);

/// The answers as a JSON object in the same shape (bank question order).
nlohmann::json answers_to_json(const AnswerSet& answers);

}  // namespace wegwijzer
