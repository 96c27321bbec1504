#include "bank_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "wegwijzer/bank/bank_loader.hpp"

namespace wegwijzer::cli {

BankFile read_bank_file(const std::string& path, std::size_t max_bytes) {
  BankFile result;
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    result.error = std::strerror(errno != 0 ? errno : ENOENT);
    return result;
  }
  std::string text;
  char buffer[65536];
  while (text.size() <= max_bytes) {
    std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, got);
    if (got < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {
    result.error = std::strerror(errno != 0 ? errno : EIO);
    return result;
  }
  if (text.size() > max_bytes + 1) text.resize(max_bytes + 1);
  result.text = std::move(text);
  return result;
}

bool names_builtin_bank(const std::string& value) {
  return value.find('/') == std::string::npos && find_builtin_bank(value) != nullptr;
}

std::string shadowed_file_note(const std::string& value) {
  struct stat info {};
  if (!names_builtin_bank(value) || ::stat(value.c_str(), &info) != 0) return {};
  return "note: '" + value + "' is the built-in bank of that name; to read the file '" + value + "', write ./" + value;
}

BankSource read_bank_source(const std::string& value, std::size_t max_bytes) {
  if (value.empty() || names_builtin_bank(value)) {
    std::string name = value.empty() ? "default" : value;
    return {builtin_bank_label(name), {std::string(find_builtin_bank(name)->text()), {}}};
  }
  return {value, read_bank_file(value, max_bytes)};
}

}  // namespace wegwijzer::cli
