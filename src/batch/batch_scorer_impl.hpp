#pragma once
// The state behind RecordScorer, shared by the files that score records:
// - batch_scorer.cpp: a record's first problem, and finishing a record (scoring it, writing the output line);
// - batch_answer_reading.hpp: reading one answer into the answer set, the same for both JSON readers;
// - batch_scorer_json.cpp: JSON Lines records, by the strict scanner (jsonl_scan.hpp) or by simdjson;
// - batch_scorer_csv.cpp: CSV records.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch_id_index.hpp"
#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/batch/jsonl_scan.hpp"
#include "wegwijzer/batch/nearest_flip.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// Whether `text` holds a backslash: as JSON string content, whether it has escapes.
inline bool has_backslash(std::string_view text) { return text.find('\\') != std::string_view::npos; }

/// The id of the option that `text` gives as its numeric code (its 1-based place in `question`'s options, --codes);
/// `text` itself when it is no such code.
std::string_view option_for_code(const Question& question, std::string_view text);

/// What a JSON value is, as far as reading answers cares.
enum class JsonKind { null, string, array, other };

struct RecordScorer::Impl {
  Impl(const Bank& bank_in, const BatchLimits& limits_in, BatchFormat output_in, JsonReading reading, bool explain,
       const BatchInputOptions& input_in);

  // The record being scored (batch_scorer.cpp).

  const Bank& bank;
  BatchLimits limits;
  BatchFormat output;
  BatchInputOptions input;  ///< --strict, --id, --keep, --codes
  AnswerSet answers;
  Result result;                           ///< reused for every record: its vectors keep their capacity
  Evaluator evaluator;                     ///< scores the answer sets
  BatchRecordWriter writer;                ///< writes the output records
  std::optional<NearestFlipFinder> flips;  ///< --explain: finds each scored record's nearest flip
  Flip flip;                               ///< the nearest flip of the record (its vectors reused)
  std::string line_id;                     ///< the line number as an id
  bool has_problem = false;                ///< the record has a problem (`problem`): it becomes an error record
  /// read_next_answer() is reading an answer past the record's first problem: has_problem is false meanwhile, so
  /// that read_answer() reads it in full, and fail() keeps the first problem.
  bool past_problem = false;
  /// The record's answers were reached (an "answers" object, a CSV row of the header's width): unless its JSON
  /// turns out broken, an error record carries the urgency and red flags of the valid ones.
  bool answers_read = false;
  RecordProblem problem;
  std::uint64_t record_serial = 0;      ///< counts records, for key_seen
  std::vector<std::uint64_t> key_seen;  ///< per question: the record_serial of the last record naming it

  /// Whether the current record named question `question` before (also with null); marks it named.
  bool named_before(std::size_t question) {
    if (key_seen[question] == record_serial) return true;
    key_seen[question] = record_serial;
    return false;
  }

  /// A question id fit for a message: sanitised and cut to a sensible length (ids, never answers).
  static std::string question_label(std::string_view id);

  /// Starts a record: no answers, no problem.
  void begin() {
    answers.clear_all();  // one store per question: nothing is kept from the record before
    ++record_serial;
    has_problem = false;
    answers_read = false;
  }

  /// Whether the record's first problem is recorded already (also while read_next_answer() reads past it).
  bool problem_recorded() const { return has_problem || past_problem; }

  /// Records the record's first problem; later ones are ignored.
  void fail(RecordCode code, std::string message, std::string question = {});

  /// fail() for an answer to a question the bank does not have: `name` is its id (or CSV column name).
  void fail_unknown_question(std::string_view name);

  std::vector<std::string> unknown_keys;  ///< without --strict: the record's answer keys that name no question
  bool unnamed_key = false;               ///< ... whether one of them is no id (never shown)
  bool overflow_key = false;              ///< ... whether one of them is beyond the cap of names
  bool numeric_option = false;            ///< without --codes: an unknown option of digits only (for a hint)
  /// Without --codes: notes an option text that is no option of its question but may be a numeric code.
  void note_numeric_option(std::string_view text) {
    if (!input.codes && !text.empty() && text.size() <= 5 &&
        text.find_first_not_of("0123456789") == std::string_view::npos) {
      numeric_option = true;
    }
  }
  /// Without --strict: notes an answer key that names no question, to be named once on stderr.
  void note_unknown_key(std::string_view key);
  /// Counts the record's unknown keys into `tally` and forgets them.
  void tally_unknown_keys(BatchTally& tally);

  /// Turns an AnswerSet error into the record's problem, with a message of our own (no answer text).
  void answer_error(const std::optional<AnswerError>& error, std::size_t question_at) {
    if (error) report_answer_error(*error, question_at);
  }

  /// answer_error() for an error.
  void report_answer_error(const AnswerError& error, std::size_t question_at);

  /// The line number as an id.
  std::string_view id_from_line(std::uint64_t line);

  /// Scores the answers gathered (unless there was a problem) and appends the output record.
  void finish(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally);
  /// finish() for a complete record with --explain: its nearest flip is found, written and counted.
  [[gnu::noinline]] void finish_explained(std::string_view id, std::string& out, BatchTally& tally);
  /// finish() for an error record: an incomplete record (evaluated by finish()) or one with a problem. Unless its
  /// JSON is broken, the record carries the urgency, red flags and unknown red flags of its valid answers.
  [[gnu::noinline]] void finish_error(std::string_view id, std::uint64_t line, std::string& out, BatchTally& tally);

  // Reading one answer of a JSON record, whichever reader found it (batch_answer_reading.hpp).

  QuestionIndex question_ids;                 ///< question id → index
  OptionIndex option_ids;                     ///< (question, option id) → option index
  bool plain_ids;                             ///< no id holds a backslash: keys and values without escapes compare raw
  std::vector<std::string_view> options;      ///< option ids of one answer (views into the line)
  std::vector<std::uint16_t> option_indices;  ///< the options of one answer, looked up

  /// Reads the `count`-th field of the "answers" object into the answer set. False when the JSON is broken.
  template <typename Field>
  bool read_answer(Field& field, std::size_t count);
  /// read_answer() that, past the record's first problem and within the answer limit, still reads the answer
  /// (read_answer() alone only checks its JSON then): a valid one is set, so that the error record has the
  /// urgency and red flags of every valid answer; an invalid one is not set, and the first problem stays.
  template <typename Field>
  bool read_next_answer(Field& field, std::size_t count) {
    if (!has_problem || count > limits.max_answers) return read_answer(field, count);
    has_problem = false;
    past_problem = true;
    const bool read = read_answer(field, count);
    past_problem = false;
    has_problem = true;
    return read;
  }
  /// read_answer() past the quick choice: any answer. `index` is the question the key names as read_key()
  /// left it, if any.
  template <typename Field>
  bool read_any_answer(Field& field, std::string_view key, bool decoded, std::optional<std::size_t> index);
  /// The index of the question a key names when it is no id as read_key() left it: decodes the key if it holds
  /// escapes and looks it up again (a decoded key is looked up as it is). False when the JSON is broken.
  template <typename Field>
  bool find_question(Field& field, std::string_view& key, bool decoded, std::optional<std::size_t>& index);
  /// Sets the common answer without decoding anything: the first answer to choice question `index`, one of its
  /// option ids written without escapes (`text`: the bytes between the quotes of a string value). False, with
  /// no effect on the record, for any other answer. Only for plain ids.
  bool set_plain_choice(std::size_t index, std::optional<std::string_view> text);
  /// Reads a string value and looks up the option of question `index` it names (none: `option` is empty).
  /// `text` is its decoded text. False when the JSON is broken.
  template <typename Value>
  bool read_option(std::size_t index, Value& value, std::string_view& text, std::optional<std::size_t>& option);
  /// Reads one element of a list answer to question `index`: `option` is the option it names, if any.
  /// `is_string` is false for an element that is no string. False when the JSON is broken.
  template <typename Value>
  bool read_element(std::size_t index, Value& element, std::string_view& text, std::optional<std::size_t>& option,
                    bool& is_string);
  /// Reads a list answer. False when the JSON is broken.
  template <typename Value>
  bool read_list(std::size_t index, Value& answer);
  /// Reads a string answer. False when the JSON is broken.
  template <typename Value>
  bool read_string_answer(std::size_t index, Value& answer);

  // JSON Lines records (batch_scorer_json.cpp).

  bool scan_first;                    ///< try the strict scanner before simdjson
  SimpleRecord simple;                ///< what the scanner found in the record
  QuickAnswers quick;                 ///< sets the answers in front of a simple record while the scanner reads them
  simdjson::ondemand::parser parser;  ///< reads the records that are not simple
  simdjson::dom::parser validator;    ///< validates every line the on-demand path reads

  /// Scores one JSON Lines record.
  void score_json(std::string_view line, std::uint64_t line_number, std::string& out, BatchTally& tally);
  /// Reads a simple record (see scan_simple_record()) into the answer set; false, with no effect, for a line
  /// that is not simple (or when scanning is off).
  bool read_simple_record(std::string_view line, std::string_view& id, bool& have_id);
  /// Reads the answers of the simple record in `simple` as read_answer() reads each, after the `taken` answers
  /// in front that `quick` set already (`next`: the question it expects next). The common answer (the first to
  /// its question, one of its option ids) and the less common ones of set_uncommon_answer() are set without
  /// going through the Field and Value interface.
  void read_simple_answers(std::size_t taken, std::size_t next);
  /// read_simple_answers() for the common answers from `answer` on, up to `end`: each to the question expected
  /// next (`next`, which moves on), named for the first time, one of its option ids. Returns the first answer
  /// that is not such an answer (or `end`), untouched.
  const SimpleAnswer* set_common_answers(const SimpleAnswer* answer, const SimpleAnswer* end, std::size_t& next);
  /// read_simple_answers() for any answer but the common one (`index`: the question its key names, if any):
  /// set_uncommon_answer() or else read_any_answer(). Whether the record still has no problem.
  [[gnu::noinline]] bool read_other_answer(const SimpleAnswer& answer, std::optional<std::size_t> index);
  /// read_simple_answers() for the stored answers from the `from`-th on (counted from 0), after the first problem
  /// or past the answer limit: read_next_answer() on each, `taken` answers having come before the stored ones.
  [[gnu::noinline]] void read_later_answers(std::size_t from, std::size_t taken);
  /// Reads an answer of the simple record that is no known option id to question `index` (found by its key)
  /// as read_any_answer() would, when that is quick: the first answer to the question, and null, a text for a
  /// text question, or a list of known option ids for a multiple choice. False, with no effect on the record,
  /// for any other answer. Only before the record's first problem and within the answer limit.
  bool set_uncommon_answer(std::size_t index, const SimpleAnswer& answer);
  /// set_uncommon_answer() for a list.
  bool set_quick_list(std::size_t index, const SimpleAnswer& answer);
  /// Reads any record with simdjson into the answer set.
  void read_json_record(std::string_view line, std::string_view& id, bool& have_id);
  std::vector<std::uint64_t> key_seen_kept;  ///< per --keep field: the record_serial of the last record naming it
  /// Reads the value of the `k`-th --keep field into the writer's kept values. False when the JSON is broken.
  bool read_kept_field(simdjson::ondemand::value value, std::size_t k);
  /// When the id field is also kept: the id is its kept value.
  void keep_id(std::string_view id, bool have_id);
  /// Reads the "answers" object into the answer set. False when the JSON itself is broken.
  bool read_answers(simdjson::ondemand::value value);
  /// The record has no "answers".
  void fail_missing_answers();

  // CSV records (batch_scorer_csv.cpp).

  /// Splits a CSV cell of choice question `index` into option ids in `options`; with `codes`, numeric codes
  /// become their option ids.
  void split_csv_options(std::size_t index, std::string_view cell, bool codes);
  /// Scores one CSV record of `batch`.
  void score_csv(const RecordBatch& batch, const BatchRecord& record, std::string& out, BatchTally& tally);
};

}  // namespace wegwijzer
