#pragma once
// Internal to the CLI: what one line typed at a question of the interactive session means.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/support/ascii.hpp"

namespace wegwijzer::cli {

/// The meaning of one input line at a question.
struct ParsedInput {
  /// What the person asked for.
  enum class Kind {
    answer,   ///< a valid answer: `options` (choice questions) or `text` (text questions)
    empty,    ///< an empty line: skip, or keep the earlier answer
    help,     ///< "?" / "uitleg" / "hulp" / "help" / "explanation"
    back,     ///< "b" / "terug" / "back"
    quit,     ///< "q" / "stop" / "quit" / "stoppen"
    invalid,  ///< not understood; `error` says why
  };
  /// Why a line was not understood.
  enum class Error {
    none,
    not_numbers,   ///< something other than numbers and separators
    out_of_range,  ///< a number outside 1..options
    one_only,      ///< several numbers for a question that takes one
    exclusive,     ///< an exclusive option ("none", "rather not say") together with others
  };
  Kind kind = Kind::invalid;
  Error error = Error::none;
  std::vector<std::uint16_t> options;  ///< answer: chosen option indices, sorted and unique;
                                       ///< invalid/exclusive: the exclusive option
  std::string text;                    ///< answer to a text question: the line, trimmed
};

/// Trims spaces, tabs and a trailing carriage return.
std::string_view trim_line(std::string_view line);

/// Parses `line` typed at `question`: option numbers ("2", "1,3", "1 3", "1, 3"), the yes/no words
/// (j/ja/y/yes, n/nee/no) at a yes-no question, the commands ? b q (and their long forms), or an
/// empty line. For text questions every line that is not a command is the answer.
ParsedInput parse_input(std::string_view line, const Question& question);

}  // namespace wegwijzer::cli
