#pragma once
// Internal to the CLI: every sentence the interactive session prints, in Dutch and English.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/local_text.hpp"

namespace wegwijzer::cli {

/// Identifies one sentence of the session's translation table.
enum class SessionText {
  crisis_lines,           ///< the crisis phone numbers shown before the first question
  how_to_answer,          ///< how to answer, shown once before the first question
  progress,               ///< "question {} of at least {}": later questions may still be added
  progress_exact,         ///< "question {} of {}": every later question is known
  optional_tag,           ///< marks a question that may be skipped
  hint_single,            ///< how to answer a single-choice question
  hint_multiple,          ///< how to answer a multiple-choice question, with an example "{},{} or {} {}"
  hint_multiple_plain,    ///< the same without an example (fewer than two options may be combined)
  hint_text,              ///< how to answer a free-text question
  hint_skip,              ///< empty line skips
  hint_keep,              ///< empty line keeps the earlier answer
  hint_commands,          ///< ? / b / q
  earlier_marker,         ///< after the option chosen earlier
  earlier_text,           ///< "your earlier answer: {}"
  help_label,             ///< label in front of a question's help text
  no_help,                ///< the question has no help text
  first_question,         ///< "b" on the first question
  error_number,           ///< expected one number from 1 to {}
  error_numbers,          ///< expected one or more numbers from 1 to {}
  error_one_only,         ///< a single-choice question got several numbers
  error_required,         ///< empty answer to a required question
  confirm_quit,           ///< "stop? nothing is saved (y/n)"
  confirm_quit_again,     ///< the confirmation answer was not understood
  crisis_continue,        ///< after the crisis box: Enter to continue, q to stop
  crisis_continue_again,  ///< the continue answer was not understood
  skipped,                ///< transcript: the question was skipped
  kept,                   ///< transcript: the earlier answer was kept
  quit_done,              ///< "stopped, nothing saved"
  interrupted,            ///< "interrupted, nothing saved"
  incomplete,             ///< "incomplete: no advice" (stderr, piped input ended early)
  finished,               ///< the questionnaire is done; the summary follows
  saved_to,               ///< "your summary was saved to {}"
  language_fallback,      ///< the bank lacks the language {} (from LANG); the session uses {} instead
  error_exclusive,        ///< option {} ("none", "rather not say") cannot be combined with others
};

/// The sentence `id` in `language`: the bank's version ("texts") when it has one in that language, else the
/// built-in Dutch for "nl" and English for any other language.
std::string_view session_text(SessionText id, const Language& language);

/// The built-in English sentence of `key` ("session.<name>"), or empty when no sentence has that key.
std::string_view builtin_session_text(std::string_view key);

/// The key of every sentence ("session.<name>"), in enumerator order: what a bank's "texts" may override.
std::vector<std::string_view> session_text_keys();

/// Replaces each "{}" in `pattern` by the next argument, in order (not a format string: no escapes).
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments);

/// Words (lower case) that mean "yes" to a confirmation, in either language.
bool is_yes_word(std::string_view word);
/// Words (lower case) that mean "no" to a confirmation, in either language.
bool is_no_word(std::string_view word);

}  // namespace wegwijzer::cli
