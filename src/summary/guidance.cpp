// First steps and resources for the red flags a result raised.
#include "wegwijzer/summary/guidance.hpp"

#include <algorithm>

#include "summary_texts.hpp"

namespace wegwijzer {
namespace {

void add_unique(std::vector<std::size_t>& list, std::size_t value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

Urgency rule_urgency(const Rule& rule) {
  Urgency urgency = rule.effects.min_urgency.value_or(Urgency::routine);
  if (rule.effects.red_flag) {
    Urgency tier = rule.effects.red_flag->tier == Tier::crisis ? Urgency::crisis : Urgency::prompt;
    urgency = std::max(urgency, tier);
  }
  return urgency;
}

Guidance guidance_for(const Bank& bank, const Result& result) {
  Guidance guidance;
  if (result.urgency == Urgency::routine) return guidance;
  auto take = [&](std::size_t r, const std::vector<std::size_t>& resources) {
    guidance.step_rules.push_back(r);
    for (std::size_t resource : resources) {
      if (resource < bank.resources.size()) add_unique(guidance.resources, resource);
    }
  };
  // Red flags first, most urgent first; then other rules that raised the urgency with a step of their own.
  for (const RaisedFlag& flag : result.red_flags) {
    if (flag.rule >= bank.rules.size()) continue;
    const Rule& rule = bank.rules[flag.rule];
    if (rule.effects.red_flag && rule_urgency(rule) == result.urgency)
      take(flag.rule, rule.effects.red_flag->resources);
  }
  for (std::size_t r : result.fired_rules) {
    if (r >= bank.rules.size()) continue;
    const Rule& rule = bank.rules[r];
    if (rule.effects.red_flag || (rule.effects.first_step.empty() && rule.effects.resources.empty())) continue;
    if (rule_urgency(rule) == result.urgency) take(r, rule.effects.resources);
  }
  if (result.urgency == Urgency::crisis && guidance.resources.empty()) {
    for (std::size_t resource : bank.crisis_lines) {
      if (resource < bank.resources.size()) add_unique(guidance.resources, resource);
    }
  }
  return guidance;
}

const LocalText& first_step_of(const Rule& rule) {
  return rule.effects.red_flag ? rule.effects.red_flag->first_step : rule.effects.first_step;
}

std::string resource_line(const Resource& resource, const Language& language) {
  using summary::Phrase;
  using summary::phrase;
  std::string line = resource.name.in(language);
  std::string numbers;
  for (const std::string& number : resource.phone) {
    if (!numbers.empty()) numbers += phrase(Phrase::resource_phone_or, language);
    numbers += number;
  }
  std::vector<std::string> details;
  if (resource.free.value_or(false)) details.emplace_back(phrase(Phrase::resource_free, language));
  if (!resource.hours.empty()) details.push_back(resource.hours.in(language));
  if (!resource.audience.empty()) details.push_back(resource.audience.in(language));
  std::string detail;
  for (const std::string& part : details) {
    if (!detail.empty()) detail += ", ";
    detail += part;
  }
  if (!resource.url.empty()) detail += (detail.empty() ? "" : "; ") + resource.url;
  if (!numbers.empty()) line += ": " + numbers;
  if (!detail.empty()) line += " (" + detail + ")";
  if (!resource.when.empty()) line += ", " + resource.when.in(language);
  return line;
}

std::vector<std::string> crisis_line_texts(const Bank& bank, const Language& language) {
  std::vector<std::string> lines;
  for (std::size_t resource : bank.crisis_lines) {
    if (resource < bank.resources.size()) lines.push_back(resource_line(bank.resources[resource], language));
  }
  return lines;
}

}  // namespace wegwijzer
