// JSON text through a raw pointer: strings (escaped, UTF-8 checked) and numbers.
#include "json_sink.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "wegwijzer/support/sanitize.hpp"
#include "wegwijzer/support/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wegwijzer {
namespace {

/// Bytes the buffer grows by at least, so that small reserves do not resize one by one.
constexpr std::size_t kGrowStep = 64;

constexpr char kHex[] = "0123456789abcdef";

/// Bytes copied into a JSON string as they are: ASCII that need not be escaped (must_escape_in_json:
/// not C0 or DEL) other than '"' and '\\'. The block checks below (unplain_bytes, plain_word) test
/// the same set: below 0x20, DEL, '"', '\\' and every byte from 0x80 on.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0; c < 0x80; ++c) {
      plain[c] = !must_escape_in_json(static_cast<std::uint32_t>(c)) && c != '"' && c != '\\';
    }
  }
  constexpr bool operator[](char c) const { return plain[static_cast<unsigned char>(c)]; }
};
constexpr PlainBytes kPlain;

/// The escape of an ASCII byte that is not plain, into `to` (6 bytes of room); returns its length.
std::size_t ascii_escape(unsigned char c, char* to) {
  char short_form = 0;
  switch (c) {
    case '"': short_form = '"'; break;
    case '\\': short_form = '\\'; break;
    case '\n': short_form = 'n'; break;
    case '\r': short_form = 'r'; break;
    case '\t': short_form = 't'; break;
    case '\b': short_form = 'b'; break;
    case '\f': short_form = 'f'; break;
    default: break;
  }
  to[0] = '\\';
  if (short_form != 0) {
    to[1] = short_form;
    return 2;
  }
  const char escape[5] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0x0F]};
  std::memcpy(to + 1, escape, sizeof escape);
  return 6;
}

/// Writes '.' and the thousandths `fraction` (1-999) without trailing zeros; returns the end.
char* put_fraction(char* to, unsigned fraction) {
  to[0] = '.';
  to[1] = static_cast<char>('0' + fraction / 100);
  if (fraction % 100 == 0) return to + 2;  // .5
  to[2] = static_cast<char>('0' + fraction / 10 % 10);
  if (fraction % 10 == 0) return to + 3;  // .25
  to[3] = static_cast<char>('0' + fraction % 10);
  return to + 4;  // .125
}

/// The text of `quarters` / 4 (|quarters| < kQuarterLimit): "-", the whole part, and ".25", ".5" or ".75".
constexpr ShortNumber quarter_text(int quarters) {
  ShortNumber number{};
  unsigned char size = 0;
  if (quarters < 0) number.text[size++] = '-';
  const int magnitude = quarters < 0 ? -quarters : quarters;
  const int whole = magnitude / 4;
  if (whole >= 100) number.text[size++] = static_cast<char>('0' + whole / 100);
  if (whole >= 10) number.text[size++] = static_cast<char>('0' + whole / 10 % 10);
  number.text[size++] = static_cast<char>('0' + whole % 10);
  const char* fraction = magnitude % 4 == 1 ? ".25" : magnitude % 4 == 2 ? ".5" : magnitude % 4 == 3 ? ".75" : "";
  for (; *fraction != '\0'; ++fraction) number.text[size++] = *fraction;
  number.size = size;
  return number;
}

constexpr QuarterTexts make_quarter_texts() {
  QuarterTexts texts{};
  for (int k = 1 - kQuarterLimit; k < kQuarterLimit; ++k) texts.items[k + kQuarterLimit - 1] = quarter_text(k);
  return texts;
}

#if defined(__SSE2__)
/// One bit per byte of `block` that is not plain (see kPlain).
int unplain_bytes(__m128i block) {
  const __m128i below_space = _mm_cmplt_epi8(block, _mm_set1_epi8(0x20));  // signed: 0x80-0xFF too
  const __m128i del = _mm_cmpeq_epi8(block, _mm_set1_epi8(0x7F));
  const __m128i quote = _mm_cmpeq_epi8(block, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(below_space, del), _mm_or_si128(quote, backslash)));
}

/// True when the 8 to 16 bytes at `data` are plain: two overlapping 8-byte loads in one block.
bool plain_short(const char* data, std::size_t size) {
  const __m128i head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(data));
  const __m128i end = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(data + size - 8));
  return unplain_bytes(_mm_unpacklo_epi64(head, end)) == 0;
}

/// True when the 16 or more bytes at `data` are plain, 16 at a time (the last block may overlap).
bool plain_long(const char* data, std::size_t size) {
  for (std::size_t i = 0; i + 16 < size; i += 16) {
    if (unplain_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i))) != 0) return false;
  }
  return unplain_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + size - 16))) == 0;
}
#else
/// A byte repeated in all eight bytes of a word.
constexpr std::uint64_t repeated(unsigned char byte) { return 0x0101010101010101ull * byte; }

/// The high bit of each byte of `word` that is zero, and perhaps of bytes above one that is: not
/// zero exactly when a byte is zero.
constexpr std::uint64_t zero_bytes(std::uint64_t word) { return (word - repeated(0x01)) & ~word & repeated(0x80); }

/// True when every byte of `word` is plain (see kPlain): none is 0x80 or above, below 0x20, DEL,
/// '"' or '\\'.
constexpr bool plain_word(std::uint64_t word) {
  const std::uint64_t high = word & repeated(0x80);
  const std::uint64_t control = (word - repeated(0x20)) & ~word & repeated(0x80);  // (like zero_bytes)
  const std::uint64_t special =
      zero_bytes(word ^ repeated(0x7F)) | zero_bytes(word ^ repeated('"')) | zero_bytes(word ^ repeated('\\'));
  return (high | control | special) == 0;
}

/// The eight bytes at `data` as a word.
std::uint64_t load_word(const char* data) {
  std::uint64_t word = 0;
  std::memcpy(&word, data, sizeof word);
  return word;
}

/// True when the 8 to 16 bytes at `data` are plain: two overlapping words.
bool plain_short(const char* data, std::size_t size) {
  return plain_word(load_word(data)) && plain_word(load_word(data + size - 8));
}

/// True when the 16 or more bytes at `data` are plain, a word at a time (the last may overlap).
bool plain_long(const char* data, std::size_t size) {
  for (std::size_t i = 0; i + 8 < size; i += 8) {
    if (!plain_word(load_word(data + i))) return false;
  }
  return plain_word(load_word(data + size - 8));
}
#endif

}  // namespace

bool is_plain_json_text(std::string_view text) {
  const char* data = text.data();
  const std::size_t size = text.size();
  if (size >= 8) return size <= 16 ? plain_short(data, size) : plain_long(data, size);
  for (std::size_t i = 0; i < size; ++i) {
    if (!kPlain[data[i]]) return false;
  }
  return true;
}

const QuarterTexts kQuarterTexts = make_quarter_texts();

void JsonSink::point_into_buffer(std::size_t offset) {
  char* data = &buffer_[0];
  pos_ = data + offset;
  end_ = data + std::max(buffer_.size(), offset + kSlack) - kSlack;
}

void JsonSink::grow(std::size_t size) {
  const std::size_t at = offset();
  buffer_.resize(at + std::max(size, kGrowStep) + kSlack);
  point_into_buffer(at);
}

char* put_int_slow(char* to, long long value) { return std::to_chars(to, to + kMaxJsonNumber, value).ptr; }

char* put_number_slow(char* to, double value) {
  if (!std::isfinite(value)) return put(to, "null");
  if (value == 0) value = 0;  // no "-0"
  if (value > -1e15 && value < 1e15) {
    const auto whole = static_cast<long long>(value);
    if (static_cast<double>(whole) == value) return put_int(to, whole);  // the common integral scores
  }
  // Fast path for the usual scores with up to three decimals (1.5, -0.25): when thousandths / 1000
  // is exactly `value`, that decimal reads back exactly and is the shortest form, as to_chars'.
  if (value >= -1e9 && value <= 1e9 && (value >= 0.001 || value <= -0.001)) {
    const double scaled = value * 1000;
    const auto thousandths = static_cast<long long>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    if (static_cast<double>(thousandths) / 1000 == value) {
      const unsigned long long magnitude =
          static_cast<unsigned long long>(thousandths < 0 ? -thousandths : thousandths);
      if (thousandths < 0) to = put(to, '-');
      to = put_int(to, static_cast<long long>(magnitude / 1000));
      return put_fraction(to, static_cast<unsigned>(magnitude % 1000));
    }
  }
  return std::to_chars(to, to + kMaxJsonNumber, value).ptr;
}

void JsonSink::put_json_string(std::string_view text) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size && kPlain[data[i]]) ++i;
  if (i == size) {  // nothing to escape (ids, codes): one copy
    char* to = reserve(size + 2);
    to = put(to, '"');
    to = put(to, text);
    commit(put(to, '"'));
    return;
  }
  char* to = reserve(i + 1);
  to = put(to, '"');
  commit(put(to, text.substr(0, i)));
  put_escaped(text, i);
  commit(put(reserve(1), '"'));
}

void JsonSink::put_escaped(std::string_view text, std::size_t i) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t run_start = i;  // start of a run of bytes copied unchanged
  // Copies the run before `i` and returns where to write one escape (at most 6 bytes) after it.
  auto flush_run = [&] {
    char* to = reserve(i - run_start + 6);
    return put(to, std::string_view(data + run_start, i - run_start));
  };
  for (;;) {
    while (i < size && kPlain[data[i]]) ++i;  // ASCII fast path
    if (i == size) break;
    const auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0x80) {
      std::uint32_t cp = 0;
      const std::size_t len = decode_utf8(text, i, cp);
      if (len != 0 && !must_escape_in_json(cp)) {
        i += len;  // valid UTF-8 stays in the run
        continue;
      }
      char* to = flush_run();
      if (len != 0) {  // C1 control, bidi control or line separator (all below U+FFFF): \u escape, lossless, inert
        const char escape[6] = {
            '\\', 'u', kHex[(cp >> 12) & 0x0F], kHex[(cp >> 8) & 0x0F], kHex[(cp >> 4) & 0x0F], kHex[cp & 0x0F]};
        commit(put(to, std::string_view(escape, sizeof escape)));
        run_start = i += len;
        continue;
      }
      commit(put(to, "\xEF\xBF\xBD"));  // U+FFFD for an invalid byte
      run_start = ++i;
      continue;
    }
    char* to = flush_run();
    commit(to + ascii_escape(c, to));
    run_start = ++i;
  }
  commit(put(reserve(i - run_start), std::string_view(data + run_start, i - run_start)));
}

}  // namespace wegwijzer
