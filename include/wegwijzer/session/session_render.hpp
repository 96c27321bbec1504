#pragma once
// Internal to the CLI: how the interactive session lays out its text (wrapping, progress, options).
#include <cstddef>
#include <string>
#include <string_view>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::cli {

/// How the session's text looks on this output.
struct SessionLook {
  Language language{"nl"};  ///< the bank's language, with its versions of the session's sentences
  bool color = false;       ///< ANSI colour and bold
  bool unicode = true;      ///< Unicode marks; false: ASCII only
  int width = 80;           ///< wrap width in columns
};

/// Emphasis the session uses.
enum class Emphasis { bold, dim, warning };

/// `text` wrapped in the ANSI codes for `emphasis` when `color`, else `text` unchanged.
std::string emphasize(std::string_view text, Emphasis emphasis, bool color);

/// Number of columns `text` takes (UTF-8 code points; combining marks and wide characters ignored).
std::size_t display_width(std::string_view text);

/// Wraps `text` at spaces to `width` columns. The first line starts with `first_indent`, the others
/// with `rest_indent`; newlines in `text` start a new line. Words longer than a line are not split.
/// Every line ends with '\n'.
std::string wrap_text(std::string_view text, int width, std::string_view first_indent, std::string_view rest_indent);

/// The opening: the bank's title, introduction and disclaimer, the crisis lines and how to answer.
std::string render_intro(const Bank& bank, const SessionLook& look);

/// The bank's crisis lines (its "crisis_lines" resources) on their own, marked: shown in the intro and
/// again on every way out after a crisis flag was raised. Empty when the bank names none.
std::string render_crisis_lines(const Bank& bank, const SessionLook& look);

/// Where a question stands in the questionnaire, for the progress line.
struct Progress {
  std::size_t position = 1;  ///< 1-based: the shown questions up to and including this one
  /// The questions that will be asked for sure: never more than the person will see on this path.
  std::size_t total = 1;
  /// True when no later question waits on an answer still to come, so `total` is the number asked
  /// ("question 4 of 18"); false: more may follow ("question 4 of at least 18").
  bool exact = false;
};

/// One question: progress ("question 4 of at least 18"), the text, the numbered options with the
/// earlier answer marked, and a hint on how to answer (for multiple choice with an example of two
/// options that may be combined).
std::string render_question(const Bank& bank, std::size_t question, const AnswerSet& answers, const Progress& progress,
                            const SessionLook& look);

/// The hint for a multiple-choice question in `language`: its example combines the first two options that
/// are not exclusive ("for example 2,3 or 2 3"); without two such options, no example.
std::string multiple_choice_hint(const Question& question, const Language& language);

}  // namespace wegwijzer::cli
