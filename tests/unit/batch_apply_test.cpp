// Applying scanned answers to the answer set: the id lookups of the batch scorer (ids compared 16 bytes at a
// time inside a padded line, options in one hash table), the quick answer loop of simple records, and the lean
// AnswerSet entry points it uses (set_known_option, set_found_options, refills as a clear of state words) must do
// exactly what the general paths do, for ids of every length and for every kind of problem.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "bank_builder.hpp"
#include "batch/batch_id_index.hpp"
#include "json_lines_fixture.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/batch/jsonl_scan.hpp"
#include "wegwijzer/engine/sample.hpp"

using namespace wegwijzer;
using test::Field;
using test::fields_of;
using test::LineScorer;

namespace {

/// Ids of awkward lengths around the 8- and 16-byte words the lookups compare: 1 to 40 bytes, ids that share
/// their first 8 or 16 bytes, prefixes of each other and ids of the same length.
std::vector<std::string> awkward_ids(const std::string& stem) {
  std::vector<std::string> ids;
  for (std::size_t size : {1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40}) {
    std::string id = stem;
    while (id.size() < size) id += static_cast<char>('a' + id.size() % 26);
    ids.push_back(id.substr(0, size));
  }
  ids.push_back(stem + "abcdefghijklmnop_one");  // the same first 16 bytes, the same length
  ids.push_back(stem + "abcdefghijklmnop_two");
  ids.push_back(stem + "abcdefgh_one");  // the same first 8 bytes, the same length
  ids.push_back(stem + "abcdefgh_two");
  ids.push_back(stem + "x_1");  // the same length, different first byte
  ids.push_back(stem + "y_1");
  return ids;
}

/// A bank with more than 64 questions (the answer set keeps 64 per bit word), ids of awkward lengths, a
/// multiple choice with more than 64 options (one of them exclusive) and a text question.
Bank awkward_bank() {
  test::BankBuilder b;
  std::vector<std::string> question_ids = awkward_ids("q");
  for (int i = 0; question_ids.size() < 70; ++i) question_ids.push_back("question_" + std::to_string(i));
  for (std::size_t q = 0; q < question_ids.size(); ++q) {
    std::vector<test::OptionSpec> options;
    const std::vector<std::string> option_ids = awkward_ids(q % 2 == 0 ? "o" : "p");
    for (std::size_t o = 0; o < option_ids.size(); o += 1 + q % 3) options.push_back({option_ids[o], {}, {}, false});
    b.question(question_ids[q], q % 5 == 4 ? QuestionType::multiple : QuestionType::single, options, false);
  }
  std::vector<test::OptionSpec> many;
  for (int o = 0; o < 70; ++o) many.push_back({"m" + std::to_string(o), {}, {}, false});
  b.question("many", QuestionType::multiple, many, false);
  b.question("remarks_long_question_id", QuestionType::text, {}, false);
  Bank bank = b.build();
  bank.questions[bank.questions.size() - 2].options[3].exclusive = true;
  return bank;
}

/// `text` in a buffer followed by `fill` bytes (as a padded line ends), seen as a view of the text alone.
class Padded {
 public:
  Padded(const std::string& text, char fill) : buffer_(text + std::string(64, fill)), size_(text.size()) {}
  std::string_view view() const { return std::string_view(buffer_.data(), size_); }

 private:
  std::string buffer_;
  std::size_t size_;
};

/// Texts close to `id`: shorter, longer, one byte changed at each end and in the middle.
std::vector<std::string> near_misses(const std::string& id) {
  std::vector<std::string> misses = {id + "a", id + "_", "", "\"" + id};
  if (!id.empty()) {
    misses.push_back(id.substr(0, id.size() - 1));
    for (std::size_t at : {std::size_t{0}, id.size() / 2, id.size() - 1}) {
      std::string changed = id;
      changed[at] = static_cast<char>(changed[at] == 'z' ? 'y' : changed[at] + 1);
      misses.push_back(changed);
    }
  }
  return misses;
}

/// A quoted option id of `question`, picked at random (or an unknown one when it has none).
std::string some_option(const Question& question, std::mt19937_64& random) {
  if (question.options.empty()) return "\"nope\"";
  return nlohmann::json(question.options[random() % question.options.size()].id).dump();
}

/// Sampled answers with one of many changes, most of them problems, anywhere in the record.
std::vector<Field> perturbed_fields(const Bank& bank, std::mt19937_64& random) {
  std::vector<Field> fields = fields_of(bank, sample_answers(bank, random));
  const std::size_t q = random() % bank.questions.size();
  const Question& question = bank.questions[q];
  const std::string key = nlohmann::json(question.id).dump();
  std::vector<Field> extra;
  switch (random() % 16) {
    case 0: extra = {{key, "null"}, {key, some_option(question, random)}}; break;  // named twice, null first
    case 1: extra = {{key, some_option(question, random)}, {key, "null"}}; break;
    case 2: extra = {{key, some_option(question, random)}, {key, some_option(question, random)}}; break;
    case 3: extra = {{key, "\"no_such_option\""}}; break;
    case 4: extra = {{"\"no_such_question\"", "\"x\""}}; break;
    case 5: extra = {{key, "[" + some_option(question, random) + "," + some_option(question, random) + "]"}}; break;
    case 6: extra = {{key, "[]"}}; break;
    case 7: extra = {{key, "[" + some_option(question, random) + ",\"nope\"]"}}; break;
    case 8: extra = {{key, "\"\""}}; break;
    case 9: extra = {{key, "\"some free text\""}}; break;
    case 10: std::shuffle(fields.begin(), fields.end(), random); break;
    case 11: std::reverse(fields.begin(), fields.end()); break;
    case 12:
      for (Field& field : fields) {
        if (random() % 3 == 0) field.value = "null";
      }
      break;
    default: break;  // as sampled
  }
  if (!extra.empty()) {
    std::size_t at = fields.empty() ? 0 : random() % (fields.size() + 1);
    fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(at), extra.begin(), extra.end());
  }
  return fields;
}

/// A JSON Lines record with these answers.
std::string record(int id, const std::vector<Field>& fields) {
  std::string line = R"({"id":"r)" + std::to_string(id) + R"(","answers":{)";
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i == 0 ? "" : ",") + fields[i].key + ":" + fields[i].value;
  return line + "}}";
}

/// Both unanswered, or the same answer.
bool same_answer(const std::optional<Answer>& a, const std::optional<Answer>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->options == b->options && a->text == b->text);
}

}  // namespace

TEST_CASE("the id lookups find every id and nothing else, whatever follows the text", "[batch][apply]") {
  const std::vector<Bank> banks = {test::load_test_bank(test::source_path("data/banks/default.json")), awkward_bank()};
  for (const Bank& bank : banks) {
    QuestionIndex questions(bank);
    OptionIndex options(bank);
    std::size_t found = 0;
    for (char fill : {'\0', '"', 'a', '\xFF'}) {
      for (std::size_t q = 0; q < bank.questions.size(); ++q) {
        const Question& question = bank.questions[q];
        CAPTURE(question.id, fill);
        // Expected next, just passed, further on, at the start and past the last question.
        for (std::size_t next : {q, q + 1, q / 2, std::size_t{0}, bank.questions.size()}) {
          std::size_t cursor = next;
          CHECK(questions.find_padded(Padded(question.id, fill).view(), cursor) == std::optional<std::size_t>(q));
          CHECK(cursor == q + 1);  // the question after it is expected next
        }
        for (const std::string& miss : near_misses(question.id)) {
          std::size_t cursor = q;
          CHECK(questions.find_padded(Padded(miss, fill).view(), cursor) == bank.find_question(miss));
        }
        for (std::size_t other = 0; other < bank.questions.size(); ++other) {
          for (const Option& option : bank.questions[other].options) {
            const std::optional<std::size_t> expected = question.find_option(option.id);
            CHECK(options.find_padded(q, Padded(option.id, fill).view()) == expected);
            CHECK(options.find(q, option.id) == expected);
            if (expected) ++found;
            for (const std::string& miss : near_misses(option.id)) {
              CHECK(options.find_padded(q, Padded(miss, fill).view()) == question.find_option(miss));
              CHECK(options.find(q, miss) == question.find_option(miss));
            }
          }
        }
      }
    }
    CHECK(found > 4 * bank.questions.size());
  }
}

TEST_CASE("a repeated id names its first question or option, as the bank's own lookups do", "[batch][apply]") {
  test::BankBuilder b;
  b.question("need", QuestionType::single, {{"x", {}, {}, false}, {"y", {}, {}, false}, {"x", {}, {}, false}});
  b.question("other", QuestionType::single, {{"y", {}, {}, false}});
  b.question("need", QuestionType::single, {{"z", {}, {}, false}});
  const Bank& bank = b.build();
  QuestionIndex questions(bank);
  OptionIndex options(bank);
  CHECK(questions.start() == bank.questions.size());  // no question is expected: ids are not tried in order
  std::size_t cursor = questions.start();             // and it stays there
  for (int round = 0; round < 2; ++round) {
    CHECK(questions.find_padded(Padded("need", 'a').view(), cursor) == std::optional<std::size_t>(0));
    CHECK(questions.find_padded(Padded("other", 'a').view(), cursor) == std::optional<std::size_t>(1));
    CHECK_FALSE(questions.find_padded(Padded("nee", 'd').view(), cursor));
    CHECK(cursor == questions.start());
  }
  CHECK(options.find_padded(0, Padded("x", 'a').view()) == std::optional<std::size_t>(0));
  CHECK(options.find(0, "x") == std::optional<std::size_t>(0));
  CHECK(options.find_padded(2, Padded("z", 'a').view()) == std::optional<std::size_t>(0));
  CHECK_FALSE(options.find_padded(2, Padded("x", 'a').view()));
}

TEST_CASE("options told apart by length and first byte, or not, are found alike", "[batch][apply]") {
  test::BankBuilder b;
  // Told apart: one dispatch entry each. Alike (same length modulo 8 and first byte modulo 8): the hash table.
  b.question("apart", QuestionType::single, {{"no", {}, {}, false}, {"yes", {}, {}, false}, {"maybe", {}, {}, false}});
  b.question("alike", QuestionType::single,
             {{"ab", {}, {}, false}, {"ib", {}, {}, false}, {"abcdefghij", {}, {}, false}});
  b.question("empty", QuestionType::single, {{"", {}, {}, false}, {"x", {}, {}, false}});
  const Bank& bank = b.build();
  OptionIndex options(bank);
  for (char fill : {'\0', '"', 'a', 'i', '\xFF'}) {
    CAPTURE(fill);
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      for (const std::string& id : {std::string(), std::string("no"), std::string("ab"), std::string("ib"),
                                    std::string("abcdefghij"), std::string("abcdefghik"), std::string("x"),
                                    std::string("yes"), std::string("yet"), std::string("maybe"), std::string("i")}) {
        CAPTURE(question.id, id);
        const std::optional<std::size_t> expected = question.find_option(id);
        CHECK(options.find_padded(q, Padded(id, fill).view()) == expected);
        CHECK(options.find_padded_index(q, Padded(id, fill).view()) == expected.value_or(OptionIndex::none));
      }
    }
  }
}

TEST_CASE("set_known_option and set_found_options set what set_option_at and set_options_at set", "[answers][apply]") {
  const Bank bank = awkward_bank();
  std::mt19937_64 random(31);
  AnswerSet checked(bank);
  AnswerSet quick(bank);
  std::size_t refused = 0;
  std::size_t accepted = 0;
  for (int round = 0; round < 200; ++round) {
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      if (question.options.empty()) continue;
      CAPTURE(round, question.id);
      if (question.type != QuestionType::multiple || random() % 3 == 0) {
        const auto option = static_cast<std::uint16_t>(random() % question.options.size());
        REQUIRE_FALSE(checked.set_option_at(q, option));
        quick.set_known_option(q, option);
      } else {
        std::vector<std::uint16_t> picked;
        for (int n = static_cast<int>(random() % 5); n > 0; --n) {
          picked.push_back(static_cast<std::uint16_t>(random() % question.options.size()));
        }
        if (random() % 4 == 0) picked.push_back(3);  // the exclusive one of "many", now and then
        std::vector<std::uint16_t> scratch = picked;
        const bool set = quick.set_found_options(q, scratch.data(), scratch.size());
        CHECK(set == !checked.set_options_at(q, picked));  // refused exactly where set_options_at tells an error
        (set ? accepted : refused)++;
      }
      CHECK(same_answer(quick.at(q), checked.at(q)));  // also: a refused set keeps the answer before
    }
  }
  CHECK(accepted > 100);
  CHECK(refused > 100);
}

TEST_CASE("a refill of more than 64 questions leaves exactly the answers set since begin_refill", "[answers][apply]") {
  const Bank bank = awkward_bank();
  REQUIRE(bank.questions.size() > 64);
  std::mt19937_64 random(37);
  AnswerSet reused(bank);
  for (int round = 0; round < 300; ++round) {
    AnswerSet fresh(bank);
    reused.begin_refill();
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      if (random() % 3 == 0) continue;
      if (question.type == QuestionType::text) {
        const std::string text = random() % 4 == 0 ? "" : "text " + std::to_string(round);
        REQUIRE_FALSE(fresh.set_text_at(q, text));
        REQUIRE_FALSE(reused.set_text_at(q, text));
      } else if (question.type == QuestionType::multiple) {
        std::uint16_t picked[2] = {0, static_cast<std::uint16_t>(question.options.size() - 1)};
        const std::size_t count = random() % 2 + 1;
        const bool set = reused.set_found_options(q, picked, count);
        CHECK(set == !fresh.set_options_at(q, std::vector<std::uint16_t>(picked, picked + count)));
      } else {
        const auto option = static_cast<std::uint16_t>(random() % question.options.size());
        fresh.set_known_option(q, option);
        reused.set_known_option(q, option);
      }
      if (random() % 17 == 0) {
        fresh.clear(q);
        reused.clear(q);
      }
    }
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      CAPTURE(round, q);
      CHECK(reused.refilled(q) == fresh.at(q).has_value());
    }
    reused.end_refill();
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      CAPTURE(round, q);
      CHECK(same_answer(reused.at(q), fresh.at(q)));
      CHECK(reused.refilled(q) == fresh.at(q).has_value());
      CHECK(reused.state(q) == fresh.state(q));  // the walk reads the state words: the same for both
    }
  }
}

TEST_CASE("the quick answer loop reads every simple record as the general path does", "[batch][apply]") {
  const std::vector<Bank> banks = {test::load_test_bank(test::source_path("data/banks/default.json")), awkward_bank()};
  for (const Bank& bank : banks) {
    std::mt19937_64 random(41);
    LineScorer quick(bank, JsonReading::scan_first, {}, '}');
    LineScorer general(bank, JsonReading::simdjson_only, {}, '}');
    BatchLimits few;
    few.max_answers = 6;  // too_many_answers, with and without earlier problems
    LineScorer quick_few(bank, JsonReading::scan_first, few, '}');
    LineScorer general_few(bank, JsonReading::simdjson_only, few, '}');
    std::size_t scored = 0;
    std::size_t problems = 0;
    for (int i = 0; i < 1500; ++i) {
      const std::string line = record(i, perturbed_fields(bank, random));
      CAPTURE(line);
      const std::string expected = general.score(line);
      CHECK(quick.score(line) == expected);
      CHECK(quick_few.score(line) == general_few.score(line));
      (expected.find("\"error\"") == std::string::npos ? scored : problems)++;
    }
    CHECK(scored > 300);
    CHECK(problems > 300);
  }
}

namespace {

/// Answers that the scanner does not hand to QuickAnswers, or that it refuses, or that make the line not simple:
/// each replaces one answer of a sampled record to move where the quick answers end.
std::vector<Field> not_quick_fields(const Bank& bank, const std::vector<Field>& fields, std::size_t at) {
  const Field& here = fields[at];
  std::vector<Field> variants = {
      {here.key, "\"no_such_option\""},                  // an unknown option
      {here.key, "\"some free text\""},                  // a text (or an unknown option)
      {"\"no_such_question\"", "\"x\""},                 // an unknown question
      {here.key, " " + here.value},                      // white space: not compact
      {here.key, "[\"a\" ,\"b\"]"},                      // a list not written compactly
      {here.key, "[]"},                                  // an empty list
      {here.key, "12"},                                  // a number: not simple (simdjson from scratch)
      {here.key, "\"ne\\u0065d\""},                      // an escape: not simple
      {here.key, "\"" + std::string(5000, 'x') + "\""},  // a long line: strings found 16 bytes at a time
  };
  if (at != 0) variants.push_back(fields[at - 1]);  // named twice, right after
  if (at > 2) variants.push_back(fields[0]);        // named twice, much later
  (void)bank;
  return variants;
}

/// A record line with these answers, and `tail` after the "answers" object.
std::string record_with_tail(int id, const std::vector<Field>& fields, const std::string& tail) {
  std::string line = record(id, fields);
  line.pop_back();
  return line + tail + "}";
}

}  // namespace

TEST_CASE("quick answers hand over to the stored ones at any answer, as the general path reads them",
          "[batch][apply][jsonl_scan]") {
  const std::vector<Bank> banks = {test::load_test_bank(test::source_path("data/banks/default.json")), awkward_bank()};
  for (const Bank& bank : banks) {
    std::mt19937_64 random(43);
    std::vector<std::size_t> limits = {0, 1, 2, 3, 5, 8, 13, 21, 10000};
    std::vector<std::unique_ptr<LineScorer>> quick;
    std::vector<std::unique_ptr<LineScorer>> general;
    for (std::size_t limit : limits) {
      BatchLimits batch_limits;
      batch_limits.max_answers = limit;
      quick.push_back(std::make_unique<LineScorer>(bank, JsonReading::scan_first, batch_limits, '}'));
      general.push_back(std::make_unique<LineScorer>(bank, JsonReading::simdjson_only, batch_limits, '}'));
    }
    std::size_t lines = 0;
    for (int round = 0; round < 12; ++round) {
      const std::vector<Field> fields = fields_of(bank, sample_answers(bank, random));
      std::vector<std::string> records = {record(round, fields)};
      for (std::size_t at = 0; at < fields.size(); ++at) {
        for (const Field& variant : not_quick_fields(bank, fields, at)) {
          std::vector<Field> changed = fields;
          changed[at] = variant;
          records.push_back(record(round, changed));
        }
      }
      // Not simple after all the quick answers: simdjson reads the line again from scratch.
      for (const std::string& tail : {std::string(",\"answers\":{}"), std::string(",\"id\":\"x\",\"id\":\"y\""),
                                      std::string(",\"other\":1"), std::string(",\"id\":7"), std::string(" x")}) {
        records.push_back(record_with_tail(round, fields, tail));
      }
      for (const std::string& line : records) {
        CAPTURE(line);
        for (std::size_t i = 0; i < limits.size(); ++i) {
          CAPTURE(limits[i]);
          CHECK(quick[i]->score(line) == general[i]->score(line));
        }
        ++lines;
      }
    }
    CHECK(lines > 500);
  }
}

TEST_CASE("the scanner stores exactly the answers after those QuickAnswers takes", "[batch][apply][jsonl_scan]") {
  const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  QuestionIndex questions(bank);
  OptionIndex options(bank);
  AnswerSet answers(bank);
  std::vector<std::uint64_t> seen(bank.questions.size(), 0);
  QuickAnswers quick(bank, questions, options, answers, seen.data());
  std::mt19937_64 random(47);
  std::size_t handed_over = 0;
  std::size_t all_quick = 0;
  for (int round = 0; round < 300; ++round) {
    const std::vector<Field> fields = perturbed_fields(bank, random);
    const std::size_t limit = round % 3 == 0 ? random() % 8 : 10000;
    const std::string line = record(round, fields) + std::string(64, '}');
    const std::string_view view = std::string_view(line).substr(0, line.size() - 64);
    CAPTURE(line, limit);
    SimpleRecord reference;
    REQUIRE(scan_simple_record(view, reference));
    answers.begin_refill();
    quick.begin(static_cast<std::uint64_t>(round) + 1, limit);
    SimpleRecord record;
    REQUIRE(scan_simple_record(view, record, quick));
    REQUIRE(record.quick_taken <= std::min(limit, fields.size()));
    REQUIRE(record.quick_taken + record.answers.size() == reference.answers.size());
    for (std::size_t i = 0; i < record.answers.size(); ++i) {
      const SimpleAnswer& stored = record.answers[i];
      const SimpleAnswer& expected = reference.answers[record.quick_taken + i];
      CHECK(stored.key == expected.key);
      CHECK(stored.value == expected.value);
      CHECK(stored.text == expected.text);
      CHECK(std::vector<std::string_view>(record.strings.begin() + stored.first,
                                          record.strings.begin() + stored.first + stored.count) ==
            std::vector<std::string_view>(reference.strings.begin() + expected.first,
                                          reference.strings.begin() + expected.first + expected.count));
    }
    // Each answer taken was set (or marked named, for null and an empty text).
    for (std::size_t i = 0; i < record.quick_taken; ++i) {
      const SimpleAnswer& taken = reference.answers[i];
      const std::optional<std::size_t> q = bank.find_question(taken.key);
      REQUIRE(q);
      CHECK(seen[*q] == static_cast<std::uint64_t>(round) + 1);
      const bool no_answer =
          taken.value == SimpleValue::null || (taken.value == SimpleValue::string && taken.text.empty());
      CHECK(answers.refilled(*q) == !no_answer);
    }
    (record.answers.empty() ? all_quick : handed_over)++;
  }
  CHECK(handed_over > 50);
  CHECK(all_quick > 30);
}
