#pragma once
// record/: the machine record of a result (the JSON of a batch line and of the summary's "result"), written with its
// escaping rules.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"
#include "wegwijzer/record/result_json.hpp"

namespace wegwijzer {

/// Writes the machine form of results for one bank (the one implementation of that layout; see
/// append_result_json). Everything that depends only on the bank and the options is prepared once:
/// the escaped, quoted ids together with the fixed text around them, as fragments. Per record only
/// the record id is checked (and escaped when needed) and the numbers are formatted. Room for the
/// whole record is made once, from an upper bound that the counts of its lists give; the record is
/// then written through a raw pointer without further checks. Not thread-safe: one writer per thread.
class ResultJsonWriter {
 public:
  /// A writer for `bank` (which must outlive it) and `options`.
  explicit ResultJsonWriter(const Bank& bank, const ResultJsonOptions& options = {});
  /// Not copied: the views point into this writer's own pieces (a move keeps them valid).
  ResultJsonWriter(const ResultJsonWriter&) = delete;
  ResultJsonWriter& operator=(const ResultJsonWriter&) = delete;
  ResultJsonWriter(ResultJsonWriter&&) = default;
  ResultJsonWriter& operator=(ResultJsonWriter&&) = default;

  /// Appends the record of `result` to `out`, without a trailing newline: the same bytes as
  /// append_result_json with this writer's bank and options.
  void append(std::string& out, const AnswerSet& answers, const Result& result, std::string_view record_id);
  /// Appends the record of `result` and a newline to `out` (a batch output line).
  void append_line(std::string& out, const AnswerSet& answers, const Result& result, std::string_view record_id);
  /// Appends the safety fields of `result` to `out`, each after a comma, as the record writes them:
  /// `,"urgency":"crisis","red_flags":[{"rule":"id","tier":"crisis"},...],"unknown_red_flags":["id",...]`.
  /// For batch error records, which carry these fields of their valid answers and never any advice.
  void append_safety(std::string& out, const Result& result);

 private:
  /// A prepared fragment: `size` bytes at `at` in text_.
  struct Piece {
    std::uint32_t at = 0;
    std::uint32_t size = 0;
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
  /// Where the pieces of one row of a Grid are: `first` in its pieces, and `last` (relative to `first`)
  /// the piece for a column out of range.
  struct Row {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
  };
  /// Pieces per bank item (a row) and per band or option of it (a column), in one flat list; the last
  /// row is for an item out of range.
  struct Grid {
    Pieces pieces;
    std::vector<Row> rows;
  };
  /// A Grid with its text, copied into locals while writing (as Table).
  struct GridView {
    const char* text;
    const Piece* items;
    const Row* rows;
    std::size_t last;  ///< the row for an item out of range
    /// Writes the piece of item `row`, column `column` at `to` (room must have been made); returns the end.
    char* put(char* to, std::size_t row, std::size_t column) const;
  };
  /// The view of `grid`.
  GridView view(const Grid& grid) const {
    return GridView{text_.data(), grid.pieces.data(), grid.rows.data(), grid.rows.size() - 1};
  }
  /// Starts the next row of `grid`.
  static void add_row(Grid& grid);
  /// Adds `text` to text_ as the next piece of the last row of `grid` (the last one added is its fallback).
  void add(Grid& grid, std::string_view text);

  /// Adds `text` to text_ as a piece.
  Piece add(std::string_view text);
  /// Adds `text` to text_ as the next piece of `pieces`.
  void add(Pieces& pieces, std::string_view text) { pieces.push_back(add(text)); }
  /// Longest piece of `pieces`.
  static std::size_t longest(const Pieces& pieces);

  /// Prepares status and recommendation, urgency and the score keys.
  void prepare_head(const Bank& bank);
  /// Prepares the pieces of outcome ids in the ranking and the reasons.
  void prepare_outcomes(const Bank& bank);
  /// Prepares the pieces of scales with their ranges and bands.
  void prepare_scales(const Bank& bank);
  /// Prepares the pieces of rule ids: red flags, rule reasons and id lists.
  void prepare_rules(const Bank& bank);
  /// Prepares the pieces of question and option ids: answer reasons, answers and id lists.
  void prepare_questions(const Bank& bank);
  /// Prepares the constant end of every record (bank and tool version) and the room of each part.
  void prepare_tail_and_room(const Bank& bank);
  /// Makes views_ (once all pieces are added: text_ and the piece lists no longer move).
  void make_views();

  /// Bytes enough for the record of `result` with an id of `id_size` bytes (escaped, quoted).
  std::size_t room_for(const AnswerSet& answers, const Result& result, std::size_t id_size) const;
  /// The record id as a JSON string literal: `record_id` itself when nothing needs escaping (the
  /// quotes are then added while writing), else its escaped literal in id_text_. Returns true for the former.
  bool plain_id(std::string_view record_id);
  /// Writes the whole record at `to` (room_for bytes and 32 more for block copies); returns the end.
  char* write_record(char* to, const AnswerSet& answers, const Result& result, std::string_view record_id,
                     bool plain) const;
  /// Writes status, recommendation, urgency and scores.
  char* write_head(char* to, const Result& result) const;
  /// Writes the ranking.
  char* write_ranking(char* to, const Result& result) const;
  /// Writes the scales.
  char* write_scales(char* to, const Result& result) const;
  /// Writes red_flags and fired_rules.
  char* write_red_flags(char* to, const Result& result) const;
  /// Writes the entries of red_flags, without the last one's comma and without the closing `]`.
  char* write_flags(char* to, const Result& result) const;
  /// Writes the reasons (at most options_.max_reasons).
  char* write_reasons(char* to, const Result& result) const;
  /// Writes close_call, missing, ignored, unknown_red_flags and notes.
  char* write_lists(char* to, const Result& result) const;
  /// Writes the answers (option ids; free text as true).
  char* write_answers(char* to, const AnswerSet& answers) const;
  /// Writes the pieces of `indices` (each ends in a comma) and the closing `]` in place of the last comma.
  static char* write_ids(char* to, const std::vector<std::size_t>& indices, Table ids);
  /// Appends the record and, when `newline`, a newline.
  void append_record(std::string& out, const AnswerSet& answers, const Result& result, std::string_view record_id,
                     bool newline);

  const Bank* bank_;
  ResultJsonOptions options_;
  std::string text_;          ///< all prepared fragments, padded for 16-byte block copies
  std::string scratch_;       ///< the record being written (kept at its largest size: no zero-filling)
  std::string id_text_;       ///< the escaped record id, when it needs escaping
  Pieces heads_;              ///< ,"status":"complete","recommendation":"id" per status and outcome
  Pieces urgencies_;          ///< ,"urgency":"routine","scores":{"id": per Urgency value
  Pieces score_keys_;         ///< ,"id": for the second outcome on
  Pieces ranking_heads_;      ///< {"outcome":"id","score":
  Pieces reason_tails_;       ///< ,"outcome":"id","effect":
  Pieces scale_heads_;        ///< {"id":"id","value":
  Grid scale_tails_;          ///< per scale (and one more), per band: ,"min":0,"max":9,"band":"id","answered_items":
  Pieces rule_ids_;           ///< "id",
  Pieces flag_heads_;         ///< {"rule":"id","tier":"
  Pieces tiers_;              ///< crisis"}, per Tier value
  Pieces rule_reason_heads_;  ///< {"kind":"rule",...,"rule":"id"
  Pieces question_ids_;       ///< "id",
  Pieces question_keys_;      ///< "id":
  Grid option_ids_;           ///< per question (and one more), per option: "id",
  Grid answer_reason_heads_;  ///< per question (and one more), per option: {"kind":"answer",...
  /// The tables and grids above as views, made once (not per record).
  struct Views {
    Table heads, urgencies, score_keys, ranking_heads, reason_tails, scale_heads, rule_ids, flag_heads, tiers,
        rule_reason_heads, question_ids, question_keys;
    GridView scale_tails, option_ids, answer_reason_heads;
  };
  Views views_{};
  Piece record_head_;             ///< {"schema_version":1,"id":
  Piece tail_;                    ///< ,"bank":{...},"tool_version":"..."}
  std::size_t fixed_room_ = 0;    ///< room for everything but the id and the lists
  std::size_t ranking_room_ = 0;  ///< room for one ranking entry
  std::size_t scale_room_ = 0;    ///< room for one scale
  std::size_t flag_room_ = 0;     ///< room for one red flag
  std::size_t reason_room_ = 0;   ///< room for one reason
  std::size_t id_room_ = 0;       ///< room for one id in a list
  std::size_t answer_room_ = 0;   ///< room for one answer's question or option id
};

}  // namespace wegwijzer
