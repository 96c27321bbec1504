#pragma once
// Internal to the engine: parses JSON text into nlohmann::json in time linear in its length, with
// the events of nlohmann's parser callback. json::parse(text, callback) is quadratic in the length
// of a list of objects: after every object it scans the enclosing list (or object) from the start
// for a discarded value. A bank has long lists of objects (its questions, a large "any"), and a
// 3 MB "any" of 100,000 leaves took seconds to parse that way. This parser never discards, so it
// builds the value with nlohmann's plain DOM builder and only reports the events.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace wegwijzer::detail {

/// SAX handler: nlohmann's DOM builder plus the callback events (see parse_json_linear).
template <typename Callback>
class LinearJsonSax {
 public:
  using json = nlohmann::json;
  using event = json::parse_event_t;

  LinearJsonSax(json& result, Callback& callback) : dom_(result, true), callback_(callback) {}

  bool null() { return value(json(nullptr)) && dom_.null(); }
  bool boolean(bool v) { return value(json(v)) && dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return value(json(v)) && dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return value(json(v)) && dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return value(json(v)) && dom_.number_float(v, s);
  }
  bool string(json::string_t& v) { return value(json(v)) && dom_.string(v); }
  bool binary(json::binary_t& v) { return value(json(v)) && dom_.binary(v); }

  bool start_object(std::size_t size) {
    callback_(static_cast<int>(depth_), event::object_start, ignored_);
    ++depth_;
    return dom_.start_object(size);
  }
  bool key(json::string_t& k) {
    json parsed(k);
    callback_(static_cast<int>(depth_), event::key, parsed);
    return dom_.key(k);
  }
  bool end_object() {
    --depth_;
    callback_(static_cast<int>(depth_), event::object_end, ignored_);
    return dom_.end_object();
  }
  bool start_array(std::size_t size) {
    callback_(static_cast<int>(depth_), event::array_start, ignored_);
    ++depth_;
    return dom_.start_array(size);
  }
  bool end_array() {
    --depth_;
    callback_(static_cast<int>(depth_), event::array_end, ignored_);
    return dom_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& ex) {
    return dom_.parse_error(position, last_token, ex);  // throws ex
  }

 private:
  bool value(json parsed) {
    callback_(static_cast<int>(depth_), event::value, parsed);
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  Callback& callback_;
  std::size_t depth_ = 0;  ///< containers open
  json ignored_;           ///< what start and end events get instead of the container
};

/// Parses `text` (strict: nothing but whitespace after the value; no comments) like
/// `json::parse(text, callback, true, false)` with a callback that keeps everything, in linear time.
/// `callback(depth, event, parsed)` gets the same events in the same order, with the same depths
/// (the containers open around the event); `parsed` is the key of a key event and the value of a
/// value event, and null for the start and end of objects and arrays. The callback's result is
/// ignored; it may throw to stop. Syntax errors throw json::parse_error, a number too large for a
/// double json::out_of_range, as json::parse does.
template <typename Callback>
nlohmann::json parse_json_linear(std::string_view text, Callback callback) {
  nlohmann::json result;
  LinearJsonSax<Callback> sax(result, callback);
  nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json, true, false);
  return result;
}

}  // namespace wegwijzer::detail
