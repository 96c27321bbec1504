#pragma once
// The command line's reference, generated from the same definitions as --help: man pages and shell completion.
#include <string>
#include <string_view>
#include <vector>

namespace wegwijzer {

/// One generated manual page.
struct ManPage {
  std::string file_name;  ///< e.g. "wegwijzer-score.1"
  std::string text;       ///< the page in roff (man macros)
};

/// wegwijzer(1) and one page per subcommand (wegwijzer-score(1), …), built from the CLI definitions that
/// `--help` prints, so that the two cannot drift.
std::vector<ManPage> command_man_pages();

/// The completion script for `shell` ("bash" or "zsh"): subcommands, options, option values (formats from the
/// definitions; bank names and a bank's languages asked from `wegwijzer banks` when completing) and file names.
/// Empty for another shell.
std::string completion_script(std::string_view shell);

}  // namespace wegwijzer
