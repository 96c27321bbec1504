// The interactive questionnaire: a loop over the questions the skip logic shows.
#include "wegwijzer/session.hpp"

#include <istream>
#include <ostream>
#include <utility>

#include "session_input.hpp"
#include "session_render.hpp"
#include "session_texts.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/sanitize.hpp"
#include "wegwijzer/summary.hpp"

namespace wegwijzer {
namespace {

constexpr std::size_t kMaxTextBytes = 4000;  // a free-text answer is cut here
constexpr std::string_view kPrompt = "> ";

cli::SessionLook look_of(const SessionOptions& options) {
  return cli::SessionLook{options.language, options.color, options.unicode, options.width};
}

}  // namespace

Session::Session(const Bank& bank, std::istream& in, std::ostream& out, SessionOptions options)
    : bank_(bank),
      in_(in),
      out_(out),
      options_(std::move(options)),
      answers_(bank),
      done_(bank.questions.size(), false) {}

Session::Read Session::read_line(std::string& line) {
  auto interrupted = [this] { return options_.interrupted && options_.interrupted(); };
  out_.flush();
  if (interrupted()) return Read::interrupted;
  if (!std::getline(in_, line)) return interrupted() ? Read::interrupted : Read::end;
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
    if (visible[q] && !done_[q]) return q;
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
  const std::string& language = options_.language;
  out_ << cli::wrap_text(cli::session_text(cli::SessionText::confirm_quit, language), options_.width, "", "");
  while (true) {
    out_ << kPrompt;
    std::string line;
    read = read_line(line);
    if (read != Read::line) return false;
    echo(line);
    std::string word = cli::ascii_lower(cli::trim_line(line));
    if (cli::is_yes_word(word)) return true;
    if (word.empty() || cli::is_no_word(word)) return false;
    out_ << cli::wrap_text(cli::session_text(cli::SessionText::confirm_quit_again, language), options_.width, "", "");
  }
}

Session::Read Session::show_new_crisis_flags(bool& stop) {
  stop = false;
  Result result = evaluate(bank_, answers_);
  bool any = false;
  bool home_safety = false;
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.tier != Tier::crisis || !crisis_shown_.insert(flag.rule).second) continue;
    any = true;
    const auto& red_flag = bank_.rules[flag.rule].effects.red_flag;
    if (red_flag && red_flag->home_safety) home_safety = true;
  }
  if (!any) return Read::line;

  SummaryOptions box_options;
  box_options.format = SummaryFormat::text;
  box_options.language = options_.language;
  box_options.unicode = options_.unicode;
  box_options.color = options_.color;
  box_options.width = options_.width;
  out_ << '\n' << render_crisis_box(box_options, home_safety) << '\n';
  const std::string& language = options_.language;
  out_ << cli::wrap_text(cli::session_text(cli::SessionText::crisis_continue, language), options_.width, "", "");
  while (true) {
    out_ << kPrompt;
    std::string line;
    Read read = read_line(line);
    if (read != Read::line) return read;
    echo(line);
    std::string word = cli::ascii_lower(cli::trim_line(line));
    if (word.empty()) return Read::line;
    if (word == "q" || word == "stop" || word == "stoppen" || word == "quit") {
      stop = true;
      return Read::line;
    }
    out_ << cli::wrap_text(cli::session_text(cli::SessionText::crisis_continue_again, language), options_.width, "",
                           "");
  }
}

Session::Step Session::ask(std::size_t& current) {
  const Question& question = bank_.questions[current];
  const std::string& language = options_.language;
  cli::SessionLook look = look_of(options_);
  auto say = [&](cli::SessionText id, std::string_view argument = {}) {
    std::string sentence = cli::fill(cli::session_text(id, language), {argument});
    out_ << cli::emphasize(cli::wrap_text(sentence, options_.width, "", ""), cli::Emphasis::warning, options_.color);
  };
  auto show_question = [&] {
    std::vector<bool> visible = visible_questions(bank_, answers_);
    std::size_t position = 0;
    std::size_t total = 0;
    for (std::size_t q = 0; q < visible.size(); ++q) {
      if (!visible[q]) continue;
      ++total;
      if (q <= current) ++position;
    }
    out_ << cli::render_question(bank_, current, answers_, position, total, look);
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
          done_[current] = true;
          return Step::answered;
        }
        if (!question.required) {
          if (!options_.interactive) out_ << cli::session_text(cli::SessionText::skipped, language) << '\n';
          done_[current] = true;
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
        done_[current] = true;
        return Step::answered;
      }
    }
  }
}

SessionOutcome Session::run() {
  SessionOutcome outcome;
  out_ << cli::render_intro(bank_, look_of(options_));
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
           << cli::emphasize(cli::session_text(cli::SessionText::finished, options_.language), cli::Emphasis::bold,
                             options_.color)
           << "\n\n";
      out_.flush();
      outcome.kind = SessionOutcome::Kind::completed;
      outcome.answers = answers_;
      outcome.result = std::move(result);
      return outcome;
    }
    std::size_t question = *current;
    Step step = ask(question);
    switch (step) {
      case Step::moved: current = question; continue;
      case Step::quit:
        out_ << cli::session_text(cli::SessionText::quit_done, options_.language) << '\n';
        out_.flush();
        outcome.kind = SessionOutcome::Kind::quit;
        return outcome;
      case Step::end: outcome.kind = SessionOutcome::Kind::incomplete; return outcome;
      case Step::interrupted: outcome.kind = SessionOutcome::Kind::interrupted; return outcome;
      case Step::answered: break;
    }
    bool stop = false;
    Read read = show_new_crisis_flags(stop);
    if (read == Read::end) {
      outcome.kind = SessionOutcome::Kind::incomplete;
      return outcome;
    }
    if (read == Read::interrupted) {
      outcome.kind = SessionOutcome::Kind::interrupted;
      return outcome;
    }
    if (stop) {
      out_ << cli::session_text(cli::SessionText::quit_done, options_.language) << '\n';
      out_.flush();
      outcome.kind = SessionOutcome::Kind::quit;
      return outcome;
    }
    current = next_after(question);
  }
}

}  // namespace wegwijzer
