#pragma once
// What a person is told to do first, and where to turn, for the red flags a result raised.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// The first steps and resources of the red flags that set a result's urgency.
struct Guidance {
  std::vector<std::size_t> step_rules;  ///< rules whose first step is shown (first_step_of()), most urgent first
  std::vector<std::size_t> resources;   ///< resource indices, most relevant first, each once
};

/// The urgency a rule sets by itself: its "urgency" effect, and for a red flag at least prompt (clinical) or
/// crisis.
Urgency rule_urgency(const Rule& rule);

/// The guidance for `result`: the raised red flags whose own urgency equals the result's (so a crisis
/// summary never shows a calmer flag's step), in the result's order, then the fired rules without a red
/// flag that raise the urgency to the same level and name a first step or resources (declining a safety
/// question), with their resources in order. A crisis without resources of its own falls back to the
/// bank's crisis lines. Empty when routine.
Guidance guidance_for(const Bank& bank, const Result& result);

/// The first step of a rule: its red flag's, or its own for a rule that raises the urgency without one.
const LocalText& first_step_of(const Rule& rule);

/// One resource in one line, e.g. "113 Zelfmoordpreventie: 113 or 0800-0113 (free, day and night; 113.nl),
/// if you are thinking about suicide". Raw bank text: the caller sanitises or escapes it.
std::string resource_line(const Resource& resource, const Language& language);

/// The lines of the bank's crisis lines (intro, footer, interruption), in `language`.
std::vector<std::string> crisis_line_texts(const Bank& bank, const Language& language);

}  // namespace wegwijzer
