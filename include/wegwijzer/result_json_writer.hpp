#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/result.hpp"
#include "wegwijzer/result_json.hpp"

namespace wegwijzer {

class JsonSink;

/// Writes the machine form of results for one bank (the one implementation of that layout; see
/// append_result_json). Everything that depends only on the bank and the options is prepared once:
/// the escaped, quoted ids and the fixed fragments around them. Per record only the record id is
/// escaped and the numbers are formatted. Not thread-safe: one writer per thread.
class ResultJsonWriter {
 public:
  /// A writer for `bank` (which must outlive it) and `options`.
  explicit ResultJsonWriter(const Bank& bank, const ResultJsonOptions& options = {});

  /// Appends the record of `result` to `out`, without a trailing newline: the same bytes as
  /// append_result_json with this writer's bank and options.
  void append(std::string& out, const AnswerSet& answers, const Result& result, std::string_view record_id);

 private:
  /// A prepared fragment: `size` bytes at `at` in text_.
  struct Piece {
    std::size_t at = 0;
    std::size_t size = 0;
  };
  /// One prepared fragment per bank item, and a last one for an index out of range.
  using Pieces = std::vector<Piece>;
  /// Pieces with the text they point into, copied into locals while writing: a store through a
  /// `char*` may alias any member, so members would be loaded again after every byte written.
  struct Table {
    const char* text;
    const Piece* items;
    std::size_t last;  ///< the piece for an index out of range
    /// Writes the piece of item `index` at `to` (room must have been made); returns the end.
    char* put(char* to, std::size_t index) const;
  };
  /// The table of `pieces`.
  Table table(const Pieces& pieces) const { return Table{text_.data(), pieces.data(), pieces.size() - 1}; }

  /// Adds `text` to text_ as a piece.
  Piece add(std::string_view text);
  /// Adds `text` to text_ as the next piece of `pieces`.
  void add(Pieces& pieces, std::string_view text) { pieces.push_back(add(text)); }
  /// Prepares the pieces of outcome ids: recommendation, scores, ranking and reasons.
  void prepare_outcomes(const Bank& bank);
  /// Prepares the pieces of scales and their bands.
  void prepare_scales(const Bank& bank);
  /// Prepares the pieces of rule ids: red flags, rule reasons and id lists.
  void prepare_rules(const Bank& bank);
  /// Prepares the pieces of question and option ids: answer reasons, answers and id lists.
  void prepare_questions(const Bank& bank);
  /// Prepares the constant end of every record: bank and tool version.
  void prepare_tail(const Bank& bank);

  /// Writes a prepared fragment at `to` (room must have been made); returns the end.
  char* put_piece(char* to, Piece piece) const;
  /// Writes the whole record.
  void write_record(JsonSink& sink, const AnswerSet& answers, const Result& result, std::string_view record_id) const;
  /// Writes status, recommendation, urgency and scores.
  void write_head(JsonSink& sink, const Result& result) const;
  /// Writes the ranking.
  void write_ranking(JsonSink& sink, const Result& result) const;
  /// Writes the scales.
  void write_scales(JsonSink& sink, const Result& result) const;
  /// Writes red_flags and fired_rules.
  void write_red_flags(JsonSink& sink, const Result& result) const;
  /// Writes the reasons (at most options_.max_reasons).
  void write_reasons(JsonSink& sink, const Result& result) const;
  /// Writes close_call, missing, ignored, unknown_red_flags and notes.
  void write_lists(JsonSink& sink, const Result& result) const;
  /// Writes the answers (option ids; free text as true).
  void write_answers(JsonSink& sink, const AnswerSet& answers) const;
  /// Writes `[...]` with the piece of each index.
  void write_ids(JsonSink& sink, const std::vector<std::size_t>& indices, const Pieces& ids) const;

  const Bank* bank_;
  ResultJsonOptions options_;
  std::string text_;                ///< all prepared fragments, padded for 16-byte block copies
  std::string scratch_;             ///< the record being written (kept at its largest size: no zero-filling)
  std::size_t longest_ = 0;         ///< size of the longest piece
  std::size_t entry_room_ = 0;      ///< room enough for any one entry of a list (three pieces, numbers, names)
  Pieces outcome_ids_;              ///< "id"
  Pieces score_keys_;               ///< "id": (keys of the scores object)
  Pieces ranking_heads_;            ///< {"outcome":"id","score":
  Pieces reason_tails_;             ///< ,"outcome":"id","effect":
  Pieces scale_heads_;              ///< {"id":"id","value":
  Pieces scale_ranges_;             ///< ,"min":0,"max":9,"band":
  std::vector<Pieces> band_ids_;    ///< per scale (and one more for a scale out of range): "id" per band, null last
  Pieces rule_ids_;                 ///< "id"
  Pieces flag_heads_;               ///< {"rule":"id","tier":"
  Pieces rule_reason_heads_;        ///< {"kind":"rule",...,"rule":"id"
  Pieces question_ids_;             ///< "id"
  std::vector<Pieces> option_ids_;  ///< per question (and one more): "id" per option
  std::vector<Pieces> answer_reason_heads_;  ///< per question (and one more), per option: {"kind":"answer",...
  Pieces urgencies_;                         ///< ,"urgency":"routine" per Urgency value
  Pieces tiers_;                             ///< crisis"} per Tier value
  Piece tail_;                               ///< ,"bank":{...},"tool_version":"..."}
};

}  // namespace wegwijzer
