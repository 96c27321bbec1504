// The JSON form of the summary: the machine record plus the prose in the chosen language. Every
// string goes through append_json_string (the one JSON string writer, which escapes controls, bidi
// controls and line separators); the layout is indented here without parsing the text again.
#include <algorithm>
#include <string>
#include <string_view>

#include "summary_model.hpp"
#include "summary_texts.hpp"
#include "wegwijzer/record/result_json.hpp"

namespace wegwijzer::summary {
namespace {

/// Version of the summary document layout (the "result" part has its own schema_version).
constexpr int kSummarySchemaVersion = 3;

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  void key(std::string_view name) {
    comma();
    append_json_string(out_, name);
    out_ += ':';
    first_ = true;  // the value follows without a comma
    pending_value_ = true;
  }
  void string(std::string_view text) {
    value_prefix();
    append_json_string(out_, text);
  }
  void string_or_null(std::string_view text) {
    if (text.empty()) {
      raw("null");
    } else {
      string(text);
    }
  }
  void raw(std::string_view text) {
    value_prefix();
    out_ += text;
  }
  void boolean(bool value) { raw(value ? "true" : "false"); }
  void integer(long long value) { raw(std::to_string(value)); }
  void begin_object() {
    value_prefix();
    out_ += '{';
    first_ = true;
  }
  void end_object() {
    out_ += '}';
    first_ = false;
  }
  void begin_array() {
    value_prefix();
    out_ += '[';
    first_ = true;
  }
  void end_array() {
    out_ += ']';
    first_ = false;
  }
  void string_field(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void id_texts(std::string_view name, std::string_view id_key, const std::vector<IdText>& items) {
    key(name);
    begin_array();
    for (const auto& item : items) {
      begin_object();
      string_field(id_key, item.id);
      string_field("text", item.text);
      end_object();
    }
    end_array();
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
  }
  void value_prefix() {
    if (pending_value_) {
      pending_value_ = false;
    } else {
      comma();
    }
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
  bool pending_value_ = false;
};

/// `compact` (JSON without whitespace between tokens, as JsonWriter and append_result_json write it)
/// laid out as people read it, the way nlohmann's dump(2) lays out JSON: one member or element per
/// line, indented by two spaces per level, `"key": value`, empty objects and arrays as `{}` and `[]`.
/// Strings are copied as they stand, so their escapes stay escapes. Linear in the text's length.
std::string indented(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() + compact.size() / 2);
  std::size_t depth = 0;
  auto new_line = [&] {
    out += '\n';
    out.append(2 * depth, ' ');
  };
  const std::size_t size = compact.size();
  for (std::size_t i = 0; i < size; ++i) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        std::size_t end = i + 1;
        while (end < size && compact[end] != '"') end += compact[end] == '\\' ? 2 : 1;
        end = std::min(end, size - 1);
        out.append(compact.substr(i, end + 1 - i));
        i = end;
        break;
      }
      case '{':
      case '[':
        out += c;
        if (i + 1 < size && compact[i + 1] == (c == '{' ? '}' : ']')) {
          out += compact[++i];
        } else {
          ++depth;
          new_line();
        }
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        new_line();
        out += c;
        break;
      case ',':
        out += c;
        new_line();
        break;
      case ':': out += ": "; break;
      default: out += c; break;
    }
  }
  return out;
}

/// One resource with its parts and its line.
void resource_object(JsonWriter& j, const ResourceText& resource) {
  j.begin_object();
  j.string_field("id", resource.id);
  j.string_field("name", resource.name);
  j.key("phone");
  j.begin_array();
  for (const auto& number : resource.phone) j.string(number);
  j.end_array();
  j.key("url");
  j.string_or_null(resource.url);
  j.key("hours");
  j.string_or_null(resource.hours);
  j.key("free");
  if (resource.free) {
    j.boolean(*resource.free);
  } else {
    j.raw("null");
  }
  j.key("audience");
  j.string_or_null(resource.audience);
  j.string_field("when", resource.when);
  j.string_field("line", resource.line);
  j.end_object();
}

void texts(JsonWriter& j, const Model& m) {
  j.begin_object();
  j.string_field("title", m.title);
  j.string_field("heading", m.heading);
  j.key("incomplete_explanation");
  j.string_or_null(m.incomplete_explanation);
  j.key("crisis_box");
  if (m.crisis_box) {
    j.begin_object();
    j.string_field("title", phrase(Phrase::crisis_title, m.language));
    j.key("first_steps");
    j.begin_array();
    for (const auto& step : crisis_steps(m.guidance, m.language)) j.string(step);
    j.end_array();
    j.key("lines");
    j.begin_array();
    for (const auto& resource : m.guidance.resources) j.string(resource.line);
    j.end_array();
    j.end_object();
  } else {
    j.raw("null");
  }
  j.key("advice");
  if (m.advice) {
    j.begin_object();
    j.string_field("outcome", m.outcome);
    j.string_field("name", m.outcome_name);
    j.string_field("line", m.advice_line);
    j.string_field("urgency", m.urgency_text);
    j.end_object();
  } else {
    j.raw("null");
  }
  j.key("first_steps");
  j.begin_array();
  for (const auto& step : m.guidance.first_steps) j.string(step);
  j.end_array();
  j.key("resources");
  j.begin_array();
  for (const auto& resource : m.guidance.resources) resource_object(j, resource);
  j.end_array();
  j.key("reasons");
  j.begin_array();
  for (const auto& reason : m.reasons) j.string(reason);
  j.end_array();
  j.id_texts("red_flags", "rule", m.red_flags);
  j.key("alternatives");
  j.begin_array();
  for (const auto& alternative : m.alternatives) {
    j.begin_object();
    j.string_field("outcome", alternative.outcome);
    j.string_field("name", alternative.name);
    j.string_field("line", alternative.line);
    j.end_object();
  }
  j.end_array();
  j.key("alongside_note");
  j.string_or_null(m.alongside_note);
  j.key("close_call_note");
  j.string_or_null(m.close_call_note);
  j.key("what_would_change");
  if (m.advice) {
    j.begin_object();
    j.string_field("heading", phrase(Phrase::flips_heading, m.language));
    j.key("decided_by_red_flag");
    j.raw(m.flips_decided_by_red_flag ? "true" : "false");
    j.key("flips");
    j.begin_array();
    for (const auto& flip : m.flips) {
      j.begin_object();
      j.string_field("outcome", flip.outcome);
      j.string_field("name", flip.name);
      j.key("changes");
      j.begin_array();
      for (const auto& change : flip.changes) {
        j.begin_object();
        j.string_field("question", change.question);
        j.key("from");
        j.begin_array();
        for (const auto& id : change.from) j.string(id);
        j.end_array();
        j.key("to");
        j.begin_array();
        for (const auto& id : change.to) j.string(id);
        j.end_array();
        j.end_object();
      }
      j.end_array();
      j.string_field("line", flip.line);
      j.end_object();
    }
    j.end_array();
    j.key("note");
    j.string_or_null(m.flips_note);
    j.key("caveat");
    j.string_or_null(m.flips_caveat);
    j.end_object();
  } else {
    j.raw("null");
  }
  j.key("scales");
  j.begin_array();
  for (const auto& scale : m.scales) {
    j.begin_object();
    j.string_field("id", scale.id);
    j.string_field("label", scale.label);
    j.string_field("band_label", scale.band_label);
    j.end_object();
  }
  j.end_array();
  j.key("scale_reminder");
  j.string_or_null(m.scales.empty() ? std::string_view() : phrase(Phrase::distress_reminder, m.language));
  j.key("outcome_texts");
  if (m.advice) {
    j.begin_object();
    j.key("after_crisis");
    j.string_or_null(m.crisis_box ? phrase(Phrase::expect_after_crisis, m.language) : std::string_view());
    j.string_field("what_it_is", m.what_it_is);
    j.string_field("what_to_expect", m.what_to_expect);
    j.string_field("where_to_find", m.where_to_find);
    j.end_object();
  } else {
    j.raw("null");
  }
  j.id_texts("notes", "rule", m.notes);
  j.id_texts("unknown_red_flags", "question", m.unknown_red_flags);
  j.key("unknown_red_flags_advice");
  j.string_or_null(m.unknown_red_flags.empty() ? std::string_view()
                                               : phrase(Phrase::unknown_red_flags_advice, m.language));
  j.id_texts("missing", "question", m.missing);
  j.key("answers");
  j.begin_array();
  for (const auto& answer : m.answers) {
    j.begin_object();
    j.string_field("question", answer.question);
    j.string_field("text", answer.text);
    j.string_field("answer", answer.answer);
    j.key("free_text");
    j.boolean(answer.free_text);
    j.end_object();
  }
  j.end_array();
  j.string_field("disclaimer", m.disclaimer);
  j.string_field("crisis_lines_label", phrase(Phrase::footer_crisis_lines, m.language));
  j.key("crisis_lines");
  j.begin_array();
  for (const auto& line : m.crisis_lines) j.string(line);
  j.end_array();
  j.end_object();
}

}  // namespace

std::string render_json(const Model& model, const Bank& bank, const AnswerSet& answers, const Result& result,
                        const SummaryOptions& options) {
  std::string out;
  JsonWriter j(out);
  j.begin_object();
  j.key("summary_schema_version");
  j.integer(kSummarySchemaVersion);
  j.string_field("language", options.language);
  j.key("date");
  j.string_or_null(options.date);
  j.key("result");
  j.raw("");
  append_result_json(out, bank, answers, result, "");
  j.key("texts");
  texts(j, model);
  j.end_object();
  // Indented for people reading the file.
  return indented(out) + "\n";
}

}  // namespace wegwijzer::summary
