#pragma once
// Internal to the engine: typed access to bank JSON that turns every mismatch into a diagnostic
// with a JSON pointer and a plain "found ..., expected ..." message.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/diagnostic.hpp"
#include "wegwijzer/bank/local_text.hpp"

namespace wegwijzer::detail {

/// Cuts `text` to at most `limit` bytes at a character boundary, adding "..." when cut.
std::string shorten(const std::string& text, std::size_t limit);

/// A short, plain description of a JSON value ("the number 3.5", "a list of 2 items").
std::string describe(const nlohmann::json& value);

/// Reads bank JSON, collecting diagnostics.
class BankReader {
 public:
  BankReader(std::string file_name, std::vector<Diagnostic>& diagnostics)
      : file_name_(std::move(file_name)), diagnostics_(diagnostics) {}

  /// Records an error at `pointer`.
  void error(const std::string& pointer, std::string message);
  /// Records a warning at `pointer`.
  void warning(const std::string& pointer, std::string message);
  /// Number of errors recorded so far.
  std::size_t errors() const { return errors_; }

  /// Checks `value` is an object whose keys are all in `required` or `optional` and that has every
  /// required key. Returns false (after reporting) when it is not an object.
  bool object(const nlohmann::json& value, const std::string& pointer, std::initializer_list<std::string_view> required,
              std::initializer_list<std::string_view> optional, std::string_view what);
  /// The array at `pointer`, or nullptr after reporting. `min_size` items at least.
  const nlohmann::json* array(const nlohmann::json& value, const std::string& pointer, std::size_t min_size,
                              std::string_view what);
  /// A string.
  std::optional<std::string> string(const nlohmann::json& value, const std::string& pointer, std::string_view what);
  /// An identifier: 1 to 64 characters from A-Z a-z 0-9 _ - . starting with a letter or digit.
  std::optional<std::string> id(const nlohmann::json& value, const std::string& pointer);
  /// A number (integer or not).
  std::optional<double> number(const nlohmann::json& value, const std::string& pointer, std::string_view what);
  /// A whole number within [min, max].
  std::optional<int> integer(const nlohmann::json& value, const std::string& pointer, int min, int max,
                             std::string_view what);
  /// true or false.
  std::optional<bool> boolean(const nlohmann::json& value, const std::string& pointer);
  /// A person-facing text: {language: text} with every declared language and no other.
  LocalText text(const nlohmann::json& value, const std::string& pointer);

  /// The bank's declared languages (set before reading texts).
  std::vector<std::string> languages;

 private:
  std::string file_name_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t errors_ = 0;
};

/// Member `key` of object `value` (which must be an object), or nullptr.
const nlohmann::json* member(const nlohmann::json& value, std::string_view key);

}  // namespace wegwijzer::detail
