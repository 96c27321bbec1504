// The interactive questionnaire: a loop over the questions the skip logic shows.
#include "wegwijzer/session/session.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
#include <utility>

#include "session_input.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/session/session_render.hpp"
#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/summary/summary.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {
namespace {

constexpr std::size_t kMaxTextBytes = 4000;       // a free-text answer is cut here
constexpr std::size_t kMaxLineBytes = 64 * 1024;  // an input line is cut here (the rest is dropped)
constexpr std::string_view kPrompt = "> ";

// True when `condition` refers to a question at or after `open` (directly or through a scale):
// one whose answer may still come or change, so the condition's value is not known yet.
bool depends_on_open(const Bank& bank, const Condition& condition, std::size_t open) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) {
        if (depends_on_open(bank, child, open)) return true;
      }
      return false;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most: {
      if (condition.scale >= bank.scales.size()) return false;
      const std::vector<std::size_t>& items = bank.scales[condition.scale].items;
      return std::any_of(items.begin(), items.end(), [open](std::size_t item) { return item >= open; });
    }
    default: return condition.question >= open;
  }
}

cli::SessionLook look_of(const Bank& bank, const SessionOptions& options) {
  return cli::SessionLook{bank.language(options.language), options.color, options.unicode, options.width};
}

}  // namespace

Session::Session(const Bank& bank, std::istream& in, std::ostream& out, SessionOptions options)
    : bank_(bank),
      in_(in),
      out_(out),
      options_(std::move(options)),
      language_(bank.language(options_.language)),
      answers_(bank) {}

namespace {
/// Like std::getline, but keeps at most kMaxLineBytes of a line and drops the rest, so a hostile
/// or broken input stream cannot make the session hold an unbounded line in memory.
bool read_bounded_line(std::istream& in, std::string& line) {
  line.clear();
  bool any = false;
  char c = 0;
  while (in.get(c)) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxLineBytes) line.push_back(c);
  }
  return any;
}
}  // namespace

Session::Read Session::read_line(std::string& line) {
  auto interrupted = [this] { return options_.interrupted && options_.interrupted(); };
  out_.flush();
  if (interrupted()) return Read::interrupted;
  if (!read_bounded_line(in_, line)) return interrupted() ? Read::interrupted : Read::end;
  if (interrupted()) return Read::interrupted;
  return Read::line;
}

void Session::echo(const std::string& line) {
  if (options_.interactive) return;
  out_ << sanitize_for_terminal(cli::trim_line(line), false) << '\n';
}

std::optional<std::size_t> Session::next_after(std::optional<std::size_t> current) const {
  std::vector<bool> visible = visible_questions(bank_, answers_);
  std::size_t start = current ? *current + 1 : 0;
  for (std::size_t q = start; q < visible.size(); ++q) {
    // Already answered ones too: after going back the person sees every later question again.
    if (visible[q]) return q;
  }
  return std::nullopt;
}

std::optional<std::size_t> Session::previous_before(std::size_t current) const {
  std::vector<bool> visible = visible_questions(bank_, answers_);
  for (std::size_t q = current; q > 0; --q) {
    if (visible[q - 1]) return q - 1;
  }
  return std::nullopt;
}

bool Session::confirm_quit(Read& read) {
  const Language& language = language_;
  out_ << cli::wrap_text(cli::session_text(cli::SessionText::confirm_quit, language), options_.width, "", "");
  while (true) {
    out_ << kPrompt;
    std::string line;
    read = read_line(line);
    if (read != Read::line) return false;
    echo(line);
    std::string word = ascii_lower(cli::trim_line(line));
    if (cli::is_yes_word(word)) return true;
    if (word.empty() || cli::is_no_word(word)) return false;
    out_ << cli::wrap_text(cli::session_text(cli::SessionText::confirm_quit_again, language), options_.width, "", "");
  }
}

Session::Read Session::show_new_crisis_flags(bool& stop) {
  stop = false;
  Result result = evaluate(bank_, answers_);
  bool any = false;
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.tier != Tier::crisis || !crisis_shown_.insert(flag.rule).second) continue;
    any = true;
  }
  if (!any) return Read::line;

  SummaryOptions box_options;
  box_options.format = SummaryFormat::text;
  box_options.language = options_.language;
  box_options.unicode = options_.unicode;
  box_options.color = options_.color;
  box_options.width = options_.width;
  last_crisis_box_ = render_crisis_box(bank_, result, box_options);
  out_ << '\n' << last_crisis_box_ << '\n';
  // Piped answers: the next line is the next answer, not a keypress after the box.
  if (!options_.interactive) return Read::line;
  const Language& language = language_;
  out_ << cli::wrap_text(cli::session_text(cli::SessionText::crisis_continue, language), options_.width, "", "");
  while (true) {
    out_ << kPrompt;
    std::string line;
    Read read = read_line(line);
    if (read != Read::line) return read;
    echo(line);
    std::string word = ascii_lower(cli::trim_line(line));
    if (word.empty()) return Read::line;
    if (word == "q" || word == "stop" || word == "stoppen" || word == "quit") {
      // The same confirmation as at a question: a person in crisis should not lose the way out by a slip.
      if (confirm_quit(read)) {
        stop = true;
        return Read::line;
      }
      if (read != Read::line) return read;
      out_ << cli::wrap_text(cli::session_text(cli::SessionText::crisis_continue, language), options_.width, "", "");
      continue;
    }
    out_ << cli::wrap_text(cli::session_text(cli::SessionText::crisis_continue_again, language), options_.width, "",
                           "");
  }
}

Session::Step Session::ask(std::size_t& current) {
  const Question& question = bank_.questions[current];
  const Language& language = language_;
  cli::SessionLook look = look_of(bank_, options_);
  auto say = [&](cli::SessionText id, std::string_view argument = {}) {
    std::string sentence = cli::fill(cli::session_text(id, language), {argument});
    out_ << cli::emphasize(cli::wrap_text(sentence, options_.width, "", ""), cli::Emphasis::warning, options_.color);
  };
  auto show_question = [&] {
    // Shown questions up to here, plus every later one that is shown for sure: its show_if depends
    // only on answers behind us. One that depends on a question not behind us yet counts as not
    // shown, so the total never promises more questions than will be asked; it may grow.
    std::vector<bool> visible = visible_questions(bank_, answers_);
    cli::Progress progress{0, 0, true};  // counted below; exact until a later question waits on an open one
    for (std::size_t q = 0; q < visible.size(); ++q) {
      const std::optional<Condition>& show_if = bank_.questions[q].show_if;
      if (q > current && show_if && depends_on_open(bank_, *show_if, current)) {
        progress.exact = false;
        continue;
      }
      if (!visible[q]) continue;
      ++progress.total;
      if (q <= current) ++progress.position;
    }
    out_ << cli::render_question(bank_, current, answers_, progress, look);
  };

  show_question();
  const std::string option_count = std::to_string(question.options.size());
  while (true) {
    out_ << kPrompt;
    std::string line;
    Read read = read_line(line);
    if (read == Read::end) return Step::end;
    if (read == Read::interrupted) return Step::interrupted;
    cli::ParsedInput input = cli::parse_input(line, question);
    if (input.kind != cli::ParsedInput::Kind::empty) echo(line);
    switch (input.kind) {
      case cli::ParsedInput::Kind::help: {
        const std::string& help = question.help.in(language);
        if (help.empty()) {
          out_ << cli::wrap_text(cli::session_text(cli::SessionText::no_help, language), options_.width, "", "");
        } else {
          std::string label(cli::session_text(cli::SessionText::help_label, language));
          out_ << cli::wrap_text(label + " " + sanitize_for_terminal(help), options_.width, "", "  ");
        }
        continue;
      }
      case cli::ParsedInput::Kind::back: {
        std::optional<std::size_t> previous = previous_before(current);
        if (!previous) {
          say(cli::SessionText::first_question);
          continue;
        }
        current = *previous;
        return Step::moved;
      }
      case cli::ParsedInput::Kind::quit: {
        if (confirm_quit(read)) return Step::quit;
        if (read == Read::end) return Step::end;
        if (read == Read::interrupted) return Step::interrupted;
        show_question();
        continue;
      }
      case cli::ParsedInput::Kind::empty: {
        if (answers_.at(current)) {
          if (!options_.interactive) out_ << cli::session_text(cli::SessionText::kept, language) << '\n';
          return Step::answered;
        }
        if (!question.required) {
          if (!options_.interactive) out_ << cli::session_text(cli::SessionText::skipped, language) << '\n';
          return Step::answered;
        }
        if (!options_.interactive) out_ << '\n';
        say(cli::SessionText::error_required);
        show_question();
        continue;
      }
      case cli::ParsedInput::Kind::invalid: {
        switch (input.error) {
          case cli::ParsedInput::Error::one_only: say(cli::SessionText::error_one_only, option_count); break;
          case cli::ParsedInput::Error::exclusive:
            say(cli::SessionText::error_exclusive, std::to_string(input.options.front() + 1));
            break;
          default:
            say(question.type == QuestionType::multiple ? cli::SessionText::error_numbers
                                                        : cli::SessionText::error_number,
                option_count);
            break;
        }
        show_question();
        continue;
      }
      case cli::ParsedInput::Kind::answer: {
        Answer answer;
        if (question.type == QuestionType::text) {
          std::string text = input.text.substr(0, kMaxTextBytes);
          answer.text = sanitize_for_terminal(text, false);
        } else {
          answer.options = std::move(input.options);
        }
        answers_.set(current, std::move(answer));
        return Step::answered;
      }
    }
  }
}

SessionOutcome Session::end(SessionOutcome::Kind kind) {
  SessionOutcome outcome;
  outcome.kind = kind;
  outcome.crisis_raised = !crisis_shown_.empty();
  outcome.crisis_box = last_crisis_box_;
  if (kind == SessionOutcome::Kind::quit) {
    out_ << cli::session_text(cli::SessionText::quit_done, language_) << '\n';
  }
  out_.flush();
  return outcome;
}

SessionOutcome Session::run() {
  out_ << cli::render_intro(bank_, look_of(bank_, options_));
  std::optional<std::size_t> current = next_after(std::nullopt);
  while (true) {
    if (!current) {
      Result result = evaluate(bank_, answers_);
      if (!result.missing.empty()) {
        // The engine knows best what is still needed; ask it rather than finish without advice.
        current = result.missing.front();
        continue;
      }
      out_ << '\n'
           << cli::emphasize(cli::session_text(cli::SessionText::finished, language_), cli::Emphasis::bold,
                             options_.color)
           << "\n\n";
      SessionOutcome outcome = end(SessionOutcome::Kind::completed);
      outcome.answers = answers_;
      outcome.result = std::move(result);
      return outcome;
    }
    std::size_t question = *current;
    Step step = ask(question);
    switch (step) {
      case Step::moved: current = question; continue;
      case Step::quit: return end(SessionOutcome::Kind::quit);
      case Step::end: return end(SessionOutcome::Kind::incomplete);
      case Step::interrupted: return end(SessionOutcome::Kind::interrupted);
      case Step::answered: break;
    }
    bool stop = false;
    Read read = show_new_crisis_flags(stop);
    if (read == Read::end) return end(SessionOutcome::Kind::incomplete);
    if (read == Read::interrupted) return end(SessionOutcome::Kind::interrupted);
    if (stop) return end(SessionOutcome::Kind::quit);
    current = next_after(question);
  }
}

}  // namespace wegwijzer
