// `score` reading FHIR: a peek at each JSON input, and QuestionnaireResponses turned into answer records.
#include "fhir_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <sstream>

#include "wegwijzer/fhir/fhir.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/exit_codes.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

/// Bytes looked at to tell FHIR resources from answer records.
constexpr std::size_t kPeekBytes = std::size_t{64} << 10;

/// A stream read from the bytes already peeked at, then on from the stream they came from (standard input cannot
/// seek back). Large reads go straight to the source.
class PrefixedBuffer : public std::streambuf {
 public:
  PrefixedBuffer(std::string prefix, std::streambuf* source) : prefix_(std::move(prefix)), source_(source) {
    setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize got = source_->sgetn(block_, sizeof block_);
    if (got <= 0) return traits_type::eof();
    setg(block_, block_, block_ + got);
    return traits_type::to_int_type(*gptr());
  }
  std::streamsize xsgetn(char* out, std::streamsize count) override {
    std::streamsize done = std::min<std::streamsize>(count, egptr() - gptr());
    std::memcpy(out, gptr(), static_cast<std::size_t>(done));
    gbump(static_cast<int>(done));
    if (done < count) done += source_->sgetn(out + done, count - done);
    return done;
  }

 private:
  std::string prefix_;
  std::streambuf* source_;
  char block_[1 << 16];
};

/// Up to `count` bytes from `in`.
std::string read_some(std::istream& in, std::size_t count) {
  std::string bytes(count, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace

std::string read_fhir_inputs(std::vector<BatchInput>& inputs, const Bank& bank, bool forced,
                             const std::string& id_field, HeldInputs& held, Io& io) {
  std::string first_fhir;
  for (BatchInput& input : inputs) {
    if (input.format_known && input.format == BatchFormat::csv && !forced) continue;
    std::istream& in = *input.stream;
    std::string bytes = read_some(in, kPeekBytes);
    if (in.bad()) throw Fatal(ExitCode::io, fmt::format("cannot read {}", sanitize_for_terminal(input.name, false)));
    if (!forced && !looks_like_fhir_resources(bytes)) {
      if (input.name != "-") {
        in.clear();
        in.seekg(0);
        if (in) continue;
      }
      held.buffers.push_back(std::make_unique<PrefixedBuffer>(std::move(bytes), in.rdbuf()));
      held.streams.push_back(std::make_unique<std::istream>(held.buffers.back().get()));
      input.stream = held.streams.back().get();
      continue;
    }
    while (in && bytes.size() <= kMaxFhirInputBytes) bytes += read_some(in, std::size_t{1} << 20);
    const std::string shown = sanitize_for_terminal(input.name == "-" ? "standard input" : input.name, false);
    if (in.bad()) throw Fatal(ExitCode::io, fmt::format("cannot read {}", shown));
    if (bytes.size() > kMaxFhirInputBytes) {
      throw Fatal(ExitCode::data, fmt::format("{}: FHIR input is read whole, and this one is larger than {} MB; split "
                                              "it into NDJSON files",
                                              shown, kMaxFhirInputBytes >> 20));
    }
    FhirRecords records =
        responses_to_records(bytes, bank, input.name == "-" ? "standard input" : input.name, id_field);
    bool failed = false;
    for (const Diagnostic& diagnostic : records.diagnostics) {
      io.err << sanitize_for_terminal(diagnostic.format(), false) << "\n";
      failed = failed || diagnostic.severity == Severity::error;
    }
    if (failed) throw Fatal(ExitCode::data, fmt::format("{}: nothing was scored", shown));
    held.streams.push_back(std::make_unique<std::istringstream>(std::move(records.jsonl)));
    input.stream = held.streams.back().get();
    input.format = BatchFormat::jsonl;
    input.format_known = true;
    if (first_fhir.empty()) first_fhir = shown;
  }
  return first_fhir;
}

}  // namespace wegwijzer::cli
