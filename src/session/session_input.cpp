// Parsing one input line of the interactive session.
#include "session_input.hpp"

#include <algorithm>
#include <cstddef>

#include "wegwijzer/session/session_texts.hpp"

namespace wegwijzer::cli {
namespace {

bool is_separator(char c) { return c == ',' || c == ';' || c == ' ' || c == '\t'; }

// The words of both languages work in both: "uitleg" is what the Dutch hint calls "?".
bool is_help_word(std::string_view word) {
  return word == "?" || word == "help" || word == "hulp" || word == "uitleg" || word == "explanation";
}
bool is_back_word(std::string_view word) { return word == "b" || word == "terug" || word == "back"; }
bool is_quit_word(std::string_view word) {
  return word == "q" || word == "stop" || word == "stoppen" || word == "quit";
}

ParsedInput invalid(ParsedInput::Error error) {
  ParsedInput result;
  result.kind = ParsedInput::Kind::invalid;
  result.error = error;
  return result;
}

// "yes"/"no" typed at a yes-no question picks the option with that id.
bool parse_yes_no_word(std::string_view word, const Question& question, ParsedInput& result) {
  std::string_view id;
  if (is_yes_word(word)) id = "yes";
  if (is_no_word(word)) id = "no";
  if (id.empty()) return false;
  auto option = question.find_option(id);
  if (!option) return false;
  result.kind = ParsedInput::Kind::answer;
  result.options = {static_cast<std::uint16_t>(*option)};
  return true;
}

}  // namespace

std::string_view trim_line(std::string_view line) {
  std::size_t begin = 0;
  std::size_t end = line.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (begin < end && blank(line[begin])) ++begin;
  while (end > begin && blank(line[end - 1])) --end;
  return line.substr(begin, end - begin);
}


ParsedInput parse_input(std::string_view line, const Question& question) {
  std::string_view trimmed = trim_line(line);
  std::string word = ascii_lower(trimmed);
  ParsedInput result;
  if (trimmed.empty()) {
    result.kind = ParsedInput::Kind::empty;
    return result;
  }
  if (is_help_word(word)) {
    result.kind = ParsedInput::Kind::help;
    return result;
  }
  if (is_back_word(word)) {
    result.kind = ParsedInput::Kind::back;
    return result;
  }
  if (is_quit_word(word)) {
    result.kind = ParsedInput::Kind::quit;
    return result;
  }
  if (question.type == QuestionType::text) {
    result.kind = ParsedInput::Kind::answer;
    result.text = std::string(trimmed);
    return result;
  }
  if (question.type == QuestionType::yes_no && parse_yes_no_word(word, question, result)) return result;

  std::vector<std::uint16_t> chosen;
  std::size_t position = 0;
  bool out_of_range = false;
  while (position < word.size()) {
    if (is_separator(word[position])) {
      ++position;
      continue;
    }
    std::size_t start = position;
    while (position < word.size() && word[position] >= '0' && word[position] <= '9') ++position;
    // "2." and "2)" are forgiven: people copy the option's numbering.
    std::size_t digits_end = position;
    if (position < word.size() && (word[position] == '.' || word[position] == ')')) ++position;
    if (digits_end == start || (position < word.size() && !is_separator(word[position]))) {
      return invalid(ParsedInput::Error::not_numbers);
    }
    std::string_view digits = std::string_view(word).substr(start, digits_end - start);
    if (digits.size() > 4) {
      out_of_range = true;
      continue;
    }
    std::size_t number = 0;
    for (char c : digits) number = number * 10 + static_cast<std::size_t>(c - '0');
    if (number < 1 || number > question.options.size()) {
      out_of_range = true;
      continue;
    }
    chosen.push_back(static_cast<std::uint16_t>(number - 1));
  }
  if (out_of_range) return invalid(ParsedInput::Error::out_of_range);
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  if (chosen.empty()) return invalid(ParsedInput::Error::not_numbers);
  if (chosen.size() > 1 && question.type != QuestionType::multiple) return invalid(ParsedInput::Error::one_only);
  if (chosen.size() > 1) {
    for (std::uint16_t option : chosen) {
      if (!question.options[option].exclusive) continue;
      ParsedInput exclusive = invalid(ParsedInput::Error::exclusive);
      exclusive.options = {option};
      return exclusive;
    }
  }
  result.kind = ParsedInput::Kind::answer;
  result.options = std::move(chosen);
  return result;
}

}  // namespace wegwijzer::cli
