#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace wegwijzer {

/// Incremental SHA-256 (FIPS 180-4).
class Sha256 {
 public:
  /// Adds bytes to the message.
  void update(std::string_view bytes);
  /// Finishes the message and returns the 32-byte digest. Call once.
  std::array<std::uint8_t, 32> finish();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_{0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                      0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace wegwijzer
