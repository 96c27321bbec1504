// Scoring batch records: a JSON Lines record (simdjson on-demand, string views into the line) or a
// CSV row becomes an AnswerSet; the engine scores it; the result or an error record is appended.
//
// Reading a JSON record is quick for the common answer: keys and option ids without escapes are compared as
// they stand in the (padded) line, a word at a time, the question expected next in bank order first, and one
// option id is set by index; only text with a backslash is decoded (so "ne\u0065d" is still "need"). Anything
// else takes the general path, which reports the same first problem as before. The answer set is refilled in
// place record after record (AnswerSet::begin_refill), not cleared and set anew.
#include "wegwijzer/batch_scorer.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <utility>

#include "wegwijzer/batch_output.hpp"
#include "wegwijzer/csv.hpp"
#include "wegwijzer/engine.hpp"
#include "wegwijzer/sanitize.hpp"

namespace wegwijzer {

static_assert(batch_json_padding >= simdjson::SIMDJSON_PADDING, "batches must pad JSON lines for simdjson");

namespace {

namespace ondemand = simdjson::ondemand;

/// A question id fit for a message: sanitised and cut to a sensible length (ids, never answers).
std::string question_label(std::string_view id) {
  constexpr std::size_t max_label = 64;
  std::string label = sanitize_for_terminal(id.substr(0, max_label), false);
  if (id.size() > max_label) label += "...";
  return label;
}

/// What a question of this type takes, for wrong_type messages.
std::string_view expected_value(QuestionType type) {
  switch (type) {
    case QuestionType::single:
    case QuestionType::yes_no:
    case QuestionType::scale: return "one option id (a string)";
    case QuestionType::multiple: return "a list of option ids";
    case QuestionType::text: return "a text (a string)";
  }
  return "an answer";
}

/// Whether `c` is JSON white space.
bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Whether `text` holds a backslash: as JSON string content, whether it has escapes.
bool has_backslash(std::string_view text) { return text.find('\\') != std::string_view::npos; }

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

/// The bytes between the quotes of an object key, escapes not decoded: `key_start` is just after its opening
/// quote and `value_start` where the field's value begins. Nothing when they are not `"key" : value`.
std::optional<std::string_view> raw_key_text(const char* key_start, const char* value_start) {
  if (value_start - key_start >= 2 && value_start[-1] == ':' && value_start[-2] == '"') {  // compact: "key":value
    return std::string_view(key_start, static_cast<std::size_t>(value_start - 2 - key_start));
  }
  const char* end = value_start;
  while (end > key_start && is_json_space(end[-1])) --end;
  if (end == key_start || end[-1] != ':') return std::nullopt;
  --end;
  while (end > key_start && is_json_space(end[-1])) --end;
  if (end == key_start || end[-1] != '"') return std::nullopt;
  --end;
  return std::string_view(key_start, static_cast<std::size_t>(end - key_start));
}

/// raw_string_text() for a token with white space after its closing quote, or no string at all.
std::optional<std::string_view> spaced_string_text(std::string_view token) {
  while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  return token.substr(1, token.size() - 2);
}

/// The bytes between the quotes of a string value, escapes not decoded, from its raw JSON token (which may
/// end in white space). Nothing when the token is not a quoted string.
inline std::optional<std::string_view> raw_string_text(std::string_view token) {
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"') return token.substr(1, token.size() - 2);
  return spaced_string_text(token);
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
  explicit QuickIds(const std::vector<std::string_view>& ids) {
    std::vector<std::size_t> offsets;
    for (std::string_view id : ids) {
      offsets.push_back(buffer_.size());
      buffer_ += id;
      buffer_.resize((buffer_.size() / 8 + 1) * 8, '\0');
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      char ones[8] = {};
      std::memset(ones, 0xFF, ids[i].size() % 8);
      ids_.push_back({buffer_.data() + offsets[i], ids[i].size(), load_word<std::uint64_t>(ones)});
    }
  }
  QuickIds(const QuickIds&) = delete;  // ids_ points into buffer_
  QuickIds& operator=(const QuickIds&) = delete;

  std::size_t size() const { return ids_.size(); }
  const Id& operator[](std::size_t i) const { return ids_[i]; }
  const Id* data() const { return ids_.data(); }

 private:
  std::string buffer_;
  std::vector<Id> ids_;
};

/// The ids of the questions of a bank, in bank order.
std::vector<std::string_view> question_id_list(const Bank& bank) {
  std::vector<std::string_view> ids;
  for (const Question& question : bank.questions) ids.push_back(question.id);
  return ids;
}

/// The ids of the options of every question of a bank, question by question.
std::vector<std::string_view> option_id_list(const Bank& bank) {
  std::vector<std::string_view> ids;
  for (const Question& question : bank.questions) {
    for (const Option& option : question.options) ids.push_back(option.id);
  }
  return ids;
}

/// Finds questions by id. Survey exports keep bank order and leave out questions that were not shown, so
/// the question after the last one found is tried first, then a few more; other ids go through an
/// open-addressing hash table built once (cheaper than std::hash on strings).
class QuestionIndex {
 public:
  explicit QuestionIndex(const Bank& bank) : ids_(question_id_list(bank)) {
    std::size_t size = 16;
    while (size < ids_.size() * 2) size *= 2;
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (std::size_t q = 0; q < ids_.size(); ++q) {
      std::size_t slot = hash(ids_[q].id()) & mask_;
      while (slots_[slot] != 0 && !same_text(ids_[slots_[slot] - 1].id(), ids_[q].id())) slot = (slot + 1) & mask_;
      if (slots_[slot] == 0) {
        slots_[slot] = q + 1;
      } else {
        in_order_ = false;  // a repeated id: only the table knows which question it names (the first)
      }
    }
  }

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
  static std::size_t hash(std::string_view id) {
    constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15u;
    std::uint64_t hash = id.size();
    if (id.size() >= 8) {
      hash = (hash ^ load_word<std::uint64_t>(id.data())) * multiplier;
      hash = (hash ^ load_word<std::uint64_t>(id.data() + id.size() - 8)) * multiplier;
    } else {
      for (char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * multiplier;
    }
    return static_cast<std::size_t>(hash >> 32);
  }

  /// Question `q` was found: the next one is expected next.
  std::optional<std::size_t> found(std::size_t q) {
    next_ = q + 1;
    return q;
  }

  std::optional<std::size_t> find_in_table(std::string_view id) {
    for (std::size_t slot = hash(id) & mask_;; slot = (slot + 1) & mask_) {
      std::size_t entry = slots_[slot];
      if (entry == 0) return std::nullopt;
      if (same_text(ids_[entry - 1].id(), id)) return found(entry - 1);
    }
  }

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
  explicit OptionIndex(const Bank& bank) : ids_(option_id_list(bank)), next_(ids_.size(), 0) {
    std::size_t first = 0;
    heads_.assign(bank.questions.size() * buckets, 0);
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      first_.push_back(first);
      const std::size_t count = bank.questions[q].options.size();
      for (std::size_t o = first + count; o-- > first;) {  // backwards: each chain in option order
        std::size_t& head = heads_[q * buckets + bucket(ids_[o].size)];
        next_[o] = head;
        head = o + 1;
      }
      first += count;
    }
  }

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

/// Whether no question or option id holds a backslash (no id a loaded bank accepts does). Then a key or string
/// value without escapes that equals an id byte for byte is that id, and only text with escapes needs decoding
/// before it is looked up.
bool ids_are_plain(const Bank& bank) {
  for (const Question& question : bank.questions) {
    if (has_backslash(question.id)) return false;
    for (const Option& option : question.options) {
      if (has_backslash(option.id)) return false;
    }
  }
  return true;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

struct RecordScorer::Impl {
  Impl(const Bank& bank_in, const BatchLimits& limits_in, BatchFormat output_in)
      : bank(bank_in),
        limits(limits_in),
        output(output_in),
        parser(limits_in.max_line_bytes + batch_json_padding),
        question_ids(bank_in),
        option_ids(bank_in),
        plain_ids(ids_are_plain(bank_in)),
        answers(bank_in),
        evaluator(bank_in),
        writer(bank_in, output_in) {}

  const Bank& bank;
  BatchLimits limits;
  BatchFormat output;
  ondemand::parser parser;
  simdjson::dom::parser validator;  ///< only for lines that are not objects: invalid JSON or not?
  QuestionIndex question_ids;       ///< question id → index
  OptionIndex option_ids;           ///< (question, option id) → option index
  bool plain_ids;                   ///< no id holds a backslash: keys and values without escapes compare raw
  AnswerSet answers;
  Result result;                          ///< reused for every record: its vectors keep their capacity
  Evaluator evaluator;                    ///< scores the answer sets
  BatchRecordWriter writer;               ///< writes the output records
  std::vector<std::string_view> options;  ///< option ids of one answer (views into the line)
  std::string line_id;                    ///< the line number as an id
  bool has_problem = false;
  RecordProblem problem;

  std::vector<std::uint16_t> option_indices;  ///< the options of one answer, looked up

  /// Starts a record: no answers, no problem.
  void begin() {
    answers.begin_refill();
    has_problem = false;
  }

  /// Records the record's first problem; later ones are ignored.
  void fail(RecordCode code, std::string message, std::string question = {}) {
    if (has_problem) return;
    has_problem = true;
    problem.code = code;
    problem.message = std::move(message);
    problem.question = std::move(question);
    problem.missing.clear();
  }

  /// Turns an AnswerSet error into the record's problem, with a message of our own (no answer text).
  void answer_error(const std::optional<AnswerError>& error, std::size_t question_at) {
    if (error) report_answer_error(*error, question_at);
  }

  /// answer_error() for an error.
  void report_answer_error(const AnswerError& error, std::size_t question_at) {
    const Question& question = bank.questions[question_at];
    std::string label = question_label(question.id);
    switch (error.code) {
      case AnswerError::Code::unknown_question:
        fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
        break;
      case AnswerError::Code::unknown_option:
        fail(RecordCode::unknown_option, fmt::format("question \"{}\": unknown option", label), label);
        break;
      case AnswerError::Code::wrong_type:
        fail(RecordCode::wrong_type,
             fmt::format("question \"{}\" ({}) takes {}", label, to_string(question.type),
                         expected_value(question.type)),
             label);
        break;
      case AnswerError::Code::duplicate_option:
        fail(RecordCode::duplicate_option, fmt::format("question \"{}\": an option is given twice", label), label);
        break;
    }
  }

  /// The line number as an id.
  std::string_view id_from_line(std::uint64_t line) {
    line_id.clear();
    fmt::format_to(std::back_inserter(line_id), "{}", line);
    return line_id;
  }

  /// Scores the answers gathered (unless there was a problem) and appends the output record.
  void finish(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally) {
    answers.end_refill();
    if (!has_problem) {
      evaluator.evaluate(answers, result);
      if (result.status == Status::complete) {
        writer.scored(out, answers, result, id);
        tally_result(tally, result);
        return;
      }
      std::string list;
      fail(RecordCode::incomplete, "");
      for (std::size_t q : result.missing) {
        if (q >= bank.questions.size()) continue;
        problem.missing.push_back(question_label(bank.questions[q].id));
        if (!list.empty()) list += ", ";
        list += problem.missing.back();
      }
      problem.message = "required questions unanswered: " + list;
    }
    writer.error(out, id, line, problem);
    tally_error(tally, problem.code);
  }

  /// Reads the key of `field`, whose value starts at `value_start`: while `decoded` is false, `key` holds the
  /// bytes between its quotes, which may still hold escapes (decode_key() decodes them). False when the JSON
  /// is broken.
  bool read_key(ondemand::field& field, const char* value_start, std::string_view& key, bool& decoded) {
    if (plain_ids) {
      if (auto raw = raw_key_text(field.key().raw(), value_start)) {
        key = *raw;
        decoded = false;
        return true;
      }
    }
    decoded = true;
    return !field.unescaped_key().get(key);
  }

  /// Decodes a key read by read_key() if it holds escapes. False when the JSON is broken (a bad escape).
  bool decode_key(ondemand::field& field, std::string_view& key, bool& decoded) {
    if (decoded) return true;
    decoded = true;
    if (!has_backslash(key)) return true;
    return !field.unescaped_key().get(key);
  }

  /// The index of the question a key names when it is no id as read_key() left it: decodes the key if it holds
  /// escapes and looks it up again (a decoded key is looked up as it is). False when the JSON is broken.
  bool find_question(ondemand::field& field, std::string_view& key, bool decoded, std::optional<std::size_t>& index) {
    if (!decoded) {
      if (!has_backslash(key)) return true;  // the key as it stands, and no id
      if (!decode_key(field, key, decoded)) return false;
    }
    index = question_ids.find(key);
    return true;
  }

  /// Reads a string value and looks up the option of question `index` it names (none: `option` is empty).
  /// `text` is its decoded text. False when the JSON is broken.
  bool read_option(std::size_t index, ondemand::value& value, std::string_view& text,
                   std::optional<std::size_t>& option) {
    if (plain_ids) {
      if (auto raw = raw_string_text(value.raw_json_token())) {
        text = *raw;
        option = option_ids.find_padded(index, text);
        if (option || !has_backslash(text)) return true;
      }
    }
    if (value.get_string().get(text)) return false;
    option = option_ids.find(index, text);
    return true;
  }

  /// Sets the common answer without decoding anything: the first answer to choice question `index`, one of its
  /// option ids written without escapes (`token` is the raw JSON of the value). False, with no effect on the
  /// record, for any other answer. Only for plain ids.
  bool set_plain_choice(std::size_t index, std::string_view token) {
    auto text = raw_string_text(token);
    if (!text || answers.refilled(index)) return false;
    std::optional<std::size_t> option = option_ids.find_padded(index, *text);  // text questions have no options
    if (!option) return false;
    answer_error(answers.set_option_at(index, *option), index);
    return true;
  }

  /// Reads one element of a list answer to question `index`: `option` is the option it names, if any.
  /// `is_string` is false for an element that is no string. False when the JSON is broken.
  bool read_element(std::size_t index, ondemand::value& element, std::string_view& text,
                    std::optional<std::size_t>& option, bool& is_string) {
    is_string = true;
    if (plain_ids) {
      if (auto raw = raw_string_text(element.raw_json_token())) {
        text = *raw;
        option = option_ids.find_padded(index, text);
        if (option) return true;  // the common case: an option id without escapes
      }
    }
    ondemand::json_type type;
    if (element.type().get(type)) return false;
    if (type != ondemand::json_type::string) {
      is_string = false;
      return true;
    }
    return read_option(index, element, text, option);
  }

  /// Reads a list answer. False when the JSON is broken.
  bool read_list(std::size_t index, ondemand::value& answer) {
    const Question& question = bank.questions[index];
    ondemand::array array;
    if (answer.get_array().get(array)) return false;
    options.clear();
    option_indices.clear();
    bool all_strings = true;
    bool all_known = true;  // every option id (up to the limit) was found
    for (auto element_result : array) {
      ondemand::value element;
      if (std::move(element_result).get(element)) return false;
      std::string_view text;
      std::optional<std::size_t> option;
      bool is_string = true;
      if (!read_element(index, element, text, option, is_string)) return false;
      if (!is_string) {
        all_strings = false;
      } else if (options.size() < limits.max_answers) {
        options.push_back(text);
        if (option) {
          option_indices.push_back(static_cast<std::uint16_t>(*option));
        } else {
          all_known = false;
        }
      }
    }
    if (!all_strings || question.type != QuestionType::multiple) {  // a list only for multiple choice
      answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, index);
    } else if (all_known) {
      answer_error(answers.set_options_at(index, option_indices), index);
    } else {
      answer_error(answers.set_choice_at(index, options), index);
    }
    return true;
  }

  /// Reads a string answer. False when the JSON is broken.
  bool read_string_answer(std::size_t index, ondemand::value& answer) {
    const Question& question = bank.questions[index];
    std::string_view text;
    if (question.type == QuestionType::text) {
      if (answer.get_string().get(text)) return false;
      answer_error(answers.set_text_at(index, text), index);
      return true;
    }
    std::optional<std::size_t> option;
    if (!read_option(index, answer, text, option)) return false;
    if (option) {
      answer_error(answers.set_option_at(index, *option), index);
    } else {
      options.clear();
      options.push_back(text);
      answer_error(answers.set_choice_at(index, options), index);
    }
    return true;
  }

  /// Reads one field of the "answers" object, any answer (the general path). `index` is the question the key
  /// names as read_key() left it, if any. False when the JSON is broken.
  bool read_answer(ondemand::field& field, std::string_view key, bool decoded, std::optional<std::size_t> index) {
    ondemand::value& answer = field.value();
    ondemand::json_type type;
    if (answer.type().get(type)) return false;
    if (!index && !find_question(field, key, decoded, index)) return false;
    if (!index) {
      std::string label = question_label(key);
      fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
      return true;
    }
    const Question& question = bank.questions[*index];
    if (answers.refilled(*index)) {
      std::string label = question_label(question.id);
      fail(RecordCode::duplicate_key, fmt::format("question \"{}\" is answered twice", label), label);
      return true;
    }
    switch (type) {
      case ondemand::json_type::null: return true;  // unanswered
      case ondemand::json_type::string: return read_string_answer(*index, answer);
      case ondemand::json_type::array: return read_list(*index, answer);
      default: answer_error(AnswerError{AnswerError::Code::wrong_type, question.id, {}}, *index); return true;
    }
  }

  /// Reads the "answers" object into the answer set. False when the JSON itself is broken.
  bool read_answers(ondemand::value value) {
    ondemand::object object;
    auto error = value.get_object().get(object);
    if (error == simdjson::INCORRECT_TYPE) {
      fail(RecordCode::wrong_type, "\"answers\" must be an object");
      return true;
    }
    if (error) return false;
    question_ids.restart();
    std::size_t count = 0;
    for (auto field_result : object) {
      ondemand::field field;
      if (std::move(field_result).get(field)) return false;
      std::string_view token = field.value().raw_json_token();
      ++count;
      std::string_view key;
      bool decoded = false;
      if (!read_key(field, token.data(), key, decoded)) return false;
      if (count > limits.max_answers) {
        if (!decode_key(field, key, decoded)) return false;
        if (problem.code != RecordCode::too_many_answers) has_problem = false;  // this one wins
        fail(RecordCode::too_many_answers, fmt::format("more than {} answers", limits.max_answers));
        continue;
      }
      if (has_problem) {  // the rest is only checked for valid JSON
        if (!decode_key(field, key, decoded)) return false;
        continue;
      }
      std::optional<std::size_t> index;
      if (!decoded) {  // a key with escapes is no id as it stands
        index = question_ids.find_padded(key);
        if (index && set_plain_choice(*index, token)) continue;
      }
      if (!read_answer(field, key, decoded, index)) return false;
    }
    return true;
  }

  void score_json(std::string_view line, std::uint64_t line_number, std::string& out, BatchTally& tally) {
    begin();
    std::string_view id;
    bool have_id = false;
    bool seen_id = false;
    bool seen_answers = false;
    bool broken = false;
    ondemand::document document;
    if (parser.iterate(line.data(), line.size(), line.size() + batch_json_padding).get(document)) {
      broken = true;
    } else {
      ondemand::object object;
      auto error = document.get_object().get(object);
      if (error == simdjson::INCORRECT_TYPE) {
        // On demand only looked at the first byte: validate the whole line to tell the two apart.
        simdjson::dom::element element;
        if (validator.parse(line.data(), line.size(), false).get(element)) {
          broken = true;
        } else {
          fail(RecordCode::not_an_object, "the record is not a JSON object");
        }
      } else if (error) {
        broken = true;
      } else {
        for (auto field_result : object) {
          ondemand::field field;
          std::string_view key;
          bool decoded = false;
          if (std::move(field_result).get(field) ||
              !read_key(field, field.value().raw_json_token().data(), key, decoded) ||
              !decode_key(field, key, decoded)) {
            broken = true;
            break;
          }
          if (key == "id") {
            if (seen_id) {
              fail(RecordCode::duplicate_key, "the field \"id\" appears twice");
              continue;
            }
            seen_id = true;
            ondemand::value value = field.value();
            ondemand::json_type type;
            if (value.type().get(type)) {
              broken = true;
              break;
            }
            if (type == ondemand::json_type::string) {
              auto raw = raw_string_text(value.raw_json_token());
              if (raw && !has_backslash(*raw)) {
                id = *raw;  // nothing to decode
              } else if (value.get_string().get(id)) {
                broken = true;
                break;
              }
              have_id = !id.empty();
            } else if (type == ondemand::json_type::number) {
              id = value.raw_json_token();
              while (!id.empty() && (id.back() == ' ' || id.back() == '\t' || id.back() == '\r' || id.back() == '\n')) {
                id.remove_suffix(1);
              }
              double number = 0;
              if (value.get_double().get(number)) {
                broken = true;
                break;
              }
              have_id = true;
            } else if (type != ondemand::json_type::null) {
              fail(RecordCode::wrong_type, "the id must be a string or a number");
            }
          } else if (key == "answers") {
            if (seen_answers) {
              fail(RecordCode::duplicate_key, "the field \"answers\" appears twice");
              continue;
            }
            seen_answers = true;
            if (!read_answers(field.value())) {
              broken = true;
              break;
            }
          }
        }
        // Anything after the object (other than whitespace) makes the line invalid.
        if (!broken && document.current_location().error() != simdjson::OUT_OF_BOUNDS) broken = true;
        if (!broken && !seen_answers) fail(RecordCode::missing_answers, "the record has no \"answers\" object");
      }
    }
    if (broken) {  // an invalid line has no trustworthy id: it gets its line number
      has_problem = false;
      fail(RecordCode::invalid_json, "the line is not valid JSON");
      have_id = false;
    }
    finish(have_id ? id : id_from_line(line_number), line_number, out, tally);
  }

  void score_csv(const RecordBatch& batch, const BatchRecord& record, std::string& out, BatchTally& tally) {
    begin();
    const CsvColumns& columns = *batch.columns;
    std::string_view id;
    if (columns.id_column && *columns.id_column < record.size) id = batch.cell(record.first + *columns.id_column);
    if (id.empty()) id = id_from_line(record.line);
    if (record.too_long) {
      fail(RecordCode::line_too_long, fmt::format("record longer than {} bytes", limits.max_line_bytes));
    } else if (record.malformed) {
      fail(RecordCode::invalid_csv, "malformed CSV quoting");
    } else if (record.fields != columns.names.size()) {
      fail(RecordCode::invalid_csv,
           fmt::format("the record has {} fields, the header has {}", record.fields, columns.names.size()));
    } else {
      for (std::size_t column = 0; column < record.size && !has_problem; ++column) {
        std::string_view cell = batch.cell(record.first + column);
        if (cell.empty() || column == columns.id_column) continue;
        const std::optional<std::size_t>& index = columns.question[column];
        if (!index) {
          std::string label = question_label(columns.names[column]);
          fail(RecordCode::unknown_question, fmt::format("unknown question \"{}\"", label), label);
          break;
        }
        const Question& question = bank.questions[*index];
        if (question.type == QuestionType::text) {
          answer_error(answers.set_text_at(*index, cell), *index);
          continue;
        }
        options.clear();
        std::size_t start = 0;
        while (start <= cell.size()) {
          std::size_t end = cell.find(';', start);
          if (end == std::string_view::npos) end = cell.size();
          std::string_view option = trim_spaces(cell.substr(start, end - start));
          if (!option.empty()) options.push_back(option);
          start = end + 1;
        }
        answer_error(answers.set_choice_at(*index, options), *index);
      }
    }
    finish(id, record.line, out, tally);
  }
};

RecordScorer::RecordScorer(const Bank& bank, const BatchLimits& limits, BatchFormat output)
    : impl_(std::make_unique<Impl>(bank, limits, output)) {}

RecordScorer::~RecordScorer() = default;

void RecordScorer::score_json_line(std::string_view line, std::uint64_t line_number, std::string& out,
                                   BatchTally& tally) {
  impl_->score_json(line, line_number, out, tally);
}

void RecordScorer::score(const RecordBatch& batch, std::string& out, BatchTally& tally) {
  for (const BatchRecord& record : batch.records) {
    if (batch.format == BatchFormat::csv) {
      impl_->score_csv(batch, record, out, tally);
    } else if (record.too_long) {
      impl_->begin();
      impl_->fail(RecordCode::line_too_long, fmt::format("line longer than {} bytes", impl_->limits.max_line_bytes));
      impl_->finish(impl_->id_from_line(record.line), record.line, out, tally);
    } else {
      impl_->score_json(batch.line(record), record.line, out, tally);
    }
  }
}

}  // namespace wegwijzer
