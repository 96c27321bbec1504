#pragma once
#include <cstddef>
#include <vector>

namespace wegwijzer {
/// A structured, analysable condition (used by `show_if` and rules). JSON forms:
///   {"all": [C, ...]}  {"any": [C, ...]}  {"not": C}
///   {"answered": "q"}                              q has an answer (not hidden)
///   {"answer": "q", "equals": "opt"}               single/yes-no/scale: chose opt; multiple: chose exactly {opt}
///   {"answer": "q", "in": ["a", "b"]}              chose one of these (multiple: any of them)
///   {"answer": "q", "contains": "opt"}             multiple choice: opt is among the chosen
///   {"answer": "q", "at_least": n} / "at_most": n  points of the chosen option(s), summed
///   {"scale": "s", "at_least": n} / "at_most": n   value of a scale
/// A question that is hidden or unanswered makes every leaf about it false.
struct Condition {
  /// What kind of node this is.
  enum class Kind {
    all,
    any,
    negate,
    answered,
    equals,
    in,
    contains,
    answer_at_least,
    answer_at_most,
    scale_at_least,
    scale_at_most
  };
  Kind kind = Kind::all;
  std::vector<Condition> children;   ///< all / any / negate (one child)
  std::size_t question = 0;          ///< answer leaves: question index in the bank
  std::vector<std::size_t> options;  ///< equals / contains (one) and in (several): option indices
  std::size_t scale = 0;             ///< scale leaves: scale index in the bank
  double value = 0;                  ///< numeric leaves: the bound
};
}  // namespace wegwijzer
