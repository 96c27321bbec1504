#pragma once
// Internal to the CLI: decisions about language, colour, Unicode and width from the Io and flags.
#include <string>
#include <vector>

#include "wegwijzer/support/io.hpp"

namespace wegwijzer::cli {

/// The language to talk in: `flag` when given; else the language of LANG ("de_DE.UTF-8": "de") when `offered` (a
/// bank's languages) has it; else "en" when LANG starts with "en", else "nl".
std::string choose_language(const std::string& flag, const Io& io, const std::vector<std::string>& offered = {});

/// Colour only when the output is a terminal, NO_COLOR is unset or empty, TERM is not "dumb" and
/// `no_color_flag` (--no-color) is false.
bool choose_color(const Io& io, bool no_color_flag);

/// Unicode when the first set (non-empty) of LC_ALL, LC_CTYPE, LANG mentions UTF-8 ("UTF-8" or
/// "utf8", any case); ASCII otherwise.
bool choose_unicode(const Io& io);

/// Wrap width: the terminal's columns when the output is a terminal, else COLUMNS when it is a
/// number, else 80; kept within 20..100 for readability.
int choose_width(const Io& io);

}  // namespace wegwijzer::cli
