// --bank FILE for the commands that use a bank: load it, or end the command with a clear error.
#include <fmt/format.h>

#include "bank_file.hpp"
#include "commands.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/session/program_texts.hpp"
#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/session/terminal.hpp"
#include "wegwijzer/summary/guidance.hpp"
#include "wegwijzer/support/ascii.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {

Bank load_bank_option(const std::string& path, Io& io) {
  if (path.empty()) return load_builtin_bank();
  if (names_builtin_bank(path)) {
    if (std::string note = shadowed_file_note(path); !note.empty()) io.err << "wegwijzer: " << note << "\n";
    return load_builtin_bank(path);
  }
  BankLimits limits;
  BankFile file = read_bank_file(path, limits.max_bytes);
  if (!file.text) {
    throw Fatal(ExitCode::no_input,
                fmt::format("cannot read bank '{}': {}{}", path, file.error, builtin_names_hint(path)));
  }
  if (looks_like_fhir_questionnaire(*file.text)) return bank_text_from_questionnaire(*file.text, path, io, false).bank;
  LoadResult result = load_bank(*file.text, path, limits);
  if (result.bank) {
    for (Diagnostic& diagnostic : check_program_texts(*result.bank)) result.diagnostics.push_back(diagnostic);
    if (!has_errors(result.diagnostics)) return std::move(*result.bank);
  }
  std::size_t errors = 0;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.severity != Severity::error) continue;
    ++errors;
    io.err << diagnostic.format() << "\n";
  }
  throw Fatal(ExitCode::data, fmt::format("the bank '{}' is invalid ({} {}); run 'wegwijzer check --bank {}'", path,
                                          errors, errors == 1 ? "error" : "errors", path));
}

std::string builtin_names_hint(const std::string& value) {
  if (value.find_first_of("/.") != std::string::npos) return {};  // clearly a file name
  std::string names;
  for (const BuiltinBank& bank : builtin_banks()) names += (names.empty() ? "" : ", ") + std::string(bank.name);
  return fmt::format(" (the built-in banks are {}; 'wegwijzer banks' lists them)", names);
}

std::string builtin_crisis_help() {
  std::string help;
  try {
    const Bank bank = load_builtin_bank();
    for (const std::string& line : crisis_line_texts(bank, bank.language("en"))) {
      help += (help.empty() ? "In crisis: " : "\n           ") + sanitize_for_terminal(line);
    }
  } catch (const std::exception&) {
    return {};  // the built-in bank always loads; help is no place to fail
  }
  return help;
}

namespace {}  // namespace

std::string bank_language(const Bank& bank, const std::string& flag, Io& io, bool say_fallback) {
  const std::string chosen = choose_language(flag, io, bank.languages);
  for (const std::string& code : bank.languages) {
    if (ascii_lower(code) == ascii_lower(chosen)) return code;
  }
  std::string list;
  for (const std::string& code : bank.languages) list += (list.empty() ? "" : ", ") + code;
  list = sanitize_for_terminal(list, false);
  if (!flag.empty()) {
    throw Fatal(ExitCode::usage, fmt::format("--lang {}: this bank has no texts in that language; it has: {}",
                                             sanitize_for_terminal(flag, false), list));
  }
  std::string fallback = bank.languages.front();
  for (const std::string& code : bank.languages) {
    if (code == "nl" || code == "en") {
      fallback = code;
      break;
    }
  }
  if (say_fallback) {
    io.err << sanitize_for_terminal(
                  fill(session_text(SessionText::language_fallback, bank.language(fallback)), {chosen, fallback}),
                  false)
           << '\n';
  }
  return fallback;
}

BankText bank_text_from_questionnaire_file(const std::string& path, Io& io, bool all_warnings) {
  BankFile file = read_bank_file(path, kMaxQuestionnaireBytes);
  if (!file.text) throw Fatal(ExitCode::no_input, fmt::format("cannot read '{}': {}", path, file.error));
  if (file.text->size() > kMaxQuestionnaireBytes) {
    throw Fatal(ExitCode::data, fmt::format("'{}' is larger than {} MB", path, kMaxQuestionnaireBytes >> 20));
  }
  return bank_text_from_questionnaire(*file.text, path, io, all_warnings);
}

BankText bank_text_from_questionnaire(const std::string& text, const std::string& path, Io& io, bool all_warnings) {
  FhirImport imported = import_fhir_questionnaire(text, path);
  std::size_t warnings = 0;
  for (const Diagnostic& diagnostic : imported.diagnostics) {
    // Without every warning, the one that matters for a person's safety is still said in full.
    const bool safety = imported.no_red_flags && &diagnostic == &imported.diagnostics[*imported.no_red_flags];
    if (diagnostic.severity == Severity::warning && !safety) ++warnings;
    if (diagnostic.severity == Severity::error || all_warnings || safety) {
      io.err << sanitize_for_terminal(diagnostic.format(), false) << "\n";
    }
  }
  if (imported.bank_json.empty()) {
    throw Fatal(ExitCode::data, fmt::format("'{}' could not be imported as a FHIR Questionnaire", path));
  }
  if (!all_warnings && warnings > 0) {
    io.err << fmt::format(
        "wegwijzer: {} {} of the Questionnaire '{}' {} not carried over; "
        "'wegwijzer import fhir {}' names them\n",
        warnings, warnings == 1 ? "part" : "parts", sanitize_for_terminal(path, false), warnings == 1 ? "was" : "were",
        sanitize_for_terminal(path, false));
  }
  // The bank the import wrote must load; an error here is the importer's fault, said as such.
  LoadResult loaded = load_bank(imported.bank_json, path);
  if (!loaded.bank) {
    for (const Diagnostic& diagnostic : loaded.diagnostics) {
      if (diagnostic.severity == Severity::error) io.err << sanitize_for_terminal(diagnostic.format(), false) << "\n";
    }
    throw Fatal(
        ExitCode::data,
        fmt::format("the bank imported from '{}' is not valid; please report this with the Questionnaire", path));
  }
  return BankText{std::move(imported.bank_json), std::move(*loaded.bank)};
}

}  // namespace wegwijzer::cli
