// Reading a JSON Lines record into the answer set. A simple record (the common shape: see
// scan_simple_record()) is read by the strict scanner, which needs no decoding; any other line by simdjson on
// demand, with string views into the line. Both hand their answers to the same per-answer functions
// (batch_answer_reading.hpp), so they read a record alike; the answers of a simple record go through a loop of
// their own first (read_simple_answers()), which sets the common ones itself and hands the rest on exactly where
// read_answer() would be.
//
// The answers in front of a simple record are set while the scanner reads them (QuickAnswers, batch_id_index.hpp)
// as long as each is quick, so the scanner stores none of them; from the first other answer on, the scanner stores
// them and read_simple_answers() reads them on (from the right ordinal, with the question expected next). A line
// that turns out not to be simple after some answers were set is read from scratch (begin() again).
//
// The common answer, the first to the question expected next in bank order and one of its option ids, costs a few
// word comparisons in a loop of its own (set_common_answers()): keys and option ids without escapes are compared as
// they stand in the (padded) line, 16 bytes at a time, the option by one hash probe, and it is set by index as one
// store into the answer set's state words; only text with a backslash is decoded (so "ne\u0065d" is still
// "need"). Anything else takes the general path, which reports the same first problem as before.
#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "batch_answer_reading.hpp"
#include "batch_scorer_impl.hpp"

namespace wegwijzer {

static_assert(batch_json_padding >= simdjson::SIMDJSON_PADDING, "batches must pad JSON lines for simdjson");
static_assert(batch_json_padding >= 16, "ids inside a line are read 16 bytes at a time (batch_id_index.hpp)");
static_assert(batch_json_padding >= simple_record_padding, "batches must pad JSON lines for the strict scanner");

namespace {

namespace ondemand = simdjson::ondemand;

/// Whether `c` is JSON white space.
bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A string id names its record unless it is empty (then the line number does).
bool names_record(std::string_view id) { return !id.empty(); }

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

/// A value read by simdjson on demand: the Value of batch_answer_reading.hpp.
class OndemandValue {
 public:
  explicit OndemandValue(ondemand::value& value) : value_(value) {}

  std::optional<std::string_view> raw_string() { return raw_string_text(value_.raw_json_token()); }

  bool kind(JsonKind& kind) {
    ondemand::json_type type;
    if (value_.type().get(type)) return false;
    switch (type) {
      case ondemand::json_type::null: {
        // type() only looks at the first byte: `nul` or `nx` must not pass as null (the differential target).
        bool null_value = false;
        if (value_.is_null().get(null_value) || !null_value) return false;
        kind = JsonKind::null;
        break;
      }
      case ondemand::json_type::string: kind = JsonKind::string; break;
      case ondemand::json_type::array: kind = JsonKind::array; break;
      default: kind = JsonKind::other; break;
    }
    return true;
  }

  bool text(std::string_view& text) { return !value_.get_string().get(text); }

  template <typename Visit>
  bool each_element(Visit&& visit) {
    ondemand::array array;
    if (value_.get_array().get(array)) return false;
    for (auto element_result : array) {
      ondemand::value element;
      if (std::move(element_result).get(element)) return false;
      OndemandValue wrapped(element);
      if (!visit(wrapped)) return false;
    }
    return true;
  }

 private:
  ondemand::value& value_;
};

/// An object field read by simdjson on demand: the Field of batch_answer_reading.hpp.
class OndemandField {
 public:
  /// `plain_ids`: keys without escapes may be compared as they stand (RecordScorer::Impl::plain_ids).
  OndemandField(ondemand::field& field, bool plain_ids) : field_(field), value_(field.value()), plain_ids_(plain_ids) {}

  bool read_key(std::string_view& key, bool& decoded) {
    if (plain_ids_) {
      if (auto raw = raw_key_text(field_.key().raw(), field_.value().raw_json_token().data())) {
        key = *raw;
        decoded = false;
        return true;
      }
    }
    decoded = true;
    return !field_.unescaped_key().get(key);
  }

  bool decode_key(std::string_view& key, bool& decoded) {
    if (decoded) return true;
    decoded = true;
    if (!has_backslash(key)) return true;
    return !field_.unescaped_key().get(key);
  }

  OndemandValue& value() { return value_; }

 private:
  ondemand::field& field_;
  OndemandValue value_;
  bool plain_ids_;
};

static_assert(static_cast<JsonKind>(SimpleValue::null) == JsonKind::null &&
                  static_cast<JsonKind>(SimpleValue::string) == JsonKind::string &&
                  static_cast<JsonKind>(SimpleValue::list) == JsonKind::array,
              "a SimpleValue is the JsonKind of the same name");

/// A value the scanner found: the Value of batch_answer_reading.hpp. Never broken, never with escapes.
class ScannedValue {
 public:
  /// A string.
  explicit ScannedValue(std::string_view text) : kind_(JsonKind::string), text_(text) {}
  /// Any answer of a simple record, whose list strings are in `strings`.
  ScannedValue(const SimpleAnswer& answer, const std::vector<std::string_view>& strings)
      : kind_(static_cast<JsonKind>(answer.value)),
        text_(answer.text),
        elements_(strings.data() + answer.first),
        count_(answer.count) {}

  std::optional<std::string_view> raw_string() const {
    if (kind_ == JsonKind::string) return text_;
    return std::nullopt;
  }

  bool kind(JsonKind& kind) const {
    kind = kind_;
    return true;
  }

  bool text(std::string_view& text) const {
    text = text_;
    return true;
  }

  template <typename Visit>
  bool each_element(Visit&& visit) const {
    for (std::size_t i = 0; i < count_; ++i) {
      ScannedValue element(elements_[i]);
      if (!visit(element)) return false;
    }
    return true;
  }

 private:
  JsonKind kind_;
  std::string_view text_;
  const std::string_view* elements_ = nullptr;
  std::size_t count_ = 0;
};

/// An answer the scanner found: the Field of batch_answer_reading.hpp. Its key holds no escapes.
class ScannedField {
 public:
  ScannedField(const SimpleAnswer& answer, const std::vector<std::string_view>& strings)
      : key_(answer.key), value_(answer, strings) {}

  bool read_key(std::string_view& key, bool& decoded) const {
    key = key_;
    decoded = false;
    return true;
  }

  bool decode_key(std::string_view&, bool& decoded) const {
    decoded = true;  // nothing to decode
    return true;
  }

  ScannedValue& value() { return value_; }

 private:
  std::string_view key_;
  ScannedValue value_;
};

}  // namespace

void RecordScorer::Impl::score_json(std::string_view line, std::uint64_t line_number, std::string& out,
                                    BatchTally& tally) {
  begin();
  std::string_view id;
  bool have_id = false;
  if (!read_simple_record(line, id, have_id)) read_json_record(line, id, have_id);
  finish(have_id ? id : id_from_line(line_number), line_number, out, tally);
}

void RecordScorer::Impl::fail_missing_answers() {
  fail(RecordCode::missing_answers, "the record has no \"answers\" object");
}

bool RecordScorer::Impl::read_simple_record(std::string_view line, std::string_view& id, bool& have_id) {
  // A line simdjson could not hold is left to simdjson, which reports it.
  if (!scan_first || line.size() > limits.max_line_bytes) return false;
  quick.begin(record_serial, limits.max_answers);
  if (!scan_simple_record(line, simple, quick)) {
    if (simple.quick_taken != 0) begin();  // simdjson reads the record from scratch
    return false;
  }
  if (simple.has_answers) {
    answers_read = true;
    read_simple_answers(simple.quick_taken, simple.quick_cursor);
  } else {
    fail_missing_answers();
  }
  id = simple.id;
  have_id = simple.has_id && names_record(id);
  return true;
}

void RecordScorer::Impl::read_simple_answers(std::size_t taken, std::size_t next) {
  const SimpleAnswer* const first = simple.answers.data();
  const SimpleAnswer* const last = first + simple.answers.size();
  const SimpleAnswer* const quick_end =
      has_problem ? first : first + std::min(simple.answers.size(), limits.max_answers - taken);  // taken <= limit
  const SimpleAnswer* answer = first;
  // What read_answer() does with an answer before the first problem and within the limit, without a Field.
  while (answer != quick_end) {
    answer = set_common_answers(answer, quick_end, next);
    if (answer == quick_end) break;
    std::optional<std::size_t> index = question_ids.find_padded(answer->key, next);
    if (index && answer->value == SimpleValue::string && key_seen[*index] != record_serial) {  // common, elsewhere
      const std::size_t option = option_ids.find_padded_index(*index, answer->text);
      if (option != OptionIndex::none) {
        key_seen[*index] = record_serial;
        answers.set_known_option(*index, static_cast<std::uint16_t>(option));  // found: no error possible
        ++answer;
        continue;
      }
    }
    if (!read_other_answer(*answer++, index)) break;
  }
  if (answer != last) read_later_answers(static_cast<std::size_t>(answer - first), taken);
}

const SimpleAnswer* RecordScorer::Impl::set_common_answers(const SimpleAnswer* answer, const SimpleAnswer* end,
                                                           std::size_t& next_question) {
  // Locals, so that they stay in registers: stores into the answer set could alias members.
  const std::uint64_t serial = record_serial;
  std::uint64_t* const seen = key_seen.data();
  std::size_t next = next_question;
  for (; answer != end; ++answer, ++next) {
    if (answer->value != SimpleValue::string || !question_ids.is_next(answer->key, next) || seen[next] == serial) break;
    const std::size_t option = option_ids.find_padded_index(next, answer->text);
    if (option == OptionIndex::none) break;
    seen[next] = serial;
    answers.set_known_option(next, static_cast<std::uint16_t>(option));  // found: no error possible
  }
  next_question = next;
  return answer;
}

void RecordScorer::Impl::read_later_answers(std::size_t from, std::size_t taken) {
  for (std::size_t i = from; i < simple.answers.size(); ++i) {
    ScannedField field(simple.answers[i], simple.strings);
    read_next_answer(field, taken + i + 1);  // past the first problem too: the valid answers count for safety
  }
}

bool RecordScorer::Impl::read_other_answer(const SimpleAnswer& answer, std::optional<std::size_t> index) {
  if (!index || !set_uncommon_answer(*index, answer)) {
    ScannedField field(answer, simple.strings);
    read_any_answer(field, answer.key, false, index);  // never broken JSON
  }
  return !has_problem;
}

bool RecordScorer::Impl::set_uncommon_answer(std::size_t index, const SimpleAnswer& answer) {
  if (key_seen[index] == record_serial) return false;  // named twice: a problem
  switch (answer.value) {
    case SimpleValue::string: {
      if (bank.questions[index].type != QuestionType::text) return false;  // an unknown option: a problem
      key_seen[index] = record_serial;
      answer_error(answers.set_text_at(index, answer.text), index);  // the text as it stands: no escapes
      return true;
    }
    case SimpleValue::null: key_seen[index] = record_serial; return true;  // unanswered
    case SimpleValue::list: return set_quick_list(index, answer);
  }
  return false;
}

bool RecordScorer::Impl::set_quick_list(std::size_t index, const SimpleAnswer& answer) {
  constexpr std::size_t most = 16;  // options in a list read quickly (a longer one may pass the answer limit)
  if (answer.count > most || answer.count > limits.max_answers) return false;
  if (bank.questions[index].type != QuestionType::multiple) return false;  // a list only for multiple choice
  std::uint16_t picked[most];
  const std::string_view* element = simple.strings.data() + answer.first;
  for (std::uint32_t i = 0; i < answer.count; ++i) {
    const std::size_t option = option_ids.find_padded_index(index, element[i]);
    if (option == OptionIndex::none) return false;  // an unknown option: a problem
    picked[i] = static_cast<std::uint16_t>(option);
  }
  // None, twice the same or an exclusive one with others: a problem, told by the general path.
  if (!answers.set_found_options(index, picked, answer.count)) return false;
  key_seen[index] = record_serial;
  return true;
}

bool RecordScorer::Impl::read_answers(ondemand::value value) {
  ondemand::object object;
  auto error = value.get_object().get(object);
  if (error == simdjson::INCORRECT_TYPE) {
    fail(RecordCode::wrong_type, "\"answers\" must be an object");
    return true;
  }
  if (error) return false;
  answers_read = true;
  question_ids.restart();
  std::size_t count = 0;
  for (auto field_result : object) {
    ondemand::field field;
    if (std::move(field_result).get(field)) return false;
    OndemandField answer(field, plain_ids);
    if (!read_next_answer(answer, ++count)) return false;  // past the first problem too, as read_later_answers()
  }
  return true;
}

void RecordScorer::Impl::keep_id(std::string_view id, bool have_id) {
  if (input.keep.empty()) return;
  auto kept = std::find(input.keep.begin(), input.keep.end(), input.id_field);
  if (kept != input.keep.end() && have_id)
    writer.kept_values()[static_cast<std::size_t>(kept - input.keep.begin())].set_text(id);
}

bool RecordScorer::Impl::read_kept_field(ondemand::value value, std::size_t k) {
  KeptValue& kept = writer.kept_values()[k];
  if (key_seen_kept.size() < input.keep.size()) key_seen_kept.resize(input.keep.size(), 0);
  if (key_seen_kept[k] == record_serial) {
    fail(RecordCode::duplicate_key, fmt::format("the field \"{}\" appears twice", question_label(input.keep[k])));
    return true;
  }
  key_seen_kept[k] = record_serial;
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  switch (type) {
    case ondemand::json_type::string: {
      std::string_view text;
      if (value.get_string().get(text)) return false;
      kept.set_text(text);
      return true;
    }
    case ondemand::json_type::number:
    case ondemand::json_type::boolean: {
      std::string_view token = value.raw_json_token();
      while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
      kept.kind = KeptValue::Kind::json;
      kept.text.assign(token);
      return true;  // the whole line is validated at its end
    }
    case ondemand::json_type::null: return true;  // missing
    case ondemand::json_type::object: {           // carried as written: metadata is no reason to lose the advice
      ondemand::object object;
      std::string_view raw;
      if (value.get_object().get(object) || object.raw_json().get(raw)) return false;
      kept.kind = KeptValue::Kind::json;
      kept.text.assign(raw);
      return true;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      std::string_view raw;
      if (value.get_array().get(array) || array.raw_json().get(raw)) return false;
      kept.kind = KeptValue::Kind::json;
      kept.text.assign(raw);
      return true;
    }
  }
  return false;
}

void RecordScorer::Impl::read_json_record(std::string_view line, std::string_view& id, bool& have_id) {
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
        if (std::move(field_result).get(field)) {
          broken = true;
          break;
        }
        OndemandField top(field, plain_ids);
        std::string_view key;
        bool decoded = false;
        if (!top.read_key(key, decoded) || !top.decode_key(key, decoded)) {
          broken = true;
          break;
        }
        if (!input.keep.empty() && key != input.id_field) {
          auto kept = std::find(input.keep.begin(), input.keep.end(), key);
          if (kept != input.keep.end()) {
            if (!read_kept_field(field.value(), static_cast<std::size_t>(kept - input.keep.begin()))) {
              broken = true;
              break;
            }
            continue;
          }
        }
        if (key == input.id_field) {
          if (seen_id) {
            fail(RecordCode::duplicate_key, fmt::format("the field \"{}\" appears twice", question_label(key)));
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
            have_id = names_record(id);
          } else if (type == ondemand::json_type::number) {
            id = value.raw_json_token();
            while (!id.empty() && is_json_space(id.back())) id.remove_suffix(1);
            double number = 0;
            if (value.get_double().get(number)) {
              broken = true;
              break;
            }
            have_id = true;
          } else if (type == ondemand::json_type::null) {
            bool null_value = false;  // type() only looked at the first byte
            if (value.is_null().get(null_value) || !null_value) {
              broken = true;
              break;
            }
          } else {
            fail(RecordCode::wrong_type, "the id must be a string or a number");
          }
          keep_id(id, have_id);
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
      if (!broken && !seen_answers) fail_missing_answers();
      // On demand is not a validating parser: it skips values it does not read (a field the record does not use,
      // an unknown question, answers after the first problem) and may read on past a misplaced token. The
      // differential fuzz target found lines that were scored or read as records that way. So a line this path
      // reads is validated once as a whole: an invalid line is invalid_json, never a scored or partly read
      // record. The common record is read by the strict scanner and never comes here.
      simdjson::dom::element element;
      if (!broken && validator.parse(line.data(), line.size(), false).get(element)) broken = true;
    }
  }
  if (broken) {  // an invalid line has no trustworthy id or kept values: it gets its line number
    for (KeptValue& value : writer.kept_values()) value.kind = KeptValue::Kind::missing;
    has_problem = false;
    fail(RecordCode::invalid_json, "the line is not valid JSON");
    have_id = false;
  }
}

}  // namespace wegwijzer
