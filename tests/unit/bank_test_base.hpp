#pragma once
// Shared by the bank loader and lint tests: a minimal valid bank to mutate, and diagnostic lookup.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "wegwijzer/bank/bank_loader.hpp"

namespace wegwijzer::test {

/// A small bank that loads without any diagnostic. Tests change one thing and look for the finding.
inline nlohmann::json base_bank() {
  return nlohmann::json::parse(R"({
  "format": 1, "id": "base", "version": "1", "languages": ["en", "nl"],
  "title": {"en": "T", "nl": "T"}, "introduction": {"en": "I", "nl": "I"}, "disclaimer": {"en": "D", "nl": "D"},
  "outcomes": [
    {"id": "werkbegeleiding", "name": {"en": "w", "nl": "w"}, "what_it_is": {"en": "x", "nl": "x"},
     "what_to_expect": {"en": "x", "nl": "x"}, "where_to_find": {"en": "x", "nl": "x"}},
    {"id": "coaching", "name": {"en": "c", "nl": "c"}, "what_it_is": {"en": "x", "nl": "x"},
     "what_to_expect": {"en": "x", "nl": "x"}, "where_to_find": {"en": "x", "nl": "x"}},
    {"id": "supervisie", "name": {"en": "s", "nl": "s"}, "what_it_is": {"en": "x", "nl": "x"},
     "what_to_expect": {"en": "x", "nl": "x"}, "where_to_find": {"en": "x", "nl": "x"}},
    {"id": "therapie", "name": {"en": "t", "nl": "t"}, "what_it_is": {"en": "x", "nl": "x"},
     "what_to_expect": {"en": "x", "nl": "x"}, "where_to_find": {"en": "x", "nl": "x"}}
  ],
  "questions": [
    {"id": "need", "type": "single", "text": {"en": "Q", "nl": "V"},
     "options": [
       {"id": "a", "label": {"en": "A", "nl": "A"}, "weights": {"coaching": 2}},
       {"id": "b", "label": {"en": "B", "nl": "B"}, "weights": {"therapie": 2}}]},
    {"id": "mood", "type": "scale", "text": {"en": "Q", "nl": "V"},
     "options": [
       {"id": "p0", "label": {"en": "0", "nl": "0"}, "points": 0},
       {"id": "p1", "label": {"en": "1", "nl": "1"}, "points": 1},
       {"id": "p2", "label": {"en": "2", "nl": "2"}, "points": 2}]},
    {"id": "topics", "type": "multiple", "required": false, "text": {"en": "Q", "nl": "V"},
     "options": [
       {"id": "work", "label": {"en": "W", "nl": "W"}, "weights": {"supervisie": 1}},
       {"id": "home", "label": {"en": "H", "nl": "H"}, "weights": {"werkbegeleiding": 1}}]},
    {"id": "unsafe", "type": "yes_no", "show_if": {"answer": "need", "equals": "b"}, "text": {"en": "Q", "nl": "V"},
     "options": [
       {"id": "yes", "label": {"en": "Y", "nl": "J"}},
       {"id": "no", "label": {"en": "N", "nl": "N"}},
       {"id": "skip", "label": {"en": "?", "nl": "?"}, "unknown": true}]},
    {"id": "remarks", "type": "text", "required": false, "text": {"en": "Q", "nl": "V"}}
  ],
  "scales": [
    {"id": "low", "label": {"en": "L", "nl": "L"}, "items": ["mood"],
     "bands": [
       {"id": "none", "label": {"en": "n", "nl": "n"}, "min": 0, "max": 0},
       {"id": "some", "label": {"en": "s", "nl": "s"}, "min": 1, "max": 2}]}
  ],
  "rules": [
    {"id": "flag", "when": {"answer": "unsafe", "equals": "yes"},
     "effects": {"red_flag": {"tier": "crisis", "message": {"en": "M", "nl": "M"}, "first_step": {"en": "S", "nl": "S"},
                              "resources": ["line"]}, "urgency": "crisis"}},
    {"id": "low-mood", "when": {"scale": "low", "at_least": 2}, "effects": {"require": ["therapie"]}}
  ],
  "resources": [{"id": "line", "name": {"en": "L", "nl": "L"}, "phone": ["113"], "when": {"en": "W", "nl": "W"}}],
  "crisis_lines": ["line"]
})");
}

/// Loads a bank given as JSON.
inline LoadResult load_json(const nlohmann::json& bank, const BankLimits& limits = {}) {
  return load_bank(bank.dump(), "test.json", limits);
}

/// Loads a bank after applying JSON Patch-like edits: `edit` gets the base bank to change.
template <typename Edit>
LoadResult load_edited(Edit edit, const BankLimits& limits = {}) {
  nlohmann::json bank = base_bank();
  edit(bank);
  return load_json(bank, limits);
}

/// All diagnostics, one per line, for failure messages.
inline std::string all_diagnostics(const LoadResult& result) {
  std::string text;
  for (const Diagnostic& diagnostic : result.diagnostics) text += diagnostic.format() + "\n";
  return text;
}

/// True when some diagnostic has this severity and pointer and contains `text`.
inline bool has_diagnostic(const LoadResult& result, Severity severity, const std::string& pointer,
                           const std::string& text) {
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.severity == severity && diagnostic.pointer == pointer &&
        diagnostic.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

/// Expects an error at `pointer` containing `text`, and no bank.
#define CHECK_BANK_ERROR(result, pointer, text)                                                    \
  do {                                                                                             \
    INFO(::wegwijzer::test::all_diagnostics(result));                                              \
    CHECK_FALSE((result).bank.has_value());                                                        \
    CHECK(::wegwijzer::test::has_diagnostic(result, ::wegwijzer::Severity::error, pointer, text)); \
  } while (false)

/// Expects a warning at `pointer` containing `text`; the bank still loads.
#define CHECK_BANK_WARNING(result, pointer, text)                                                    \
  do {                                                                                               \
    INFO(::wegwijzer::test::all_diagnostics(result));                                                \
    CHECK((result).bank.has_value());                                                                \
    CHECK(::wegwijzer::test::has_diagnostic(result, ::wegwijzer::Severity::warning, pointer, text)); \
  } while (false)

}  // namespace wegwijzer::test
