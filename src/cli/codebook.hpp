#pragma once
// Internal to the CLI: the codebook of a bank (`wegwijzer codebook`): every question and option with its id,
// numeric code, type, texts and show_if in words, and every output column of `score --format csv` with its
// meaning and values. Pure: values in, strings out.
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::cli {

/// How the codebook is laid out.
enum class CodebookFormat {
  markdown,  ///< a document: a table per question, then the columns and their values
  csv,       ///< one long table: a row per question-option pair and per column-value pair (value labels)
  json,      ///< one object: bank, questions, columns
};

/// One value an enumerated cell can hold (or one part of a `;`-joined cell), with what it means.
struct CodebookValue {
  std::string value;  ///< as it appears in the output: an id, "true", ...
  std::string label;  ///< in the codebook's language (bank text or the codebook's own words); may be empty
};

/// One output column of `wegwijzer score --format csv`.
struct CodebookColumn {
  std::string name;                   ///< the header cell: "id", "score_coaching", ...
  std::string type;                   ///< id, number, count, category, list (`;`-joined ids), boolean or text
  std::string meaning;                ///< in the codebook's language
  std::vector<CodebookValue> values;  ///< the values of an enumerated column (category, list, boolean), else empty
  bool explain = false;               ///< only with `score --explain` (the six flip_* columns at the end)
};

/// The output columns of `score --format csv` for `bank`, in header order, with the bank's ids expanded
/// (score_<outcome>, scale_<scale>, band_<scale>) and meanings in `language` ("nl": Dutch; else English). Without the
/// `--keep` columns (input columns, copied after `id`); with the --explain columns, marked.
std::vector<CodebookColumn> codebook_columns(const Bank& bank, std::string_view language);

/// The codebook of `bank` in `format`, texts in `language` ("nl" or "en": the bank's texts fall back as
/// LocalText::in does, the codebook's own words are Dutch for "nl", else English). Bank text is sanitised.
std::string render_codebook(const Bank& bank, CodebookFormat format, std::string_view language);

/// The header of the CSV form (the same in every language, so that scripts reading it work for both).
std::string_view codebook_csv_header();

}  // namespace wegwijzer::cli
