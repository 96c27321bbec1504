#pragma once
// A strict scanner for the common shape of a JSON Lines answer record, so that `wegwijzer score` can read
// most records without a general JSON parser. It accepts only records whose meaning is plain without
// decoding anything; for every other line it answers "not simple" and the caller uses a full parser.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace wegwijzer {

/// The JSON type of an answer in a simple record.
enum class SimpleValue : std::uint8_t {
  null,    ///< `null`
  string,  ///< a string
  list,    ///< an array of strings (maybe empty)
};

/// One answer of a simple record: spans of the line, which hold no escapes.
struct SimpleAnswer {
  std::string_view key;                   ///< the bytes between the quotes of its key (maybe empty)
  SimpleValue value = SimpleValue::null;  ///< its type
  std::string_view text;                  ///< a string: the bytes between its quotes
  std::uint32_t first = 0;                ///< a list: index of its first string in SimpleRecord::strings
  std::uint32_t count = 0;                ///< a list: how many strings it holds
};

/// What scan_simple_record() found. Meant to be reused record after record: its vectors keep their capacity, and
/// their items are overwritten rather than made anew (so after a line that is not simple they hold leftovers).
struct SimpleRecord {
  bool has_id = false;                    ///< the record has an "id" (a string)
  std::string_view id;                    ///< the bytes between the quotes of the id (maybe empty)
  bool has_answers = false;               ///< the record has an "answers" object
  std::vector<SimpleAnswer> answers;      ///< the fields of "answers", in line order (keys may repeat)
  std::vector<std::string_view> strings;  ///< the strings of all list answers, in line order
  std::size_t quick_taken = 0;            ///< how many answers in front a Quick took (not in `answers`)
  std::size_t quick_cursor = 0;           ///< the Quick's cursor after them
};

/// Most answers plus list strings a simple record holds, which bounds the memory a SimpleRecord keeps.
constexpr std::size_t simple_record_max_strings = 4096;

/// How many bytes past the end of a line scan_simple_record() may read (never taking them for part of the line).
constexpr std::size_t simple_record_padding = 32;

/// Reads `line` if it is a simple record, and returns whether it is. Simple means all of this:
/// - the line is valid JSON, pure ASCII (no byte >= 0x80), without a backslash anywhere and without a
///   control character inside a string; JSON white space (space, tab, CR, LF) may stand between tokens;
/// - it is one object whose keys are "id" (a string) and "answers" (an object), each at most once, in
///   either order, and nothing but white space follows it;
/// - every value in "answers" is a string, an array of strings or null, and there are at most
///   simple_record_max_strings answers and list strings together.
/// Anything else (numbers, true/false, nested values, escapes, non-ASCII, other or repeated top-level keys,
/// invalid JSON) is not simple. On false, `record` holds nothing of use.
/// `line` must be readable for simple_record_padding bytes past its end (batch lines are padded).
bool scan_simple_record(std::string_view line, SimpleRecord& record);

/// A string of a list answer offered to a Quick (see below): the bytes between its quotes. Trivial, so that a
/// buffer of them costs nothing to make.
struct QuickString {
  const char* data;  ///< its first byte
  std::size_t size;  ///< how many

  std::string_view view() const { return std::string_view(data, size); }
};

/// The Quick of scan_simple_record() that takes no answer: the scanner stores them all.
struct NoQuickAnswers {
  static constexpr std::size_t refused = ~std::size_t{0};
  static constexpr std::size_t most_listed = 0;
  std::size_t start() const { return 0; }
  std::size_t limit() const { return 0; }
  std::size_t take_string(std::string_view, std::string_view, std::size_t) const { return refused; }
  std::size_t take_null(std::string_view, std::size_t) const { return refused; }
  std::size_t take_list(std::string_view, const QuickString*, std::size_t, std::size_t) const { return refused; }
};

/// scan_simple_record() that first hands the answers written compactly (`"key":value`, a comma and a quote
/// between them) to `quick`, one by one in line order, as long as it takes them; from the first answer it does
/// not take (or the first one written otherwise) on, the answers are stored in `record` as usual. `quick` has:
///   std::size_t start(), limit()          a cursor to start from; how many answers it may take at most
///   static constexpr std::size_t refused, most_listed   see below; the most strings in a list it is offered
///   std::size_t take_string(std::string_view key, std::string_view text, std::size_t cursor)   "key":"text"
///   std::size_t take_null(std::string_view key, std::size_t cursor)                            "key":null
///   std::size_t take_list(std::string_view key, const QuickString* strings, std::size_t count, std::size_t cursor)
///                                         "key":[...], at most most_listed strings
/// each returning the cursor after the answer it took, or `Quick::refused` (with no effect) when not. Keys and
/// strings are spans of the line as SimpleAnswer holds them. The scanner keeps the cursor and hands each take the
/// one the previous returned; record.quick_taken and record.quick_cursor tell how many were taken and the cursor
/// after them. The answers taken count toward simple_record_max_strings. On false (the line is not simple)
/// `quick` may have taken answers: the caller undoes them.
/// Instantiated for NoQuickAnswers and the batch scorer's QuickAnswers.
template <typename Quick>
bool scan_simple_record(std::string_view line, SimpleRecord& record, const Quick& quick);

}  // namespace wegwijzer
