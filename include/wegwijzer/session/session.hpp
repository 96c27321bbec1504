#pragma once
// session/: the interactive questionnaire in a terminal: questions, answers, back / help / stop, the crisis box,
// colours and width.
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// How an interactive session looks and reads. The caller (the `ask` command) decides these from
/// the terminal and the environment; tests set them directly.
struct SessionOptions {
  std::string language = "nl";  ///< one of the bank's languages: the bank's texts and the session's sentences
  bool color = false;           ///< ANSI colour (only on a terminal)
  bool unicode = true;          ///< Unicode marks and boxes; false: ASCII only
  int width = 80;               ///< wrap width in columns
  /// Input comes from a terminal (it echoes what is typed). False: each answer line is echoed
  /// into the output so the output is a readable transcript.
  bool interactive = true;
  /// Polled after every read; when it returns true the session ends as `interrupted` at once.
  /// Empty: never interrupted. (The ask command passes "SIGINT arrived".)
  std::function<bool()> interrupted;
};

/// How a session ended.
struct SessionOutcome {
  /// The way it ended.
  enum class Kind {
    completed,    ///< every shown required question answered; `answers` and `result` are set
    quit,         ///< the person chose to stop (confirmed)
    incomplete,   ///< the input ended (EOF) before the questionnaire did
    interrupted,  ///< the `interrupted` predicate fired (Ctrl-C)
  };
  Kind kind = Kind::incomplete;
  std::optional<AnswerSet> answers;  ///< completed only
  std::optional<Result> result;      ///< completed only: evaluate() of `answers`
  /// A crisis red flag was raised (its box shown) during the session. The caller repeats the
  /// crisis lines on every way out that is not a finished summary.
  bool crisis_raised = false;
  /// The last crisis box shown (its first steps and where to turn), for the caller to repeat on the way out:
  /// the bank's general crisis lines alone would drop "call Veilig Thuis" or "your huisarts today".
  std::string crisis_box;
};

/// The interactive questionnaire: one question at a time on `out`, answers read line by line from
/// `in`, with skip logic, going back, help, quitting and the crisis box right after a crisis answer.
/// After an answer it always moves to the next shown question, so after going back every later
/// question is shown again, with its earlier answer marked (Enter keeps it).
/// Never touches the process's standard streams; saves nothing.
class Session {
 public:
  /// A session over `bank`, reading `in` and writing `out` (all must outlive the session).
  Session(const Bank& bank, std::istream& in, std::ostream& out, SessionOptions options);

  /// Runs the questionnaire to its end. Writes only to `out`; never throws for any input.
  SessionOutcome run();

 private:
  /// What reading one line gave.
  enum class Read { line, end, interrupted };
  /// What asking one question led to.
  enum class Step { answered, moved, quit, end, interrupted };

  Read read_line(std::string& line);
  Step ask(std::size_t& current);
  bool confirm_quit(Read& read);
  Read show_new_crisis_flags(bool& stop);
  SessionOutcome end(SessionOutcome::Kind kind);
  std::optional<std::size_t> next_after(std::optional<std::size_t> current) const;
  std::optional<std::size_t> previous_before(std::size_t current) const;
  void echo(const std::string& line);

  const Bank& bank_;
  std::istream& in_;
  std::ostream& out_;
  SessionOptions options_;
  Language language_;  ///< options_.language with the bank's versions of the session's sentences
  AnswerSet answers_;
  std::set<std::size_t> crisis_shown_;  ///< crisis rules whose box was shown
  std::string last_crisis_box_;         ///< the last crisis box shown
};

}  // namespace wegwijzer
