#pragma once
// A condition (show_if, a rule's when) in words, for people who read a bank without reading JSON: the codebook.
#include <string>
#include <string_view>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// `condition` as a phrase in `language` ("nl": Dutch; anything else English, as the session's texts do), naming
/// questions, options and scales by their ids in double quotes: en `"work_situation" is "working" or "studying"
/// and not "domain" is "private"`, `at least 2 points on "impairment"`, `scale "distress" is at least 3`.
/// Parts that hold "and" or "or" are put in brackets inside another all, any or not. An empty all is "always",
/// an empty any "never". Pure: no text of the bank, only its ids (which are plain ASCII by the bank format).
std::string condition_in_words(const Bank& bank, const Condition& condition, std::string_view language);

}  // namespace wegwijzer
