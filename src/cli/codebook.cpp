// The codebook of a bank: questions, options and their numeric codes, and the output columns of `score`.
#include "codebook.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "wegwijzer/bank/condition_words.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

/// The codebook's own words. Column meanings may hold {} for a bank's id or text, filled in order.
enum class Phrase {
  title,
  bank,
  version,
  texts_in,
  code_rule,
  ids_note,
  questions,
  type,
  required,
  yes,
  no,
  shown_if,
  always,
  code,
  option,
  text,
  points,
  free_text,
  unknown_option,
  unknown_note,
  columns,
  columns_intro,
  column,
  meaning,
  values,
  value,
  label,
  with_explain,
  // column meanings
  id,
  line,
  status,
  status_complete,
  status_error,
  recommendation,
  urgency,
  urgency_routine,
  urgency_prompt,
  urgency_crisis,
  score,
  scale,
  band,
  red_flags,
  error_code,
  error_message,
  unknown_red_flags,
  fired_rules,
  notes,
  close_call,
  close_call_true,
  close_call_false,
  answered,
  flip_status,
  flip_one,
  flip_two,
  flip_none,
  flip_red_flag,
  flip_outcome,
  flip_distance,
  flip_questions,
  flip_from,
  flip_to,
  // a bank without outcomes (an instrument: scales only)
  status_complete_scored,
  recommendation_none,
  close_call_none,
};

struct Entry {
  Phrase id;
  std::string_view nl;
  std::string_view en;
};

// clang-format off
constexpr Entry phrases[] = {
    {Phrase::title, "Codeboek", "Codebook"},
    {Phrase::bank, "bank", "bank"},
    {Phrase::version, "versie", "version"},
    {Phrase::texts_in, "teksten in", "texts in"},
    {Phrase::code_rule,
     "De numerieke code van een optie is haar plaats in de lijst met opties van haar vraag in de bank, vanaf 1 "
     "(de volgorde van de bank). `wegwijzer score --codes` leest een cel met alleen cijfers als deze code. De code "
     "is niet het aantal punten van de optie: schalen tellen punten op.",
     "The numeric code of an option is its position in its question's list of options in the bank, counting from 1 "
     "(bank order). `wegwijzer score --codes` reads a cell of only digits as this code. The code is not the "
     "option's points: scales add up points."},
    {Phrase::ids_note,
     "Antwoordbestanden en de uitvoer van `score` gebruiken de ids; de teksten zijn wat iemand te zien krijgt.",
     "Answer files and the output of `score` use the ids; the texts are what a person sees."},
    {Phrase::questions, "Vragen", "Questions"},
    {Phrase::type, "type", "type"},
    {Phrase::required, "verplicht", "required"},
    {Phrase::yes, "ja", "yes"},
    {Phrase::no, "nee", "no"},
    {Phrase::shown_if, "getoond als", "shown if"},
    {Phrase::always, "altijd", "always"},
    {Phrase::code, "code", "code"},
    {Phrase::option, "optie", "option"},
    {Phrase::text, "tekst", "text"},
    {Phrase::points, "punten", "points"},
    {Phrase::free_text, "Vrije tekst, zonder opties: de cel bevat de tekst zelf.",
     "Free text, no options: the cell holds the text itself."},
    {Phrase::unknown_option, "(onbekend)", "(unknown)"},
    {Phrase::unknown_note,
     "Een optie gemarkeerd als (onbekend), zoals \"zeg ik liever niet\", is geen antwoord op de inhoud: het antwoord "
     "is onbekend, en bij een vraag van een rode vlag onbekend risico, nooit \"nee\".",
     "An option marked (unknown), such as \"rather not say\", is no answer to the content: the answer is unknown, "
     "and for a red-flag question unknown risk, never \"no\"."},
    {Phrase::columns, "Uitvoerkolommen van `wegwijzer score --format csv`",
     "Output columns of `wegwijzer score --format csv`"},
    {Phrase::columns_intro,
     "In deze volgorde. Na `id` komen de invoerkolommen van `--keep`, ongewijzigd (ze staan hier niet). De zes "
     "`flip_*`-kolommen komen alleen met `--explain`. Een lijstcel bevat ids, gescheiden door `;`. De kolommen hangen "
     "alleen af van de bank: elke run met deze bank heeft dezelfde kopregel.",
     "In this order. After `id` come the input columns named by `--keep`, unchanged (not listed here). The six "
     "`flip_*` columns come only with `--explain`. A list cell holds ids joined by `;`. The columns depend only on "
     "the bank: every run with this bank has the same header."},
    {Phrase::column, "kolom", "column"},
    {Phrase::meaning, "betekenis", "meaning"},
    {Phrase::values, "Waarden", "Values"},
    {Phrase::value, "waarde", "value"},
    {Phrase::label, "label", "label"},
    {Phrase::with_explain, "(met --explain)", "(with --explain)"},

    {Phrase::id, "Het id van het record: uit de invoer (of de kolom of het veld van --id); zonder id het regelnummer.",
     "The record's id: from the input (or the column or field named by --id); without one, the line number."},
    {Phrase::line, "Foutregels: het regelnummer van het record in zijn invoer (CSV: de regel waar het begint); leeg "
     "bij gescoorde regels.",
     "Error rows: the record's line number in its input (CSV: the line where it starts); empty on scored rows."},
    {Phrase::status, "Of het record gescoord is.", "Whether the record was scored."},
    {Phrase::status_complete, "gescoord: de regel heeft een advies", "scored: the row has advice"},
    {Phrase::status_error, "fout: het record kon niet gescoord worden (zie error_code)",
     "error: the record could not be scored (see error_code)"},
    {Phrase::recommendation, "Het advies: het id van de aanbevolen soort hulp; leeg bij foutregels.",
     "The advice: the id of the recommended kind of help; empty on error rows."},
    {Phrase::urgency, "Hoe snel hulp nodig is; ook bij foutregels van onvolledige of deels ongeldige records (uit hun "
     "geldige antwoorden), anders leeg.",
     "How soon to seek help; also on error rows of incomplete or partly invalid records (from their valid answers), "
     "else empty."},
    {Phrase::urgency_routine, "geen haast", "no hurry"},
    {Phrase::urgency_prompt, "deze week", "this week"},
    {Phrase::urgency_crisis, "nu", "now"},
    {Phrase::score, "Punten voor {} (`{}`): de gewichten van de gekozen opties en van de regels opgeteld; leeg bij "
     "foutregels.",
     "Points for {} (`{}`): the weights of the chosen options and of the rules added up; empty on error rows."},
    {Phrase::scale, "Waarde van de schaal {}: de punten van de gekozen opties van {} opgeteld ({} tot en met {}); "
     "leeg als geen daarvan beantwoord is; bij foutregels van onvolledige of deels ongeldige records alleen als ze "
     "alle beantwoord zijn.",
     "Value of the scale {}: the points of the chosen options of {} added up ({} to {}); empty when none of them "
     "was answered; on error rows of incomplete or partly invalid records only when all of them were answered."},
    {Phrase::band, "De band van de schaal {} waar haar waarde in valt; leeg als de waarde leeg is.",
     "The band of the scale {} its value falls in; empty when the value is."},
    {Phrase::red_flags, "Rode vlaggen: ids van regels, crisis eerst, gescheiden door `;`; ook bij foutregels zoals "
     "urgency.",
     "Red flags raised: rule ids, crisis first, joined by `;`; also on error rows, as urgency."},
    {Phrase::error_code, "Foutregels: waarom het record niet gescoord kon worden.",
     "Error rows: why the record could not be scored."},
    {Phrase::error_message, "Foutregels: het probleem in gewoon Engels (nooit de tekst van een antwoord).",
     "Error rows: the problem in plain English (never the text of an answer)."},
    {Phrase::unknown_red_flags, "Vragen van rode vlaggen die getoond zijn maar niet beantwoord of geweigerd (\"zeg ik "
     "liever niet\"): ids van vragen, gescheiden door `;`. Onbekend risico, geen \"nee\". Ook bij foutregels zoals "
     "urgency.",
     "Red-flag questions that were shown but left unanswered or declined (\"rather not say\"): question ids, joined "
     "by `;`. Unknown risk, not \"no\". Also on error rows, as urgency."},
    {Phrase::fired_rules, "De regels waarvan de voorwaarde waar is: ids van regels, gescheiden door `;`; leeg bij foutregels.",
     "The rules whose condition holds: rule ids, joined by `;`; empty on error rows."},
    {Phrase::notes, "De regels waarvan de opmerking geldt (de samenvatting toont haar): ids van regels, gescheiden "
     "door `;`; leeg bij foutregels.",
     "The rules whose note applies (the summary shows it): rule ids, joined by `;`; empty on error rows."},
    {Phrase::close_call, "`true` als de tweede soort hulp binnen {} punt(en) van het advies scoort (de close_margin "
     "van de bank); leeg bij foutregels.",
     "`true` when the runner-up scores within {} point(s) of the advice (the bank's close_margin); empty on error "
     "rows."},
    {Phrase::close_call_true, "een nipte keuze", "a close call"},
    {Phrase::close_call_false, "een duidelijke keuze", "a clear call"},
    {Phrase::answered, "Het aantal beantwoorde vragen; ook bij foutregels zoals urgency.",
     "The number of questions answered; also on error rows, as urgency."},
    {Phrase::flip_status, "Hoe ver het dichtstbijzijnde andere advies is (leeg bij foutregels).",
     "How far the nearest other advice is (empty on error rows)."},
    {Phrase::flip_one, "een ander antwoord geeft een ander advies", "one answer changed gives other advice"},
    {Phrase::flip_two, "twee andere antwoorden geven een ander advies", "two answers changed give other advice"},
    {Phrase::flip_none, "geen verandering van een of twee antwoorden verandert het advies",
     "no change of one or two answers changes the advice"},
    {Phrase::flip_red_flag, "een rode vlag bepaalt het advies", "a red flag decides the advice"},
    {Phrase::flip_outcome, "Het advies na die verandering.", "The advice after that change."},
    {Phrase::flip_distance, "Stappen langs de opties van de veranderde vragen, opgeteld (1 voor een keuze die geen "
     "schaal is).",
     "Steps moved along the changed questions' options, summed (1 for a choice that is not a scale)."},
    {Phrase::flip_questions, "De veranderde vragen (een of twee), gescheiden door `;`.",
     "The changed questions (one or two), joined by `;`."},
    {Phrase::flip_from, "Per veranderde vraag, in dezelfde volgorde en gescheiden door `;`, de opties ervoor "
     "(meerdere opties van een meerkeuzevraag gescheiden door `|`).",
     "Per changed question, in the same order and joined by `;`, its option ids before (several options of a "
     "multiple choice joined by `|`)."},
    {Phrase::flip_to, "Als flip_from, de opties erna.", "As flip_from, the option ids after."},
    {Phrase::status_complete_scored, "gescoord: alle verplichte vragen zijn beantwoord",
     "scored: every required question was answered"},
    {Phrase::recommendation_none, "Altijd leeg: deze bank heeft geen soorten hulp om aan te raden (alleen schalen).",
     "Always empty: this bank has no kinds of help to recommend (scales only)."},
    {Phrase::close_call_none, "Altijd `false`: zonder soorten hulp is er geen keuze die nipt kan zijn.",
     "Always `false`: without kinds of help there is no call to be close."},
};
// clang-format on

std::string_view word(Phrase id, std::string_view language) {
  for (const Entry& entry : phrases) {
    if (entry.id == id) return is_dutch(language) ? entry.nl : entry.en;
  }
  return {};
}

/// A bank text on one line, safe for a terminal and a table cell: line breaks and tabs become spaces.
std::string plain(std::string_view text) {
  std::string flat(text);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return sanitize_for_terminal(flat, false);
}

std::string plain(const LocalText& text, std::string_view language) { return plain(text.in(language)); }

/// A bound or weight as written in the bank: whole numbers without a decimal point.
std::string number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  return fmt::format("{}", value);
}

/// `"a", "b" and "c"` style list of ids in code spans, for meanings.
std::string id_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + ("`" + id + "`");
  return out;
}

/// The meaning of an error code, in `language`; "" for a code this table does not know yet.
std::string error_meaning(std::string_view code, std::string_view language) {
  struct Meaning {
    std::string_view code, nl, en;
  };
  static constexpr Meaning meanings[] = {
      {"invalid_json", "de regel is geen geldige JSON (of geen geldige UTF-8)",
       "the line is not valid JSON (or not valid UTF-8)"},
      {"not_an_object", "geldige JSON, maar geen object", "valid JSON, but not an object"},
      {"missing_answers", "geen veld answers", "no answers field"},
      {"unknown_question", "een antwoord op een vraag die de bank niet heeft",
       "an answer to a question the bank does not have"},
      {"unknown_option", "een optie die de vraag niet heeft", "an option the question does not have"},
      {"wrong_type", "een waarde van het verkeerde type", "a value of the wrong type"},
      {"duplicate_option", "dezelfde optie twee keer in een antwoord", "the same option twice in one answer"},
      {"exclusive_option", "een optie die de andere uitsluit, samen met andere opties",
       "an option that excludes the others, given with other options"},
      {"duplicate_key", "dezelfde vraag, id of answers twee keer in een record",
       "the same question, id or answers twice in one record"},
      {"incomplete", "een getoonde verplichte vraag is niet beantwoord", "a shown, required question is unanswered"},
      {"line_too_long", "de regel (CSV: het record) is langer dan 1 MiB",
       "the line (CSV: the record) is longer than 1 MiB"},
      {"too_many_answers", "meer dan 10.000 antwoorden in een record", "more than 10,000 answers in one record"},
      {"invalid_csv", "verkeerde CSV-aanhalingstekens, of een ander aantal velden dan de kopregel",
       "bad CSV quoting, or another number of fields than the header"},
  };
  for (const Meaning& meaning : meanings) {
    if (meaning.code == code) return std::string(is_dutch(language) ? meaning.nl : meaning.en);
  }
  return {};
}

/// A long bank text as a value label: its first sentence, cut at a space to at most 120 bytes (the length SPSS
/// keeps of a value label) with "…". The whole text is in the bank.
std::string short_label(std::string text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i + 1] == ' ') {
      text.resize(i + 1);
      break;
    }
  }
  constexpr std::size_t limit = 120;
  if (text.size() <= limit) return text;
  std::size_t cut = text.rfind(' ', limit - 3);  // room for the three bytes of "…"
  if (cut == std::string::npos || cut == 0) {
    cut = limit - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a code point
  }
  text.resize(cut);
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ':')) text.pop_back();
  return text + "\xE2\x80\xA6";  // …
}

/// The label of a rule as a value of red_flags or fired_rules: "crisis: " and the first sentence of its message
/// for a red flag, else of its note.
std::string rule_label(const Rule& rule, std::string_view language) {
  if (rule.effects.red_flag) {
    return std::string(to_string(rule.effects.red_flag->tier)) + ": " +
           short_label(plain(rule.effects.red_flag->message, language));
  }
  return short_label(plain(rule.effects.note, language));
}

std::vector<CodebookValue> outcome_values(const Bank& bank, std::string_view language) {
  std::vector<CodebookValue> values;
  for (const Outcome& outcome : bank.outcomes) values.push_back({outcome.id, plain(outcome.name, language)});
  return values;
}

/// Whether `question` is read by a red-flag rule: the questions unknown_red_flags can name.
std::vector<bool> red_flag_questions(const Bank& bank) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) mark_questions_read(bank, rule.when, marks);
  }
  return marks;
}

// ---- JSON ----

using Json = nlohmann::ordered_json;

Json number_json(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return static_cast<long long>(value);
  return value;
}

/// The condition as the bank writes it.
Json condition_json(const Bank& bank, const Condition& condition) {
  using Kind = Condition::Kind;
  Json out = Json::object();
  auto children = [&] {
    Json list = Json::array();
    for (const Condition& child : condition.children) list.push_back(condition_json(bank, child));
    return list;
  };
  auto option_id = [&](std::size_t i) { return bank.questions[condition.question].options[condition.options[i]].id; };
  switch (condition.kind) {
    case Kind::all: out["all"] = children(); break;
    case Kind::any: out["any"] = children(); break;
    case Kind::negate:
      out["not"] = condition.children.empty() ? Json::object() : condition_json(bank, condition.children.front());
      break;
    case Kind::answered: out["answered"] = bank.questions[condition.question].id; break;
    case Kind::equals:
    case Kind::contains:
      out["answer"] = bank.questions[condition.question].id;
      out[condition.kind == Kind::equals ? "equals" : "contains"] = condition.options.empty() ? "" : option_id(0);
      break;
    case Kind::in: {
      out["answer"] = bank.questions[condition.question].id;
      Json list = Json::array();
      for (std::size_t i = 0; i < condition.options.size(); ++i) list.push_back(option_id(i));
      out["in"] = list;
      break;
    }
    case Kind::answer_at_least:
    case Kind::answer_at_most:
      out["answer"] = bank.questions[condition.question].id;
      out[condition.kind == Kind::answer_at_least ? "at_least" : "at_most"] = number_json(condition.value);
      break;
    case Kind::scale_at_least:
    case Kind::scale_at_most:
      out["scale"] = bank.scales[condition.scale].id;
      out[condition.kind == Kind::scale_at_least ? "at_least" : "at_most"] = number_json(condition.value);
      break;
  }
  return out;
}

std::string shown_if_words(const Bank& bank, const Question& question, std::string_view language) {
  return question.show_if ? condition_in_words(bank, *question.show_if, language)
                          : std::string(word(Phrase::always, language));
}

std::string render_json(const Bank& bank, std::string_view language) {
  Json root = Json::object();
  Json bank_json = Json::object();
  bank_json["id"] = plain(bank.id);
  bank_json["version"] = plain(bank.version);
  bank_json["sha256"] = bank.sha256;
  bank_json["title"] = plain(bank.title, language);
  bank_json["language"] = std::string(language);
  root["bank"] = bank_json;
  root["code_rule"] = std::string(word(Phrase::code_rule, language));
  Json questions = Json::array();
  for (const Question& question : bank.questions) {
    Json entry = Json::object();
    entry["id"] = question.id;
    entry["type"] = std::string(to_string(question.type));
    entry["text"] = plain(question.text, language);
    entry["required"] = question.required;
    entry["shown_if"] = question.show_if ? Json(condition_in_words(bank, *question.show_if, language)) : Json();
    entry["shown_if_json"] = question.show_if ? condition_json(bank, *question.show_if) : Json();
    Json options = Json::array();
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& option = question.options[i];
      Json item = Json::object();
      item["code"] = i + 1;
      item["id"] = option.id;
      item["text"] = plain(option.label, language);
      item["points"] = option.points ? Json(*option.points) : Json();
      item["unknown"] = option.unknown;
      options.push_back(item);
    }
    entry["options"] = options;
    questions.push_back(entry);
  }
  root["questions"] = questions;
  Json columns = Json::array();
  for (const CodebookColumn& column : codebook_columns(bank, language)) {
    Json entry = Json::object();
    entry["name"] = column.name;
    entry["type"] = column.type;
    entry["meaning"] = column.meaning;
    entry["explain"] = column.explain;
    Json values = Json::array();
    for (const CodebookValue& value : column.values)
      values.push_back(Json{{"value", value.value}, {"label", value.label}});
    entry["values"] = values;
    columns.push_back(entry);
  }
  root["columns"] = columns;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// ---- CSV ----

void csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out.push_back(',');
    first = false;
    append_csv_field(out, field);
  }
  out.push_back('\n');
}

std::string render_csv(const Bank& bank, std::string_view language) {
  std::string out(codebook_csv_header());
  out.push_back('\n');
  for (const Question& question : bank.questions) {
    const std::string type(to_string(question.type));
    const std::string text = plain(question.text, language);
    const std::string shown = question.show_if ? condition_in_words(bank, *question.show_if, language) : "";
    const std::string required = question.required ? "true" : "false";
    if (question.options.empty()) {
      csv_row(out, {"question", question.id, text, type, "", "", "", "", "", required, shown});
    }
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& option = question.options[i];
      const std::string points = option.points ? std::to_string(*option.points) : "";
      csv_row(out, {"question", question.id, text, type, std::to_string(i + 1), option.id,
                    plain(option.label, language), points, option.unknown ? "true" : "false", required, shown});
    }
  }
  for (const CodebookColumn& column : codebook_columns(bank, language)) {
    std::string meaning = column.meaning;
    if (column.explain) meaning += " " + std::string(word(Phrase::with_explain, language));
    if (column.values.empty()) csv_row(out, {"column", column.name, meaning, column.type, "", "", "", "", "", "", ""});
    for (const CodebookValue& value : column.values) {
      csv_row(out, {"column", column.name, meaning, column.type, "", value.value, value.label, "", "", "", ""});
    }
  }
  return out;
}

// ---- Markdown ----

/// Untrusted text for Markdown inline content: backslash escapes (an underscore inside a word needs none).
std::string md(std::string_view text) {
  std::string clean = plain(text);
  std::string out;
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    auto word_char = [&](std::size_t k) {
      return k < clean.size() && (std::isalnum(static_cast<unsigned char>(clean[k])) != 0);
    };
    switch (c) {
      case '_':
        if (!(i > 0 && word_char(i - 1) && word_char(i + 1))) out += '\\';
        break;
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '#':
      case '|':
      case '~':
      case '&':
      case '!':
      case '{':
      case '}': out += '\\'; break;
      default: break;
    }
    out += c;
  }
  return out;
}

/// Our own words, which may hold `code spans`, with a bank's names in them: what could break a table or make
/// HTML is escaped (our words have none of it outside code spans).
std::string md_own(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '<' || c == '>' || c == '[' || c == ']' || c == '&' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string render_markdown(const Bank& bank, std::string_view language) {
  auto w = [&](Phrase id) { return std::string(word(id, language)); };
  std::string out = fmt::format("# {}: {}\n\n", w(Phrase::title), md(bank.title.in(language)));
  out += fmt::format("- {}: `{}`, {} `{}`\n", w(Phrase::bank), plain(bank.id), w(Phrase::version), plain(bank.version));
  out += fmt::format("- SHA-256: `{}`\n", bank.sha256);
  out += fmt::format("- {}: `{}`\n\n", w(Phrase::texts_in), language);
  out += w(Phrase::code_rule) + "\n\n" + w(Phrase::ids_note) + " " + w(Phrase::unknown_note) + "\n\n";

  out += fmt::format("## {}\n", w(Phrase::questions));
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    out += fmt::format("\n### {}. `{}`: {}\n\n", q + 1, question.id, md(question.text.in(language)));
    out += fmt::format("{}: `{}` · {}: {} · {}: {}\n", w(Phrase::type), to_string(question.type), w(Phrase::required),
                       w(question.required ? Phrase::yes : Phrase::no), w(Phrase::shown_if),
                       md(shown_if_words(bank, question, language)));
    if (question.options.empty()) {
      out += "\n" + w(Phrase::free_text) + "\n";
      continue;
    }
    const bool points = std::any_of(question.options.begin(), question.options.end(),
                                    [](const Option& option) { return option.points.has_value(); });
    out += fmt::format("\n| {} | {} | {} |", w(Phrase::code), w(Phrase::option), w(Phrase::text));
    out += points ? fmt::format(" {} |\n|---:|---|---|---:|\n", w(Phrase::points)) : "\n|---:|---|---|\n";
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& option = question.options[i];
      std::string text = md(option.label.in(language));
      if (option.unknown) text += " " + w(Phrase::unknown_option);
      out += fmt::format("| {} | `{}` | {} |", i + 1, option.id, text);
      if (points) out += option.points ? fmt::format(" {} |", *option.points) : " |";
      out += "\n";
    }
  }

  const std::vector<CodebookColumn> columns = codebook_columns(bank, language);
  out += fmt::format("\n## {}\n\n{}\n\n", w(Phrase::columns), w(Phrase::columns_intro));
  out += fmt::format("| {} | {} | {} |\n|---|---|---|\n", w(Phrase::column), w(Phrase::type), w(Phrase::meaning));
  for (const CodebookColumn& column : columns) {
    std::string meaning = md_own(column.meaning);
    if (column.explain) meaning += " " + w(Phrase::with_explain);
    out += fmt::format("| `{}` | {} | {} |\n", column.name, column.type, meaning);
  }

  out += fmt::format("\n## {}\n", w(Phrase::values));
  for (const CodebookColumn& column : columns) {
    if (column.values.empty()) continue;
    out += fmt::format("\n### `{}`\n\n| {} | {} |\n|---|---|\n", column.name, w(Phrase::value), w(Phrase::label));
    for (const CodebookValue& value : column.values)
      out += fmt::format("| `{}` | {} |\n", value.value, md(value.label));
  }
  return out;
}

}  // namespace

std::string_view codebook_csv_header() {
  return "section,variable,variable_label,type,code,value,value_label,points,unknown,required,shown_if";
}

std::vector<CodebookColumn> codebook_columns(const Bank& bank, std::string_view language) {
  auto w = [&](Phrase id) { return std::string(word(id, language)); };
  auto meaning = [&](Phrase id, auto&&... args) {
    return fmt::format(fmt::runtime(word(id, language)), std::forward<decltype(args)>(args)...);
  };
  // An instrument (no outcomes) scores, but never advises: its codebook says so rather than describe advice.
  const bool instrument = bank.outcomes.empty();
  std::vector<CodebookColumn> columns;
  columns.push_back({"id", "id", w(Phrase::id), {}});
  columns.push_back({"line", "count", w(Phrase::line), {}});
  columns.push_back({"status",
                     "category",
                     w(Phrase::status),
                     {{"complete", w(instrument ? Phrase::status_complete_scored : Phrase::status_complete)},
                      {"error", w(Phrase::status_error)}}});
  columns.push_back({"recommendation", "category", w(instrument ? Phrase::recommendation_none : Phrase::recommendation),
                     outcome_values(bank, language)});
  columns.push_back({"urgency",
                     "category",
                     w(Phrase::urgency),
                     {{"routine", w(Phrase::urgency_routine)},
                      {"prompt", w(Phrase::urgency_prompt)},
                      {"crisis", w(Phrase::urgency_crisis)}}});
  for (const Outcome& outcome : bank.outcomes) {
    columns.push_back(
        {"score_" + outcome.id, "number", meaning(Phrase::score, plain(outcome.name, language), outcome.id), {}});
  }
  for (const Scale& scale : bank.scales) {
    std::vector<std::string> items;
    for (std::size_t item : scale.items) items.push_back(bank.questions[item].id);
    columns.push_back({"scale_" + scale.id,
                       "number",
                       meaning(Phrase::scale, plain(scale.label, language) + " (`" + scale.id + "`)", id_list(items),
                               scale.min_value, scale.max_value),
                       {}});
  }
  for (const Scale& scale : bank.scales) {
    std::vector<CodebookValue> bands;
    for (const Band& band : scale.bands) {
      bands.push_back({band.id, fmt::format("{} ({}..{})", plain(band.label, language), band.min, band.max)});
    }
    columns.push_back({"band_" + scale.id, "category",
                       meaning(Phrase::band, plain(scale.label, language) + " (`" + scale.id + "`)"), bands});
  }
  std::vector<CodebookValue> flags, fired, notes;
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) flags.push_back({rule.id, rule_label(rule, language)});
    fired.push_back({rule.id, rule_label(rule, language)});
    if (!rule.effects.note.empty()) notes.push_back({rule.id, short_label(plain(rule.effects.note, language))});
  }
  columns.push_back({"red_flags", "list", w(Phrase::red_flags), flags});
  std::vector<CodebookValue> codes;
  for (std::size_t i = 0; i < record_code_count; ++i) {
    const std::string code(to_string(static_cast<RecordCode>(i)));
    codes.push_back({code, error_meaning(code, language)});
  }
  columns.push_back({"error_code", "category", w(Phrase::error_code), codes});
  columns.push_back({"error_message", "text", w(Phrase::error_message), {}});
  std::vector<CodebookValue> unknown;
  const std::vector<bool> red_flag = red_flag_questions(bank);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (red_flag[q]) unknown.push_back({bank.questions[q].id, plain(bank.questions[q].text, language)});
  }
  columns.push_back({"unknown_red_flags", "list", w(Phrase::unknown_red_flags), unknown});
  columns.push_back({"fired_rules", "list", w(Phrase::fired_rules), fired});
  columns.push_back({"notes", "list", w(Phrase::notes), notes});
  columns.push_back({"close_call",
                     "boolean",
                     instrument ? w(Phrase::close_call_none) : meaning(Phrase::close_call, number(bank.close_margin)),
                     {{"true", w(Phrase::close_call_true)}, {"false", w(Phrase::close_call_false)}}});
  columns.push_back({"answered", "count", w(Phrase::answered), {}});

  columns.push_back({"flip_status",
                     "category",
                     w(Phrase::flip_status),
                     {{"one_answer", w(Phrase::flip_one)},
                      {"two_answers", w(Phrase::flip_two)},
                      {"none", w(Phrase::flip_none)},
                      {"red_flag", w(Phrase::flip_red_flag)}},
                     true});
  columns.push_back({"flip_outcome", "category", w(Phrase::flip_outcome), outcome_values(bank, language), true});
  columns.push_back({"flip_distance", "number", w(Phrase::flip_distance), {}, true});
  columns.push_back({"flip_questions", "list", w(Phrase::flip_questions), {}, true});
  columns.push_back({"flip_from", "text", w(Phrase::flip_from), {}, true});
  columns.push_back({"flip_to", "text", w(Phrase::flip_to), {}, true});
  return columns;
}

std::string render_codebook(const Bank& bank, CodebookFormat format, std::string_view language) {
  switch (format) {
    case CodebookFormat::markdown: return render_markdown(bank, language);
    case CodebookFormat::csv: return render_csv(bank, language);
    case CodebookFormat::json: return render_json(bank, language);
  }
  return {};
}

}  // namespace wegwijzer::cli
