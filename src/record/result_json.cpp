// The machine form of a result: one compact JSON object, written by hand for batch speed. The layout
// is ResultJsonWriter's; the string escaping is JsonSink's.
#include "wegwijzer/record/result_json.hpp"

#include "json_sink.hpp"
#include "wegwijzer/record/result_json_writer.hpp"

namespace wegwijzer {

void append_json_string(std::string& out, std::string_view text) {
  JsonSink sink(out, out.size());
  sink.put_json_string(text);
  out.resize(sink.offset());
}

void append_result_json(std::string& out, const Bank& bank, const AnswerSet& answers, const Result& result,
                        std::string_view record_id, const ResultJsonOptions& options) {
  ResultJsonWriter(bank, options).append(out, answers, result, record_id);
}

}  // namespace wegwijzer
