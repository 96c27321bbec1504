// The session's progress counter on the built-in bank: it never promises more questions than are asked.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "session/session_input.hpp"
#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/session/session.hpp"
#include "wegwijzer/session/session_render.hpp"

using wegwijzer::Answer;
using wegwijzer::AnswerSet;
using wegwijzer::Bank;
using wegwijzer::Question;
using wegwijzer::QuestionType;
using wegwijzer::SessionOptions;
using Kind = wegwijzer::SessionOutcome::Kind;

namespace {

const Bank& default_bank() {
  static const Bank bank = wegwijzer::load_builtin_bank();
  return bank;
}

/// One answer line per question: what the person types when (and if) the question is shown.
using Path = std::vector<std::string>;

/// A path that answers every question with option `pick` (1-based; past the last option: the last one);
/// multiple choice with `multiple`, free text with an empty line (skipped).
Path fixed_path(const Bank& bank, std::size_t pick, const std::string& multiple) {
  Path path;
  for (const Question& question : bank.questions) {
    if (question.type == QuestionType::text) {
      path.emplace_back();
    } else if (question.type == QuestionType::multiple) {
      path.push_back(multiple);
    } else {
      path.push_back(std::to_string(std::min(pick, question.options.size())));
    }
  }
  return path;
}

/// A random valid answer to every question: multiple choice is an exclusive option alone or one to three
/// options that may be combined.
Path random_path(const Bank& bank, std::mt19937& random) {
  Path path;
  for (const Question& question : bank.questions) {
    if (question.type == QuestionType::text) {
      path.emplace_back(random() % 2 == 0 ? "" : "iets");
      continue;
    }
    std::size_t count = question.options.size();
    if (question.type != QuestionType::multiple) {
      path.push_back(std::to_string(1 + random() % count));
      continue;
    }
    std::vector<std::size_t> exclusive;
    std::vector<std::size_t> combinable;
    for (std::size_t i = 0; i < count; ++i) (question.options[i].exclusive ? exclusive : combinable).push_back(i + 1);
    if (combinable.empty() || (!exclusive.empty() && random() % 3 == 0)) {
      path.push_back(std::to_string(exclusive[random() % exclusive.size()]));
      continue;
    }
    std::shuffle(combinable.begin(), combinable.end(), random);
    std::size_t take = std::min<std::size_t>(combinable.size(), 1 + random() % 3);
    std::string line;
    for (std::size_t i = 0; i < take; ++i) line += (i == 0 ? "" : ",") + std::to_string(combinable[i]);
    path.push_back(line);
  }
  return path;
}

/// One progress line as shown.
struct Counter {
  std::size_t position = 0;
  std::size_t total = 0;
  bool exact = false;
};

struct Walk {
  std::vector<Counter> counters;
  std::size_t asked = 0;  ///< questions the skip logic shows for the path's answers: the ones asked
  std::string out;
};

/// Runs a session over the default bank with the answers of `path` piped in, in the order the shown
/// questions come, and collects every progress line.
Walk walk(const Path& path, const std::string& language) {
  const Bank& bank = default_bank();
  // Which questions the path's answers show (each show_if looks only at earlier questions): those are
  // asked, in bank order.
  AnswerSet answers(bank);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::text) continue;
    wegwijzer::cli::ParsedInput input = wegwijzer::cli::parse_input(path[q], question);
    REQUIRE(input.kind == wegwijzer::cli::ParsedInput::Kind::answer);
    answers.set(q, Answer{input.options, ""});
  }
  std::vector<bool> visible = wegwijzer::visible_questions(bank, answers);
  std::string input;
  Walk result;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (!visible[q]) continue;
    ++result.asked;
    input += path[q] + "\n";
  }

  SessionOptions options;
  options.language = language;
  options.interactive = false;  // piped: the crisis box does not wait for Enter
  std::istringstream in(input);
  std::ostringstream out;
  wegwijzer::Session session(bank, in, out, options);
  wegwijzer::SessionOutcome outcome = session.run();
  result.out = out.str();
  CHECK(outcome.kind == Kind::completed);

  const std::regex counter(language == "en" ? "Question (\\d+) of (at least )?(\\d+)"
                                            : "Vraag (\\d+) van (minstens )?(\\d+)");
  for (std::sregex_iterator it(result.out.begin(), result.out.end(), counter), end; it != end; ++it) {
    const std::smatch& match = *it;
    result.counters.push_back({std::stoul(match[1].str()), std::stoul(match[3].str()), !match[2].matched});
  }
  return result;
}

/// The counter's promises, checked on one walk.
void check_counters(const Walk& run) {
  REQUIRE(run.asked > 0);
  // Each shown question once: valid answers, no going back.
  REQUIRE(run.counters.size() == run.asked);
  std::size_t previous_total = 0;
  for (std::size_t i = 0; i < run.counters.size(); ++i) {
    const Counter& counter = run.counters[i];
    INFO("question " << i + 1 << " of " << run.asked << " asked: shown as " << counter.position << " of "
                     << (counter.exact ? "" : "at least ") << counter.total);
    CHECK(counter.position == i + 1);
    CHECK(counter.position <= counter.total);
    CHECK(counter.total <= run.asked);  // never more than will be asked
    if (counter.exact) CHECK(counter.total == run.asked);
    CHECK(counter.total >= previous_total);  // going forward it only grows, as answers come in
    previous_total = counter.total;
  }
  // At the last question nothing is open any more.
  CHECK(run.counters.back().exact);
  CHECK(run.counters.back().total == run.asked);
}

}  // namespace

TEST_CASE("default bank: the progress total never exceeds the questions asked", "[session][progress]") {
  const Bank& bank = default_bank();
  SECTION("every first option (a crisis path), Dutch") {
    Walk run = walk(fixed_path(bank, 1, "1"), "nl");
    check_counters(run);
    CHECK(run.out.find("Vraag 1 van minstens ") != std::string::npos);
  }
  SECTION("every second option, English") {
    Walk run = walk(fixed_path(bank, 2, "2,3"), "en");
    check_counters(run);
    CHECK(run.out.find("Question 1 of at least ") != std::string::npos);
  }
  SECTION("every last option") { check_counters(walk(fixed_path(bank, 99, "2 3 4"), "nl")); }
  SECTION("random answers") {
    std::mt19937 random(20261206);
    for (int i = 0; i < 25; ++i) {
      INFO("random path " << i);
      check_counters(walk(random_path(bank, random), i % 2 == 0 ? "nl" : "en"));
    }
  }
}

TEST_CASE("default bank: the multiple-choice hint suggests only answers the session accepts", "[session][progress]") {
  const Bank& bank = default_bank();
  std::size_t multiple = 0;
  for (const Question& question : bank.questions) {
    if (question.type != QuestionType::multiple) continue;
    ++multiple;
    INFO(question.id);
    for (const char* language : {"nl", "en"}) {
      std::string hint = wegwijzer::cli::multiple_choice_hint(question, wegwijzer::Language(language));
      std::smatch match;
      REQUIRE(std::regex_search(hint, match, std::regex("(\\d+),(\\d+)")));
      // Both spellings of the example are accepted as an answer, not refused as a forbidden combination.
      for (const std::string& typed : {match[1].str() + "," + match[2].str(), match[1].str() + " " + match[2].str()}) {
        INFO(typed);
        CHECK(hint.find(typed) != std::string::npos);
        CHECK(wegwijzer::cli::parse_input(typed, question).kind == wegwijzer::cli::ParsedInput::Kind::answer);
      }
    }
  }
  CHECK(multiple >= 1);
}
