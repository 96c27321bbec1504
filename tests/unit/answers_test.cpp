// Answer sets: validation against the bank and the JSON form.
#include "wegwijzer/answers.hpp"

#include <catch2/catch.hpp>

#include "bank_builder.hpp"
#include "wegwijzer/answers_json.hpp"

using namespace wegwijzer;
using wegwijzer::test::small_fixture_bank;

TEST_CASE("set_choice stores options sorted and accepts valid answers", "[answers]") {
  Bank bank = small_fixture_bank();
  AnswerSet answers(bank);
  CHECK_FALSE(answers.set_choice("need", {"goal"}));
  CHECK_FALSE(answers.set_choice("topics", {"private", "work"}));
  const auto& need = answers.at(*bank.find_question("need"));
  REQUIRE(need);
  CHECK(need->options == std::vector<std::uint16_t>{1});
  const auto& topics = answers.at(*bank.find_question("topics"));
  REQUIRE(topics);
  CHECK(topics->options == std::vector<std::uint16_t>{0, 1});
}

TEST_CASE("set_choice reports unknown questions and options without echoing the option", "[answers]") {
  Bank bank = small_fixture_bank();
  AnswerSet answers(bank);
  auto error = answers.set_choice("nope", {"x"});
  REQUIRE(error);
  CHECK(error->code == AnswerError::Code::unknown_question);
  CHECK(error->question == "nope");

  error = answers.set_choice("down", {"my secret word"});
  REQUIRE(error);
  CHECK(error->code == AnswerError::Code::unknown_option);
  CHECK(error->question == "down");
  CHECK(error->message.find("my secret word") == std::string::npos);
  CHECK(error->message == "question 'down': that option does not exist; expected one of: never, some, half, daily");
  CHECK_FALSE(answers.at(*bank.find_question("down")));
}

TEST_CASE("set_choice and set_text reject the wrong shape", "[answers]") {
  Bank bank = small_fixture_bank();
  AnswerSet answers(bank);
  auto code = [](const std::optional<AnswerError>& e) { return e ? e->code : AnswerError::Code::unknown_question; };
  CHECK(code(answers.set_choice("need", {"task", "goal"})) == AnswerError::Code::wrong_type);
  CHECK(code(answers.set_choice("need", {})) == AnswerError::Code::wrong_type);
  CHECK(code(answers.set_choice("topics", {})) == AnswerError::Code::wrong_type);
  CHECK(code(answers.set_choice("remarks", {"work"})) == AnswerError::Code::wrong_type);
  auto text_error = answers.set_text("need", "hello there");
  CHECK(code(text_error) == AnswerError::Code::wrong_type);
  CHECK(text_error->message.find("hello there") == std::string::npos);
  CHECK(code(answers.set_choice("topics", {"work", "work"})) == AnswerError::Code::duplicate_option);
  CHECK_FALSE(answers.set_text("remarks", "some words"));
  CHECK(answers.at(*bank.find_question("remarks"))->text == "some words");
  CHECK_FALSE(answers.set_text("remarks", ""));
  CHECK_FALSE(answers.at(*bank.find_question("remarks")));
}

TEST_CASE("error codes have machine names", "[answers]") {
  CHECK(to_string(AnswerError::Code::unknown_question) == "unknown_question");
  CHECK(to_string(AnswerError::Code::unknown_option) == "unknown_option");
  CHECK(to_string(AnswerError::Code::wrong_type) == "wrong_type");
  CHECK(to_string(AnswerError::Code::duplicate_option) == "duplicate_option");
}

TEST_CASE("answers_from_json reads every shape and round-trips", "[answers]") {
  Bank bank = small_fixture_bank();
  auto input = nlohmann::json::parse(
      R"({"need": "goal", "down": "half", "life_worth": null, "topics": ["work", "private"], "remarks": "x y"})");
  std::vector<AnswerError> errors;
  AnswerSet answers = answers_from_json(bank, input, errors);
  CHECK(errors.empty());
  CHECK(answers.at(bank.find_question("life_worth").value()) == std::nullopt);
  CHECK(answers.at(bank.find_question("remarks").value())->text == "x y");
  input.erase("life_worth");
  CHECK(answers_to_json(answers) == input);

  // One option id for a multiple-choice question is a list of one.
  errors.clear();
  AnswerSet single = answers_from_json(bank, nlohmann::json::parse(R"({"topics": "work"})"), errors);
  CHECK(errors.empty());
  CHECK(answers_to_json(single) == nlohmann::json::parse(R"({"topics": ["work"]})"));
}

TEST_CASE("answers_from_json collects errors instead of throwing", "[answers]") {
  Bank bank = small_fixture_bank();
  std::vector<AnswerError> errors;
  auto input = nlohmann::json::parse(
      R"({"need": 3, "down": ["some"], "topics": [1], "remarks": ["a"], "ghost": "x", "life_worth": "maybe"})");
  AnswerSet answers = answers_from_json(bank, input, errors);
  REQUIRE(errors.size() == 6);
  std::map<std::string, AnswerError::Code> by_question;
  for (const auto& e : errors) by_question[e.question] = e.code;
  CHECK(by_question["need"] == AnswerError::Code::wrong_type);
  CHECK(by_question["down"] == AnswerError::Code::wrong_type);
  CHECK(by_question["topics"] == AnswerError::Code::wrong_type);
  CHECK(by_question["remarks"] == AnswerError::Code::wrong_type);
  CHECK(by_question["ghost"] == AnswerError::Code::unknown_question);
  CHECK(by_question["life_worth"] == AnswerError::Code::unknown_option);
  for (std::size_t q = 0; q < answers.size(); ++q) CHECK_FALSE(answers.at(q));

  errors.clear();
  answers_from_json(bank, nlohmann::json::array(), errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].question.empty());
  CHECK(errors[0].code == AnswerError::Code::wrong_type);
}
