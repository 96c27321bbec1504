#include "wegwijzer/bank/local_text.hpp"

namespace wegwijzer {

const std::string& LocalText::in(std::string_view language) const {
  static const std::string empty_text;
  for (std::string_view candidate : {language, std::string_view("en"), std::string_view("nl")}) {
    auto found = by_language_.find(std::string(candidate));
    if (found != by_language_.end()) return found->second;
  }
  return by_language_.empty() ? empty_text : by_language_.begin()->second;
}

bool is_dutch(std::string_view tag) {
  return tag.size() >= 2 && (tag[0] == 'n' || tag[0] == 'N') && (tag[1] == 'l' || tag[1] == 'L') &&
         (tag.size() == 2 || tag[2] == '-');
}

const std::string* Language::bank_text(std::string_view key) const {
  if (texts_ == nullptr) return nullptr;
  auto found = texts_->find(key);
  if (found == texts_->end()) return nullptr;
  auto text = found->second.all().find(code_);
  return text == found->second.all().end() ? nullptr : &text->second;
}

}  // namespace wegwijzer
