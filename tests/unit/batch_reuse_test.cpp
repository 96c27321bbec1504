// Tests for the batch scorer's reused state: one RecordScorer refills its answer set in place record after
// record (AnswerSet::begin_refill / end_refill), reads ids as raw bytes in the padded line, and must still score
// every record exactly as a fresh scorer would, whatever came before it: scored records, error records of every
// kind, invalid JSON, lines that are no object, and CSV rows.
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/engine/sample.hpp"

using namespace wegwijzer;

namespace {

/// One answer as JSON pieces, as a record writes it.
struct Field {
  std::string key;    ///< the question id (no quotes)
  std::string value;  ///< raw JSON
  std::string cell;   ///< the same answer as a CSV cell
};

/// The answers of a sampled set, in bank order.
std::vector<Field> fields_of(const Bank& bank, const AnswerSet& answers) {
  std::vector<Field> fields;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const std::optional<Answer>& answer = answers.at(q);
    if (!answer) continue;
    const Question& question = bank.questions[q];
    Field field{question.id, "", ""};
    if (question.type == QuestionType::text) {
      field.value = nlohmann::json(answer->text).dump();
      field.cell = answer->text;
    } else if (question.type == QuestionType::multiple) {
      nlohmann::json list = nlohmann::json::array();
      for (std::uint16_t o : answer->options) {
        list.push_back(question.options[o].id);
        field.cell += (field.cell.empty() ? "" : ";") + question.options[o].id;
      }
      field.value = list.dump();
    } else {
      field.value = nlohmann::json(question.options[answer->options[0]].id).dump();
      field.cell = question.options[answer->options[0]].id;
    }
    fields.push_back(field);
  }
  return fields;
}

/// `fields` as the body of an "answers" object.
std::string answers_json(const std::vector<Field>& fields) {
  std::string body = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) body += ",";
    body += "\"" + fields[i].key + "\":" + fields[i].value;
  }
  return body + "}";
}

/// A hostile JSON Lines record made from sampled answers: most problems come late, after answers were set.
std::string hostile_line(const Bank& bank, std::mt19937_64& random, int index) {
  std::vector<Field> fields = fields_of(bank, sample_answers(bank, random));
  const std::string id = "\"r" + std::to_string(index) + "\"";
  if (fields.empty()) return R"({"id":)" + id + R"(,"answers":{}})";
  switch (random() % 12) {
    case 0: fields.resize(fields.size() / 3); break;                                  // sparse
    case 1: fields.push_back({fields.front().key, "\"no-such-option\"", ""}); break;  // late unknown option
    case 2: fields.push_back(fields.front()); break;                                  // late duplicate key
    case 3: fields.push_back({fields.front().key, "3", ""}); break;                   // late wrong type
    case 4: return R"({"id":)" + id + R"(,"answers":)" + answers_json(fields);        // truncated: invalid JSON
    case 5: return "[" + answers_json(fields) + "]";                                  // not an object
    case 6: fields.push_back({"no_such_question", "\"x\"", ""}); break;               // late unknown question
    case 7:                                                                           // answers set to null
      for (Field& field : fields) {
        if (random() % 2 == 0) field.value = "null";
      }
      break;
    case 8: return R"({"id":)" + id + R"(,"answers":)" + answers_json(fields) + R"(,"answers":{}})";
    case 9: return R"({"id":)" + id + "}";  // no answers at all
    default: break;                         // a valid record
  }
  return R"({"id":)" + id + R"(,"answers":)" + answers_json(fields) + "}";
}

/// A CSV input (header with every question) of a few sampled rows, some cells emptied or broken.
std::string hostile_csv(const Bank& bank, std::mt19937_64& random, int rows) {
  std::string text = "id";
  for (const Question& question : bank.questions) text += "," + question.id;
  text += "\n";
  for (int r = 0; r < rows; ++r) {
    std::vector<std::string> cells(bank.questions.size());
    for (const Field& field : fields_of(bank, sample_answers(bank, random))) {
      cells[*bank.find_question(field.key)] = field.cell;
    }
    text += "c" + std::to_string(r);
    for (std::string& cell : cells) {
      const auto roll = random() % 20;
      if (roll == 0) cell.clear();
      if (roll == 1 && !cell.empty()) cell += ";" + cell;  // a duplicate option (or a doubled text)
      if (roll == 2) cell = "nope";
      text += ",";
      append_csv_field(text, cell);
    }
    text += random() % 15 == 0 ? ",extra\n" : "\n";
  }
  return text;
}

/// A CSV batch of every record of `text`.
RecordBatch csv_batch(const Bank& bank, const std::string& text) {
  std::istringstream in(text);
  ByteStream stream(in, "-");
  CsvReader reader(stream, BatchLimits{});
  std::vector<std::string> names;
  REQUIRE(reader.read_header(names));
  auto columns = std::make_shared<const CsvColumns>(map_csv_columns(bank, names));
  RecordBatch batch;
  REQUIRE(reader.read_batch(batch, 1000, std::size_t{1} << 24, names.size() + 1));
  batch.columns = columns;
  return batch;
}

/// Scores one JSON line in a buffer that ends batch_json_padding bytes after it (filled with `fill`).
std::string score_line(RecordScorer& scorer, const std::string& line, std::uint64_t number, char fill = ' ') {
  std::unique_ptr<char[]> buffer(new char[line.size() + batch_json_padding]);
  std::memcpy(buffer.get(), line.data(), line.size());
  std::memset(buffer.get() + line.size(), fill, batch_json_padding);
  std::string out;
  BatchTally tally;  // empty counts: the scorer skips counts it has no slot for
  scorer.score_json_line(std::string_view(buffer.get(), line.size()), number, out, tally);
  return out;
}

/// Runs the property on `bank` for `format` output.
void check_no_state_carried_over(const Bank& bank, BatchFormat format, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  RecordScorer shared(bank, BatchLimits{}, format);
  std::size_t scored = 0;
  std::size_t errors = 0;
  for (int i = 0; i < 400; ++i) {
    if (random() % 8 == 0) {  // a CSV batch between JSON lines
      RecordBatch batch = csv_batch(bank, hostile_csv(bank, random, 1 + static_cast<int>(random() % 3)));
      std::string together;
      BatchTally tally = BatchTally::for_bank(bank);
      shared.score(batch, together, tally);
      std::string apart;
      for (const BatchRecord& record : batch.records) {
        RecordBatch one = batch;
        one.records = {record};
        RecordScorer fresh(bank, BatchLimits{}, format);
        fresh.score(one, apart, tally);
      }
      CHECK(together == apart);
      continue;
    }
    const std::string line = hostile_line(bank, random, i);
    CAPTURE(i, line);
    RecordScorer fresh(bank, BatchLimits{}, format);
    const std::string expected = score_line(fresh, line, static_cast<std::uint64_t>(i) + 1);
    const std::string actual = score_line(shared, line, static_cast<std::uint64_t>(i) + 1);
    CHECK(actual == expected);
    (expected.find("\"error\"") == std::string::npos && expected.find(",error,") == std::string::npos ? scored
                                                                                                      : errors)++;
  }
  // Both kinds were exercised. About one JSON line in six is valid by construction (some 58 of 350), so the bar
  // for scored records is well below that: with default bank 2.0.0 exactly 50 were scored, and "> 50" failed.
  CHECK(scored > 25);
  CHECK(errors > 50);
}

}  // namespace

TEST_CASE("a reused scorer scores every record as a fresh one, after errors, invalid JSON and CSV rows",
          "[batch][reuse]") {
  for (const char* path : {"data/banks/default.json", "tests/batch/bank.json"}) {
    CAPTURE(path);
    Bank bank = test::load_test_bank(test::source_path(path));
    check_no_state_carried_over(bank, BatchFormat::jsonl, 11);
    check_no_state_carried_over(bank, BatchFormat::csv, 12);
  }
}

TEST_CASE("the bytes after a line (the next line or the padding) never change how it reads", "[batch][reuse]") {
  // Ids are compared a word at a time and may read up to 8 bytes past the line; the padding holds other
  // records' bytes in a batch. The buffer ends right after the padding, so a sanitizer sees any read beyond.
  Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  RecordScorer scorer(bank, BatchLimits{}, BatchFormat::jsonl);
  std::mt19937_64 random(17);
  for (int i = 0; i < 200; ++i) {
    const std::string line = hostile_line(bank, random, i);
    CAPTURE(line);
    const std::string expected = score_line(scorer, line, 1);
    for (char fill : {'\0', '"', '}', 'a', '\xFF', '\\'}) CHECK(score_line(scorer, line, 1, fill) == expected);
  }
}

TEST_CASE("a CRLF line of exactly the limit is accepted wherever a block ends", "[batch][reuse]") {
  // Found in review: JsonlReader reported a line as too long when the buffered bytes without a newline
  // exceeded the limit, before the trailing CR was dropped, so a block ending between CR and LF (or an
  // input ending in CR without LF) made a line of exactly max_line_bytes too long.
  BatchLimits limits;
  limits.max_line_bytes = 16;
  const std::string text = "{\"a\":\"12345678\"}\r\n";  // 16 bytes, then CRLF
  REQUIRE(text.size() == 18);
  auto too_long = [&](std::size_t block) {
    std::istringstream in(text);
    ByteStream stream(in, "-", block);
    JsonlReader reader(stream, limits);
    RecordBatch batch;
    REQUIRE(reader.read_batch(batch, 10, 1 << 20));
    REQUIRE(batch.records.size() == 1);
    return batch.records[0].too_long;
  };
  CHECK_FALSE(too_long(64));  // the whole line in one block: accepted
  CHECK_FALSE(too_long(17));  // a block ends between CR and LF
  for (std::size_t block = 1; block <= 20; ++block) CHECK_FALSE(too_long(block));
  // One byte more is too long, with or without the CR at a block edge.
  const std::string longer = "{\"a\":\"123456789\"}\r\n";
  for (std::size_t block : {std::size_t{4}, std::size_t{17}, std::size_t{18}, std::size_t{64}}) {
    std::istringstream in(longer);
    ByteStream stream(in, "-", block);
    JsonlReader reader(stream, limits);
    RecordBatch batch;
    REQUIRE(reader.read_batch(batch, 10, 1 << 20));
    CHECK(batch.records.at(0).too_long);
  }
  // Input that ends in CR without LF: the CR is dropped as before, the line fits.
  std::istringstream in("{\"a\":\"12345678\"}\r");
  ByteStream stream(in, "-", 17);
  JsonlReader reader(stream, limits);
  RecordBatch batch;
  REQUIRE(reader.read_batch(batch, 10, 1 << 20));
  CHECK_FALSE(batch.records.at(0).too_long);
}
