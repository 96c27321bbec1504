// A condition in words: the codebook's "shown if" in nl and en.
#include "wegwijzer/bank/condition_words.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

namespace wegwijzer {
namespace {

/// The words a condition is said with, in one language.
struct Words {
  std::string_view always;       ///< an empty all
  std::string_view never;        ///< an empty any
  std::string_view and_word;     ///< joins the parts of an all
  std::string_view or_word;      ///< joins the parts of an any, and the last two options of a list
  std::string_view not_word;     ///< before a negated part
  std::string_view is;           ///< "q" is "o"
  std::string_view is_only;      ///< multiple choice, equals: exactly this option
  std::string_view includes;     ///< multiple choice: contains, in
  std::string_view is_answered;  ///< answered
  std::string_view at_least;     ///< numeric bounds
  std::string_view at_most;
  std::string_view point;  ///< one point
  std::string_view points;
  std::string_view on;     ///< at least 2 points on "q"
  std::string_view scale;  ///< scale "s" is at least 3
};

constexpr Words english{"always",      "never",    "and",     "or",    "not",    "is", "is only", "includes",
                        "is answered", "at least", "at most", "point", "points", "on", "scale"};
constexpr Words dutch{"altijd",        "nooit",    "en",        "of",   "niet",   "is", "is alleen", "bevat",
                      "is beantwoord", "minstens", "hoogstens", "punt", "punten", "op", "schaal"};

const Words& words_for(std::string_view language) { return is_dutch(language) ? dutch : english; }

std::string quoted(std::string_view id) { return "\"" + std::string(id) + "\""; }

/// A bound as written in the bank: whole numbers without a decimal point.
std::string number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

/// Looks through all/any nodes with one child: they read as that child.
const Condition& effective(const Condition& condition) {
  const Condition* node = &condition;
  while ((node->kind == Condition::Kind::all || node->kind == Condition::Kind::any) && node->children.size() == 1) {
    node = &node->children.front();
  }
  return *node;
}

class Renderer {
 public:
  Renderer(const Bank& bank, const Words& words) : bank_(bank), words_(words) {}

  std::string render(const Condition& node) const {
    const Condition& condition = effective(node);
    using Kind = Condition::Kind;
    switch (condition.kind) {
      case Kind::all:
      case Kind::any: return junction(condition);
      case Kind::negate: {
        std::string out(words_.not_word);
        out += ' ';
        if (condition.children.empty()) return out + std::string(words_.always);
        return out + part(condition.children.front(), Kind::negate);
      }
      case Kind::answered: return question(condition) + " " + std::string(words_.is_answered);
      case Kind::equals: {
        const bool multiple = bank_.questions[condition.question].type == QuestionType::multiple;
        return question(condition) + " " + std::string(multiple ? words_.is_only : words_.is) + " " +
               option_list(condition);
      }
      case Kind::in: {
        const bool multiple = bank_.questions[condition.question].type == QuestionType::multiple;
        return question(condition) + " " + std::string(multiple ? words_.includes : words_.is) + " " +
               option_list(condition);
      }
      case Kind::contains:
        return question(condition) + " " + std::string(words_.includes) + " " + option_list(condition);
      case Kind::answer_at_least:
      case Kind::answer_at_most:
        return std::string(condition.kind == Kind::answer_at_least ? words_.at_least : words_.at_most) + " " +
               number(condition.value) + " " +
               std::string(std::fabs(condition.value) == 1 ? words_.point : words_.points) + " " +
               std::string(words_.on) + " " + question(condition);
      case Kind::scale_at_least:
      case Kind::scale_at_most:
        return std::string(words_.scale) + " " + quoted(bank_.scales[condition.scale].id) + " " +
               std::string(words_.is) + " " +
               std::string(condition.kind == Kind::scale_at_least ? words_.at_least : words_.at_most) + " " +
               number(condition.value);
    }
    return {};
  }

 private:
  std::string question(const Condition& condition) const { return quoted(bank_.questions[condition.question].id); }

  /// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
  std::string option_list(const Condition& condition) const {
    const Question& question = bank_.questions[condition.question];
    std::string out;
    for (std::size_t i = 0; i < condition.options.size(); ++i) {
      if (i > 0) out += i + 1 == condition.options.size() ? " " + std::string(words_.or_word) + " " : ", ";
      out += quoted(question.options[condition.options[i]].id);
    }
    return out;
  }

  std::string junction(const Condition& condition) const {
    const bool all = condition.kind == Condition::Kind::all;
    if (condition.children.empty()) return std::string(all ? words_.always : words_.never);
    std::string out;
    for (const Condition& child : condition.children) {
      if (!out.empty()) out += " " + std::string(all ? words_.and_word : words_.or_word) + " ";
      out += part(child, condition.kind);
    }
    return out;
  }

  /// A child of an all, any or not: in brackets when it holds "and" or "or" of its own, except an all in an all
  /// or an any in an any (which read the same without).
  std::string part(const Condition& child, Condition::Kind parent) const {
    const Condition& condition = effective(child);
    using Kind = Condition::Kind;
    bool brackets = false;
    if (condition.kind == Kind::all || condition.kind == Kind::any) {
      brackets = condition.children.size() > 1 && condition.kind != parent;
    } else if (condition.kind == Kind::in) {
      brackets = condition.options.size() > 1;
    }
    std::string text = render(condition);
    return brackets ? "(" + text + ")" : text;
  }

  const Bank& bank_;
  const Words& words_;
};

}  // namespace

std::string condition_in_words(const Bank& bank, const Condition& condition, std::string_view language) {
  return Renderer(bank, words_for(language)).render(condition);
}

}  // namespace wegwijzer
