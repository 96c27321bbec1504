#pragma once
// Approved-file (golden) comparison for the summary tests: WEGWIJZER_APPROVE=1 rewrites the approved
// files from the received output (see tests/golden/summary/README.md).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "test_support.hpp"

namespace wegwijzer::test {

/// Whether WEGWIJZER_APPROVE=1: approved files are written instead of compared.
inline bool approving() {
  const char* value = std::getenv("WEGWIJZER_APPROVE");
  return value != nullptr && std::string(value) == "1";
}

/// Compares `received` with tests/golden/<folder>/<name>.approved.txt (or writes it when approving).
inline void check_golden(const std::string& name, const std::string& received, const std::string& folder = "summary") {
  const std::string path = test_path("golden/" + folder + "/" + name + ".approved.txt");
  if (approving()) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << received;
    REQUIRE(file.good());
    WARN("approved " << path);
    return;
  }
  std::ifstream file(path, std::ios::binary);
  INFO("missing approved file " << path << "; run with WEGWIJZER_APPROVE=1 and review it");
  REQUIRE(file.good());
  std::string approved{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  INFO("golden " << path << " differs; if the change is intended, rerun with WEGWIJZER_APPROVE=1 and review");
  CHECK(received == approved);
}

}  // namespace wegwijzer::test
