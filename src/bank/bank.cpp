#include "wegwijzer/bank/bank.hpp"

#include <algorithm>

namespace wegwijzer {
namespace {
template <typename Items>
std::optional<std::size_t> find_by_id(const Items& items, std::string_view id) {
  auto found = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
  if (found == items.end()) return std::nullopt;
  return static_cast<std::size_t>(found - items.begin());
}
}  // namespace

std::optional<std::size_t> Question::find_option(std::string_view option_id) const {
  return find_by_id(options, option_id);
}
std::optional<std::size_t> Bank::find_question(std::string_view question_id) const {
  return find_by_id(questions, question_id);
}
std::optional<std::size_t> Bank::find_outcome(std::string_view outcome_id) const {
  return find_by_id(outcomes, outcome_id);
}
std::optional<std::size_t> Bank::find_scale(std::string_view scale_id) const { return find_by_id(scales, scale_id); }
std::optional<std::size_t> Bank::find_resource(std::string_view resource_id) const {
  return find_by_id(resources, resource_id);
}

void mark_questions_read(const Bank& bank, const Condition& condition, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all:
    case Kind::any:
    case Kind::negate:
      for (const auto& child : condition.children) mark_questions_read(bank, child, marks);
      return;
    case Kind::scale_at_least:
    case Kind::scale_at_most:
      if (condition.scale < bank.scales.size()) {
        for (std::size_t item : bank.scales[condition.scale].items) {
          if (item < marks.size()) marks[item] = true;
        }
      }
      return;
    default:
      if (condition.question < marks.size()) marks[condition.question] = true;
      return;
  }
}

std::string questionnaire_canonical(const Bank& bank) {
  if (bank.fhir) return bank.fhir->version.empty() ? bank.fhir->url : bank.fhir->url + "|" + bank.fhir->version;
  return "urn:wegwijzer:bank:" + bank.id + "|" + bank.version;
}

std::string_view to_string(Urgency urgency) {
  switch (urgency) {
    case Urgency::routine: return "routine";
    case Urgency::prompt: return "prompt";
    case Urgency::crisis: return "crisis";
  }
  return "routine";
}

std::string_view to_string(Tier tier) { return tier == Tier::crisis ? "crisis" : "clinical"; }

std::string_view to_string(QuestionType type) {
  switch (type) {
    case QuestionType::single: return "single";
    case QuestionType::multiple: return "multiple";
    case QuestionType::yes_no: return "yes_no";
    case QuestionType::scale: return "scale";
    case QuestionType::text: return "text";
  }
  return "single";
}

}  // namespace wegwijzer
