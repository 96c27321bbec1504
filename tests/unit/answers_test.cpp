// Answer sets: validation against the bank and the JSON form.
#include "wegwijzer/bank/answers.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "bank_builder.hpp"
#include "bank_test_base.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/engine/sample.hpp"

using namespace wegwijzer;
using wegwijzer::test::small_fixture_bank;

namespace {

/// The default bank, a small one, and one with an exclusive option ("none" on the multiple-choice "topics").
std::vector<Bank> banks_for_answer_tests() {
  std::vector<Bank> banks;
  banks.push_back(test::load_test_bank(test::source_path("data/banks/default.json")));
  banks.push_back(small_fixture_bank());
  LoadResult exclusive = test::load_edited([](nlohmann::json& b) {
    b["questions"][2]["options"].push_back(nlohmann::json::parse(
        R"({"id": "none", "label": {"en": "N", "nl": "N"}, "neutral": true, "exclusive": true})"));
  });
  REQUIRE(exclusive.bank.has_value());
  banks.push_back(std::move(*exclusive.bank));
  return banks;
}

/// Both no error, or the same error in every field.
void check_same_error(const std::optional<AnswerError>& a, const std::optional<AnswerError>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->code == b->code);
  CHECK(a->question == b->question);
  CHECK(a->message == b->message);
}

/// Both unanswered, or the same answer.
bool same_answer(const std::optional<Answer>& a, const std::optional<Answer>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->options == b->options && a->text == b->text);
}

}  // namespace

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

TEST_CASE("set_option_at gives what set_choice_at gives with that option's id", "[answers]") {
  for (const Bank& bank : banks_for_answer_tests()) {
    AnswerSet by_id(bank);
    AnswerSet by_index(bank);
    std::size_t errors = 0;
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      // Every option, one past the last (unknown) and a huge index; each set overwrites the one before.
      std::vector<std::size_t> indices;
      for (std::size_t o = 0; o <= question.options.size(); ++o) indices.push_back(o);
      indices.push_back(std::size_t{1} << 40);
      for (std::size_t o : indices) {
        CAPTURE(question.id, o);
        std::string id = o < question.options.size() ? question.options[o].id : "no-such-option";
        std::optional<AnswerError> expected = by_id.set_choice_at(q, {id});
        std::optional<AnswerError> actual = by_index.set_option_at(q, o);
        check_same_error(expected, actual);
        CHECK(same_answer(by_id.at(q), by_index.at(q)));  // a failed set keeps the answer before
        if (actual) ++errors;
      }
    }
    CHECK(errors > 0);
  }
}

TEST_CASE("set_options_at gives what set_choice_at gives: duplicates, exclusive options, counts", "[answers]") {
  std::mt19937_64 random(17);
  std::map<AnswerError::Code, std::size_t> seen;
  std::size_t accepted = 0;
  for (const Bank& bank : banks_for_answer_tests()) {
    AnswerSet by_id(bank);
    AnswerSet by_index(bank);
    for (int round = 0; round < 400; ++round) {
      for (std::size_t q = 0; q < bank.questions.size(); ++q) {
        const Question& question = bank.questions[q];
        std::uniform_int_distribution<std::size_t> pick(0, question.options.size());  // the last: no such option
        std::uniform_int_distribution<int> count(0, 4);
        std::vector<std::uint16_t> indices;
        std::vector<std::string> ids;
        for (int n = count(random); n > 0; --n) {
          std::size_t o = pick(random);
          if (o == question.options.size() && random() % 4 != 0) o = 0;  // unknown ids now and then
          indices.push_back(static_cast<std::uint16_t>(o));
          ids.push_back(o < question.options.size() ? question.options[o].id : "nope");
        }
        std::vector<std::string_view> views(ids.begin(), ids.end());
        CAPTURE(question.id, ids);
        std::optional<AnswerError> expected = by_id.set_choice_at(q, views);
        std::optional<AnswerError> actual = by_index.set_options_at(q, indices);
        check_same_error(expected, actual);
        CHECK(same_answer(by_id.at(q), by_index.at(q)));
        if (actual) {
          ++seen[actual->code];
        } else {
          ++accepted;
        }
      }
    }
  }
  CHECK(accepted > 0);
  CHECK(seen[AnswerError::Code::wrong_type] > 0);
  CHECK(seen[AnswerError::Code::unknown_option] > 0);
  CHECK(seen[AnswerError::Code::duplicate_option] > 0);
}

TEST_CASE("an exclusive option cannot be combined, by ids or by indices", "[answers]") {
  Bank bank = banks_for_answer_tests()[2];
  std::size_t topics = *bank.find_question("topics");
  AnswerSet answers(bank);
  auto error = answers.set_options_at(topics, {2, 0});
  REQUIRE(error);
  CHECK(error->code == AnswerError::Code::exclusive_option);
  CHECK(error->message == "question 'topics': option 'none' cannot be combined with other options");
  CHECK_FALSE(answers.set_options_at(topics, {2}));
  CHECK(answers.at(topics)->options == std::vector<std::uint16_t>{2});
  CHECK_FALSE(answers.set_options_at(topics, {1, 0}));  // sorted
  CHECK(answers.at(topics)->options == std::vector<std::uint16_t>{0, 1});
}

TEST_CASE("a refill leaves exactly the answers set since begin_refill", "[answers]") {
  Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  std::mt19937_64 random(5);
  AnswerSet reused(bank);
  for (int round = 0; round < 300; ++round) {
    AnswerSet fresh(bank);
    reused.begin_refill();
    // Some sampled answers, set in a shuffled order, a few of them twice, with errors and clears between.
    AnswerSet sampled = sample_answers(bank, random);
    std::vector<std::size_t> order(bank.questions.size());
    for (std::size_t q = 0; q < order.size(); ++q) order[q] = q;
    std::shuffle(order.begin(), order.end(), random);
    for (std::size_t q : order) {
      const std::optional<Answer>& answer = sampled.at(q);
      if (!answer || random() % 5 == 0) continue;
      const Question& question = bank.questions[q];
      for (int times = random() % 7 == 0 ? 2 : 1; times > 0; --times) {
        if (question.type == QuestionType::text) {
          check_same_error(fresh.set_text_at(q, answer->text), reused.set_text_at(q, answer->text));
        } else if (answer->options.size() == 1) {
          check_same_error(fresh.set_option_at(q, answer->options[0]), reused.set_option_at(q, answer->options[0]));
        } else {
          check_same_error(fresh.set_options_at(q, answer->options), reused.set_options_at(q, answer->options));
        }
      }
      if (random() % 9 == 0) {
        check_same_error(fresh.set_choice_at(q, {"nope"}), reused.set_choice_at(q, {"nope"}));  // kept
      }
      if (random() % 11 == 0) {
        fresh.clear(q);
        reused.clear(q);
      }
      if (random() % 13 == 0 && question.type == QuestionType::text) {
        check_same_error(fresh.set_text_at(q, ""), reused.set_text_at(q, ""));  // unanswered again
      }
    }
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      CAPTURE(round, q);
      CHECK(reused.refilled(q) == fresh.at(q).has_value());  // old answers may still show until end_refill
    }
    reused.end_refill();
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      CAPTURE(round, q);
      CHECK(same_answer(reused.at(q), fresh.at(q)));
      CHECK(reused.refilled(q) == fresh.at(q).has_value());
    }
  }
  reused.clear_all();
  for (std::size_t q = 0; q < reused.size(); ++q) CHECK_FALSE(reused.at(q).has_value());
}

namespace {

/// What an answer set should show for question `q`, given the answers a test keeps beside it.
void check_state_matches(const AnswerSet& answers, const std::vector<std::optional<Answer>>& model, std::size_t q) {
  const Question& question = answers.bank().questions[q];
  const std::optional<Answer>& shown = answers.at(q);
  REQUIRE(shown.has_value() == model[q].has_value());
  CHECK(answers.refilled(q) == model[q].has_value());
  if (!model[q]) {
    CHECK(answers.state(q) == AnswerSet::unanswered);
    return;
  }
  CHECK(shown->options == model[q]->options);
  CHECK(shown->text == model[q]->text);
  // One option of a choice question, in range, and no text: kept in the state word alone.
  const bool one_option = model[q]->options.size() == 1 && model[q]->text.empty() &&
                          question.type != QuestionType::text && model[q]->options[0] < question.options.size();
  if (one_option) {
    CHECK(answers.state(q) == std::uint32_t{model[q]->options[0]} + 1);
    CHECK(answers.states()[q] == answers.state(q));
  } else {
    CHECK(answers.state(q) == AnswerSet::general);
  }
}

}  // namespace

TEST_CASE("the state word and at() show the same answers, whichever setter set them", "[answers]") {
  for (const Bank& bank : banks_for_answer_tests()) {
    std::mt19937_64 random(11);
    AnswerSet answers(bank);
    std::vector<std::optional<Answer>> model(bank.questions.size());
    std::size_t quick = 0;
    std::size_t general = 0;
    for (int step = 0; step < 20000; ++step) {
      const std::size_t q = random() % bank.questions.size();
      const Question& question = bank.questions[q];
      const std::size_t known = question.options.size();
      const auto any_option = [&] { return static_cast<std::uint16_t>(random() % (known + 2)); };  // some past the end
      switch (random() % 9) {
        case 0:
          if (question.type != QuestionType::text) {
            const auto option = static_cast<std::uint16_t>(random() % known);
            answers.set_known_option(q, option);
            model[q] = Answer{{option}, {}};
          }
          break;
        case 1: {
          const std::uint16_t option = any_option();
          if (!answers.set_option_at(q, option)) model[q] = Answer{{option}, {}};
          break;
        }
        case 2: {
          std::vector<std::uint16_t> options;
          for (std::size_t n = random() % 4; n > 0; --n) options.push_back(any_option());
          if (!answers.set_options_at(q, options)) {
            std::sort(options.begin(), options.end());
            model[q] = Answer{options, {}};
          }
          break;
        }
        case 3: {
          std::vector<std::string_view> ids;
          for (std::size_t n = random() % 3 + 1; n > 0; --n) {
            const std::uint16_t option = any_option();
            ids.push_back(option < known ? std::string_view(question.options[option].id) : std::string_view("nope"));
          }
          if (!answers.set_choice_at(q, ids)) {
            std::vector<std::uint16_t> options;
            for (std::string_view id : ids) options.push_back(static_cast<std::uint16_t>(*question.find_option(id)));
            std::sort(options.begin(), options.end());
            model[q] = Answer{options, {}};
          }
          break;
        }
        case 4: {
          const std::string text = random() % 4 == 0 ? "" : "words " + std::to_string(step);
          if (!answers.set_text_at(q, text)) {
            model[q].reset();
            if (!text.empty()) model[q] = Answer{{}, text};
          }
          break;
        }
        case 5: {  // unchecked: out-of-range options, repeats, text beside options
          Answer answer;
          for (std::size_t n = random() % 3; n > 0; --n) answer.options.push_back(any_option());
          if (random() % 3 == 0) answer.text = "t";
          answers.set(q, answer);
          model[q] = answer;
          break;
        }
        case 6: {
          if (question.type != QuestionType::multiple) break;
          std::uint16_t picked[3];
          const std::size_t count = random() % 3 + 1;
          for (std::size_t i = 0; i < count; ++i) picked[i] = static_cast<std::uint16_t>(random() % known);
          if (answers.set_found_options(q, picked, count)) {
            std::vector<std::uint16_t> options(picked, picked + count);
            std::sort(options.begin(), options.end());
            model[q] = Answer{options, {}};
          }
          break;
        }
        case 7:
          answers.clear(q);
          model[q].reset();
          break;
        default:
          if (random() % 50 == 0) {
            if (random() % 2 == 0) {
              answers.clear_all();
            } else {
              answers.begin_refill();
              answers.end_refill();
            }
            for (auto& answer : model) answer.reset();
          }
          break;
      }
      check_state_matches(answers, model, q);
      if (answers.state(q) == AnswerSet::general) ++general;
      if (answers.state(q) != AnswerSet::general && answers.state(q) != AnswerSet::unanswered) ++quick;
      if (step % 1000 == 0) {
        const AnswerSet copy = answers;  // a copy shows the same answers
        for (std::size_t each = 0; each < bank.questions.size(); ++each) {
          check_state_matches(answers, model, each);
          check_state_matches(copy, model, each);
        }
      }
    }
    CHECK(quick > 2000);
    CHECK(general > 2000);
  }
}
