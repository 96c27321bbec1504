// Man pages and shell completion scripts, generated from the CLI definitions that --help prints.
#include "wegwijzer/cli/reference.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <sstream>

#include "commands.hpp"
#include "wegwijzer/support/version.hpp"

namespace wegwijzer {
namespace {

/// Holds the application as define_commands builds it, with streams nobody reads.
struct Definitions {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  cli::Context context{io, {}};
  CLI::App app{"", "wegwijzer"};
  Definitions() { cli::define_commands(app, context); }
};

/// Roff-escapes one line of text: backslashes, hyphens, and a leading '.' or '\''.
std::string roff_line(std::string_view line) {
  std::string out;
  if (!line.empty() && (line.front() == '.' || line.front() == '\'')) out += "\\&";
  for (char c : line) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

/// Text as roff: one output line per input line; blank lines become paragraph breaks.
std::string roff_text(std::string_view text) {
  std::string out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) out += line.empty() ? ".PP\n" : roff_line(line) + "\n";
  return out;
}

/// A help footer as roff: its prose filled in paragraphs ("Exit codes" and "In crisis" start their own),
/// an indented line on a line of its own, and the examples kept as laid out.
std::string roff_footer(std::string_view text) {
  std::string out;
  bool examples = false;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    const std::size_t start = line.find_first_not_of(' ');
    if (examples && start == 0) {  // the examples are indented; a line that is not ends them
      out += ".fi\n";
      examples = false;
    }
    if (start == std::string::npos) {
      if (examples) out += ".fi\n";
      examples = false;
      out += ".PP\n";
    } else if (examples) {
      out += roff_line(line) + "\n";
    } else if (line.rfind("Example", 0) == 0) {
      out += ".PP\n" + roff_line(line) + "\n.nf\n";
      examples = true;
    } else if (start > 0) {
      out += ".br\n" + roff_line(line.substr(start)) + "\n";
    } else if (line.rfind("Exit code", 0) == 0 || line.rfind("In crisis", 0) == 0) {
      out += ".PP\n" + roff_line(line) + "\n";
    } else {
      out += roff_line(line) + "\n";
    }
  }
  return examples ? out + ".fi\n" : out;
}

/// The options a command lists: every named option, help and version included.
std::vector<const CLI::Option*> named_options(const CLI::App& command) {
  return command.get_options([](const CLI::Option* option) { return option->nonpositional(); });
}

std::vector<const CLI::Option*> positionals(const CLI::App& command) {
  return command.get_options([](const CLI::Option* option) { return !option->nonpositional(); });
}

/// True for an option that takes a value (not a flag).
bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0; }

/// "-j, --jobs" in bold, then the value's type in italics.
std::string roff_option_tag(const CLI::Option& option) {
  std::string tag;
  for (const std::string& name : option.get_snames())
    tag += fmt::format("{}\\fB\\-{}\\fR", tag.empty() ? "" : ", ", name);
  for (const std::string& name : option.get_lnames()) {
    tag += fmt::format("{}\\fB\\-\\-{}\\fR", tag.empty() ? "" : ", ", roff_line(name));
  }
  if (takes_value(option)) tag += fmt::format(" \\fI{}\\fR", roff_line(option.get_type_name()));
  return tag;
}

std::string synopsis(const CLI::App& command, const std::string& path) {
  std::string text = fmt::format(".B {}\n.RI [ OPTIONS ]", path);
  for (const CLI::Option* positional : positionals(command)) {
    std::string name = positional->get_type_name().empty() ? positional->get_name() : positional->get_type_name();
    bool many = positional->get_items_expected_max() > 1;
    text += fmt::format("\n.RI [ {}{} ]", roff_line(name), many ? " ..." : "");
  }
  return text + "\n";
}

std::string options_section(const CLI::App& command) {
  std::string text = ".SH OPTIONS\n";
  for (const CLI::Option* option : named_options(command)) {
    std::string description = option->get_description();
    if (option->get_required()) description += " (required)";
    text += ".TP\n" + roff_option_tag(*option) + "\n" + roff_text(description);
  }
  for (const CLI::Option* positional : positionals(command)) {
    text += fmt::format(".TP\n\\fI{}\\fR\n", roff_line(positional->get_type_name())) +
            roff_text(positional->get_description());
  }
  return text;
}

std::string header(const std::string& title, const std::string& name, const std::string& summary) {
  std::string upper;
  for (char c : title) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return fmt::format(".TH {} 1 \"\" \"wegwijzer {}\" \"wegwijzer manual\"\n.SH NAME\n{} \\- {}\n", roff_line(upper),
                     tool_version(), roff_line(name), roff_line(summary));
}

/// The first line of a description, for NAME and command lists.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string see_also(const CLI::App& app, const std::string& self) {
  std::string text = ".SH SEE ALSO\n";
  std::vector<std::string> pages{"wegwijzer(1)"};
  for (const CLI::App* sub : app.get_subcommands({})) pages.push_back("wegwijzer-" + sub->get_name() + "(1)");
  pages.emplace_back("wegwijzer-bank(5)");
  std::string separator;
  for (const std::string& page : pages) {
    if (page == self) continue;
    std::size_t open = page.find('(');
    text += fmt::format("{}\\fB{}\\fR{}", separator, roff_line(page.substr(0, open)), page.substr(open));
    separator = ",\n";
  }
  return text + "\n.PP\nThe documentation in /usr/share/doc/wegwijzer (or under the install prefix).\n";
}

ManPage program_page(const CLI::App& app) {
  std::string text = header("wegwijzer", "wegwijzer", first_line(app.get_description()).substr(11));
  text += ".SH SYNOPSIS\n.B wegwijzer\n.RI [ COMMAND ]\n.RI [ OPTIONS ]\n";
  text += ".SH DESCRIPTION\n" + roff_text(app.get_description());
  text += ".SH COMMANDS\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    text += fmt::format(".TP\n\\fB{}\\fR\n", sub->get_name()) + roff_text(sub->get_description()) +
            fmt::format(".br\nSee \\fBwegwijzer\\-{}\\fR(1).\n", sub->get_name());
  }
  text += options_section(app);
  text += ".SH EXIT STATUS AND CRISIS LINES\n" + roff_footer(app.get_footer());
  text += see_also(app, "wegwijzer(1)");
  return {"wegwijzer.1", text};
}

ManPage command_page(const CLI::App& app, const CLI::App& command) {
  const std::string name = "wegwijzer-" + command.get_name();
  std::string text = header(name, name, first_line(command.get_description()));
  text += ".SH SYNOPSIS\n" + synopsis(command, "wegwijzer " + command.get_name());
  text += ".SH DESCRIPTION\n" + roff_text(command.get_description());
  text += options_section(command);
  std::string footer = command.get_footer();
  if (!footer.empty()) text += ".SH NOTES AND EXAMPLES\n" + roff_footer(footer);
  text += see_also(app, name + "(1)");
  return {name + ".1", text};
}

// ---- completion ------------------------------------------------------------------------------------

/// What completes an option's value (or a positional).
enum class ValueKind { none, file, bank, language, command, choices };

struct ValueCompletion {
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;  ///< for ValueKind::choices
};

/// The choices of a value checked with CLI::IsMember, read from its type name ("TEXT:{jsonl,csv}").
std::vector<std::string> member_choices(const std::string& type_name) {
  std::size_t open = type_name.find('{');
  std::size_t close = type_name.find('}', open);
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::istringstream parts(type_name.substr(open + 1, close - open - 1));
  for (std::string part; std::getline(parts, part, ',');) choices.push_back(part);
  return choices;
}

ValueCompletion value_completion(const CLI::Option& option) {
  const std::string& type = option.get_type_name();
  if (option.get_lnames() == std::vector<std::string>{"bank"} || type.rfind("FILE|NAME", 0) == 0) {
    return {ValueKind::bank, {}};
  }
  if (option.get_lnames() == std::vector<std::string>{"lang"}) return {ValueKind::language, {}};
  if (type == "COMMAND") return {ValueKind::command, {}};
  std::vector<std::string> choices = member_choices(type);
  if (!choices.empty()) return {ValueKind::choices, choices};
  if (type.rfind("FILE", 0) == 0 || (!option.nonpositional() && type.empty())) return {ValueKind::file, {}};
  return {};
}

/// One option's spellings as the shell sees them: "-j", "--jobs".
std::vector<std::string> spellings(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.get_snames()) names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) names.push_back("--" + name);
  return names;
}

std::string join(const std::vector<std::string>& words, std::string_view separator = " ") {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : std::string(separator)) + word;
  return text;
}

/// The bash commands that fill COMPREPLY for a value of `kind`.
std::string bash_value(const ValueCompletion& value) {
  switch (value.kind) {
    case ValueKind::file: return "_wegwijzer_files";
    case ValueKind::bank: return "_wegwijzer_banks";
    case ValueKind::language: return "_wegwijzer_languages";
    case ValueKind::command: return "_wegwijzer_words \"$_wegwijzer_commands\"";
    case ValueKind::choices: return fmt::format("_wegwijzer_words \"{}\"", join(value.choices));
    case ValueKind::none: break;
  }
  return "COMPREPLY=()";
}

std::string bash_script(const CLI::App& app) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  const CLI::App* ask = app.get_subcommand("ask");

  std::string values;        // case "$command $prev" in … for options that take a value
  std::string option_lists;  // case "$command" in … the options each command has
  std::string positional;    // case "$command" in … what a non-option word completes to
  auto add_command = [&](const CLI::App& command, const std::string& key) {
    std::vector<std::string> options;
    for (const CLI::Option* option : named_options(command)) {
      std::vector<std::string> names = spellings(*option);
      options.insert(options.end(), names.begin(), names.end());
      if (takes_value(*option)) {
        for (const std::string& name : names) {
          values += fmt::format("    \"{} {}\") {}; return ;;\n", key, name, bash_value(value_completion(*option)));
        }
      }
    }
    option_lists += fmt::format("    \"{}\") options=\"{}\" ;;\n", key, join(options));
    std::vector<const CLI::Option*> words = positionals(command);
    if (!words.empty()) positional += fmt::format("    \"{}\") {} ;;\n", key, bash_value(value_completion(*words[0])));
  };
  for (const CLI::App* sub : app.get_subcommands({})) add_command(*sub, sub->get_name());
  // Before any subcommand, options belong to `ask` (wegwijzer --lang en).
  add_command(*ask, "");
  std::string top_options = join(spellings(*app.get_version_ptr()));  // -h, --help: already among ask's

  return fmt::format(R"SCRIPT(# bash completion for wegwijzer, generated from its command-line definitions
# (`wegwijzer completion bash`). Bank names and a bank's languages come from `wegwijzer banks`.
_wegwijzer_commands="{commands}"

# A typed word as the shell will pass it: quotes removed, backslashes dropped, ~/ expanded. Never evaluated.
_wegwijzer_dequote() {{
  local word=$1
  case $word in
    \'*\') word=${{word:1:${{#word}}-2}} ;;
    \"*\") word=${{word:1:${{#word}}-2}} ;;
    *) word=${{word//\\/}} ;;
  esac
  [[ $word != "~/"* ]] || word=$HOME/${{word:2}}
  printf '%s' "$word"
}}

_wegwijzer_words() {{
  local IFS=$' \t\n'
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}}

_wegwijzer_files() {{
  compopt -o filenames 2>/dev/null
  local IFS=$'\n'
  COMPREPLY=($(compgen -f -- "$cur"))
}}

_wegwijzer_banks() {{
  local IFS=$'\n' names
  names=$("$program" banks --names </dev/null 2>/dev/null)
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -W "$names" -- "$cur") $(compgen -f -- "$cur"))
}}

_wegwijzer_languages() {{
  local arguments=(banks --languages) languages
  [[ -z $bank ]] || arguments+=(--bank "$bank")
  languages=$("$program" "${{arguments[@]}}" </dev/null 2>/dev/null)
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$languages" -- "$cur"))
}}

_wegwijzer() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  local program=${{COMP_WORDS[0]}} command="" bank="" options i word
  [[ $program == */* || -z $program ]] || program=$(type -P "$program" 2>/dev/null || echo wegwijzer)
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${{COMP_WORDS[i]}}
    case $word in
      --bank)
        # bash splits --bank=FILE at the '=' (COMP_WORDBREAKS): the value is then two words on.
        if [[ ${{COMP_WORDS[i+1]}} == "=" ]]; then bank=${{COMP_WORDS[i+2]}}; else bank=${{COMP_WORDS[i+1]}}; fi
        bank=$(_wegwijzer_dequote "$bank") ;;
      -*) ;;
      *) if [[ -z $command && " $_wegwijzer_commands " == *" $word "* && ${{COMP_WORDS[i-1]}} != -* ]]; then command=$word; fi ;;
    esac
  done
  # --lang=<Tab>: bash gives the words "--lang" "=" "" (or "--lang" "=" "e").
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]]; then
    prev=${{COMP_WORDS[COMP_CWORD-2]}}
  fi
  case "$command $prev" in
{values}  esac
  if [[ $cur == -* ]]; then
    case "$command" in
{option_lists}    esac
    [[ -n $command ]] || options="$options {top_options}"
    _wegwijzer_words "$options"
    return
  fi
  if [[ -z $command ]]; then
    _wegwijzer_words "$_wegwijzer_commands"
    return
  fi
  case "$command" in
{positional}    *) COMPREPLY=() ;;
  esac
}}
complete -F _wegwijzer wegwijzer
)SCRIPT",
                     fmt::arg("commands", join(commands)), fmt::arg("values", values),
                     fmt::arg("option_lists", option_lists), fmt::arg("top_options", top_options),
                     fmt::arg("positional", positional));
}

/// A description as a zsh _arguments or _describe text: first sentence, no brackets or quotes.
std::string zsh_description(const std::string& text) {
  std::string line = first_line(text);
  std::string out;
  for (char c : line) {
    if (c == '[') {
      out += '(';
    } else if (c == ']') {
      out += ')';
    } else if (c == '\'') {
      out += "'\\''";  // inside the single-quoted spec
    } else if (c == '"' || c == '`' || c == '$' || c == '\\') {
      continue;
    } else if (c == ':') {
      out += "\\:";
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const ValueCompletion& value) {
  switch (value.kind) {
    case ValueKind::file: return "_files";
    case ValueKind::bank: return "_wegwijzer_banks";
    case ValueKind::language: return "_wegwijzer_languages";
    case ValueKind::command: return "_wegwijzer_commands";
    case ValueKind::choices: return "(" + join(value.choices) + ")";
    case ValueKind::none: break;
  }
  return " ";
}

std::string zsh_arguments(const CLI::App& command) {
  std::string specs;
  for (const CLI::Option* option : named_options(command)) {
    std::vector<std::string> names = spellings(*option);
    std::string description = zsh_description(option->get_description());
    std::string value;
    if (takes_value(*option)) {
      value =
          fmt::format(":{}:{}", zsh_description(option->get_type_name().substr(0, option->get_type_name().find(':'))),
                      zsh_action(value_completion(*option)));
    }
    std::string repeat = option->get_items_expected_max() > 1 && option->nonpositional() ? "*" : "";
    // "--lang=" takes its value after '=' or as the next word, as the program does.
    std::vector<std::string> specs_names = names;
    for (std::string& name : specs_names) {
      if (takes_value(*option) && name.rfind("--", 0) == 0) name += "=";
    }
    if (names.size() == 1) {
      specs += fmt::format("    '{}{}[{}]{}'\n", repeat, specs_names[0], description, value);
    } else {
      specs += fmt::format("    '({0})'{1}{{{2}}}'[{3}]{4}'\n", join(names), repeat, join(specs_names, ","),
                           description, value);
    }
  }
  for (const CLI::Option* positional : positionals(command)) {
    std::string many = positional->get_items_expected_max() > 1 ? "*" : "1";
    const std::string& type = positional->get_type_name();
    specs += fmt::format("    '{}:{}:{}'\n", many, zsh_description(type.substr(0, type.find(':'))),
                         zsh_action(value_completion(*positional)));
  }
  return specs;
}

std::string zsh_script(const CLI::App& app) {
  std::string commands;
  std::string cases;
  // Before any subcommand, options belong to `ask` (wegwijzer --lang en); -h and --help among them.
  std::string top;
  {
    std::istringstream lines(zsh_arguments(*app.get_subcommand("ask")));
    for (std::string line; std::getline(lines, line);) top += line + " \\\n";
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    commands += fmt::format("    '{}:{}'\n", sub->get_name(), zsh_description(sub->get_description()));
    cases += fmt::format("      {})\n        _arguments -s \\\n{}        ;;\n", sub->get_name(), [&] {
      std::string specs = zsh_arguments(*sub);
      std::string out;
      std::istringstream lines(specs);
      for (std::string line; std::getline(lines, line);) out += "  " + line + " \\\n";
      return out;
    }());
  }
  return fmt::format(R"SCRIPT(#compdef wegwijzer
# zsh completion for wegwijzer, generated from its command-line definitions (`wegwijzer completion zsh`).
# Bank names and a bank's languages come from `wegwijzer banks`.

_wegwijzer_commands() {{
  local -a commands
  commands=(
{commands}  )
  _describe -t commands 'wegwijzer command' commands
}}

_wegwijzer_banks() {{
  local -a names
  names=(${{(f)"$(${{_wegwijzer_program:-wegwijzer}} banks --names </dev/null 2>/dev/null)"}})
  _alternative "banks:built-in bank:compadd -a names" 'files:bank file:_files'
}}

_wegwijzer_languages() {{
  local -a arguments languages
  local i
  arguments=(banks --languages)
  for ((i = 1; i < CURRENT; i++)); do
    case $words[i] in
      --bank) arguments+=(--bank ${{(Q)~words[i+1]}}) ;;
      --bank=*) arguments+=(--bank ${{(Q)~${{words[i]#--bank=}}}}) ;;
    esac
  done
  languages=(${{(f)"$(${{_wegwijzer_program:-wegwijzer}} $arguments </dev/null 2>/dev/null)"}})
  compadd -a languages
}}

_wegwijzer() {{
  local _wegwijzer_program=$words[1]
  local curcontext=$curcontext state line
  _arguments -C -A '-*' \
    '(- *)--version[Display program version information and exit]' \
{top}    '1: :->command' \
    '*:: :->arguments'
  case $state in
    command) _wegwijzer_commands ;;
    arguments)
      case $words[1] in
{cases}      esac
      ;;
  esac
}}

_wegwijzer "$@"
)SCRIPT",
                     fmt::arg("commands", commands), fmt::arg("cases", cases), fmt::arg("top", top));
}

}  // namespace

std::vector<ManPage> command_man_pages() {
  Definitions definitions;
  std::vector<ManPage> pages{program_page(definitions.app)};
  for (const CLI::App* sub : definitions.app.get_subcommands({})) pages.push_back(command_page(definitions.app, *sub));
  return pages;
}

std::string completion_script(std::string_view shell) {
  Definitions definitions;
  if (shell == "bash") return bash_script(definitions.app);
  if (shell == "zsh") return zsh_script(definitions.app);
  return {};
}

}  // namespace wegwijzer
