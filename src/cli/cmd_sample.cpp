// `wegwijzer sample`: N random valid answer records as JSON Lines, following the skip logic, for
// property tests, benchmarks and trying batch scoring. Built line by line into a buffer that is
// flushed in large chunks: a million records take a few seconds.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "commands.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/exit_codes.hpp"

namespace wegwijzer::cli {
namespace {

struct SampleOptions {
  long long count = 0;
  std::optional<std::uint64_t> seed;
  std::string bank;
};

constexpr std::size_t kFlushBytes = 1 << 20;
constexpr long long kMaxCount = 1'000'000'000'000LL;

/// A seed is a whole number that fits in 64 bits, written in decimal digits only: CLI11 alone would
/// wrap "-1" and clamp too large numbers, so that different seeds gave the same records.
std::string check_seed(std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (digits && error == std::errc() && stop == end) return {};
  return "takes a whole number from 0 to 18446744073709551615";
}

/// Appends {"id": ..., "answers": {...}} (question order of the bank) without a newline.
void append_record(std::string& out, const Bank& bank, const AnswerSet& answers, std::uint64_t number) {
  out += "{\"id\":\"sample-";
  fmt::format_to(std::back_inserter(out), "{:06}", number);
  out += "\",\"answers\":{";
  bool first = true;
  for (std::size_t q = 0; q < answers.size(); ++q) {
    const auto& answer = answers.at(q);
    if (!answer) continue;
    const Question& question = bank.questions[q];
    if (!first) out += ',';
    first = false;
    append_json_string(out, question.id);
    out += ':';
    if (question.type == QuestionType::text) {
      append_json_string(out, answer->text);
    } else if (question.type == QuestionType::multiple) {
      out += '[';
      for (std::size_t i = 0; i < answer->options.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, question.options[answer->options[i]].id);
      }
      out += ']';
    } else {
      append_json_string(out, question.options[answer->options.front()].id);
    }
  }
  out += "}}\n";
}

/// A failed write: quietly (empty message) when the reader closed the pipe, else a message.
[[noreturn]] void fail_output() { throw Fatal(ExitCode::io, errno == EPIPE ? "" : "cannot write the output"); }

void flush(std::string& buffer, Io& io) {
  errno = 0;
  io.out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  buffer.clear();
  if (!io.out) fail_output();
}

int run_sample(const SampleOptions& options, Io& io) {
  Bank bank = load_bank_option(options.bank, io);
  std::uint64_t seed =
      options.seed ? *options.seed : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  std::mt19937_64 random(seed);
  std::string buffer;
  buffer.reserve(kFlushBytes + 4096);
  const auto count = static_cast<std::uint64_t>(options.count);
  for (std::uint64_t i = 1; i <= count; ++i) {
    append_record(buffer, bank, sample_answers(bank, random), i);
    if (buffer.size() >= kFlushBytes) flush(buffer, io);
  }
  flush(buffer, io);
  errno = 0;
  io.out.flush();
  if (!io.out) fail_output();
  return 0;
}

}  // namespace

void add_sample_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<SampleOptions>();
  auto* cmd = app.add_subcommand(
      "sample",
      "Write N random valid answer records as JSON Lines, following the skip logic (for tests and benchmarks)");
  cmd->add_option("--count", options->count, "Number of records to write (>= 0)")
      ->required()
      ->check(CLI::Range(0LL, kMaxCount));
  cmd->add_option("--seed", options->seed, "Seed for the random generator (same seed, same output; default: random)")
      ->type_name("N")
      ->transform(CLI::Validator(check_seed, "0..18446744073709551615"));
  add_bank_option(*cmd, options->bank);
  cmd->footer(with_examples("", {"wegwijzer sample --count 1000 --seed 7 | wegwijzer score --report -"}));
  cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_sample(*options, context.io); }; });
}

}  // namespace wegwijzer::cli
