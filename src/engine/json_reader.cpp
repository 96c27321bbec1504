#include "json_reader.hpp"

#include <fmt/format.h>

#include <set>

namespace wegwijzer::detail {
namespace {

using nlohmann::json;

/// Thrown from the parser callback to stop parsing at a structural problem.
struct StructureStop {
  std::string pointer;
  std::string message;
};

/// Tracks where the parser is (for JSON pointers) and which keys each open object has.
class ParseTracker {
 public:
  explicit ParseTracker(std::size_t max_depth) : max_depth_(max_depth) {}

  bool on_event(int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (static_cast<std::size_t>(depth) >= max_depth_) {
          throw StructureStop{
              current_pointer(),
              fmt::format("the JSON is nested more than {} levels deep; a bank never needs that", max_depth_)};
        }
        frames_.push_back({event == json::parse_event_t::array_start, 0, {}, {}});
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          throw StructureStop{current_pointer(),
                              fmt::format("the key '{}' appears twice in this object; keep one", frame.key)};
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        count_element();
        break;
      case json::parse_event_t::value: count_element(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array = false;
    std::size_t count = 0;  ///< arrays: elements completed so far
    std::string key;        ///< objects: the key being parsed
    std::set<std::string> keys;
  };

  void count_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().count;
  }

  std::string current_pointer() const {
    std::string pointer;
    for (const Frame& frame : frames_) {
      pointer = frame.is_array ? pointer_append(pointer, frame.count) : pointer_append(pointer, frame.key);
    }
    return pointer;
  }

  std::size_t max_depth_;
  std::vector<Frame> frames_;
};

/// A plain description of a syntax error that never quotes the input.
std::string describe_parse_error(const json::parse_error& error, bool at_end) {
  if (at_end) return "unexpected end of file; the JSON is truncated or a bracket is missing";
  std::string what = error.what();
  // nlohmann's text is "... syntax error while parsing CONTEXT - DETAIL[; last read: 'INPUT'][; expected X]".
  // CONTEXT, DETAIL and X are fixed phrases; only the 'last read' part quotes input, so drop it.
  const std::string marker = "syntax error while parsing ";
  auto start = what.find(marker);
  if (start == std::string::npos) return "the text is not valid JSON";
  std::string rest = what.substr(start + marker.size());
  auto dash = rest.find(" - ");
  if (dash == std::string::npos) return "the text is not valid JSON";
  std::string context = rest.substr(0, dash);
  std::string detail = rest.substr(dash + 3);
  auto last_read = detail.find("; last read: '");
  std::string expected;
  if (last_read != std::string::npos) {
    // Keep a trailing "; expected X" only when X is one of nlohmann's token names (never input).
    static const std::set<std::string> kTokenNames{
        "true literal", "false literal", "null literal", "string literal", "number literal",        "'['", "'{'", "']'",
        "'}'",          "':'",           "','",          "end of input",   "'[', '{', or a literal"};
    auto expected_at = detail.rfind("; expected ");
    if (expected_at != std::string::npos && expected_at > last_read &&
        kTokenNames.count(detail.substr(expected_at + 11)) > 0) {
      expected = detail.substr(expected_at);
    }
    detail = detail.substr(0, last_read) + expected;
  }
  if (detail.find("invalid string") != std::string::npos || detail.find("ill-formed UTF-8") != std::string::npos) {
    return fmt::format("invalid text string in {}: {}", context, detail);
  }
  return fmt::format("syntax error in {}: {}", context, detail);
}

}  // namespace

std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0u) != 0x80u) {  // count characters, not UTF-8 continuation bytes
      ++column;
    }
  }
  return {line, column};
}

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string result = pointer + "/";
  for (char c : token) {
    if (c == '~') {
      result += "~0";
    } else if (c == '/') {
      result += "~1";
    } else {
      result += c;
    }
  }
  return result;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::optional<nlohmann::json> read_json(std::string_view text, const std::string& file_name, std::size_t max_bytes,
                                        std::size_t max_depth, std::vector<Diagnostic>& diagnostics) {
  if (text.size() > max_bytes) {
    diagnostics.push_back(
        {file_name, "", 0, 0, Severity::error,
         fmt::format("the file is {} bytes; the limit for a bank is {} bytes", text.size(), max_bytes)});
    return std::nullopt;
  }
  ParseTracker tracker(max_depth);
  try {
    json::parser_callback_t callback = [&tracker](int depth, json::parse_event_t event, json& parsed) {
      return tracker.on_event(depth, event, parsed);
    };
    return json::parse(text.begin(), text.end(), callback, true, false);
  } catch (const json::parse_error& error) {
    // error.byte is the 1-based position of the last character read.
    std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    bool at_end = offset >= text.size();
    auto [line, column] = line_and_column(text, offset);
    diagnostics.push_back({file_name, "", line, column, Severity::error, describe_parse_error(error, at_end)});
  } catch (const StructureStop& stop) {
    diagnostics.push_back({file_name, stop.pointer, 0, 0, Severity::error, stop.message});
  }
  return std::nullopt;
}

}  // namespace wegwijzer::detail
