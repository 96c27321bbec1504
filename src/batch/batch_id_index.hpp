#pragma once
// Looking up question and option ids of a bank by text, for the batch scorer: ids are prepared once so that a
// key or value still inside a (padded) JSON line is compared a word at a time, without copying or decoding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/jsonl_scan.hpp"

namespace wegwijzer {

/// The sizeof(Word) bytes at `bytes` as a number, to compare bytes a word at a time.
template <typename Word>
Word load_word(const char* bytes) {
  Word word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

/// Whether the `size` bytes at `x` and at `y` are equal. Inline and a word at a time: ids are short, and a
/// call to memcmp costs more than comparing them.
inline bool same_bytes(const char* x, const char* y, std::size_t size) {
  if (size >= 8) {
    for (std::size_t i = 0; i + 8 < size; i += 8) {
      if (load_word<std::uint64_t>(x + i) != load_word<std::uint64_t>(y + i)) return false;
    }
    return load_word<std::uint64_t>(x + size - 8) == load_word<std::uint64_t>(y + size - 8);
  }
  if (size >= 4) {
    return load_word<std::uint32_t>(x) == load_word<std::uint32_t>(y) &&
           load_word<std::uint32_t>(x + size - 4) == load_word<std::uint32_t>(y + size - 4);
  }
  if (size >= 2) {
    return load_word<std::uint16_t>(x) == load_word<std::uint16_t>(y) &&
           load_word<std::uint16_t>(x + size - 2) == load_word<std::uint16_t>(y + size - 2);
  }
  return size == 0 || *x == *y;
}

/// Whether two texts are equal.
inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// The first 16 bytes of a text as two words, zero after its end: most ids are compared by these alone.
struct Head16 {
  std::uint64_t low = 0;   ///< bytes 0 to 7
  std::uint64_t high = 0;  ///< bytes 8 to 15
};

/// Per size from 0 to 16: the masks that keep the first `size` bytes of two words.
inline constexpr Head16 head_mask_table[17] = {
    {0, 0},
    {0xFF, 0},
    {0xFFFF, 0},
    {0xFFFFFF, 0},
    {0xFFFFFFFF, 0},
    {0xFFFFFFFFFF, 0},
    {0xFFFFFFFFFFFF, 0},
    {0xFFFFFFFFFFFFFF, 0},
    {~std::uint64_t{0}, 0},
    {~std::uint64_t{0}, 0xFF},
    {~std::uint64_t{0}, 0xFFFF},
    {~std::uint64_t{0}, 0xFFFFFF},
    {~std::uint64_t{0}, 0xFFFFFFFF},
    {~std::uint64_t{0}, 0xFFFFFFFFFF},
    {~std::uint64_t{0}, 0xFFFFFFFFFFFF},
    {~std::uint64_t{0}, 0xFFFFFFFFFFFFFF},
    {~std::uint64_t{0}, ~std::uint64_t{0}},
};

/// The masks that keep the first `size` bytes of two words (all 16 for a longer text).
inline const Head16& head_masks(std::size_t size) { return head_mask_table[std::min<std::size_t>(size, 16)]; }

/// The Head16 of the `size` bytes at `text`, which must be readable for 16 bytes from its start (padding).
inline Head16 padded_head(const char* text, std::size_t size) {
  const Head16& mask = head_masks(size);
  return {load_word<std::uint64_t>(text) & mask.low, load_word<std::uint64_t>(text + 8) & mask.high};
}

/// padded_head() for a text of at most 16 bytes.
inline Head16 padded_short_head(const char* text, std::size_t size) {
  const Head16& mask = head_mask_table[size];
  return {load_word<std::uint64_t>(text) & mask.low, load_word<std::uint64_t>(text + 8) & mask.high};
}

/// padded_head() for text that may end anywhere (it is copied).
inline Head16 head_of(std::string_view text) {
  char bytes[16] = {};
  std::memcpy(bytes, text.data(), std::min<std::size_t>(text.size(), 16));
  return {load_word<std::uint64_t>(bytes), load_word<std::uint64_t>(bytes + 8)};
}

/// Whether two Head16 are the same.
inline bool same_head(const Head16& a, const Head16& b) { return ((a.low ^ b.low) | (a.high ^ b.high)) == 0; }

/// Whether the `size` bytes at `text` and `id` are the same, their first 16 being known equal.
inline bool same_after_head(const char* text, const char* id, std::size_t size) {
  return size <= 16 || same_bytes(text + 16, id + 16, size - 16);
}

/// Ids prepared for quick comparison with text inside a padded JSON line (which can be read 16 bytes at a time,
/// also past its end): each id's first 16 bytes as two words, and where its bytes are.
/// After the last id stands a sentinel that matches no text, so that a caller may try the id after the last.
class QuickIds {
 public:
  /// One prepared id.
  struct Id {
    Head16 head;        ///< head_of() the id
    Head16 mask;        ///< head_masks() of its size
    std::size_t size;   ///< of the id
    const char* bytes;  ///< the id

    std::string_view id() const { return std::string_view(bytes, size); }

    /// Whether `text` is this id. `text` must be readable for 16 bytes from its start (padding).
    bool matches_padded(std::string_view text) const {
      if (text.size() != size) return false;
      const std::uint64_t low = load_word<std::uint64_t>(text.data()) & mask.low;
      const std::uint64_t high = load_word<std::uint64_t>(text.data() + 8) & mask.high;
      return ((low ^ head.low) | (high ^ head.high)) == 0 && same_after_head(text.data(), bytes, size);
    }
  };

  /// Prepares `ids`, in this order.
  explicit QuickIds(const std::vector<std::string_view>& ids);

  /// The number of ids (without the sentinel).
  std::size_t size() const { return count_; }
  /// Id `i`; `i == size()` is the sentinel, which matches nothing.
  const Id& operator[](std::size_t i) const { return ids_[i]; }

 private:
  std::vector<Id> ids_;
  std::size_t count_ = 0;  ///< ids_.size() - 1, kept (Id is not a power of two bytes long)
};

/// Finds questions by id. Survey exports keep bank order and leave out questions that were not shown, so
/// the question after the last one found is tried first, then a few more; other ids go through an
/// open-addressing hash table built once (cheaper than std::hash on strings).
class QuestionIndex {
  friend class QuickAnswers;  // prepares its lookups per question

 public:
  /// Indexes the questions of `bank`, which must outlive the index (ids are not copied).
  explicit QuestionIndex(const Bank& bank);

  /// Starts a record: its first answer is expected to be to the first question.
  void restart() { next_ = start(); }

  /// The index of the question with id `id`, if any.
  std::optional<std::size_t> find(std::string_view id) { return find(id, next_); }

  /// find() for an id inside a padded JSON line (readable 16 bytes from its start), quicker for the expected id.
  std::optional<std::size_t> find_padded(std::string_view id) { return find_padded(id, next_); }

  /// What restart() starts from, for a caller that keeps the question expected next itself (in a register).
  std::size_t start() const { return in_order_ ? 0 : ids_.size(); }

  /// Whether questions are tried in bank order (else no question is ever expected next).
  bool in_order() const { return in_order_; }

  /// What find_ahead() returns when it finds nothing.
  static constexpr std::size_t not_ahead = ~std::size_t{0};

  /// The question with id `id` (inside a padded JSON line) among the few after `next` in bank order that
  /// find_padded() tries before its table, or not_ahead (always when questions are not tried in order).
  std::size_t find_ahead(std::string_view id, std::size_t next) const {
    const std::size_t end = std::min(next + lookahead, ids_.size());  // not in order: next is ids_.size()
    for (std::size_t q = next + 1; q < end; ++q) {
      if (ids_[q].matches_padded(id)) return q;
    }
    return not_ahead;
  }

  /// find() with the question expected next kept by the caller in `next` (start() for a new record).
  std::optional<std::size_t> find(std::string_view id, std::size_t& next) const {
    if (in_order_) {
      std::size_t end = std::min(next + lookahead, ids_.size());
      for (std::size_t q = next; q < end; ++q) {
        if (same_text(ids_[q].id(), id)) return found(q, next);
      }
    }
    std::optional<std::size_t> q = find_in_table(id);
    if (q) found(*q, next);
    return q;
  }

  /// Whether `id`, inside a padded JSON line, is the id of question `next` (never true of the sentinel).
  bool is_next(std::string_view id, std::size_t next) const { return ids_[next].matches_padded(id); }

  /// find_padded() with the question expected next kept by the caller in `next` (start() for a new record).
  std::optional<std::size_t> find_padded(std::string_view id, std::size_t& next) const {
    if (ids_[next].matches_padded(id)) return next++;  // never the sentinel: not in order, or past the last
    return find_padded_after(id, next);
  }

 private:
  static constexpr std::size_t lookahead = 4;  ///< questions tried in bank order before the table

  /// Mixes the length and the first and last 8 bytes (all bytes of a shorter id).
  static std::size_t hash(std::string_view id);

  /// Question `q` was found: the next one is expected next (when questions are tried in order at all).
  std::optional<std::size_t> found(std::size_t q, std::size_t& next) const {
    if (in_order_) next = q + 1;
    return q;
  }

  /// find_padded() past the question expected next: a few more in bank order, then the hash table.
  [[gnu::noinline]] std::optional<std::size_t> find_padded_after(std::string_view id, std::size_t& next) const {
    if (in_order_) {
      const std::size_t end = std::min(next + lookahead, ids_.size());
      for (std::size_t q = next + 1; q < end; ++q) {
        if (ids_[q].matches_padded(id)) return found(q, next);
      }
    }
    std::optional<std::size_t> q = find_in_table(id);
    if (q) found(*q, next);
    return q;
  }

  /// The index of the question with id `id` by the hash table, if any.
  std::optional<std::size_t> find_in_table(std::string_view id) const;

  QuickIds ids_;                    ///< question ids in bank order
  std::vector<std::size_t> slots_;  ///< question index + 1; 0 = empty
  std::size_t mask_ = 0;
  std::size_t next_ = 0;  ///< the question expected next; ids_.size() (the sentinel) for none
  bool in_order_ = true;  ///< whether trying the next questions first is safe (no repeated ids)
};

/// Finds options by question and id: one open-addressing hash table for the options of all questions, keyed
/// by the question, the id's length and its first 16 bytes, which are all of most ids.
class OptionIndex {
  friend class QuickAnswers;  // prepares its lookups per question

 public:
  /// Indexes the options of every question of `bank`, which must outlive the index (ids are not copied).
  explicit OptionIndex(const Bank& bank);

  /// Index of the option of question `question` with id `id`, if any (like Question::find_option).
  std::optional<std::size_t> find(std::size_t question, std::string_view id) const {
    if (id.size() > longest_) return std::nullopt;
    return find_head(question, id, head_of(id));
  }

  /// find() for an id inside a padded JSON line (readable 16 bytes from its start).
  std::optional<std::size_t> find_padded(std::size_t question, std::string_view id) const {
    const std::size_t option = find_padded_index(question, id);
    if (option == none) return std::nullopt;
    return option;
  }

  /// find_padded() as an index, or `none` (no optional to pass around: for the quickest callers). Most questions
  /// tell their options apart by the length and first byte of their ids (none of them empty): then one table
  /// entry names the only option `id` can be, and one comparison tells whether it is.
  std::size_t find_padded_index(std::size_t question, std::string_view id) const {
    const Dispatch& dispatch = dispatch_[question];
    if (dispatch.table != no_table) {
      const std::uint16_t entry = tables_[dispatch.table + dispatch_key(id.size(), id.data()[0])];  // padded
      if (entry == 0 || !options_[dispatch.first + entry - 1].matches_padded(id)) return none;
      return entry - 1u;
    }
    return find_hashed(question, id);
  }

  /// find_padded_index() by the hash table.
  [[gnu::noinline]] std::size_t find_hashed(std::size_t question, std::string_view id) const {
    if (id.size() > 16) return find_long(question, id).value_or(none);
    const Head16 head = padded_short_head(id.data(), id.size());
    const std::uint64_t wanted = key(question, id.size());
    for (std::size_t s = home(head, wanted);; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (same_head(slot.head, head) && slot.key == wanted) return slot.option;  // all of the id: no more to compare
      if (slot.key == empty) return none;
    }
  }

  /// What find_padded_index() returns for an id the question does not have.
  static constexpr std::size_t none = ~std::size_t{0};

 private:
  /// One option, or none.
  struct Slot {
    Head16 head;                  ///< head_of() its id
    std::uint64_t key = empty;    ///< key(): its question and the size of its id
    std::size_t option = 0;       ///< its index in the question's options
    const char* bytes = nullptr;  ///< its id
  };

  static constexpr std::uint64_t empty = ~std::uint64_t{0};  ///< the key of an empty slot

  /// Entries in the table of a question that tells its options apart by dispatch_key().
  static constexpr std::size_t dispatch_size = 64;
  /// Dispatch::table of a question whose options dispatch_key() does not tell apart.
  static constexpr std::uint32_t no_table = ~std::uint32_t{0};

  /// Where the options of one question are.
  struct Dispatch {
    std::uint32_t first = 0;         ///< its first option in options_
    std::uint32_t table = no_table;  ///< its first entry in tables_ (dispatch_size of them), or no_table
  };

  /// The entry of an id of size `size` that starts with byte `first` in its question's table.
  static std::size_t dispatch_key(std::size_t size, char first) {
    return ((size & 7) << 3) | (static_cast<unsigned char>(first) & 7);
  }

  /// Adds the dispatch table of question `question` (options_ already holds its options), when it has one.
  void add_dispatch(const Question& question, Dispatch& dispatch);

  /// The question and the size of an id in one word (the size is at most longest_, which fits 32 bits).
  static std::uint64_t key(std::size_t question, std::size_t size) {
    return (static_cast<std::uint64_t>(question) << 32) | size;
  }

  /// The slot to look in first for this head and key.
  std::size_t home(const Head16& head, std::uint64_t key) const {
    return static_cast<std::size_t>(((head.low ^ head.high ^ key) * 0x9E3779B97F4A7C15u) >> shift_);
  }

  /// find_padded() for an id longer than 16 bytes.
  std::optional<std::size_t> find_long(std::size_t question, std::string_view id) const;

  /// find() once the first 16 bytes of `id` are known (`head`).
  std::optional<std::size_t> find_head(std::size_t question, std::string_view id, const Head16& head) const;

  std::vector<Slot> slots_;            ///< a power of two of them, at most half in use
  std::vector<Dispatch> dispatch_;     ///< per question
  std::vector<std::uint16_t> tables_;  ///< dispatch tables: per entry its option + 1, or 0 for none
  std::vector<QuickIds::Id> options_;  ///< the options of every question, prepared for quick comparison
  std::size_t mask_ = 0;               ///< slots_.size() - 1
  unsigned shift_ = 0;                 ///< 64 - log2(slots_.size()): home() keeps the top bits of the product
  std::size_t longest_ = 0;            ///< the longest option id
};

/// Sets the answers at the front of a simple record while the strict scanner reads them (the Quick of
/// scan_simple_record()), as long as each is quick: to a question named for the first time (the one expected
/// next, or one further on in bank order), within the answer limit, and an option id of a choice question, a text
/// for a text question, null, or a short list of option ids of a multiple choice that
/// AnswerSet::set_found_options() takes. Such answers can have no problem, so they are set at once and the scanner
/// stores none of them; the first other answer, and all after it, are left to the caller, which reads them on from
/// ordinal SimpleRecord::quick_taken + 1 with SimpleRecord::quick_cursor as the question expected next.
///
/// The scanner keeps the cursor (the question expected next, as QuestionIndex::find_padded() moves it) and the
/// object is not changed while it scans.
class QuickAnswers {
 public:
  /// Sets answers of `bank` into `answers`, marking the questions named in `seen` (one word per question). The
  /// indices must outlive it.
  QuickAnswers(const Bank& bank, const QuestionIndex& questions, const OptionIndex& options, AnswerSet& answers,
               std::uint64_t* seen);

  /// Starts a record whose questions are marked named with `serial`, of which at most `limit` answers count.
  void begin(std::uint64_t serial, std::size_t limit) {
    serial_ = serial;
    limit_ = limit;
  }

  /// What a take_...() returns for an answer it did not take.
  static constexpr std::size_t refused = ~std::size_t{0};

  /// The cursor of a record before its first answer.
  std::size_t start() const { return questions_->start(); }

  /// How many answers may be taken at most.
  std::size_t limit() const { return limit_; }

  /// Takes "key":"text" (both inside a padded line), if quick, with the question `next` expected next; returns the
  /// question expected after it, or `refused`.
  [[gnu::always_inline]] std::size_t take_string(std::string_view key, std::string_view text, std::size_t next) const {
    std::size_t question = next;
    if (expected_[next].matches_padded(key)) {  // named before? no: all questions named so far come before it
      ++next;
    } else {
      question = find_elsewhere(key, next);
      if (question == refused) return refused;
      next = after(question, next);
    }
    const std::size_t option = option_of(question, text);
    if (option == OptionIndex::none) return take_text(question, text, next);
    answers_->set_known_option(question, static_cast<std::uint16_t>(option));  // found: no error possible
    seen_[question] = serial_;
    return next;
  }

  /// take_string() for a text that is no option id of question `question` (named for the first time): taken when
  /// it is a text question (which takes any text), with `next` expected after it.
  [[gnu::noinline]] std::size_t take_text(std::size_t question, std::string_view text, std::size_t next) const {
    if (bank_->questions[question].type != QuestionType::text) return refused;  // an unknown option: a problem
    const std::optional<AnswerError> error = answers_->set_text_at(question, text);
    if (error) return refused;  // never: a text question takes any text
    seen_[question] = serial_;
    return next;
  }

  /// take_string() for "key":null.
  std::size_t take_null(std::string_view key, std::size_t next) const {
    const std::size_t question = find(key, next);
    if (question == refused) return refused;
    seen_[question] = serial_;
    return after(question, next);
  }

  /// Most strings in a list taken (a longer list is left to the caller).
  static constexpr std::size_t most_listed = 16;

  /// take_string() for "key":[...] with the `count` strings at `items` (inside a padded line).
  [[gnu::noinline]] std::size_t take_list(std::string_view key, const QuickString* items, std::size_t count,
                                          std::size_t next) const {
    if (count > most_listed || count > limit_) return refused;
    const std::size_t question = find(key, next);
    if (question == refused || bank_->questions[question].type != QuestionType::multiple) return refused;
    std::uint16_t picked[most_listed];
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t option = option_of(question, items[i].view());
      if (option == OptionIndex::none) return refused;  // an unknown option: a problem
      picked[i] = static_cast<std::uint16_t>(option);
    }
    // None, twice the same or an exclusive one with others: a problem, told by the caller.
    if (!answers_->set_found_options(question, picked, count)) return refused;
    seen_[question] = serial_;
    return after(question, next);
  }

 private:
  /// What the quick answers need of one question, in one place: its id prepared as QuestionIndex has it, and where
  /// OptionIndex tells its options apart.
  struct Expected {
    QuickIds::Id id;                        ///< the question's id (the sentinel after the last matches nothing)
    const std::uint16_t* table = nullptr;   ///< its dispatch table in OptionIndex, if it has one
    const QuickIds::Id* options = nullptr;  ///< its options in OptionIndex (with a table)

    /// Whether `key` (inside a padded line) is the question's id.
    bool matches_padded(std::string_view key) const { return id.matches_padded(key); }
  };

  /// OptionIndex::find_padded_index() by the question's Expected.
  [[gnu::always_inline]] std::size_t option_of(std::size_t question, std::string_view text) const {
    const Expected& expected = expected_[question];
    if (expected.table == nullptr) return options_->find_hashed(question, text);
    const std::uint16_t entry = expected.table[OptionIndex::dispatch_key(text.size(), text.data()[0])];  // padded
    if (entry == 0 || !expected.options[entry - 1].matches_padded(text)) return OptionIndex::none;
    return entry - 1u;  // one entry names the only option `text` can be
  }

  /// The question `key` names, or `refused`: one named before, or one before `next` (which might have been).
  std::size_t find(std::string_view key, std::size_t next) const {
    return expected_[next].matches_padded(key) ? next : find_elsewhere(key, next);
  }

  /// find() for a key that is not the id of question `next`: a question a little further on in bank order (never
  /// named: all questions named so far come before `next`), else by QuestionIndex.
  [[gnu::noinline]] std::size_t find_elsewhere(std::string_view key, std::size_t next) const {
    const std::size_t ahead = questions_->find_ahead(key, next);
    if (ahead != QuestionIndex::not_ahead) return ahead;
    std::size_t moved = next;
    const std::optional<std::size_t> question = questions_->find_padded(key, moved);
    if (!question || seen_[*question] == serial_) return refused;
    return questions_->in_order() && *question < next ? refused : *question;
  }

  /// The question expected next after `question`, with `next` expected before it.
  std::size_t after(std::size_t question, std::size_t next) const {
    return questions_->in_order() ? question + 1 : next;
  }

  const Bank* bank_;
  const QuestionIndex* questions_;
  const OptionIndex* options_;
  AnswerSet* answers_;
  std::uint64_t* seen_;
  std::uint64_t serial_ = 0;
  std::size_t limit_ = 0;
  std::vector<Expected> expected_;  ///< per question, and a sentinel after the last
};

}  // namespace wegwijzer
