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

/// The ids of the options of every question of a bank, question by question.
std::vector<std::string_view> option_id_list(const Bank& bank) {
  std::vector<std::string_view> ids;
  for (const Question& question : bank.questions) {
    for (const Option& option : question.options) ids.push_back(option.id);
  }
  return ids;
}

}  // namespace

QuickIds::QuickIds(const std::vector<std::string_view>& ids) {
  std::vector<std::size_t> offsets;
  for (std::string_view id : ids) {
    offsets.push_back(buffer_.size());
    buffer_ += id;
    buffer_.resize((buffer_.size() / 8 + 1) * 8, '\0');
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    char ones[8] = {};
    std::memset(ones, 0xFF, ids[i].size() % 8);
    ids_.push_back({buffer_.data() + offsets[i], ids[i].size(), load_word<std::uint64_t>(ones)});
  }
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

std::optional<std::size_t> QuestionIndex::find_in_table(std::string_view id) {
  for (std::size_t slot = hash(id) & mask_;; slot = (slot + 1) & mask_) {
    std::size_t entry = slots_[slot];
    if (entry == 0) return std::nullopt;
    if (same_text(ids_[entry - 1].id(), id)) return found(entry - 1);
  }
}

OptionIndex::OptionIndex(const Bank& bank) : ids_(option_id_list(bank)), next_(ids_.size(), 0) {
  std::size_t first = 0;
  heads_.assign(bank.questions.size() * buckets, 0);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    first_.push_back(first);
    const std::size_t count = bank.questions[q].options.size();
    for (std::size_t o = first + count; o-- > first;) {  // backwards: each chain in option order
      std::size_t& head = heads_[q * buckets + bucket(ids_[o].size)];
      next_[o] = head;
      head = o + 1;
    }
    first += count;
  }
}

}  // namespace wegwijzer
