// The strict scanner for simple JSON Lines records, in two steps. First a pass over the whole line, 64 bytes at a
// time, tells whether it holds a backslash or a non-ASCII byte (never simple) or a control character, and where
// its quotes are. In a line of printable ASCII the quotes pair up exactly, so the second step, the grammar, gets
// each string's end by taking the next bit of the quote masks, and reads only the few bytes between strings; most
// answers take a short loop of their own (compact_answers()). The masks break the chain from one string's end to
// the next string's search, which made the token-at-a-time scan slow. Lines with control characters (white space
// or not simple) and very long lines find each string's end 16 bytes at a time from its start instead.
//
// The batch scorer hands the scanner a Quick (QuickAnswers) that sets the answers in front of the record as they
// are read (quick_answers()), so the common answer is never stored; from the first answer it does not take on, the
// scanner stores answers as before.
#include "wegwijzer/batch/jsonl_scan.hpp"

#include <cstring>
#include <type_traits>

#include "batch_id_index.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wegwijzer {

namespace {

/// What the bytes of a line hold, as far as a simple record cares.
enum class LineBytes : std::uint8_t {
  plain,     ///< only printable ASCII: a string ends at the next quote
  controls,  ///< control characters too: white space between tokens, or not simple
  never,     ///< a backslash or a non-ASCII byte: never simple
};

#if defined(__SSE2__)

/// 16 bytes of a line.
inline __m128i load16(const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }

/// Bits 0 to 15: which of the 16 bytes at `at` are quotes.
inline unsigned quote_bits(const char* at) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(load16(at), _mm_set1_epi8('"'))));
}

/// Bits 0 to 15: which of the 16 bytes at `at` stop a simple string: a quote, a backslash, a control
/// character or a byte of a non-ASCII character (negative as a signed char).
inline unsigned string_stops(const char* at) {
  const __m128i bytes = load16(at);
  const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
  const __m128i below_space = _mm_cmplt_epi8(bytes, _mm_set1_epi8(' '));  // signed: also bytes >= 0x80
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), below_space)));
}

/// What a run of 16-byte chunks holds.
class ChunkSummary {
 public:
  /// Takes in the 16 bytes at `at`.
  void add(const char* at) { add(load16(at)); }

  /// Takes in 16 bytes.
  void add(__m128i bytes) {
    never_ = _mm_or_si128(never_, _mm_or_si128(bytes, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
    least_ = _mm_min_epu8(least_, bytes);
  }

  /// Whether a chunk held a backslash or a non-ASCII byte.
  bool never() const { return _mm_movemask_epi8(never_) != 0; }

  /// What the chunks held.
  LineBytes bytes() const {
    if (never()) return LineBytes::never;
    const __m128i floor = _mm_set1_epi8(0x1f);  // the least byte, unsigned, is at most this: a control character
    return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(least_, floor), floor)) != 0 ? LineBytes::controls
                                                                                      : LineBytes::plain;
  }

 private:
  __m128i never_ = _mm_setzero_si128();  ///< top bit of a lane: a backslash or a non-ASCII byte
  __m128i least_ = _mm_set1_epi8(0x7f);  ///< the least byte of each lane, unsigned
};

/// What the `size` bytes at `at` hold: 64 at a time, then 16 at a time, the last 16 overlapping.
inline LineBytes line_bytes(const char* at, std::size_t size) {
  char copy[16];
  if (size < 16) {  // a copy, filled up with spaces, rather than bytes past the line
    std::memset(copy, ' ', sizeof copy);
    std::memcpy(copy, at, size);
    at = copy;
    size = sizeof copy;
  }
  ChunkSummary summary;
  const char* chunk = at;
  for (; size - static_cast<std::size_t>(chunk - at) >= 64; chunk += 64) {
    summary.add(chunk);
    summary.add(chunk + 16);
    summary.add(chunk + 32);
    summary.add(chunk + 48);
  }
  const char* const last = at + size - 16;
  for (; chunk < last; chunk += 16) summary.add(chunk);
  summary.add(last);
  return summary.bytes();
}

/// The quotes of the 64 bytes at `at` (bit i: byte i), taking the bytes into `summary`.
inline std::uint64_t block_quotes(const char* at, ChunkSummary& summary) {
  const __m128i quote = _mm_set1_epi8('"');
  std::uint64_t quotes = 0;
  for (int part = 0; part < 4; ++part) {
    const __m128i bytes = load16(at + 16 * part);
    summary.add(bytes);
    const auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote)));
    quotes |= static_cast<std::uint64_t>(bits) << (16 * part);
  }
  return quotes;
}

/// What the `size` bytes at `at` hold, and where their quotes are: masks[i] bit j for byte 64 * i + j.
inline LineBytes quote_masks(const char* at, std::size_t size, std::uint64_t* masks) {
  ChunkSummary summary;
  const std::size_t blocks = size / 64;
  for (std::size_t i = 0; i < blocks; ++i) masks[i] = block_quotes(at + 64 * i, summary);
  const std::size_t rest = size % 64;
  if (rest != 0 && blocks != 0) {  // the 64 bytes that end the line, their first bits (seen already) dropped
    masks[blocks] = block_quotes(at + size - 64, summary) >> (64 - rest);
  } else if (rest != 0) {  // a line shorter than 64 bytes: a copy, filled up with spaces, rather than bytes past it
    char copy[64];
    std::memset(copy, ' ', sizeof copy);
    std::memcpy(copy, at, rest);
    masks[0] = block_quotes(copy, summary);
  }
  return summary.bytes();
}

#else

/// 16 bytes, compared all at once (GCC and Clang vector extensions, e.g. NEON on ARM).
using Bytes16 = signed char __attribute__((vector_size(16)));

/// One bit per lane of `lanes` (0 or -1 each).
inline unsigned lane_bits(Bytes16 lanes) {
  unsigned marks = 0;
  for (unsigned i = 0; i < 16; ++i) marks |= (lanes[i] != 0 ? 1u : 0u) << i;
  return marks;
}

/// quote_bits() without SSE2.
inline unsigned quote_bits(const char* at) {
  Bytes16 bytes;
  std::memcpy(&bytes, at, sizeof bytes);
  return lane_bits(bytes == '"');
}

/// string_stops() without SSE2.
inline unsigned string_stops(const char* at) {
  Bytes16 bytes;
  std::memcpy(&bytes, at, sizeof bytes);
  return lane_bits((bytes == '"') | (bytes == '\\') | (bytes < ' '));
}

/// line_bytes() without SSE2, a byte at a time.
inline LineBytes line_bytes(const char* at, std::size_t size) {
  bool controls = false;
  for (std::size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(at[i]);
    if (byte == '\\' || byte >= 0x80) return LineBytes::never;
    controls |= byte < 0x20;
  }
  return controls ? LineBytes::controls : LineBytes::plain;
}

/// quote_masks() without SSE2, a byte at a time.
inline LineBytes quote_masks(const char* at, std::size_t size, std::uint64_t* masks) {
  for (std::size_t i = 0; i < (size + 63) / 64; ++i) masks[i] = 0;
  for (std::size_t i = 0; i < size; ++i) masks[i / 64] |= static_cast<std::uint64_t>(at[i] == '"') << (i % 64);
  return line_bytes(at, size);
}

#endif

/// The closing quote of a string whose text starts at `text` (at most 2 bytes past `end`), or nullptr if the line
/// ends first or (unless the line is `plain`) a byte that may not stand in a simple string comes first. Reads at
/// most 18 bytes past `end`.
template <bool plain>
inline const char* closing_quote(const char* text, const char* end) {
  const char* chunk = text;
  std::uint64_t stops = plain ? quote_bits(chunk) : string_stops(chunk);
  while (stops == 0) {  // a string of 16 bytes or more
    chunk += 16;
    if (chunk >= end) return nullptr;
    stops = plain ? quote_bits(chunk) : string_stops(chunk);
  }
  const char* const stop = chunk + __builtin_ctzll(stops);
  return stop < end && (plain || *stop == '"') ? stop : nullptr;
}

/// The longest line whose quote masks scan_simple_record() keeps on the stack (longer ones take WindowFinder).
constexpr std::size_t max_masked_line = 4096;

/// Finds the ends of strings 16 bytes at a time from their start (see closing_quote()).
template <bool plain>
class WindowFinder {
 public:
  explicit WindowFinder(const char* end) : end_(end) {}

  /// The closing quote of the string whose opening quote is the one just before `text`, or nullptr.
  const char* close(const char* text) const { return closing_quote<plain>(text, end_); }

  /// Nothing to do: the finder keeps no place.
  void rewind(const char*) {}

 private:
  const char* end_;
};

/// Hands out the quotes of a plain line in order, from its quote masks (quote_masks()): the opening quote of a
/// string is always the next quote not handed out yet, and the quote after it closes the string.
class QuoteCursor {
 public:
  /// `count` masks of the line starting at `line`.
  QuoteCursor(const char* line, const std::uint64_t* masks, std::size_t count)
      : line_(line),
        masks_(masks),
        end_mask_(masks + count),
        next_mask_(count != 0 ? masks + 1 : masks),
        base_(line),
        quotes_(count != 0 ? masks[0] : 0) {}

  /// The closing quote of the string whose opening quote is the next quote, or nullptr.
  const char* close(const char*) {
    const std::uint64_t rest = quotes_ & (quotes_ - 1);  // without the opening quote
    if (rest == 0) return close_later();
    quotes_ = rest & (rest - 1);
    return base_ + __builtin_ctzll(rest);
  }

  /// Goes back so that the quote at `quote` (one handed out already, or a place past the line) is the next quote.
  void rewind(const char* quote) {
    const auto at = static_cast<std::size_t>(quote - line_);
    if (at / 64 >= static_cast<std::size_t>(end_mask_ - masks_)) {  // past the line: no quote is left
      next_mask_ = end_mask_;
      quotes_ = 0;
      return;
    }
    next_mask_ = masks_ + at / 64 + 1;
    base_ = line_ + at / 64 * 64;
    quotes_ = masks_[at / 64] & (~std::uint64_t{0} << (at % 64));
  }

 private:
  /// close() when the opening or the closing quote is in a later mask.
  const char* close_later() {
    if (quotes_ == 0 && !load()) return nullptr;
    quotes_ &= quotes_ - 1;  // the opening quote
    if (quotes_ == 0 && !load()) return nullptr;
    const char* const quote = base_ + __builtin_ctzll(quotes_);
    quotes_ &= quotes_ - 1;
    return quote;
  }

  /// Moves to the next mask that holds a quote; false if none does.
  bool load() {
    while (next_mask_ != end_mask_) {
      quotes_ = *next_mask_++;
      base_ += 64;
      if (quotes_ != 0) return true;
    }
    return false;
  }

  const char* line_;                ///< the start of the line
  const std::uint64_t* masks_;      ///< the line's quote masks
  const std::uint64_t* end_mask_;   ///< the end of the masks
  const std::uint64_t* next_mask_;  ///< the next mask to load
  const char* base_;                ///< where the bits of quotes_ start in the line
  std::uint64_t quotes_;            ///< the quotes of the current mask not handed out yet
};

/// Whether `c` is JSON white space.
inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Makes room for a few more items in `items`, whose items are all in use; returns where they now are.
template <typename T>
[[gnu::noinline]] T* grow_items(std::vector<T>& items) {
  items.resize(items.size() + 4);  // a few: the vector's new items are zero-filled, most records grow little
  return items.data();
}

/// Whether the two bytes at `at` are `first` and `second`.
inline bool pair_at(const char* at, char first, char second) {
  std::uint16_t pair;
  std::memcpy(&pair, at, sizeof pair);
  const char wanted[2] = {first, second};
  std::uint16_t wanted_pair;
  std::memcpy(&wanted_pair, wanted, sizeof wanted_pair);
  return pair == wanted_pair;
}

/// Room for the items of one vector of a SimpleRecord, reused record after record. The vector keeps the size the
/// previous record left it: its items are overwritten rather than made anew (no zero-filling, no check of the
/// capacity per item), it grows only past that, and finish() cuts it to the items this record used.
template <typename T>
class Slots {
 public:
  explicit Slots(std::vector<T>& items) : items_(&items), data_(items.data()), size_(items.size()) {}

  /// How many items this record holds so far.
  std::size_t used() const { return used_; }

  /// Whether there is a slot for one more item without growing.
  bool free() const { return used_ != size_; }

  /// The next slot, which must be free().
  T& take() { return data_[used_++]; }

  /// Gives back the slots taken after the first `used`.
  void cut(std::size_t used) { used_ = used; }

  /// The first free slot.
  T* first_free() const { return data_ + used_; }

  /// The end of the free slots.
  T* end_free() const { return data_ + size_; }

  /// Takes the slots up to `next` (at most end_free()).
  void take_up_to(T* next) { used_ = static_cast<std::size_t>(next - data_); }

  /// Makes a few more slots free.
  void grow() {
    data_ = grow_items(*items_);
    size_ = items_->size();
  }

  /// Cuts the vector to the items used.
  void finish() { items_->resize(used_); }

 private:
  std::vector<T>* items_;  ///< the vector
  T* data_;                ///< the vector's items
  std::size_t size_;       ///< how many the vector holds
  std::size_t used_ = 0;   ///< how many this record uses
};

/// One scan of one line into a SimpleRecord. Every step returns false as soon as the line is not simple. The
/// `Finder` (WindowFinder or QuoteCursor) finds where strings end; the answers in front are offered to `Quick`
/// first (see scan_simple_record()).
template <typename Finder, typename Quick>
class Scanner {
 public:
  Scanner(std::string_view line, SimpleRecord& record, Finder finder, const Quick& quick)
      : at_(line.data()),
        end_(line.data() + line.size()),
        finder_(finder),
        record_(record),
        answers_(record.answers),
        strings_(record.strings),
        quick_(quick) {}

  /// The whole record: `{`, its fields, `}`, then only white space.
  bool record() {
    if (!take('{')) return false;
    if (next_is('"') || !take('}')) {  // a field first: the usual record
      do {
        if (!top_field()) return false;
      } while (take(','));
      if (!take('}')) return false;
    }
    skip_space();
    if (at_ != end_ || answers_.used() + strings_.used() + quick_items_ > simple_record_max_strings) return false;
    answers_.finish();
    strings_.finish();
    return true;
  }

 private:
  /// Moves past white space.
  void skip_space() {
    while (at_ < end_ && is_json_space(*at_)) ++at_;
  }

  /// Whether `c` is the next byte (no white space before it).
  bool next_is(char c) const { return at_ < end_ && *at_ == c; }

  /// Whether the next two bytes are `first` and `second` (compact JSON: no white space between them).
  bool next_are(char first, char second) const { return end_ - at_ >= 2 && at_[0] == first && at_[1] == second; }

  /// Moves past white space and then `c`, if `c` is next.
  bool take(char c) {
    if (next_is(c)) {  // compact JSON: no white space
      ++at_;
      return true;
    }
    if (at_<end_&& static_cast<unsigned char>(*at_)> ' ') return false;  // not white space, and not `c`
    skip_space();
    if (!next_is(c)) return false;
    ++at_;
    return true;
  }

  /// Reads the rest of a string whose opening quote was taken: `text` is what stands between the quotes.
  bool string_rest(std::string_view& text) {
    const char* const close = finder_.close(at_);
    if (close == nullptr) return false;
    text = std::string_view(at_, static_cast<std::size_t>(close - at_));
    at_ = close + 1;
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

  /// Whether one more answer or list string fits in the SimpleRecord.
  bool room() const { return answers_.used() + strings_.used() + quick_items_ < simple_record_max_strings; }

  /// A slot for the next answer, or nullptr when none fits.
  SimpleAnswer* next_answer() {
    if (!answers_.free()) {
      if (!room()) return nullptr;
      answers_.grow();
    }
    return &answers_.take();
  }

  /// A slot for the next list string, or nullptr when none fits.
  std::string_view* next_string() {
    if (!strings_.free()) {
      if (!room()) return nullptr;
      strings_.grow();
    }
    return &strings_.take();
  }

  /// Reads the rest of the "answers" object, whose `{` was taken.
  bool answers_rest() {
    if (!next_is('"') && take('}')) return true;  // an answer first: the usual record
    do {
      if (next_is('"') && compact_answers() == CompactStop::after_answer) continue;  // to the comma, if any
      if (!answer()) return false;
    } while (take(','));
    return take('}');
  }

  /// Where compact_answers() stopped.
  enum class CompactStop {
    before_answer,  ///< at the opening quote of an answer it did not read
    after_answer,   ///< right after an answer it read, not at a comma and a quote
  };

  /// Reads answers written compactly (no white space; a comma and a quote between answers) as long as they come,
  /// without growing the SimpleRecord: the short path for most answers. `at_` is at the opening quote of a key.
  CompactStop compact_answers() {
    if constexpr (!std::is_same_v<Quick, NoQuickAnswers>) {
      if (quicking_ && quick_answers()) return CompactStop::after_answer;
    }
    // Locals, so that they stay in registers: stores into the answers could alias the members.
    const char* at = at_;
    Finder finder = finder_;
    SimpleAnswer* slot = answers_.first_free();
    SimpleAnswer* const slots_end = answers_.end_free();
    for (; slot != slots_end; ++slot) {
      const char* const key_end = finder.close(at + 1);
      if (key_end == nullptr) break;
      const std::string_view key(at + 1, static_cast<std::size_t>(key_end - at - 1));
      const char* value_end = nullptr;
      if (pair_at(key_end + 1, ':', '"')) {  // the common answer: "key":"value" (key_end < end_: reads padding at most)
        const char* const text = key_end + 3;
        const char* const text_end = finder.close(text);
        if (text_end == nullptr) break;
        *slot = SimpleAnswer{key, SimpleValue::string,
                             std::string_view(text, static_cast<std::size_t>(text_end - text)), 0, 0};
        value_end = text_end + 1;
      } else {
        finder_ = finder;
        value_end = key_end[1] == ':' ? compact_list_or_null(*slot, key, key_end + 2) : nullptr;
        finder = finder_;
        if (value_end == nullptr) break;
      }
      at = value_end;
      if (!pair_at(at, ',', '"')) {  // at <= end_: reads padding at most
        at_ = at;
        finder_ = finder;
        answers_.take_up_to(slot + 1);
        return CompactStop::after_answer;
      }
      ++at;
    }
    at_ = at;
    finder.rewind(at);  // the general path reads the answer at `at` again
    finder_ = finder;
    answers_.take_up_to(slot);
    return CompactStop::before_answer;
  }

  /// Offers answers written compactly (as compact_answers() reads them) to quick_ as long as it takes them. True
  /// when it stopped right after an answer taken, not at a comma and a quote; false at the opening quote of an answer
  /// not taken, which ends quicking_. `at_` is at the opening quote of a key.
  bool quick_answers() {
    // Locals, so that they stay in registers (see compact_answers()); quick_ does not change.
    const char* at = at_;
    Finder finder = finder_;
    const Quick& quick = quick_;
    std::size_t cursor = record_.quick_cursor;
    std::size_t left = quick.limit() - record_.quick_taken;
    std::size_t items = quick_items_;
    for (; left != 0; --left) {
      const char* const key_end = finder.close(at + 1);
      if (key_end == nullptr) break;
      const std::string_view key(at + 1, static_cast<std::size_t>(key_end - at - 1));
      const char* value_end = nullptr;
      std::size_t after = Quick::refused;
      std::size_t strings = 0;               // of a list
      if (pair_at(key_end + 1, ':', '"')) {  // the common answer: "key":"value"
        const char* const text = key_end + 3;
        const char* const text_end = finder.close(text);
        if (text_end == nullptr) break;
        after = quick.take_string(key, std::string_view(text, static_cast<std::size_t>(text_end - text)), cursor);
        value_end = text_end + 1;
      } else {
        if (key_end[1] != ':') break;
        finder_ = finder;
        value_end = quick_list_or_null(key, key_end + 2, cursor, after, strings);
        finder = finder_;
      }
      if (after == Quick::refused) break;
      items += 1 + strings;
      cursor = after;
      at = value_end;
      if (!pair_at(at, ',', '"')) {  // at <= end_: reads padding at most
        at_ = at;
        finder_ = finder;
        quick_done(cursor, left - 1, items);
        return true;
      }
      ++at;
    }
    at_ = at;
    finder.rewind(at);  // the storing paths read the answer at `at` again
    finder_ = finder;
    quick_done(cursor, left, items);
    quicking_ = false;
    return false;
  }

  /// Notes where quick_answers() stopped: the cursor, `left` answers that quick_ could still take, and all `items`
  /// (answers and list strings) it took.
  void quick_done(std::size_t cursor, std::size_t left, std::size_t items) {
    record_.quick_cursor = cursor;
    record_.quick_taken = quick_.limit() - left;
    quick_items_ = items;
  }

  /// quick_answers() for a list or null written compactly at `value` (at most one byte past the line), with key
  /// `key`. Returns where the value ends, in `after` what quick_ returned (`refused` for anything else) and in
  /// `count` how many strings a list holds.
  const char* quick_list_or_null(std::string_view key, const char* value, std::size_t cursor, std::size_t& after,
                                 std::size_t& count) {
    if (*value == '[') {
      QuickString strings[Quick::most_listed];
      const char* const end = quick_list(value + 1, strings, count);
      if (end == nullptr) return nullptr;
      after = quick_.take_list(key, strings, count, cursor);
      return end;
    }
    if (end_ - value < 4 || std::memcmp(value, "null", 4) != 0) return nullptr;
    after = quick_.take_null(key, cursor);
    return value + 4;
  }

  /// Reads a list of at most Quick::most_listed strings written compactly, after its `[` at `at` (at most
  /// one byte past the line), into `items` (`count` of them). Returns where the list ends, or nullptr if it is
  /// not compact or longer.
  const char* quick_list(const char* at, QuickString* items, std::size_t& count) {
    if (*at == ']') return at < end_ ? at + 1 : nullptr;
    for (;;) {
      if (at >= end_ || *at != '"' || count == Quick::most_listed) return nullptr;
      const char* const close = finder_.close(at + 1);
      if (close == nullptr) return nullptr;
      items[count++] = QuickString{at + 1, static_cast<std::size_t>(close - at - 1)};
      at = close + 1;  // at <= end_
      if (*at == ',') {
        ++at;
      } else {
        return *at == ']' && at < end_ ? at + 1 : nullptr;
      }
    }
  }

  /// Reads a list or null written compactly at `value` (at most one byte past the line) into `answer`, whose key is
  /// `key`. Returns where the value ends, or nullptr if it is neither or does not fit in the free slots.
  const char* compact_list_or_null(SimpleAnswer& answer, std::string_view key, const char* value) {
    if (*value == '[') {
      const std::size_t first = strings_.used();
      const char* const end = compact_list(value + 1);
      if (end == nullptr) {
        strings_.cut(first);  // the general path reads the list again
        return nullptr;
      }
      answer = SimpleAnswer{key,
                            SimpleValue::list,
                            {},
                            static_cast<std::uint32_t>(first),
                            static_cast<std::uint32_t>(strings_.used() - first)};
      return end;
    }
    if (end_ - value < 4 || std::memcmp(value, "null", 4) != 0) return nullptr;
    answer = SimpleAnswer{key, SimpleValue::null, {}, 0, 0};
    return value + 4;
  }

  /// Reads a list of strings written compactly, after its `[` at `at` (at most one byte past the line), into free
  /// slots. Returns where the list ends, or nullptr if it is not compact or there are not enough free slots (the
  /// caller gives back the slots it took).
  const char* compact_list(const char* at) {
    if (*at == ']') return at < end_ ? at + 1 : nullptr;
    for (;;) {
      if (at >= end_ || *at != '"' || !strings_.free()) return nullptr;
      const char* const close = finder_.close(at + 1);
      if (close == nullptr) return nullptr;
      strings_.take() = std::string_view(at + 1, static_cast<std::size_t>(close - at - 1));
      at = close + 1;  // at <= end_
      if (*at == ',') {
        ++at;
      } else {
        return *at == ']' && at < end_ ? at + 1 : nullptr;
      }
    }
  }

  /// Reads one answer: a key, then a string, a list of strings or null.
  bool answer() {
    quicking_ = false;  // answers are stored from here on
    SimpleAnswer* const answer = next_answer();
    std::string_view key;
    if (answer == nullptr || !string(key)) return false;
    if (next_are(':', '"')) {  // the common answer, written compactly: "key":"value"
      at_ += 2;
      std::string_view text;
      if (!string_rest(text)) return false;
      *answer = SimpleAnswer{key, SimpleValue::string, text, 0, 0};
      return true;
    }
    return other_answer(*answer, key);
  }

  /// Reads the colon and the value of an answer with key `key` into `answer`, when that is not compact.
  bool other_answer(SimpleAnswer& answer, std::string_view key) {
    if (!take(':')) return false;
    skip_space();
    if (at_ >= end_) return false;
    answer = SimpleAnswer{key, SimpleValue::null, {}, 0, 0};
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
        return true;
      default: return false;
    }
  }

  /// Reads the rest of a list of strings, whose `[` was taken, into `answer`.
  bool list_rest(SimpleAnswer& answer) {
    const std::size_t first = strings_.used();
    if (!take(']')) {
      do {
        std::string_view* const text = next_string();
        if (text == nullptr || !string(*text)) return false;
      } while (take(','));
      if (!take(']')) return false;
    }
    answer.first = static_cast<std::uint32_t>(first);
    answer.count = static_cast<std::uint32_t>(strings_.used() - first);
    return true;
  }

  const char* at_;         ///< the next byte to read
  const char* const end_;  ///< the end of the line
  Finder finder_;          ///< finds where strings end
  SimpleRecord& record_;
  Slots<SimpleAnswer> answers_;      ///< the answers' slots
  Slots<std::string_view> strings_;  ///< the list strings' slots
  const Quick& quick_;               ///< takes the answers in front
  /// Whether answers are still offered to quick_.
  bool quicking_ = !std::is_same_v<Quick, NoQuickAnswers>;
  std::size_t quick_items_ = 0;  ///< answers and list strings quick_ took
};

}  // namespace

template <typename Quick>
bool scan_simple_record(std::string_view line, SimpleRecord& record, const Quick& quick) {
  record.has_id = false;
  record.id = {};
  record.has_answers = false;
  record.quick_taken = 0;
  record.quick_cursor = quick.start();
  const char* const end = line.data() + line.size();
  if (line.size() <= max_masked_line) {  // the usual line: its quotes found all at once, then handed out in order
    std::uint64_t masks[max_masked_line / 64];
    switch (quote_masks(line.data(), line.size(), masks)) {
      case LineBytes::plain: {
        const QuoteCursor quotes(line.data(), masks, (line.size() + 63) / 64);
        return Scanner<QuoteCursor, Quick>(line, record, quotes, quick).record();
      }
      case LineBytes::controls:
        return Scanner<WindowFinder<false>, Quick>(line, record, WindowFinder<false>(end), quick).record();
      case LineBytes::never: return false;
    }
    return false;
  }
  switch (line_bytes(line.data(), line.size())) {
    case LineBytes::plain:
      return Scanner<WindowFinder<true>, Quick>(line, record, WindowFinder<true>(end), quick).record();
    case LineBytes::controls:
      return Scanner<WindowFinder<false>, Quick>(line, record, WindowFinder<false>(end), quick).record();
    case LineBytes::never: return false;
  }
  return false;
}

template bool scan_simple_record<NoQuickAnswers>(std::string_view, SimpleRecord&, const NoQuickAnswers&);
template bool scan_simple_record<QuickAnswers>(std::string_view, SimpleRecord&, const QuickAnswers&);

bool scan_simple_record(std::string_view line, SimpleRecord& record) {
  return scan_simple_record(line, record, NoQuickAnswers());
}

}  // namespace wegwijzer
