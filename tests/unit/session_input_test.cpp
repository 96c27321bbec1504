#include "session/session_input.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "wegwijzer/session/session_texts.hpp"

using wegwijzer::Question;
using wegwijzer::QuestionType;
using wegwijzer::cli::parse_input;
using wegwijzer::cli::ParsedInput;

namespace {

Question make_question(QuestionType type, std::size_t options) {
  Question question;
  question.id = "q";
  question.type = type;
  for (std::size_t i = 0; i < options; ++i) {
    wegwijzer::Option option;
    option.id = type == QuestionType::yes_no ? (i == 0   ? "yes"
                                                : i == 1 ? "no"
                                                         : "rather_not_say")
                                             : "o" + std::to_string(i);
    question.options.push_back(option);
  }
  return question;
}

}  // namespace

TEST_CASE("numbers pick options, counting from 1", "[session_input]") {
  Question single = make_question(QuestionType::single, 4);
  ParsedInput input = parse_input("3", single);
  CHECK(input.kind == ParsedInput::Kind::answer);
  CHECK(input.options == std::vector<std::uint16_t>{2});
  CHECK(parse_input("  2 \r", single).options == std::vector<std::uint16_t>{1});
  CHECK(parse_input("2.", single).options == std::vector<std::uint16_t>{1});
  CHECK(parse_input("4)", single).options == std::vector<std::uint16_t>{3});
}

TEST_CASE("multiple choice takes 1,3 and 1 3 and other separators", "[session_input]") {
  Question multiple = make_question(QuestionType::multiple, 4);
  for (const char* line : {"1,3", "1 3", "3, 1", "1;3", "1,,3", "3 1 3", "1.\t3."}) {
    INFO(line);
    ParsedInput input = parse_input(line, multiple);
    CHECK(input.kind == ParsedInput::Kind::answer);
    CHECK(input.options == std::vector<std::uint16_t>{0, 2});
  }
}

TEST_CASE("wrong input says why", "[session_input]") {
  Question single = make_question(QuestionType::single, 4);
  Question multiple = make_question(QuestionType::multiple, 3);
  CHECK(parse_input("0", single).error == ParsedInput::Error::out_of_range);
  CHECK(parse_input("5", single).error == ParsedInput::Error::out_of_range);
  CHECK(parse_input("99999999999999999999", single).error == ParsedInput::Error::out_of_range);
  CHECK(parse_input("abc", single).error == ParsedInput::Error::not_numbers);
  CHECK(parse_input("1a", single).error == ParsedInput::Error::not_numbers);
  CHECK(parse_input("-1", single).error == ParsedInput::Error::not_numbers);
  CHECK(parse_input(",", single).error == ParsedInput::Error::not_numbers);
  CHECK(parse_input("1,2", single).error == ParsedInput::Error::one_only);
  CHECK(parse_input("1,4", multiple).error == ParsedInput::Error::out_of_range);
  CHECK(parse_input("1,2", single).kind == ParsedInput::Kind::invalid);
  // The same number twice is one choice, not an error.
  CHECK(parse_input("2,2", single).kind == ParsedInput::Kind::answer);
}

TEST_CASE("commands in both languages, any case", "[session_input]") {
  Question single = make_question(QuestionType::single, 2);
  CHECK(parse_input("", single).kind == ParsedInput::Kind::empty);
  CHECK(parse_input("  \r", single).kind == ParsedInput::Kind::empty);
  CHECK(parse_input("?", single).kind == ParsedInput::Kind::help);
  for (const char* word : {"b", "B", "terug", "back", "Terug"})
    CHECK(parse_input(word, single).kind == ParsedInput::Kind::back);
  for (const char* word : {"q", "Q", "stop", "stoppen", "quit"})
    CHECK(parse_input(word, single).kind == ParsedInput::Kind::quit);
}

TEST_CASE("yes-no questions also take the words yes and no", "[session_input]") {
  Question yes_no = make_question(QuestionType::yes_no, 3);
  CHECK(parse_input("ja", yes_no).options == std::vector<std::uint16_t>{0});
  CHECK(parse_input("Y", yes_no).options == std::vector<std::uint16_t>{0});
  CHECK(parse_input("nee", yes_no).options == std::vector<std::uint16_t>{1});
  CHECK(parse_input("3", yes_no).options == std::vector<std::uint16_t>{2});
  Question single = make_question(QuestionType::single, 2);
  CHECK(parse_input("ja", single).kind == ParsedInput::Kind::invalid);
}

TEST_CASE("text questions take the line, trimmed, unless it is a command", "[session_input]") {
  Question text = make_question(QuestionType::text, 0);
  ParsedInput input = parse_input("  it is 1,3 things \r", text);
  CHECK(input.kind == ParsedInput::Kind::answer);
  CHECK(input.text == "it is 1,3 things");
  CHECK(parse_input("?", text).kind == ParsedInput::Kind::help);
  CHECK(parse_input("b", text).kind == ParsedInput::Kind::back);
  CHECK(parse_input("", text).kind == ParsedInput::Kind::empty);
}

TEST_CASE("fill replaces {} in order and leaves extra ones", "[session_input]") {
  using wegwijzer::cli::fill;
  CHECK(fill("Vraag {} van ongeveer {}", {"4", "18"}) == "Vraag 4 van ongeveer 18");
  CHECK(fill("a {} b {}", {"{}"}) == "a {} b {}");
  CHECK(fill("no placeholder", {"x"}) == "no placeholder");
}

TEST_CASE("every session text exists in Dutch and English and they differ", "[session_input]") {
  using wegwijzer::cli::SessionText;
  for (int id = 0; id <= static_cast<int>(SessionText::saved_to); ++id) {
    auto nl = wegwijzer::cli::session_text(static_cast<SessionText>(id), wegwijzer::Language("nl"));
    auto en = wegwijzer::cli::session_text(static_cast<SessionText>(id), wegwijzer::Language("en"));
    INFO(id);
    CHECK(!nl.empty());
    CHECK(!en.empty());
    CHECK(nl != en);
  }
}

TEST_CASE("an exclusive option cannot be combined with others", "[session-input]") {
  Question question = make_question(QuestionType::multiple, 4);
  question.options[3].exclusive = true;  // "none of these"
  ParsedInput combined = parse_input("1,4", question);
  CHECK(combined.kind == ParsedInput::Kind::invalid);
  CHECK(combined.error == ParsedInput::Error::exclusive);
  REQUIRE(combined.options.size() == 1);
  CHECK(combined.options.front() == 3);
  CHECK(parse_input("4", question).kind == ParsedInput::Kind::answer);
  CHECK(parse_input("1 2", question).kind == ParsedInput::Kind::answer);
  CHECK(wegwijzer::cli::session_text(wegwijzer::cli::SessionText::error_exclusive, wegwijzer::Language("en"))
            .find("{}") != std::string_view::npos);
}
