// The strict scanner (jsonl_scan.hpp) against a reference: the plain token-at-a-time scanner it replaced, kept
// here. Both must judge the same lines simple and, for those, find the same spans, on sampled records, on lines
// changed at random byte by byte, and on lines put together from random JSON tokens.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/jsonl_scan.hpp"

using namespace wegwijzer;

namespace {

/// The reference: one pass over the line, a token at a time, a byte at a time.
class ReferenceScanner {
 public:
  ReferenceScanner(std::string_view line, SimpleRecord& record)
      : at_(line.data()), end_(line.data() + line.size()), record_(record) {}

  bool record() {
    if (!take('{')) return false;
    if (!take('}')) {
      do {
        if (!top_field()) return false;
      } while (take(','));
      if (!take('}')) return false;
    }
    skip_space();
    return at_ == end_;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void skip_space() {
    while (at_ < end_ && is_space(*at_)) ++at_;
  }

  bool take(char c) {
    skip_space();
    if (at_ >= end_ || *at_ != c) return false;
    ++at_;
    return true;
  }

  bool string(std::string_view& text) {
    if (!take('"')) return false;
    const char* const start = at_;
    for (; at_ < end_; ++at_) {
      const auto byte = static_cast<unsigned char>(*at_);
      if (byte == '"') {
        text = std::string_view(start, static_cast<std::size_t>(at_ - start));
        ++at_;
        return true;
      }
      if (byte == '\\' || byte < 0x20 || byte >= 0x80) return false;
    }
    return false;
  }

  bool top_field() {
    std::string_view name;
    if (!string(name) || !take(':')) return false;
    if (name == "id" && !record_.has_id) {
      record_.has_id = true;
      return string(record_.id);
    }
    if (name == "answers" && !record_.has_answers) {
      record_.has_answers = true;
      if (!take('{')) return false;
      if (take('}')) return true;
      do {
        if (!answer()) return false;
      } while (take(','));
      return take('}');
    }
    return false;
  }

  bool room() { return room_-- > 0; }

  bool answer() {
    if (!room()) return false;
    SimpleAnswer answer;
    if (!string(answer.key) || !take(':')) return false;
    skip_space();
    if (at_ < end_ && *at_ == '"') {
      answer.value = SimpleValue::string;
      if (!string(answer.text)) return false;
    } else if (take('[')) {
      answer.value = SimpleValue::list;
      answer.first = static_cast<std::uint32_t>(record_.strings.size());
      if (!take(']')) {
        do {
          if (!room() || !string(record_.strings.emplace_back())) return false;
        } while (take(','));
        if (!take(']')) return false;
      }
      answer.count = static_cast<std::uint32_t>(record_.strings.size() - answer.first);
    } else {
      if (end_ - at_ < 4 || std::memcmp(at_, "null", 4) != 0) return false;
      at_ += 4;
    }
    record_.answers.push_back(answer);
    return true;
  }

  const char* at_;
  const char* const end_;
  SimpleRecord& record_;
  std::size_t room_ = simple_record_max_strings;
};

/// What the reference makes of `line`.
bool reference_scan(std::string_view line, SimpleRecord& record) {
  record = SimpleRecord{};
  return ReferenceScanner(line, record).record();
}

/// Whether two spans are the same bytes of the same line.
bool same_span(std::string_view a, std::string_view b) { return a.data() == b.data() && a.size() == b.size(); }

/// Whether two simple records found the same.
bool same_record(const SimpleRecord& a, const SimpleRecord& b) {
  if (a.has_id != b.has_id || a.has_answers != b.has_answers) return false;
  if (a.has_id && !same_span(a.id, b.id)) return false;
  if (a.answers.size() != b.answers.size() || a.strings.size() != b.strings.size()) return false;
  for (std::size_t i = 0; i < a.answers.size(); ++i) {
    const SimpleAnswer& x = a.answers[i];
    const SimpleAnswer& y = b.answers[i];
    if (!same_span(x.key, y.key) || x.value != y.value || x.first != y.first || x.count != y.count) return false;
    if (x.value == SimpleValue::string ? !same_span(x.text, y.text) : !x.text.empty() || !y.text.empty()) return false;
  }
  for (std::size_t i = 0; i < a.strings.size(); ++i) {
    if (!same_span(a.strings[i], b.strings[i])) return false;
  }
  return true;
}

/// Checks lines with the scanner (one SimpleRecord for all of them, as batches do) against the reference.
class Comparer {
 public:
  explicit Comparer(std::uint64_t seed) : random_(seed) {}

  /// Scans `line`, followed by random padding, both ways; false (with a failed check) when they differ.
  bool same(const std::string& line) {
    std::string bytes = line + padding();
    const std::string_view view = std::string_view(bytes).substr(0, line.size());
    SimpleRecord expected;
    const bool reference = reference_scan(view, expected);
    const bool scanned = scan_simple_record(view, record_);
    (scanned ? simple_ : not_simple_) += 1;
    const bool same = scanned == reference && (!scanned || same_record(record_, expected));
    if (!same) {
      CAPTURE(line, reference, scanned);
      CHECK(same);
    }
    return same;
  }

  std::size_t simple() const { return simple_; }
  std::size_t not_simple() const { return not_simple_; }
  std::mt19937_64& random() { return random_; }

 private:
  /// batch_json_padding bytes that would complete many a cut line, or spaces, or random bytes.
  std::string padding() {
    static const std::string tempting = "\"]}\" ,null\":\"a\"}}";
    std::string padding;
    switch (random_() % 3) {
      case 0:
        while (padding.size() < batch_json_padding) padding += tempting;
        break;
      case 1: padding.assign(batch_json_padding, ' '); break;
      default:
        for (std::size_t i = 0; i < batch_json_padding; ++i) padding += static_cast<char>(random_());
        break;
    }
    padding.resize(batch_json_padding);
    return padding;
  }

  std::mt19937_64 random_;
  SimpleRecord record_;
  std::size_t simple_ = 0;
  std::size_t not_simple_ = 0;
};

/// A random index below `size` (which must not be zero).
std::size_t pick(std::mt19937_64& random, std::size_t size) { return static_cast<std::size_t>(random() % size); }

/// Bytes that matter to the scanner, to put into lines.
const std::string& tempting_bytes() {
  static constexpr char listed[] = "\"\\{}[],: \t\r\nnul0-x\x01\x1f\x7f\x80\xc3\xff\x0b\x0c";
  static const std::string bytes = std::string(listed, sizeof listed - 1) + '\0';  // and a NUL byte
  return bytes;
}

/// A random byte, mostly one that matters to the scanner.
char some_byte(std::mt19937_64& random) {
  return random() % 4 != 0 ? tempting_bytes()[pick(random, tempting_bytes().size())] : static_cast<char>(random());
}

/// `line` with one to three bytes inserted, removed or replaced.
std::string changed(std::string line, std::mt19937_64& random) {
  const std::size_t changes = 1 + pick(random, 3);
  for (std::size_t i = 0; i < changes; ++i) {
    const std::size_t at = pick(random, line.size() + 1);
    switch (pick(random, 4)) {
      case 0: line.insert(at, 1, some_byte(random)); break;
      case 1:
        if (at < line.size()) line.erase(at, 1);
        break;
      case 2:
        if (at < line.size()) line[at] = some_byte(random);
        break;
      default: line = line.substr(0, at); break;  // cut short
    }
  }
  return line;
}

/// `line` with random JSON white space after some of its structural bytes (outside strings: the sampled records
/// hold no escaped quotes, so quotes pair up); only spaces if `only_spaces`, which keeps the line plain.
std::string spaced(const std::string& line, std::mt19937_64& random, bool only_spaces = false) {
  static const char* const spaces[] = {" ", "  ", "\t", "\r\n", "\n"};
  std::string out;
  bool inside = false;
  for (char c : line) {
    out += c;
    if (c == '"') inside = !inside;
    if (!inside && std::strchr("{}[],:\"", c) != nullptr && random() % 3 == 0) {
      out += spaces[pick(random, only_spaces ? 2 : 5)];
    }
  }
  return out;
}

/// A line put together from random tokens of simple records (and a few others), often valid, often not.
std::string token_soup(std::mt19937_64& random) {
  static const char* const tokens[] = {
      "{",    "}", "[",       "]", ":",    ",",         "\"id\"", "\"answers\"", "\"k\"",       "\"\"",
      "null", " ", "\"v w\"", "1", "true", "\"a\\\"\"", "\t",     "\"x\x01\"",   "\"\xc3\xa9\""};
  // A valid skeleton most of the time, so that deep parts of the grammar are reached.
  static const char* const skeletons[] = {
      R"({"id":"a","answers":{"k":"v","l":["a","b"],"n":null}})",
      R"({"answers":{"k":[],"e":"","k":"v"},"id":""})",
      R"({"answers":{}})",
      R"({"id":"x","answers":{"q":["a"]}})",
  };
  std::string line;
  if (random() % 2 == 0) {
    line = skeletons[pick(random, std::size(skeletons))];
    const std::size_t inserts = pick(random, 3);
    for (std::size_t i = 0; i < inserts; ++i) {
      line.insert(pick(random, line.size() + 1), tokens[pick(random, std::size(tokens))]);
    }
    return line;
  }
  const std::size_t count = 1 + pick(random, 24);
  for (std::size_t i = 0; i < count; ++i) line += tokens[pick(random, std::size(tokens))];
  return line;
}

}  // namespace

TEST_CASE("the scanner agrees with a byte-at-a-time reference on sampled and changed records", "[jsonl_scan]") {
  test::CliRun sample = test::run({"sample", "--count", "2000", "--seed", "41"});
  REQUIRE(sample.exit_code == 0);
  const std::vector<std::string> lines = test::split_lines(sample.out);
  REQUIRE(lines.size() == 2000);

  Comparer comparer(43);
  std::mt19937_64& random = comparer.random();
  std::size_t differing = 0;
  for (const std::string& line : lines) {
    differing += comparer.same(line) ? 0 : 1;
    const std::string spaced_line = spaced(line, random);
    differing += comparer.same(spaced_line) ? 0 : 1;
    const std::string space_only_line = spaced(line, random, true);
    differing += comparer.same(space_only_line) ? 0 : 1;
    for (int i = 0; i < 6; ++i) differing += comparer.same(changed(i < 3 ? line : spaced_line, random)) ? 0 : 1;
    for (int i = 0; i < 2; ++i) differing += comparer.same(changed(space_only_line, random)) ? 0 : 1;
    differing += comparer.same(test::escape_some(line, random, 40)) ? 0 : 1;
  }
  CHECK(differing == 0);
  CHECK(comparer.simple() > 4000);  // both verdicts were common
  CHECK(comparer.not_simple() > 4000);
}

TEST_CASE("the scanner agrees with the reference on lines of random tokens", "[jsonl_scan]") {
  Comparer comparer(47);
  std::size_t differing = 0;
  for (int i = 0; i < 40000; ++i) differing += comparer.same(token_soup(comparer.random())) ? 0 : 1;
  CHECK(differing == 0);
  CHECK(comparer.simple() > 1000);
  CHECK(comparer.not_simple() > 1000);
}

TEST_CASE("the scanner agrees with the reference on long lines and many answers", "[jsonl_scan]") {
  Comparer comparer(53);
  std::mt19937_64& random = comparer.random();
  // Records of growing and shrinking size, one SimpleRecord for all: slots kept from the lines before.
  for (std::size_t answers : {0u, 3u, 40u, 5u, 200u, 1u, 2047u, 2048u, 4095u, 4096u, 4097u, 30u, 1000u, 0u}) {
    for (std::size_t list : {0u, 1u, 2u, 40u}) {
      std::string line = R"({"id":"many","answers":{)";
      for (std::size_t i = 0; i < answers; ++i) {
        line += "\"q" + std::to_string(i) + (i % 7 == 0 ? "\":null," : "\":\"" + std::string(i % 40, 'o') + "\",");
      }
      line += "\"l\":[";
      for (std::size_t i = 0; i < list; ++i) line += std::string(i == 0 ? "" : ",") + "\"" + std::string(i, 's') + "\"";
      line += "]}}";
      CAPTURE(answers, list);
      CHECK(comparer.same(line));
      CHECK(comparer.same(changed(line, random)));
      CHECK(comparer.same(spaced(line, random)));
    }
  }
}

TEST_CASE("the scanner agrees with the reference on lines of every length around its steps", "[jsonl_scan]") {
  Comparer comparer(59);
  std::mt19937_64& random = comparer.random();
  const std::string head = R"({"id":")";
  const std::string tails[] = {
      R"(","answers":{"q":"a","l":["x","y"],"n":null}})",
      R"(","answers":{"q":"a", "r" :"b","s":[ "c"]}})",  // white space: the general path after the short one
  };
  // 16- and 64-byte steps, and the longest line whose quote masks stay on the stack (4096 bytes).
  for (std::size_t size : {1u,   2u,    15u,   16u,   17u,   40u,   63u,   64u,   65u,   127u, 128u,
                           129u, 4031u, 4032u, 4033u, 4095u, 4096u, 4097u, 4160u, 4161u, 9000u}) {
    for (const std::string& tail : tails) {
      // A record of exactly `size` bytes when that is long enough: its id fills it up.
      const std::size_t fill = size > head.size() + tail.size() ? size - head.size() - tail.size() : 0;
      const std::string line = head + std::string(fill, 'i') + tail;
      std::string quoted = line;  // a quote more: the strings pair up differently
      quoted[line.size() / 2] = '"';
      CAPTURE(size, tail);
      CHECK(comparer.same(line));
      CHECK(comparer.same(quoted));
      CHECK(comparer.same(line.substr(0, size)));  // cut at `size`
      for (int i = 0; i < 20; ++i) CHECK(comparer.same(changed(line, random)));
    }
  }
}
