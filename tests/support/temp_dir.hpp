#pragma once
// A fresh temporary directory for a test, removed with everything in it at the end.
#include <dirent.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

namespace wegwijzer::test {

/// A fresh directory under /tmp, removed (with everything in it) when it goes out of scope.
struct TempDir {
  std::string path;  ///< absolute path of the directory

  TempDir() {
    char name[] = "/tmp/wegwijzer-test-XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);  // never follows symbolic links
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` to the file `name` in the directory; returns its path.
  std::string file(const std::string& name, const std::string& text) const {
    std::string full = path + "/" + name;
    std::ofstream(full, std::ios::binary) << text;
    return full;
  }

  /// Names in `sub` (default: the directory itself), without . and ..
  std::set<std::string> entries(const std::string& sub = "") const {
    std::set<std::string> names;
    if (DIR* dir = ::opendir((sub.empty() ? path : path + "/" + sub).c_str())) {
      while (dirent* entry = ::readdir(dir)) {
        std::string name = entry->d_name;
        if (name != "." && name != "..") names.insert(name);
      }
      ::closedir(dir);
    }
    return names;
  }
};

}  // namespace wegwijzer::test
