#pragma once
// What a person is told to do first, and where to turn, for the red flags a result raised.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer {

/// The first steps and resources of the red flags that set a result's urgency.
struct Guidance {
  Urgency urgency = Urgency::routine;   ///< the result's urgency
  std::vector<std::size_t> step_rules;  ///< rules whose first step is shown, most urgent first
  std::vector<std::size_t> resources;   ///< resource indices, most relevant first, each once
};

/// The urgency a red-flag rule sets by itself: its "urgency" effect, at least prompt (clinical) or crisis.
Urgency flag_urgency(const Rule& rule);

/// The guidance for `result`: the raised red flags whose own urgency equals the result's (so a crisis
/// summary never shows a calmer flag's step), in the result's order, with their resources in order. A
/// crisis without resources of its own falls back to the bank's crisis lines. Empty when routine.
Guidance guidance_for(const Bank& bank, const Result& result);

/// One resource in one line, e.g. "113 Zelfmoordpreventie: 113 or 0800-0113 (free, day and night; 113.nl),
/// if you are thinking about suicide". Raw bank text: the caller sanitises or escapes it.
std::string resource_line(const Resource& resource, std::string_view language);

/// The lines of the bank's crisis lines (intro, footer, interruption), in `language`.
std::vector<std::string> crisis_line_texts(const Bank& bank, std::string_view language);

}  // namespace wegwijzer
