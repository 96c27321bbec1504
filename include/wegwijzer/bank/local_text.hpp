#pragma once
#include <functional>
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
/// Whether the BCP 47 tag `tag` is Dutch ("nl", "NL", "nl-BE"): the program's built-in texts are Dutch for these and
/// English for every other language.
bool is_dutch(std::string_view tag);

/// The language the program speaks in: a bank language's tag, with the bank's own versions of the program's texts
/// (a bank's "texts", key → text) when there are any.
class Language {
 public:
  /// `code` as a bank declares it ("nl", "en", "de"); `texts`, when given, must outlive this.
  explicit Language(std::string code, const std::map<std::string, LocalText, std::less<>>* texts = nullptr)
      : code_(std::move(code)), texts_(texts) {}
  /// The tag ("nl").
  const std::string& code() const { return code_; }
  /// Whether the built-in texts for this language are the Dutch ones (is_dutch()).
  bool dutch() const { return is_dutch(code_); }
  /// The tag, for LocalText::in and the like.
  operator std::string_view() const { return code_; }  // NOLINT(google-explicit-constructor)
  /// The bank's version of the program text `key` in this language, or nullptr when it has none.
  const std::string* bank_text(std::string_view key) const;

 private:
  std::string code_;
  const std::map<std::string, LocalText, std::less<>>* texts_ = nullptr;
};

}  // namespace wegwijzer
