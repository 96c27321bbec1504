#include "generated_banks.hpp"

#include <algorithm>

namespace wegwijzer::test {
namespace {

constexpr std::size_t kChainLength = 100;  ///< a chained question looks back at this many questions

void append_outcomes(std::string& out) {
  out += R"("outcomes":[)";
  const char* ids[] = {"werkbegeleiding", "coaching", "supervisie", "therapie"};
  for (std::size_t i = 0; i < 4; ++i) {
    if (i > 0) out += ',';
    out += R"({"id":")";
    out += ids[i];
    out += R"(","name":{"en":"N"},"what_it_is":{"en":"W"},"what_to_expect":{"en":"E"},"where_to_find":{"en":"F"}})";
  }
  out += "],";
}

void append_leaf(std::string& out, std::size_t question, bool yes) {
  out += R"({"answer":"q)";
  out += std::to_string(question);
  out += yes ? R"(","equals":"yes"})" : R"(","equals":"no"})";
}

/// show_if: any of the previous (up to) 100 questions was answered yes.
void append_chain_condition(std::string& out, std::size_t question) {
  out += R"("show_if":{"any":[)";
  for (std::size_t j = question - std::min(question, kChainLength); j < question; ++j) {
    append_leaf(out, j, true);
    if (j + 1 < question) out += ',';
  }
  out += "]},";
}

void append_question(std::string& out, std::size_t index, const std::string& show_if) {
  out += R"({"id":"q)";
  out += std::to_string(index);
  out += R"(","type":"yes_no","text":{"en":"Q"},)";
  out += show_if;
  out += R"("options":[{"id":"yes","label":{"en":"Y"},"weights":{"coaching":1}},{"id":"no","label":{"en":"N"}}]})";
}

}  // namespace

std::string_view to_string(BankShape shape) {
  switch (shape) {
    case BankShape::flat: return "flat";
    case BankShape::chained: return "chained";
    case BankShape::wide: return "wide";
  }
  return "flat";
}

std::string generate_bank(BankShape shape, std::size_t questions, std::size_t wide_leaves) {
  std::string out = R"({"format":1,"id":"generated","version":"1","languages":["en"],"title":{"en":"T"},)"
                    R"("introduction":{"en":"I"},"disclaimer":{"en":"D"},)";
  append_outcomes(out);
  out += R"("questions":[)";
  const std::size_t base = std::min<std::size_t>(124, questions / 2);  // wide: the chained questions
  std::string show_if;
  for (std::size_t q = 0; q < questions; ++q) {
    if (q > 0) out += ',';
    show_if.clear();
    bool chained = shape == BankShape::chained || (shape == BankShape::wide && q < base);
    if (chained && q > 0) {
      append_chain_condition(show_if, q);
    } else if (shape == BankShape::wide && q == base && base > 0) {
      show_if += R"("show_if":{"any":[)";
      for (std::size_t leaf = 0; leaf < wide_leaves; ++leaf) {
        if (leaf > 0) show_if += ',';
        append_leaf(show_if, leaf % base, (leaf / base) % 2 == 0);
      }
      show_if += "]},";
    } else if (shape == BankShape::wide && q > base) {
      show_if = R"("show_if":{"answered":"q)" + std::to_string(base) + R"("},)";
    }
    append_question(out, q, show_if);
  }
  out += "]}";
  return out;
}

}  // namespace wegwijzer::test
