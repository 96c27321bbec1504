#pragma once
// bank/: a question bank and answers to it: the model (questions, conditions, rules, outcomes, resources), loading and
// checking it, reading answers.
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/bank/fhir_meta.hpp"
#include "wegwijzer/bank/local_text.hpp"

namespace wegwijzer {

/// How a question is answered.
enum class QuestionType {
  single,    ///< one option ("single")
  multiple,  ///< any number of options ("multiple")
  yes_no,    ///< options "yes" and "no", optionally one marked unknown ("yes_no")
  scale,     ///< ordered options that carry points: frequency or rating ("scale")
  text,      ///< optional free text, never scored ("text")
};

/// Urgency of the advice, lowest first.
enum class Urgency { routine = 0, prompt = 1, crisis = 2 };

/// Tier of a red flag.
enum class Tier { clinical = 0, crisis = 1 };

/// One answer option of a question.
struct Option {
  std::string id;
  LocalText label;
  std::vector<double> weights;  ///< per outcome, in bank outcome order (always outcomes.size() long)
  std::optional<int> points;    ///< points for scales (scale questions: always set)
  bool unknown = false;         ///< "rather not say": the answer is unknown, not "no"
  bool exclusive = false;       ///< multiple choice: cannot be combined with other options ("exclusive": true)
  FhirAnswer fhir;              ///< how a QuestionnaireResponse writes it (imported banks; "fhir")
};

/// One question of the bank.
struct Question {
  std::string id;
  LocalText text;
  LocalText help;  ///< may be empty
  QuestionType type = QuestionType::single;
  bool required = true;
  std::vector<Option> options;       ///< empty for text questions
  std::optional<Condition> show_if;  ///< refers only to earlier questions
  LocalText lead;  ///< shown once before the question in the questionnaire, e.g. before a block (may be empty)
  /// A short phrase naming what the question is about, for the summary's "You said about ..." (may be empty).
  LocalText topic;
  std::optional<FhirItem> fhir;  ///< the Questionnaire item it came from (imported banks; "fhir")
  /// Index of the option with this id, if any.
  std::optional<std::size_t> find_option(std::string_view option_id) const;
};

/// A band of a scale, for example "moderate" for 6..8.
struct Band {
  std::string id;
  LocalText label;
  int min = 0;  ///< inclusive
  int max = 0;  ///< inclusive
};

/// A named sum of option points over some questions, with bands.
struct Scale {
  std::string id;
  LocalText label;
  std::vector<std::size_t> items;  ///< question indices
  std::vector<Band> bands;         ///< contiguous, ascending, covering min_value..max_value
  int min_value = 0;               ///< lowest reachable sum
  int max_value = 0;               ///< highest reachable sum
};

/// What a rule does when its condition holds.
struct Effects {
  struct RedFlag {
    Tier tier = Tier::clinical;
    LocalText message;
    LocalText first_step;                ///< what the person is told to do first (may be empty: a generic step)
    std::vector<std::size_t> resources;  ///< resource indices in the bank, most relevant first
  };
  std::optional<RedFlag> red_flag;
  std::optional<Urgency> min_urgency;
  std::vector<std::size_t> require;  ///< outcome indices the recommendation must be among
  std::vector<std::size_t> exclude;  ///< outcome indices that may not be recommended
  std::vector<double> weights;       ///< per outcome, added to the scores (empty: none)
  LocalText note;                    ///< a note for the summary (may be empty)
  /// Rules without a red flag that raise the urgency (declining a safety question, say): what to do first
  /// and where to turn, as a red flag has them. Empty for red-flag rules (theirs are in `red_flag`).
  LocalText first_step;
  std::vector<std::size_t> resources;  ///< resource indices, most relevant first
};

/// A condition and its effects.
struct Rule {
  std::string id;
  Condition when;
  Effects effects;
};

/// Texts of an outcome for people whose answers meet a condition ("not working", "a specific fear"):
/// each text it sets replaces the outcome's own; an empty text keeps it.
struct OutcomeVariant {
  Condition when;
  LocalText what_it_is;
  LocalText what_to_expect;
  LocalText where_to_find;
};

/// One kind of help with the texts the summary needs.
struct Outcome {
  std::string id;  ///< the bank's own id (the default bank: werkbegeleiding, coaching, supervisie, therapie)
  LocalText name;
  LocalText what_it_is;
  LocalText what_to_expect;
  LocalText where_to_find;
  /// In order: for each text, the first variant whose condition holds and that sets it wins.
  std::vector<OutcomeVariant> variants;
};

/// Somewhere a person can turn to: a phone line, a service, a professional.
struct Resource {
  std::string id;
  LocalText name;                  ///< "113 Zelfmoordpreventie", "your huisarts"
  std::vector<std::string> phone;  ///< numbers as dialled, most memorable first (may be empty)
  std::string url;                 ///< a web address for chat or information (may be empty)
  LocalText hours;                 ///< "day and night" (may be empty)
  std::optional<bool> free;        ///< whether calling is free, when the bank says so
  LocalText audience;              ///< "ages 8 to 18" (may be empty: everyone)
  LocalText when;                  ///< when to turn to it, a short phrase
};

/// A validated, immutable question bank. Build it with load_bank().
struct Bank {
  std::string id;
  std::string version;
  std::vector<std::string> languages;
  LocalText title;
  LocalText introduction;
  LocalText disclaimer;
  std::vector<Outcome> outcomes;  ///< in sliding-scale order, lowest step first; empty for an instrument bank
  /// Per tier (Tier::clinical, Tier::crisis) the outcome a red flag of that tier forces ("red_flag_outcome"); unset:
  /// the last outcome. Meaningless when there are no outcomes.
  std::array<std::optional<std::size_t>, 2> red_flag_outcomes;
  /// The bank's versions of the program's own texts ("texts"): key ("summary.advice_heading") → text.
  std::map<std::string, LocalText, std::less<>> texts;
  std::vector<Question> questions;
  std::vector<Scale> scales;
  std::vector<Rule> rules;
  std::vector<Resource> resources;        ///< in bank order
  std::vector<std::size_t> crisis_lines;  ///< resource indices shown in the intro, the footer and on interruption
  double close_margin = 1.0;              ///< runner-up within this many points: a close call ("close_margin")
  std::optional<FhirQuestionnaire> fhir;  ///< the Questionnaire it was imported from ("fhir")
  std::string source_name;                ///< file name, or "<built-in>"
  std::string sha256;                     ///< hex SHA-256 of the source bytes

  /// Index of the question with this id, if any.
  std::optional<std::size_t> find_question(std::string_view question_id) const;
  /// Index of the outcome with this id, if any.
  std::optional<std::size_t> find_outcome(std::string_view outcome_id) const;
  /// Index of the scale with this id, if any.
  std::optional<std::size_t> find_scale(std::string_view scale_id) const;
  /// Index of the resource with this id, if any.
  std::optional<std::size_t> find_resource(std::string_view resource_id) const;
  /// `code` as the Language the program speaks, with this bank's versions of the program texts.
  Language language(std::string code) const { return Language(std::move(code), &texts); }
  /// Index of the outcome a red flag of `tier` forces (the bank has outcomes).
  std::size_t red_flag_outcome(Tier tier) const {
    return red_flag_outcomes[tier == Tier::crisis ? 1 : 0].value_or(outcomes.empty() ? 0 : outcomes.size() - 1);
  }
};

/// Marks in `marks` (indexed like bank.questions) every question `condition` reads, directly or through the items
/// of a scale it reads.
void mark_questions_read(const Bank& bank, const Condition& condition, std::vector<bool>& marks);

/// The canonical a QuestionnaireResponse to `bank` names in "questionnaire": the imported Questionnaire's
/// url|version ("fhir"), else "urn:wegwijzer:bank:ID|VERSION" (a bank written for wegwijzer).
std::string questionnaire_canonical(const Bank& bank);

/// Lower-case name of an urgency ("routine", "prompt", "crisis").
std::string_view to_string(Urgency urgency);
/// Lower-case name of a tier ("clinical", "crisis").
std::string_view to_string(Tier tier);
/// The JSON name of a question type ("single", "multiple", "yes_no", "scale", "text").
std::string_view to_string(QuestionType type);

}  // namespace wegwijzer
