#pragma once
// Internal to the engine: parses JSON text into nlohmann::json in time linear in its length, with
// the events of nlohmann's parser callback. json::parse(text, callback) is quadratic in the length
// of a list of objects: after every object it scans the enclosing list (or object) from the start
// for a discarded value. A bank has long lists of objects (its questions, a large "any"), and a
// 3 MB "any" of 100,000 leaves took seconds to parse that way. This parser never discards: it
// builds the value through the public SAX interface and reports the same events.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wegwijzer::detail {

/// SAX handler: builds the value (a stack of the open containers) and reports the callback events
/// (see parse_json_linear). Only nlohmann's public SAX interface: no dependence on its internals.
template <typename Callback>
class LinearJsonSax {
 public:
  using json = nlohmann::json;
  using event = json::parse_event_t;

  LinearJsonSax(json& result, Callback& callback) : result_(result), callback_(callback) {}

  bool null() { return value(json(nullptr)); }
  bool boolean(bool v) { return value(json(v)); }
  bool number_integer(json::number_integer_t v) { return value(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return value(json(v)); }
  bool string(json::string_t& v) { return value(json(std::move(v))); }
  bool binary(json::binary_t& v) { return value(json::binary(std::move(v))); }

  bool start_object(std::size_t) {
    json none;
    callback_(static_cast<int>(open_.size()), event::object_start, none);
    open_.push_back(place(json::object()));
    return true;
  }
  bool key(json::string_t& k) {
    json parsed(k);
    callback_(static_cast<int>(open_.size()), event::key, parsed);
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(event::object_end); }
  bool start_array(std::size_t) {
    json none;
    callback_(static_cast<int>(open_.size()), event::array_start, none);
    open_.push_back(place(json::array()));
    return true;
  }
  bool end_array() { return close(event::array_end); }
  template <typename Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    throw ex;  // as json::parse: parse_error, or out_of_range for a number too large
  }

 private:
  bool value(json parsed) {
    callback_(static_cast<int>(open_.size()), event::value, parsed);
    place(std::move(parsed));
    return true;
  }

  /// Puts `v` where the parser is: the whole result, the next element of the open array, or the
  /// member named by the last key of the open object (a repeated key: the last one, as json::parse).
  /// Returns where it went; an open container's address is stable while its children are added.
  json* place(json v) {
    if (open_.empty()) {
      result_ = std::move(v);
      return &result_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& member = parent[key_];
    member = std::move(v);
    return &member;
  }

  bool close(event end) {
    open_.pop_back();
    json none;
    callback_(static_cast<int>(open_.size()), end, none);
    return true;
  }

  json& result_;
  Callback& callback_;
  std::vector<json*> open_;  ///< the containers open around the parser, outermost first
  std::string key_;          ///< the last key read
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
