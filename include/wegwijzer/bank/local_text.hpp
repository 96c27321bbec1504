#pragma once
#include <map>
#include <string>
#include <string_view>

namespace wegwijzer {
/// A text shown to a person, one version per language ("nl", "en", ...).
class LocalText {
 public:
  LocalText() = default;
  /// Builds from a language → text map.
  explicit LocalText(std::map<std::string, std::string> by_language) : by_language_(std::move(by_language)) {}
  /// The text in `language`; falls back to "en", then "nl", then any; empty when there is none.
  const std::string& in(std::string_view language) const;
  /// True when there is no text in any language.
  bool empty() const { return by_language_.empty(); }
  /// True when a text exists for `language`.
  bool has(std::string_view language) const { return by_language_.count(std::string(language)) > 0; }
  /// All versions, keyed by language.
  const std::map<std::string, std::string>& all() const { return by_language_; }

 private:
  std::map<std::string, std::string> by_language_;
};
}  // namespace wegwijzer
