#pragma once
// Writing JSON text through a raw pointer: room is made once (per record for ResultJsonWriter, per
// string for JsonSink), then bytes are stored without a check or a call per piece. The write position
// is a local `char*` that each put function takes and returns, so that the compiler keeps it in a
// register. Prepared pieces are copied in 16-byte blocks, short numbers from a prepared table.
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wegwijzer {

/// Room for JSON text in a std::string used as a byte buffer, from a start offset on. `reserve`
/// makes room (growing the buffer rarely) and returns where to write; the put functions below then
/// write without checks, and `commit` takes back the end of what was written. The output is
/// [start, offset()); what lies beyond offset() is room: the owner trims the buffer or copies out.
class JsonSink {
 public:
  /// Bytes kept free at the end of the buffer, past any reserved region: enough for put_padded's
  /// stores past the end of what it writes (kPadding, checked below).
  static constexpr std::size_t kSlack = 32;

  /// Writes into `buffer` from byte `start` (<= buffer.size()); the bytes after it are free room.
  JsonSink(std::string& buffer, std::size_t start) : buffer_(buffer) { point_into_buffer(start); }

  /// Offset in the buffer of the next byte to write.
  std::size_t offset() const { return static_cast<std::size_t>(pos_ - buffer_.data()); }

  /// Makes room for `size` more bytes and returns where to write them; pass the end to commit().
  char* reserve(std::size_t size) {
    if (static_cast<std::size_t>(end_ - pos_) < size) grow(size);
    return pos_;
  }
  /// Ends a write begun with reserve(): `end` is just past the last byte written.
  void commit(char* end) {
    assert(end >= pos_ && end <= end_ && "written past the room reserved");
    pos_ = end;
  }

  /// Writes `text` as a JSON string literal (quotes included; makes its own room), escaping `"` and
  /// `\`, writing every code point that must_escape_in_json (C0, DEL, C1, bidi controls,
  /// U+2028-U+2029; wegwijzer/support/sanitize.hpp) as an escape (\n, \t, ... or \uXXXX) and
  /// replacing invalid UTF-8 with U+FFFD. The only JSON string writer of the tool.
  void put_json_string(std::string_view text);

 private:
  /// Grows the buffer so that `size` bytes, and kSlack after them, fit from the write position on.
  void grow(std::size_t size);
  /// Writes the escaped middle of a string literal from `i` on; `text[i]` needs escaping.
  void put_escaped(std::string_view text, std::size_t i);
  /// Points pos_ at `offset` and end_ kSlack bytes before the buffer's end.
  void point_into_buffer(std::size_t offset);

  std::string& buffer_;
  char* pos_ = nullptr;  ///< next byte to write
  char* end_ = nullptr;  ///< end of the room (kSlack bytes before the buffer's end)
};

/// Most bytes put_int and put_number write.
constexpr std::size_t kMaxJsonNumber = 32;

/// Writes one byte at `to`; returns the end.
inline char* put(char* to, char c) {
  *to = c;
  return to + 1;
}

/// Writes a string literal (without its terminating NUL) at `to`: a copy of known size, inlined.
template <std::size_t N>
char* put(char* to, const char (&literal)[N]) {
  std::memcpy(to, literal, N - 1);
  return to + N - 1;
}

/// Writes `text` at `to` as it is; returns the end.
inline char* put(char* to, std::string_view text) {
  if (!text.empty()) std::memcpy(to, text.data(), text.size());
  return to + text.size();
}

/// Writes `size` bytes from `text` at `to`, inline for 8 to 16 bytes (record ids); returns the end.
inline char* put_text(char* to, const char* text, std::size_t size) {
  if (size >= 8 && size <= 16) {  // two overlapping 8-byte copies
    std::memcpy(to, text, 8);
    std::memcpy(to + size - 8, text + size - 8, 8);
  } else if (size != 0) {
    std::memcpy(to, text, size);
  }
  return to + size;
}

/// True when `text` can be written as a JSON string literal as it is: printable ASCII other than
/// `"` and `\` (checked eight bytes at a time).
bool is_plain_json_text(std::string_view text);

/// Bytes that put_padded may read past a piece and store past the end of what it writes.
constexpr std::size_t kPadding = 32;
static_assert(JsonSink::kSlack >= kPadding, "the room past a JsonSink region must hold put_padded's extra stores");

/// Copies one 16-byte block.
inline void copy_block(char* to, const char* from) { std::memcpy(to, from, 16); }

/// Writes `size` bytes from `text` at `to` in 16-byte blocks, at least two, so may store up to
/// kPadding bytes of garbage after them (overwritten later or left as room). `text` must be
/// readable up to `size` rounded up to a multiple of 16, and at least kPadding bytes.
inline char* put_padded(char* to, const char* text, std::size_t size) {
  copy_block(to, text);  // most pieces fit in two blocks: no loop
  copy_block(to + 16, text + 16);
  for (std::size_t done = 32; done < size; done += 16) copy_block(to + done, text + done);
  return to + size;
}

/// A number of at most seven characters, stored with its length so that it is written with one
/// 8-byte copy.
struct ShortNumber {
  char text[7];
  unsigned char size;
};
static_assert(sizeof(ShortNumber) == 8, "a short number is written as one 8-byte copy");

/// The quarters k / 4 for -kQuarterLimit < k < kQuarterLimit have a prepared text: the usual scores,
/// margins, effects and counts (8, 3.5, -0.25, 12).
constexpr int kQuarterLimit = 512;

/// The prepared texts of k / 4, at k + kQuarterLimit - 1: integral values without a fraction, the others
/// with their shortest decimals (".25", ".5", ".75"), as put_number writes them.
struct QuarterTexts {
  ShortNumber items[2 * kQuarterLimit - 1];
};
/// The prepared quarters (built at compile time).
extern const QuarterTexts kQuarterTexts;

/// Writes a prepared short number at `to` (8 bytes of room; the bytes after its text are garbage).
inline char* put_short(char* to, const ShortNumber& number) {
  std::memcpy(to, &number, sizeof number);
  return to + number.size;
}

/// put_int beyond its inline fast path.
char* put_int_slow(char* to, long long value);
/// put_number beyond its inline fast path.
char* put_number_slow(char* to, double value);

/// Writes a decimal integer at `to` (kMaxJsonNumber bytes of room); returns the end.
inline char* put_int(char* to, long long value) {
  constexpr long long kLimit = kQuarterLimit / 4;
  if (value > -kLimit && value < kLimit) return put_short(to, kQuarterTexts.items[value * 4 + kQuarterLimit - 1]);
  return put_int_slow(to, value);
}

/// Writes a number at `to` in the machine record's form (kMaxJsonNumber bytes of room): integral
/// values without a fraction, otherwise the shortest form that reads back exactly; non-finite as
/// null, and no "-0". Returns the end.
inline char* put_number(char* to, double value) {
  const double quarters = value * 4;  // exact: a power of two
#if defined(__SSE2__)
  const int whole = _mm_cvttsd_si32(_mm_set_sd(quarters));  // INT_MIN when out of range or NaN
#else
  if (!(std::fabs(quarters) < kQuarterLimit)) return put_number_slow(to, value);  // (NaN too)
  const int whole = static_cast<int>(quarters);
#endif
  const auto index = static_cast<unsigned>(whole) + unsigned{kQuarterLimit - 1};
  if (static_cast<double>(whole) == quarters && index < unsigned{2 * kQuarterLimit - 1}) {
    return put_short(to, kQuarterTexts.items[index]);
  }
  return put_number_slow(to, value);
}

}  // namespace wegwijzer
