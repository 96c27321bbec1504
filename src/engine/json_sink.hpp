#pragma once
// Writing JSON text through a raw pointer: room is made once per section, then bytes are stored
// without a check or a call per piece. The write position is a local `char*` that each put
// function takes and returns, so that the compiler keeps it in a register.
#include <cassert>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace wegwijzer {

/// Room for JSON text in a std::string used as a byte buffer, from a start offset on. `reserve`
/// makes room (growing the buffer rarely) and returns where to write; the put functions below then
/// write without checks, and `commit` takes back the end of what was written. The output is
/// [start, offset()); what lies beyond offset() is room: the owner trims the buffer or copies out.
class JsonSink {
 public:
  /// Bytes that put_padded may store past a reserved region (kept free at the end of the buffer).
  static constexpr std::size_t kSlack = 16;

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

  /// Writes `text` as a JSON string literal (quotes included; makes its own room), escaping `"`,
  /// `\` and controls, writing C1 controls, U+2028-U+202E and U+2066-U+2069 as \u escapes and
  /// replacing invalid UTF-8 with U+FFFD.
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

/// Writes `size` bytes from `text` at `to` in 16-byte blocks, so may store up to JsonSink::kSlack - 1
/// bytes of garbage after them (overwritten later or left as room). `text` must be readable up to
/// `size` rounded up to a multiple of 16.
inline char* put_padded(char* to, const char* text, std::size_t size) {
  for (std::size_t done = 0; done < size; done += 16) std::memcpy(to + done, text + done, 16);
  return to + size;
}

/// put_int beyond its inline fast path.
char* put_int_slow(char* to, long long value);
/// put_number beyond its inline fast path.
char* put_number_slow(char* to, double value);

/// Writes a decimal integer at `to` (kMaxJsonNumber bytes of room); returns the end.
inline char* put_int(char* to, long long value) {
  if (value >= 0 && value < 10) return put(to, static_cast<char>('0' + value));  // most counts and scores
  return put_int_slow(to, value);
}

/// Writes a number at `to` in the machine record's form (kMaxJsonNumber bytes of room): integral
/// values without a fraction, otherwise the shortest form that reads back exactly; non-finite as
/// null, and no "-0". Returns the end.
inline char* put_number(char* to, double value) {
  if (value >= 0 && value < 10) {  // the usual small integral scores (and -0, written as 0)
    const int digit = static_cast<int>(value);
    if (static_cast<double>(digit) == value) return put(to, static_cast<char>('0' + digit));
  }
  return put_number_slow(to, value);
}

}  // namespace wegwijzer
