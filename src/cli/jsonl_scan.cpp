// The strict scanner for simple JSON Lines records: one pass over the line, a token at a time, strings 16
// bytes at a time.
#include "wegwijzer/jsonl_scan.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wegwijzer {

namespace {

#if defined(__SSE2__)

/// Bits 0 to 15: which of the 16 bytes at `at` stop a simple string: a quote, a backslash, a control
/// character or a byte of a non-ASCII character (negative as a signed char).
inline unsigned string_stops(const char* at) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
  const __m128i below_space = _mm_cmplt_epi8(bytes, _mm_set1_epi8(' '));  // signed: also bytes >= 0x80
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), below_space)));
}

#else

/// 16 bytes, compared all at once (GCC and Clang vector extensions, e.g. NEON on ARM).
using Bytes16 = signed char __attribute__((vector_size(16)));

/// string_stops() without SSE2: one bit per byte, gathered from the 16 compared lanes.
inline unsigned string_stops(const char* at) {
  Bytes16 bytes;
  std::memcpy(&bytes, at, sizeof bytes);
  const Bytes16 stops = (bytes == '"') | (bytes == '\\') | (bytes < ' ');
  unsigned marks = 0;
  for (unsigned i = 0; i < 16; ++i) marks |= (stops[i] != 0 ? 1u : 0u) << i;
  return marks;
}

#endif

/// Whether `c` is JSON white space.
inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// One scan of one line into a SimpleRecord. Every step returns false as soon as the line is not simple.
class Scanner {
 public:
  Scanner(std::string_view line, SimpleRecord& record)
      : at_(line.data()), end_(line.data() + line.size()), record_(record) {}

  /// The whole record: `{`, its fields, `}`, then only white space.
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
  /// Moves past white space.
  void skip_space() {
    while (at_ < end_ && is_json_space(*at_)) ++at_;
  }

  /// Moves past white space and then `c`, if `c` is next.
  bool take(char c) {
    if (at_ < end_ && *at_ == c) {  // compact JSON: no white space
      ++at_;
      return true;
    }
    skip_space();
    if (at_ >= end_ || *at_ != c) return false;
    ++at_;
    return true;
  }

  /// Reads the rest of a string whose opening quote was taken: `text` is what stands between the quotes.
  bool string_rest(std::string_view& text) {
    const char* chunk = at_;
    unsigned stops = 0;
    for (;; chunk += 16) {  // reads at most 15 bytes past the end
      if (chunk >= end_) return false;
      stops = string_stops(chunk);
      if (stops != 0) break;
    }
    const char* stop = chunk + __builtin_ctz(stops);
    if (stop >= end_ || *stop != '"') return false;
    text = std::string_view(at_, static_cast<std::size_t>(stop - at_));
    at_ = stop + 1;
    return true;
  }

  /// Reads a string, after white space.
  bool string(std::string_view& text) { return take('"') && string_rest(text); }

  /// Reads a key and its colon.
  bool key(std::string_view& text) { return string(text) && take(':'); }

  /// Reads one field of the record: "id" or "answers", each at most once.
  bool top_field() {
    std::string_view name;
    if (!key(name)) return false;
    if (name == "id" && !record_.has_id) {
      record_.has_id = true;
      return string(record_.id);
    }
    if (name == "answers" && !record_.has_answers) {
      record_.has_answers = true;
      return take('{') && answers_rest();
    }
    return false;
  }

  /// Whether one more answer or list string fits in the SimpleRecord; counts it.
  bool room() {
    if (room_ == 0) return false;
    --room_;
    return true;
  }

  /// Whether the next two bytes are `first` and `second` (compact JSON: no white space between them).
  bool next_are(char first, char second) const { return end_ - at_ >= 2 && at_[0] == first && at_[1] == second; }

  /// Reads the rest of the "answers" object, whose `{` was taken.
  bool answers_rest() {
    if (take('}')) return true;
    do {
      if (!answer()) return false;
    } while (take(','));
    return take('}');
  }

  /// Reads one answer: a key, then a string, a list of strings or null.
  bool answer() {
    if (!room()) return false;
    SimpleAnswer& answer = record_.answers.emplace_back();
    if (!string(answer.key)) return false;
    if (next_are(':', '"')) {  // the common answer, written compactly: "key":"value"
      at_ += 2;
      answer.value = SimpleValue::string;
      return string_rest(answer.text);
    }
    if (!take(':')) return false;
    skip_space();
    if (at_ >= end_) return false;
    switch (*at_) {
      case '"':
        ++at_;
        answer.value = SimpleValue::string;
        return string_rest(answer.text);
      case '[':
        ++at_;
        answer.value = SimpleValue::list;
        return list_rest(answer);
      case 'n':
        if (end_ - at_ < 4 || std::memcmp(at_, "null", 4) != 0) return false;
        at_ += 4;
        answer.value = SimpleValue::null;
        return true;
      default: return false;
    }
  }

  /// Reads the rest of a list of strings, whose `[` was taken, into `answer`.
  bool list_rest(SimpleAnswer& answer) {
    const std::size_t first = record_.strings.size();
    if (!take(']')) {
      do {
        if (!room() || !string(record_.strings.emplace_back())) return false;
      } while (take(','));
      if (!take(']')) return false;
    }
    answer.first = static_cast<std::uint32_t>(first);
    answer.count = static_cast<std::uint32_t>(record_.strings.size() - first);
    return true;
  }

  const char* at_;         ///< the next byte to read
  const char* const end_;  ///< the end of the line
  SimpleRecord& record_;
  std::size_t room_ = simple_record_max_strings;  ///< answers and list strings that still fit
};

}  // namespace

bool scan_simple_record(std::string_view line, SimpleRecord& record) {
  record.has_id = false;
  record.id = {};
  record.has_answers = false;
  record.answers.clear();
  record.strings.clear();
  return Scanner(line, record).record();
}

}  // namespace wegwijzer
