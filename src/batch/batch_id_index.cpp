// Building the id lookups of the batch scorer (the lookups themselves are inline in the header).
#include "batch_id_index.hpp"

namespace wegwijzer {

namespace {

/// The ids of the questions of a bank, in bank order.
std::vector<std::string_view> question_id_list(const Bank& bank) {
  std::vector<std::string_view> ids;
  for (const Question& question : bank.questions) ids.push_back(question.id);
  return ids;
}

}  // namespace

QuickIds::QuickIds(const std::vector<std::string_view>& ids) {
  for (std::string_view id : ids) ids_.push_back({head_of(id), head_masks(id.size()), id.size(), id.data()});
  count_ = ids_.size();
  ids_.push_back({Head16{}, Head16{}, std::string_view::npos, nullptr});  // the sentinel: no text is that long
}

QuestionIndex::QuestionIndex(const Bank& bank) : ids_(question_id_list(bank)) {
  std::size_t size = 16;
  while (size < ids_.size() * 2) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
  for (std::size_t q = 0; q < ids_.size(); ++q) {
    std::size_t slot = hash(ids_[q].id()) & mask_;
    while (slots_[slot] != 0 && !same_text(ids_[slots_[slot] - 1].id(), ids_[q].id())) slot = (slot + 1) & mask_;
    if (slots_[slot] == 0) {
      slots_[slot] = q + 1;
    } else {
      in_order_ = false;  // a repeated id: only the table knows which question it names (the first)
    }
  }
  restart();
}

std::size_t QuestionIndex::hash(std::string_view id) {
  constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15u;
  std::uint64_t hash = id.size();
  if (id.size() >= 8) {
    hash = (hash ^ load_word<std::uint64_t>(id.data())) * multiplier;
    hash = (hash ^ load_word<std::uint64_t>(id.data() + id.size() - 8)) * multiplier;
  } else {
    for (char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * multiplier;
  }
  return static_cast<std::size_t>(hash >> 32);
}

std::optional<std::size_t> QuestionIndex::find_in_table(std::string_view id) const {
  for (std::size_t slot = hash(id) & mask_;; slot = (slot + 1) & mask_) {
    std::size_t entry = slots_[slot];
    if (entry == 0) return std::nullopt;
    if (same_text(ids_[entry - 1].id(), id)) return entry - 1;
  }
}

OptionIndex::OptionIndex(const Bank& bank) {
  std::size_t count = 0;
  for (const Question& question : bank.questions) count += question.options.size();
  std::size_t size = 16;
  unsigned bits = 4;
  while (size < count * 2) {
    size *= 2;
    ++bits;
  }
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  shift_ = 64 - bits;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const std::vector<Option>& options = bank.questions[q].options;
    for (std::size_t o = 0; o < options.size(); ++o) {
      std::string_view id = options[o].id;
      if (find(q, id)) continue;  // a repeated id names its first option (as Question::find_option)
      longest_ = std::max(longest_, id.size());
      const Slot entry{head_of(id), key(q, id.size()), o, id.data()};
      std::size_t s = home(entry.head, entry.key);
      while (slots_[s].key != empty) s = (s + 1) & mask_;
      slots_[s] = entry;
    }
  }
  for (const Question& question : bank.questions) {
    Dispatch dispatch;
    dispatch.first = static_cast<std::uint32_t>(options_.size());
    for (const Option& option : question.options) {
      options_.push_back({head_of(option.id), head_masks(option.id.size()), option.id.size(), option.id.data()});
    }
    add_dispatch(question, dispatch);
    dispatch_.push_back(dispatch);
  }
}

void OptionIndex::add_dispatch(const Question& question, Dispatch& dispatch) {
  if (question.options.size() >= dispatch_size) return;  // too many to tell apart by so few bits
  std::vector<std::uint16_t> table(dispatch_size, 0);
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    std::string_view id = question.options[o].id;
    if (id.empty()) return;  // its first byte would be whatever follows it: the hash table finds it
    const std::size_t key = dispatch_key(id.size(), id[0]);
    if (table[key] != 0) return;  // two ids alike (or a repeated id): the hash table tells them apart
    table[key] = static_cast<std::uint16_t>(o + 1);
  }
  dispatch.table = static_cast<std::uint32_t>(tables_.size());
  tables_.insert(tables_.end(), table.begin(), table.end());
}

std::optional<std::size_t> OptionIndex::find_long(std::size_t question, std::string_view id) const {
  if (id.size() > longest_) return std::nullopt;
  return find_head(question, id, padded_head(id.data(), id.size()));
}

std::optional<std::size_t> OptionIndex::find_head(std::size_t question, std::string_view id, const Head16& head) const {
  const std::uint64_t wanted = key(question, id.size());
  for (std::size_t s = home(head, wanted);; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (same_head(slot.head, head) && slot.key == wanted && same_after_head(id.data(), slot.bytes, id.size())) {
      return slot.option;
    }
    if (slot.key == empty) return std::nullopt;
  }
}

QuickAnswers::QuickAnswers(const Bank& bank, const QuestionIndex& questions, const OptionIndex& options,
                           AnswerSet& answers, std::uint64_t* seen)
    : bank_(&bank), questions_(&questions), options_(&options), answers_(&answers), seen_(seen) {
  expected_.reserve(questions.ids_.size() + 1);
  for (std::size_t q = 0; q <= questions.ids_.size(); ++q) {  // with the sentinel
    Expected expected{questions.ids_[q], nullptr, nullptr};
    if (q < questions.ids_.size()) {
      const OptionIndex::Dispatch& dispatch = options.dispatch_[q];
      if (dispatch.table != OptionIndex::no_table) {
        expected.table = options.tables_.data() + dispatch.table;
        expected.options = options.options_.data() + dispatch.first;
      }
    }
    expected_.push_back(expected);
  }
}

}  // namespace wegwijzer
