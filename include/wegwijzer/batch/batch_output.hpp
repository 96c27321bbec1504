#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/engine/result.hpp"
#include "wegwijzer/record/result_json_writer.hpp"

namespace wegwijzer {

/// An error record's details. `message` is plain English and never holds answer text.
struct RecordProblem {
  RecordCode code = RecordCode::invalid_json;
  std::string message;
  std::string question;              ///< the question concerned (sanitised), if any
  std::vector<std::string> missing;  ///< incomplete: ids of the unanswered required questions
};

/// The value of one kept input column (--keep) in the record being written.
struct KeptValue {
  /// missing: no such field (or cell) in the record; text: a CSV cell or a JSON string's text; json: a JSON
  /// number, true or false, as written in the input.
  enum class Kind { missing, text, json };
  Kind kind = Kind::missing;
  std::string text;
  /// Sets a text value.
  void set_text(std::string_view value) {
    kind = Kind::text;
    text.assign(value);
  }
};

/// Appends the CSV header row (fixed columns, see docs/batch.md) with a trailing newline; `kept` (the --keep
/// names) come after `id`; with `explain`, the columns of the nearest flip come last.
void append_csv_header(std::string& out, const Bank& bank, bool explain = false,
                       const std::vector<std::string>& kept = {});

/// How many questions `answers` answers that the skip logic shows (`result`'s ignored ones are not counted).
std::size_t count_answered(const AnswerSet& answers, const Result& result);

/// Appends one scored record and a newline: JSON Lines via append_result_json, or a CSV row.
void append_scored_record(std::string& out, BatchFormat format, const Bank& bank, const AnswerSet& answers,
                          const Result& result, std::string_view id);

/// Appends one error record and a newline, with the record's line number, code and message. `assessed`, when
/// given, is the result of the record's valid answers (an incomplete or partly invalid record): the record then
/// carries its urgency, red flags and unknown red flags too (JSON Lines: after "error"; CSV: in the urgency and
/// red_flags columns), and never a recommendation or scores. Without it (a record whose JSON is broken), as
/// before: no urgency, no red flags.
void append_error_record(std::string& out, BatchFormat format, const Bank& bank, std::string_view id,
                         std::uint64_t line, const RecordProblem& problem, const Result* assessed = nullptr);

/// Writes the output records of one scorer thread (append_scored_record and append_error_record
/// use one too). Built once per bank and format, so that whatever can be prepared from the bank
/// (escaped ids, fixed fragments, CSV fields) is prepared once.
class BatchRecordWriter {
 public:
  /// A writer for `bank` (which must outlive it) and `format`; with `explain`, records carry a nearest flip;
  /// `kept` names the kept input columns (--keep), whose values kept_values() holds for each record.
  BatchRecordWriter(const Bank& bank, BatchFormat format, bool explain = false, std::vector<std::string> kept = {});
  /// The kept columns' values for the next record, one per kept name; each write resets them to missing.
  std::vector<KeptValue>& kept_values() { return kept_values_; }
  /// Appends one scored record and a newline (the same bytes as append_scored_record). With `explain`, `flip` is
  /// its nearest flip (null: none); JSON Lines gains "nearest_flip", CSV its columns.
  void scored(std::string& out, const AnswerSet& answers, const Result& result, std::string_view id,
              const Flip* flip = nullptr);
  /// Appends one error record and a newline (the same bytes as append_error_record), with the urgency, red
  /// flags and unknown red flags of `assessed` when given, and with `answers` (its valid answers) also how many
  /// questions were answered and the scales whose items are all answered.
  void error(std::string& out, std::string_view id, std::uint64_t line, const RecordProblem& problem,
             const Result* assessed = nullptr, const AnswerSet* answers = nullptr);

 private:
  /// Appends the CSV row of a scored record.
  void scored_csv(std::string& out, const AnswerSet& answers, const Result& result, std::string_view id);
  /// Appends the kept values: a JSON member (before the record's closing brace) or CSV fields (after the id);
  /// then resets them to missing.
  void kept(std::string& out);
  /// Appends `,"answered":N,"scales":[...]` to an error record: its answers' count and the scales whose items are
  /// all answered, as a scored record writes them.
  void complete_scales_json(std::string& out, const AnswerSet& answers, const Result& result);
  /// Appends the scale and band columns of a CSV row; with `complete_only`, only scales whose items are all
  /// answered are filled.
  void scales_csv(std::string& out, const Result& result, bool complete_only);
  /// Appends `ids` (indices into `names`) joined with ';' as one CSV field.
  template <typename Names>
  void ids_csv(std::string& out, const std::vector<std::size_t>& ids, const Names& names);
  /// Appends the red_flags field of a CSV row: the rule ids joined with ';'.
  void red_flags_csv(std::string& out, const Result& result);
  /// Appends the nearest flip: a JSON member (before the record's closing brace) or the CSV columns.
  void nearest_flip(std::string& out, const Flip* flip, const Result& result);

  const Bank* bank_;
  BatchFormat format_;
  bool explain_ = false;
  std::optional<ResultJsonWriter> json_;               ///< JSON Lines: the lean record, prepared for the bank
  std::vector<std::string> outcome_fields_;            ///< CSV: each outcome id as a field
  std::vector<std::vector<std::string>> band_fields_;  ///< CSV: per scale, each band id as a field
  bool plain_rule_ids_ = true;          ///< CSV: no rule id needs quoting, so neither does a join of them
  std::string flags_;                   ///< CSV: the red_flags field being joined (when it may need quoting)
  std::vector<std::string> kept_keys_;  ///< JSON Lines: each kept name as a quoted key and ':'
  std::vector<KeptValue> kept_values_;  ///< the current record's kept values
};

/// Counts a scored result (recommendation, urgency, red flags) into `tally`.
void tally_result(BatchTally& tally, const Result& result);

/// Counts the nearest flip of a scored result into `tally` (--explain): `flip` null when there is none.
void tally_flip(BatchTally& tally, const Result& result, const Flip* flip);

/// Counts an error record into `tally`: its code, and with `assessed` (the result of its valid answers, see
/// append_error_record) also its urgency and red flags, as a scored record's.
void tally_error(BatchTally& tally, RecordCode code, const Result* assessed = nullptr);

}  // namespace wegwijzer
