// `wegwijzer check`: validates and lints banks, one diagnostic per line, for bank authors.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "bank_file.hpp"
#include "commands.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/engine/witness.hpp"
#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/session/program_texts.hpp"
#include "wegwijzer/support/exit_codes.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

std::string plural(std::size_t count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

/// What to do when no answer set reaches `urgency`: fixed advice, depending on whether some rule
/// or red flag of the bank is meant to raise it.
std::string urgency_hint(const Bank& bank, Urgency urgency) {
  if (urgency == Urgency::routine) {
    return "every answer set raises the urgency; look for a rule with \"urgency\" or a red flag whose condition is "
           "always true";
  }
  const Tier tier = urgency == Urgency::crisis ? Tier::crisis : Tier::clinical;
  const bool raised = std::any_of(bank.rules.begin(), bank.rules.end(), [&](const Rule& rule) {
    return rule.effects.min_urgency == urgency || (rule.effects.red_flag && rule.effects.red_flag->tier == tier);
  });
  if (!raised) {
    return fmt::format(
        "no rule raises it and no red flag of this tier exists; add a rule with \"urgency\": \"{}\" or check the "
        "conditions that should raise it",
        to_string(urgency));
  }
  return "the rules that should raise it never fire without a higher urgency; check their conditions";
}

/// Prints witnesses; each outcome or urgency without one becomes an error diagnostic.
void print_witnesses(const Bank& bank, const std::string& label, std::vector<Diagnostic>& diagnostics, Io& io) {
  WitnessSearch search = find_witnesses(bank);
  if (search.outcomes.empty() && search.urgencies.empty()) {
    diagnostics.push_back({label, "", 0, 0, Severity::error,
                           "the witness search returned nothing (not searched); no answer sets can be shown"});
    return;
  }
  // A vector of the wrong size (for example an empty one) means nothing was found.
  auto witness_at = [](const std::vector<std::optional<AnswerSet>>& found, std::size_t index,
                       std::size_t expected_size) -> const std::optional<AnswerSet>* {
    if (found.size() != expected_size || !found[index]) return nullptr;
    return &found[index];
  };
  auto print = [&](std::string_view kind, std::string_view id, const AnswerSet& answers) {
    std::string json = answers_to_json(answers).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    io.out << sanitize_for_terminal(fmt::format("{}: witness: {} {}: {}", label, kind, id, json), false) << "\n";
  };
  for (std::size_t i = 0; i < bank.outcomes.size(); ++i) {
    const std::string& id = bank.outcomes[i].id;
    if (const auto* witness = witness_at(search.outcomes, i, bank.outcomes.size())) {
      print("outcome", id, **witness);
    } else {
      diagnostics.push_back({label, fmt::format("/outcomes/{}", i), 0, 0, Severity::error,
                             fmt::format("no answer set leads to outcome '{}'; check its weights and the rules "
                                         "that exclude it or require another outcome",
                                         id)});
    }
  }
  constexpr Urgency kUrgencies[] = {Urgency::routine, Urgency::prompt, Urgency::crisis};
  for (std::size_t i = 0; i < std::size(kUrgencies); ++i) {
    std::string_view id = to_string(kUrgencies[i]);
    if (const auto* witness = witness_at(search.urgencies, i, std::size(kUrgencies))) {
      print("urgency", id, **witness);
    } else {
      // An instrument bank (no outcomes) need not raise every urgency: a measure may have no clinical sign.
      diagnostics.push_back(
          {label, "/rules", 0, 0, bank.outcomes.empty() ? Severity::warning : Severity::error,
           fmt::format("no answer set leads to urgency '{}'; {}", id, urgency_hint(bank, kUrgencies[i]))});
    }
  }
}

/// What to look at besides the diagnostics.
struct CheckOptions {
  bool witness = false;
  bool sensitivity = false;    ///< --sensitivity
  std::size_t samples = 2000;  ///< answer sets --sensitivity samples
};

/// Prints, for bank authors, the questions whose answer alone most often changes the advice (at most ten).
void print_sensitivity(const Bank& bank, const std::string& label, std::size_t samples, Io& io) {
  const Sensitivity found = measure_sensitivity(bank, samples, 1);
  const std::string shown = sanitize_for_terminal(label, false);
  io.out << fmt::format("{}: sensitivity: {} of {} sampled answer sets have advice that no red flag decides", shown,
                        found.scored, found.sampled)
         << (found.questions.empty() ? "; no single answer changes it\n"
                                     : "; one answer alone changes it, most often first:\n");
  for (std::size_t i = 0; i < found.questions.size() && i < 10; ++i) {
    const Sensitivity::Question& q = found.questions[i];
    io.out << sanitize_for_terminal(
                  fmt::format("{}: sensitivity: '{}' in {} of {} answer sets where it was asked ({:.1f}%), most often "
                              "{} to {}",
                              label, bank.questions[q.question].id, q.flips, q.shown,
                              q.shown == 0 ? 0.0 : 100.0 * static_cast<double>(q.flips) / static_cast<double>(q.shown),
                              bank.outcomes[q.from].id, bank.outcomes[q.to].id),
                  false)
           << "\n";
  }
}

/// Checks one bank; returns its exit code.
int check_one(const std::string& path, const CheckOptions& options, Io& io) {
  BankLimits limits;
  limits.analyse_conditions = true;  // only check proves conditions never true: other loads stay linear
  if (std::string note = shadowed_file_note(path); !note.empty()) io.err << "wegwijzer: " << note << "\n";
  BankSource source = read_bank_source(path, limits.max_bytes);
  const std::string& label = source.label;
  if (!source.file.text) {
    io.err << "wegwijzer: "
           << sanitize_for_terminal(
                  fmt::format("cannot read bank '{}': {}{}", path, source.file.error, builtin_names_hint(path)), false)
           << "\n";
    return static_cast<int>(ExitCode::no_input);
  }
  std::vector<Diagnostic> diagnostics;
  std::string text = std::move(*source.file.text);
  if (looks_like_fhir_questionnaire(text)) {  // checked as the bank it imports to, with what the import left out
    FhirImport imported = import_fhir_questionnaire(text, label);
    diagnostics = std::move(imported.diagnostics);
    text = std::move(imported.bank_json);
  }
  LoadResult result = load_bank(text, label, limits);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  if (result.bank) {
    for (Diagnostic& diagnostic : check_program_texts(*result.bank)) diagnostics.push_back(std::move(diagnostic));
  }
  for (const Diagnostic& diagnostic : diagnostics) io.out << diagnostic.format() << "\n";
  std::size_t printed = diagnostics.size();
  if (options.witness && result.bank) print_witnesses(*result.bank, label, diagnostics, io);
  if (options.sensitivity && result.bank) print_sensitivity(*result.bank, label, options.samples, io);
  for (std::size_t i = printed; i < diagnostics.size(); ++i) io.out << diagnostics[i].format() << "\n";
  std::size_t errors = 0;
  for (const Diagnostic& diagnostic : diagnostics) errors += diagnostic.severity == Severity::error ? 1 : 0;
  io.out << sanitize_for_terminal(label, false) << ": " << plural(errors, "error") << ", "
         << plural(diagnostics.size() - errors, "warning") << "\n";
  return errors > 0 ? static_cast<int>(ExitCode::data) : 0;
}

}  // namespace

void add_check_command(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("check", "Validate and lint question banks (for bank authors)");
  cmd->footer(with_examples(
      "Prints one line per finding: FILE: /json/pointer: error|warning: message\n"
      "(syntax errors: FILE:LINE:COLUMN: error: message), then a summary line per bank.\n"
      "Exit codes: 0 no errors, 65 errors found, 66 a bank file is missing or unreadable.",
      {"wegwijzer check my-bank.json", "wegwijzer check --witness", "wegwijzer check --sensitivity my-bank.json"}));
  auto banks = std::make_shared<std::vector<std::string>>();
  auto options = std::make_shared<CheckOptions>();
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--bank", *banks, "Bank to check: a file or a built-in bank's name (repeatable; default: default)")
      ->allow_extra_args(false)
      ->type_name("FILE|NAME");
  cmd->add_option("files", *files, "Banks to check, as with --bank")->type_name("FILE|NAME");
  cmd->add_flag("--witness", options->witness,
                "Also search, per outcome and per urgency, an answer set that leads to it, and print it");
  auto* sensitivity = cmd->add_flag("--sensitivity", options->sensitivity,
                                    "Also sample answer sets and list the questions whose answer alone most often "
                                    "changes the advice (the same sample each run)");
  cmd->add_option("--samples", options->samples, "Answer sets --sensitivity samples (default: 2000)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->needs(sensitivity);
  cmd->callback([&context, banks, files, options] {
    context.action = [&context, banks, files, options] {
      std::vector<std::string> paths = *banks;
      paths.insert(paths.end(), files->begin(), files->end());
      if (paths.empty()) paths.push_back("");  // the built-in bank
      int worst = 0;
      for (const std::string& path : paths) {
        int code = check_one(path, *options, context.io);
        worst = std::max(worst, code);  // 66 (missing file) over 65 (errors) over 0
      }
      return worst;
    };
  });
}

}  // namespace wegwijzer::cli
