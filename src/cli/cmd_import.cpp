// `wegwijzer import fhir`: a FHIR R4 Questionnaire as a bank, with what could not be carried over on stderr.
#include <fmt/format.h>

#include <memory>

#include "bank_file.hpp"
#include "commands.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/support/atomic_file.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/exit_codes.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string out = "-";
};

int run_import_fhir(const ImportOptions& options, Io& io) {
  check_output_target(options.out, "--out", OutputKind::standard_output);
  const BankText bank = bank_text_from_questionnaire_file(options.file, io, true);
  write_output(options.out, "--out", bank.json, io, OutputKind::standard_output);
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand("import", "Convert a questionnaire in another format into a bank");
  cmd->require_subcommand(1);
  auto* fhir = cmd->add_subcommand(
      "fhir",
      "Convert a FHIR R4 Questionnaire (JSON) into a bank; what cannot be carried over is listed on stderr with\n"
      "the item's linkId and JSON pointer (docs/fhir.md)");
  fhir->add_option("questionnaire", options->file, "The Questionnaire, a JSON file")->required()->type_name("FILE");
  fhir->add_option("-o,--out", options->out,
                   "Write the bank to FILE (mode 0600, replaced atomically; - for standard output, the default)")
      ->type_name("FILE");
  fhir->footer(with_examples(
      "--bank also takes a Questionnaire directly; this command shows what the import leaves out and\n"
      "gives a bank to edit (add bands to the scale \"total\", for example).",
      {"wegwijzer import fhir phq9.questionnaire.json -o phq9.bank.json", "wegwijzer check --bank phq9.bank.json",
       "wegwijzer ask --bank phq9.questionnaire.json --lang en"}));
  fhir->callback(
      [&context, options] { context.action = [&context, options] { return run_import_fhir(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
