// STUB: replaced by the engine helper (answers_json.cpp, witness.cpp, sample.cpp).
#include "wegwijzer/answers_json.hpp"
#include "wegwijzer/sample.hpp"
#include "wegwijzer/witness.hpp"

namespace wegwijzer {
AnswerSet answers_from_json(const Bank& bank, const nlohmann::json&, std::vector<AnswerError>&) { return AnswerSet(bank); }
nlohmann::json answers_to_json(const AnswerSet&) { return nlohmann::json::object(); }
WitnessSearch find_witnesses(const Bank&, std::uint64_t) { return {}; }
AnswerSet sample_answers(const Bank& bank, std::mt19937_64&) { return AnswerSet(bank); }
}  // namespace wegwijzer
