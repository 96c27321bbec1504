// The strict scanner for simple JSON Lines records (jsonl_scan.hpp): what it accepts, with its spans, and what
// it must leave to simdjson; and the scorer's fast path built on it, which must write exactly the bytes the
// simdjson-only path writes, for sampled records and for many perturbed ones.
#include "wegwijzer/batch/jsonl_scan.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"

using namespace wegwijzer;
using ordered_json = nlohmann::ordered_json;

namespace {

/// Bytes after a line that would complete it if the scanner read past its end.
const std::string tempting_padding = [] {
  std::string padding;
  while (padding.size() < batch_json_padding) padding += "\"]}\" ,null";
  return padding.substr(0, batch_json_padding);
}();

/// `line` followed by tempting padding, as batches pad their lines.
struct PaddedLine {
  explicit PaddedLine(const std::string& line) : bytes(line + tempting_padding), size(line.size()) {}
  std::string_view view() const { return std::string_view(bytes).substr(0, size); }

  std::string bytes;
  std::size_t size;
};

/// scan_simple_record() on a padded line (`record` then points into it).
bool scan(const PaddedLine& line, SimpleRecord& record) { return scan_simple_record(line.view(), record); }

/// The strings of list answer `answer`.
std::vector<std::string_view> list_of(const SimpleRecord& record, const SimpleAnswer& answer) {
  return {record.strings.begin() + answer.first, record.strings.begin() + answer.first + answer.count};
}

/// Whether `span` lies inside the line.
bool inside(const PaddedLine& line, std::string_view span) {
  return span.data() >= line.bytes.data() && span.data() + span.size() <= line.bytes.data() + line.size;
}

}  // namespace

TEST_CASE("the scanner reads a simple record into spans of the line", "[jsonl_scan]") {
  PaddedLine line(R"({"id":"r-1","answers":{"need":"task","topics":["work","home"],"mood":null,"":"","e":[]}})");
  SimpleRecord record;
  REQUIRE(scan(line, record));
  CHECK(record.has_id);
  CHECK(record.id == "r-1");
  CHECK(inside(line, record.id));
  CHECK(record.has_answers);
  REQUIRE(record.answers.size() == 5);
  CHECK(record.answers[0].key == "need");
  CHECK(record.answers[0].value == SimpleValue::string);
  CHECK(record.answers[0].text == "task");
  CHECK(record.answers[1].key == "topics");
  CHECK(record.answers[1].value == SimpleValue::list);
  CHECK(list_of(record, record.answers[1]) == std::vector<std::string_view>{"work", "home"});
  CHECK(record.answers[2].key == "mood");
  CHECK(record.answers[2].value == SimpleValue::null);
  CHECK(record.answers[3].key.empty());
  CHECK(record.answers[3].value == SimpleValue::string);
  CHECK(record.answers[3].text.empty());
  CHECK(record.answers[4].value == SimpleValue::list);
  CHECK(record.answers[4].count == 0);
  for (const SimpleAnswer& answer : record.answers) {
    CHECK(inside(line, answer.key));
    if (answer.value == SimpleValue::string) CHECK(inside(line, answer.text));
  }
  for (std::string_view text : record.strings) CHECK(inside(line, text));
}

TEST_CASE("the scanner takes JSON white space between tokens, fields in either order, and parts left out",
          "[jsonl_scan]") {
  SimpleRecord record;
  const PaddedLine spaced(
      " \t{ \"answers\" :\r\n{ \"q\" : [ \"a\" , \"b\" ] ,\t\"r\" : null } , \"id\" : \"x\" }\r\n ");
  REQUIRE(scan(spaced, record));
  CHECK(record.id == "x");
  REQUIRE(record.answers.size() == 2);
  CHECK(record.answers[0].key == "q");
  CHECK(list_of(record, record.answers[0]) == std::vector<std::string_view>{"a", "b"});
  CHECK(record.answers[1].key == "r");
  CHECK(record.answers[1].value == SimpleValue::null);

  REQUIRE(scan(PaddedLine(R"({"answers":{}})"), record));
  CHECK_FALSE(record.has_id);
  CHECK(record.has_answers);
  CHECK(record.answers.empty());

  const PaddedLine empty_id(R"({"id":""})");
  REQUIRE(scan(empty_id, record));
  CHECK(record.has_id);
  CHECK(record.id.empty());
  CHECK_FALSE(record.has_answers);

  REQUIRE(scan(PaddedLine("{}"), record));
  CHECK_FALSE(record.has_id);
  CHECK_FALSE(record.has_answers);

  // Any printable ASCII but the quote and the backslash stands in a string as it is, DEL too.
  const PaddedLine printable("{\"answers\":{\"k {}[],:\":\"v null \x7f/'\"}}");
  REQUIRE(scan(printable, record));
  REQUIRE(record.answers.size() == 1);
  CHECK(record.answers[0].key == "k {}[],:");
  CHECK(record.answers[0].text == "v null \x7f/'");

  // Strings of every length around the 16-byte steps of the scan.
  for (std::size_t size = 0; size < 70; ++size) {
    CAPTURE(size);
    std::string text(size, 'x');
    const PaddedLine line(R"({"answers":{")" + text + R"(":")" + text + R"("}})");
    REQUIRE(scan(line, record));
    REQUIRE(record.answers.size() == 1);
    CHECK(record.answers[0].key == text);
    CHECK(record.answers[0].text == text);
  }
}

TEST_CASE("the scanner leaves every other line to the full parser", "[jsonl_scan]") {
  using namespace std::string_literals;
  const std::vector<std::string> lines = {
      "",
      " ",
      "[]",
      "null",
      "\"x\"",
      "{",
      "}",
      R"({"id":"a")",
      R"({"id":"a"}x)",
      R"({"id":"a"}})",
      R"({"id":"a"},)",
      R"({"id":"a"} {})",
      R"({"id":1,"answers":{}})",
      R"({"id":-1.5e3,"answers":{}})",
      R"({"id":null,"answers":{}})",
      R"({"id":true,"answers":{}})",
      R"({"id":["a"],"answers":{}})",
      R"({"id":"a","id":"b","answers":{}})",
      R"({"id":"a","answers":{},"id":"a"})",
      R"({"answers":{},"answers":{}})",
      R"({"extra":"x","answers":{}})",
      R"({"answers":{},"extra":null})",
      R"({"":"x","answers":{}})",
      R"({"i\u0064":"a","answers":{}})",
      R"({"id":"a\"b","answers":{}})",
      R"({"id":"a\\b","answers":{}})",
      R"({"answers":[]})",
      R"({"answers":"x"})",
      R"({"answers":null})",
      R"({"answers":{"q":1}})",
      R"({"answers":{"q":-0}})",
      R"({"answers":{"q":true}})",
      R"({"answers":{"q":false}})",
      R"({"answers":{"q":{}}})",
      R"({"answers":{"q":{"a":"b"}}})",
      R"({"answers":{"q":[["a"]]}})",
      R"({"answers":{"q":["a",1]}})",
      R"({"answers":{"q":["a",null]}})",
      R"({"answers":{"q":[null]}})",
      R"({"answers":{"q":"a\u0062"}})",
      R"({"answers":{"q":"a\/b"}})",
      R"({"answers":{"q\n":"a"}})",
      R"({"answers":{"q":nul}})",
      R"({"answers":{"q":nulll}})",
      R"({"answers":{"q":Null}})",
      R"({"answers":{"q":"a",}})",
      R"({"answers":{,"q":"a"}})",
      R"({"answers":{"q":["a",]}})",
      R"({"answers":{"q":[,"a"]}})",
      R"({"answers":{"q":["a""b"]}})",
      R"({"answers":{"q" "a"}})",
      R"({"answers":{"q"::"a"}})",
      R"({"answers":{"q":"a" "r":"b"}})",
      R"({"answers":{"q":"a"})",
      R"({"answers":{"q":"a})",
      R"({"answers":{"q":"a)",
      R"({"answers":{"q":["a")",
      R"({"answers":{"q")",
      R"({"answers":{"q":)",
      R"({'answers':{}})",
      "{\"answers\":{\"q\":\"\xc3\xa9\"}}",      // non-ASCII (UTF-8) in a string
      "{\"answers\":{\"\xe2\x80\xa8\":\"a\"}}",  // U+2028 in a key
      "{\"answers\":{\"q\":\"\xff\"}}",          // invalid UTF-8
      "\xef\xbb\xbf{\"answers\":{}}",            // a byte-order mark
      "{\"answers\":{\"q\":\"a\tb\"}}",          // a raw tab inside a string
      "{\"answers\":{\"q\":\"a\nb\"}}",
      "{\"answers\":{\"q\":\"a\x01\"}}",
      "{\"answers\":{\"q\":\"a\x1f\"}}",
      "{\"answers\":{\"q\":\"a\0b\"}}"s,
      "{\"answers\":{}}\0"s,
      "\0{\"answers\":{}}"s,
      "\x0b{\"answers\":{}}",  // vertical tab, form feed: no JSON white space
      "{\x0c\"answers\":{}}",
  };
  SimpleRecord record;
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK_FALSE(scan(PaddedLine(line), record));
  }
}

TEST_CASE("the scanner never reads a token from the padding after the line", "[jsonl_scan]") {
  SimpleRecord record;
  for (std::string padding : {"\"}}", "\":\"a\"}}", "}", "]}}", "ull}}", "  "}) {
    padding.resize(batch_json_padding, ' ');
    for (std::string line : {R"({"answers":{"q":"a)", R"({"answers":{"q)", R"({"answers":{"q":"a"})",
                             R"({"answers":{"q":["a")", R"({"answers":{"q":n)", R"({"answers":{"q":[)"}) {
      CAPTURE(line, padding);
      std::string bytes = line + padding;
      CHECK_FALSE(scan_simple_record(std::string_view(bytes).substr(0, line.size()), record));
    }
  }
}

TEST_CASE("the scanner keeps at most simple_record_max_strings answers and list strings", "[jsonl_scan]") {
  auto record_with = [](std::size_t answers, std::size_t list_strings) {
    std::string line = R"({"answers":{)";
    for (std::size_t i = 0; i < answers; ++i) line += "\"q" + std::to_string(i) + "\":null,";
    line += "\"l\":[";
    for (std::size_t i = 0; i < list_strings; ++i) line += std::string(i == 0 ? "" : ",") + "\"o\"";
    return line + "]}}";
  };
  SimpleRecord record;
  CHECK(scan(PaddedLine(record_with(simple_record_max_strings - 1, 0)), record));
  CHECK_FALSE(scan(PaddedLine(record_with(simple_record_max_strings, 0)), record));
  const PaddedLine most(record_with(simple_record_max_strings / 2, simple_record_max_strings / 2 - 1));
  CHECK(scan(most, record));
  CHECK(record.strings.size() == simple_record_max_strings / 2 - 1);
  CHECK_FALSE(scan(PaddedLine(record_with(simple_record_max_strings / 2, simple_record_max_strings / 2)), record));
}

namespace {

/// Scores each line with a scanning scorer and a simdjson-only one (as batches do: one scorer for many lines)
/// and checks that both write the same bytes and count the same.
class TwinScorer {
 public:
  TwinScorer(const Bank& bank, const BatchLimits& limits, BatchFormat output)
      : fast_(bank, limits, output, JsonReading::scan_first),
        reference_(bank, limits, output, JsonReading::simdjson_only),
        fast_tally_(BatchTally::for_bank(bank)),
        reference_tally_(BatchTally::for_bank(bank)) {}

  /// Scores `line` both ways; false (with a failed check) when they differ.
  bool same(const std::string& line) {
    PaddedLine padded(line);
    ++line_number_;
    std::string fast;
    std::string reference;
    fast_.score_json_line(padded.view(), line_number_, fast, fast_tally_);
    reference_.score_json_line(padded.view(), line_number_, reference, reference_tally_);
    CHECK(fast == reference);
    return fast == reference;
  }

  /// Whether both scorers counted the same so far.
  bool same_tallies() const {
    const BatchTally& a = fast_tally_;
    const BatchTally& b = reference_tally_;
    return a.records == b.records && a.scored == b.scored && a.errors == b.errors &&
           a.recommendations == b.recommendations && a.urgencies == b.urgencies && a.red_flags == b.red_flags &&
           a.codes == b.codes;
  }

 private:
  RecordScorer fast_;
  RecordScorer reference_;
  BatchTally fast_tally_;
  BatchTally reference_tally_;
  std::uint64_t line_number_ = 0;
};

/// A random index below `size` (which must not be zero).
std::size_t pick(std::mt19937_64& random, std::size_t size) { return static_cast<std::size_t>(random() % size); }

/// `json` written with random JSON white space between its tokens.
void write_spaced(const ordered_json& json, std::mt19937_64& random, std::string& out) {
  static const char* const spaces[] = {"", "", " ", "\t", "\r\n", "  ", "\n"};
  auto space = [&] { out += spaces[pick(random, std::size(spaces))]; };
  space();
  if (json.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : json.items()) {
      if (!first) out += ',';
      first = false;
      space();
      out += ordered_json(key).dump();
      space();
      out += ':';
      write_spaced(value, random, out);
    }
    space();
    out += '}';
  } else if (json.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < json.size(); ++i) {
      if (i != 0) out += ',';
      write_spaced(json[i], random, out);
    }
    space();
    out += ']';
  } else {
    out += json.dump();
  }
  space();
}

/// Values an answer or an id is swapped for.
const ordered_json& odd_values() {
  static const ordered_json values = ordered_json::parse(R"([
      "no_such_option", "", 3, -2.5, 1e300, null, true, false, [], {}, ["work"], [1], [null], [["a"]],
      "w\u00e9ird", "tab\there", "quote\"d", "back\\slash", "\u2028", "none"])");
  return values;
}

/// One random change to a sampled record (parsed, key order kept), written compactly or spaced.
std::string perturbed(const ordered_json& sampled, std::mt19937_64& random) {
  ordered_json record = sampled;
  ordered_json& answers = record["answers"];
  std::vector<std::string> keys;
  for (const auto& [key, value] : answers.items()) keys.push_back(key);
  const std::string key = keys.empty() ? "need" : keys[pick(random, keys.size())];
  const ordered_json& values = odd_values();
  switch (pick(random, 16)) {
    case 0: answers.erase(key); break;
    case 1: answers[key] = values[pick(random, values.size())]; break;
    case 2: answers["no_such_q"] = "x"; break;
    case 3: record["id"] = values[pick(random, values.size())]; break;
    case 4: record.erase("id"); break;
    case 5: record.erase("answers"); break;
    case 6: record["extra"] = values[pick(random, values.size())]; break;
    case 7: {  // shuffled answers, and the id last
      std::vector<std::pair<std::string, ordered_json>> items;
      for (const auto& [k, v] : answers.items()) items.emplace_back(k, v);
      std::shuffle(items.begin(), items.end(), random);
      ordered_json shuffled = ordered_json::object();
      for (auto& [k, v] : items) shuffled[k] = v;
      ordered_json reordered = ordered_json::object();
      reordered["answers"] = shuffled;
      if (record.contains("id")) reordered["id"] = record["id"];
      record = reordered;
      break;
    }
    case 8: {  // a repeated answer key
      std::string line = record.dump();
      const std::string start = R"("answers":{)";
      return line.replace(line.find(start), start.size(),
                          start + ordered_json(key).dump() + ":" +
                              (answers.contains(key) ? answers[key] : ordered_json("x")).dump() +
                              (answers.empty() ? "" : ","));
    }
    case 9: {  // a repeated top-level key
      std::string line = record.dump();
      return line.substr(0, line.size() - 1) + (random() % 2 ? R"(,"id":"again"})" : R"(,"answers":{}})");
    }
    case 10: return test::escape_some(record.dump(), random, 4);
    case 11: {
      std::string spaced;
      write_spaced(record, random, spaced);
      return spaced;
    }
    case 12: {  // cut short
      std::string line = record.dump();
      return line.substr(0, pick(random, line.size()));
    }
    case 13: {  // one byte changed
      static const std::string tempting = "\"{}[],:\\ \t\r\n0-nul\x01\x7f\xc3\xff";
      std::string line = record.dump();
      char byte = random() % 2 ? tempting[pick(random, tempting.size())] : static_cast<char>(random());
      line[pick(random, line.size())] = byte;
      return line;
    }
    case 14: {  // one byte removed or doubled
      std::string line = record.dump();
      std::size_t at = pick(random, line.size());
      return random() % 2 ? line.erase(at, 1) : line.insert(at, 1, line[at]);
    }
    default: break;  // as sampled
  }
  return record.dump(-1, ' ', random() % 2 == 0);  // sometimes non-ASCII as it stands, not as \u escapes
}

}  // namespace

TEST_CASE("scoring with the scanner writes what scoring with simdjson alone writes", "[jsonl_scan][batch]") {
  Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  test::CliRun sample = test::run({"sample", "--count", "300", "--seed", "29"});
  REQUIRE(sample.exit_code == 0);
  const std::vector<std::string> lines = test::split_lines(sample.out);
  REQUIRE(lines.size() == 300);

  BatchLimits small;
  small.max_answers = 3;       // too_many_answers on both paths
  small.max_line_bytes = 400;  // longer lines are too long for simdjson's parser: invalid_json on both paths
  TwinScorer jsonl(bank, BatchLimits{}, BatchFormat::jsonl);
  TwinScorer csv(bank, BatchLimits{}, BatchFormat::csv);
  TwinScorer limited(bank, small, BatchFormat::jsonl);
  TwinScorer* const twins[] = {&jsonl, &csv, &limited};

  std::mt19937_64 random(31);
  std::size_t simple = 0;
  std::size_t not_simple = 0;
  std::size_t differing = 0;
  SimpleRecord record;
  for (const std::string& sampled : lines) {
    const ordered_json parsed = ordered_json::parse(sampled);
    std::vector<std::string> variants = {sampled};
    for (int i = 0; i < 24; ++i) variants.push_back(perturbed(parsed, random));
    for (const std::string& line : variants) {
      CAPTURE(line);
      (scan(PaddedLine(line), record) ? simple : not_simple) += 1;
      for (TwinScorer* twin : twins) differing += twin->same(line) ? 0 : 1;
    }
  }
  CHECK(differing == 0);
  for (const TwinScorer* twin : twins) CHECK(twin->same_tallies());
  CHECK(simple > 3000);  // both paths were taken often
  CHECK(not_simple > 1500);
}

TEST_CASE("the scanner and simdjson agree on hand-picked records", "[jsonl_scan][batch]") {
  Bank bank = test::load_test_bank(test::test_path("batch/bank.json"));
  BatchLimits small;
  small.max_answers = 2;
  TwinScorer twin(bank, BatchLimits{}, BatchFormat::jsonl);
  TwinScorer limited(bank, small, BatchFormat::jsonl);
  const std::vector<std::string> lines = {
      R"({"id":"a","answers":{"need":"task","down":"never"}})",
      R"({"id":"","answers":{"need":"task","down":"never"}})",  // an empty id: the line number
      R"({"answers":{"need":"task","down":"never"}})",
      R"({"id":"a"})",
      R"({})",
      R"({"answers":{}})",
      R"({"id":"a","answers":{"need":"task","need":"task"}})",
      R"({"id":"a","answers":{"need":null,"need":"task","down":"never"}})",
      R"({"id":"a","answers":{"need":"task","need":null}})",
      R"({"id":"a","answers":{"nope":"x","need":"nope"}})",
      R"({"id":"a","answers":{"need":"nope","nope":"x"}})",
      R"({"id":"a","answers":{"":"x"}})",
      R"({"id":"a","answers":{"need":""}})",
      R"({"id":"a","answers":{"need":["task"]}})",
      R"({"id":"a","answers":{"topics":"work","need":"task","down":"never"}})",
      R"({"id":"a","answers":{"topics":["work","work"]}})",
      R"({"id":"a","answers":{"topics":[]}})",
      R"({"id":"a","answers":{"topics":["nope","work"]}})",
      R"({"id":"a","answers":{"remarks":"free text","need":"task","down":"never"}})",
      R"({"id":"a","answers":{"remarks":["a"]}})",
      R"({"id":"a","answers":{"remarks":""}})",
      R"({"id":"a","answers":{"a":null,"b":null,"c":null,"need":"task"}})",
      R"({"id":"a","answers":{"nope":"x","a":null,"b":null}})",
      " {\"id\" : \"a\" ,\t\"answers\" : { \"need\" : \"task\" , \"down\" : \"never\" } } ",
      R"({"answers":{"down":"never","need":"task"},"id":"z"})",
  };
  for (const std::string& line : lines) {
    CAPTURE(line);
    twin.same(line);
    limited.same(line);
  }
  CHECK(twin.same_tallies());
  CHECK(limited.same_tallies());
}
