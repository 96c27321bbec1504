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

#include "wegwijzer/bank.hpp"

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

/// Ids prepared for quick comparison with text inside a padded JSON line (which can be read a word at a time,
/// also past its end): each id's bytes, then zero bytes up to a whole number of 8-byte words, all in one buffer.
class QuickIds {
 public:
  /// One prepared id.
  struct Id {
    const char* words;        ///< the id, then at least one zero byte up to whole words
    std::size_t size;         ///< of the id
    std::uint64_t tail_mask;  ///< keeps the bytes of a word that belong to the id's last, partial word

    std::string_view id() const { return std::string_view(words, size); }

    /// Whether `text` is this id. `text` must be followed by at least 8 readable bytes (padding).
    bool matches_padded(std::string_view text) const {
      if (text.size() != size) return false;
      std::size_t i = 0;
      for (; i + 8 <= size; i += 8) {
        if (load_word<std::uint64_t>(words + i) != load_word<std::uint64_t>(text.data() + i)) return false;
      }
      return (load_word<std::uint64_t>(text.data() + i) & tail_mask) == load_word<std::uint64_t>(words + i);
    }
  };

  /// Prepares `ids`, in this order.
  explicit QuickIds(const std::vector<std::string_view>& ids);
  QuickIds(const QuickIds&) = delete;  // ids_ points into buffer_
  QuickIds& operator=(const QuickIds&) = delete;

  std::size_t size() const { return ids_.size(); }
  const Id& operator[](std::size_t i) const { return ids_[i]; }

 private:
  std::string buffer_;
  std::vector<Id> ids_;
};

/// Finds questions by id. Survey exports keep bank order and leave out questions that were not shown, so
/// the question after the last one found is tried first, then a few more; other ids go through an
/// open-addressing hash table built once (cheaper than std::hash on strings).
class QuestionIndex {
 public:
  /// Indexes the questions of `bank`.
  explicit QuestionIndex(const Bank& bank);

  /// Starts a record: its first answer is expected to be to the first question.
  void restart() { next_ = 0; }

  /// The index of the question with id `id`, if any.
  std::optional<std::size_t> find(std::string_view id) {
    if (in_order_) {
      std::size_t end = std::min(next_ + lookahead, ids_.size());
      for (std::size_t q = next_; q < end; ++q) {
        if (same_text(ids_[q].id(), id)) return found(q);
      }
    }
    return find_in_table(id);
  }

  /// find() for an id inside a padded JSON line (readable 8 bytes at a time), quicker for the expected id.
  std::optional<std::size_t> find_padded(std::string_view id) {
    if (in_order_ && next_ < ids_.size() && ids_[next_].matches_padded(id)) {
      return next_++;
    }
    return find(id);
  }

 private:
  static constexpr std::size_t lookahead = 4;  ///< questions tried in bank order before the table

  /// Mixes the length and the first and last 8 bytes (all bytes of a shorter id).
  static std::size_t hash(std::string_view id);

  /// Question `q` was found: the next one is expected next.
  std::optional<std::size_t> found(std::size_t q) {
    next_ = q + 1;
    return q;
  }

  /// find() through the hash table.
  std::optional<std::size_t> find_in_table(std::string_view id);

  QuickIds ids_;                    ///< question ids in bank order
  std::vector<std::size_t> slots_;  ///< question index + 1; 0 = empty
  std::size_t mask_ = 0;
  std::size_t next_ = 0;  ///< the question expected next
  bool in_order_ = true;  ///< whether trying the next questions first is safe (no repeated ids)
};

/// Finds options by question and id. The options of a question are chained by id length, so that usually a
/// single id is compared (option ids of a question tend to differ in length).
class OptionIndex {
 public:
  /// Indexes the options of every question of `bank`.
  explicit OptionIndex(const Bank& bank);

  /// Index of the option of question `question` with id `id`, if any (like Question::find_option).
  std::optional<std::size_t> find(std::size_t question, std::string_view id) const {
    for (std::size_t o = heads_[question * buckets + bucket(id.size())]; o != 0; o = next_[o - 1]) {
      if (same_text(ids_[o - 1].id(), id)) return o - 1 - first_[question];
    }
    return std::nullopt;
  }

  /// find() for an id inside a padded JSON line (readable 8 bytes at a time).
  std::optional<std::size_t> find_padded(std::size_t question, std::string_view id) const {
    for (std::size_t o = heads_[question * buckets + bucket(id.size())]; o != 0; o = next_[o - 1]) {
      if (ids_[o - 1].matches_padded(id)) return o - 1 - first_[question];
    }
    return std::nullopt;
  }

 private:
  static constexpr std::size_t buckets = 32;  ///< per question: ids of length 0 to 30, and longer ones

  static std::size_t bucket(std::size_t size) { return std::min(size, buckets - 1); }

  QuickIds ids_;                    ///< option ids, question by question
  std::vector<std::size_t> first_;  ///< per question: where its options start in ids_
  std::vector<std::size_t> heads_;  ///< per question and bucket: the first option in ids_ + 1 (0: none)
  std::vector<std::size_t> next_;   ///< per option: the next one of its question in its bucket + 1 (0: none)
};

}  // namespace wegwijzer
