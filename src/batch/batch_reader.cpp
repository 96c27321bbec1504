// Reading batch input in blocks and splitting JSON Lines into batches of lines.
#include "wegwijzer/batch/batch_reader.hpp"

#include <cstring>

#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {
bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}
}  // namespace

void RecordBatch::clear() {
  columns.reset();
  bytes.clear();
  cells.clear();
  records.clear();
}

ByteStream::ByteStream(std::istream& in, std::string name, std::size_t block_bytes)
    : in_(in), name_(std::move(name)), block_bytes_(block_bytes) {}

bool ByteStream::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    started_ = true;  // bytes were consumed: a byte-order mark can no longer come
    std::memmove(&buffer_[0], buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // The buffer only grows (a long line): its bytes are not zero-filled again for every block.
  if (buffer_.size() < end_ + block_bytes_) buffer_.resize(end_ + block_bytes_);
  in_.read(&buffer_[end_], static_cast<std::streamsize>(block_bytes_));
  auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (in_.bad()) throw Fatal(ExitCode::io, "cannot read " + sanitize_for_terminal(name_, false));
  if (got == 0) {
    eof_ = true;
    return false;
  }
  if (!started_ && end_ >= 3) {
    started_ = true;
    if (std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  } else if (!started_ && in_.eof()) {
    started_ = true;
  }
  return true;
}

std::string_view ByteStream::peek(std::size_t bytes) {
  while (available().size() < bytes && fill()) {
  }
  return available();
}

char ByteStream::first_non_blank() {
  std::size_t scanned = 0;
  for (;;) {
    std::string_view bytes = available();
    for (; scanned < bytes.size(); ++scanned) {
      char c = bytes[scanned];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
    }
    if (!fill()) return '\0';
  }
}

bool JsonlReader::read_batch(RecordBatch& batch, std::size_t max_records, std::size_t max_bytes) {
  batch.clear();
  batch.format = BatchFormat::jsonl;
  while (batch.records.size() < max_records && batch.bytes.size() < max_bytes) {
    std::string_view bytes = stream_.available();
    const void* found = bytes.empty() ? nullptr : std::memchr(bytes.data(), '\n', bytes.size());
    if (found != nullptr) {
      std::size_t length = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
      if (skipping_) {
        skipping_ = false;
      } else {
        add_line(batch, bytes.substr(0, length));
      }
      stream_.consume(length + 1);
      ++line_;
      continue;
    }
    // No newline in the buffered bytes: a long line is reported now and skipped as it streams by.
    // A CR at the end may be the first half of a CRLF, which is not part of the line.
    const std::size_t limit = limits_.max_line_bytes + (!bytes.empty() && bytes.back() == '\r' ? 1 : 0);
    if (!skipping_ && bytes.size() > limit) {
      BatchRecord record;
      record.line = line_;
      record.too_long = true;
      batch.records.push_back(record);
      skipping_ = true;
    }
    if (skipping_) stream_.consume(bytes.size());
    if (!stream_.fill()) {
      std::string_view rest = stream_.available();
      if (!rest.empty()) {
        if (!skipping_) add_line(batch, rest);
        stream_.consume(rest.size());
        ++line_;
      }
      skipping_ = false;
      break;
    }
  }
  if (batch.records.empty()) return false;
  batch.bytes.append(batch_json_padding, ' ');
  return true;
}

void JsonlReader::add_line(RecordBatch& batch, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank(line)) return;
  BatchRecord record;
  record.line = line_;
  if (line.size() > limits_.max_line_bytes) {
    record.too_long = true;
  } else {
    record.first = batch.bytes.size();
    record.size = line.size();
    batch.bytes.append(line);
    batch.bytes.push_back('\n');
  }
  batch.records.push_back(record);
}

}  // namespace wegwijzer
