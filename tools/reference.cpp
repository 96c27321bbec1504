// Build tool: writes the man pages and completion scripts that CMake installs, from the same
// definitions as `wegwijzer --help` (src/cli/reference.cpp). Usage: wegwijzer_reference OUTPUT_DIR
// Writes OUTPUT_DIR/man1/*.1, OUTPUT_DIR/completion/wegwijzer (bash) and OUTPUT_DIR/completion/_wegwijzer (zsh).
#include "wegwijzer/cli/reference.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

bool write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) std::cerr << "wegwijzer_reference: cannot write " << path << "\n";
  return static_cast<bool>(file);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: wegwijzer_reference OUTPUT_DIR\n";
    return 64;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::remove_all(out / "man1");  // a command that no longer exists leaves no page behind
  bool ok = true;
  for (const wegwijzer::ManPage& page : wegwijzer::command_man_pages())
    ok &= write(out / "man1" / page.file_name, page.text);
  ok &= write(out / "completion" / "wegwijzer", wegwijzer::completion_script("bash"));
  ok &= write(out / "completion" / "_wegwijzer", wegwijzer::completion_script("zsh"));
  return ok ? 0 : 74;
}
