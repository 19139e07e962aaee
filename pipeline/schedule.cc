#include "pipeline/schedule.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace agendum {
namespace {

constexpr uint64_t kBytesPerPage = 30'000;  // the real corpus averages about 26 KB
constexpr long kWindow = 16 * 1024;

// The largest "/Count N" in `bytes` (page tree nodes hold their page count).
uint64_t LargestCount(std::string_view bytes) {
  uint64_t best = 0;
  for (size_t at = bytes.find("/Count"); at != std::string_view::npos;
       at = bytes.find("/Count", at + 6)) {
    size_t i = at + 6;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r')) ++i;
    uint64_t n = 0;
    size_t digits = 0;
    while (i < bytes.size() && digits < 7 && bytes[i] >= '0' && bytes[i] <= '9') {
      n = n * 10 + static_cast<uint64_t>(bytes[i++] - '0');
      ++digits;
    }
    best = std::max(best, n);
  }
  return best;
}

}  // namespace

uint64_t EstimateWork(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return 0;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  std::string_view name(path);
  bool pdf = name.size() >= 4 && (name.substr(name.size() - 4) == ".pdf" ||
                                  name.substr(name.size() - 4) == ".PDF");
  if (!pdf) return size;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return size;
  std::string bytes(2 * kWindow, '\0');
  size_t head = std::fread(bytes.data(), 1, kWindow, f);
  size_t tail = 0;
  if (size > static_cast<uint64_t>(2 * kWindow) && std::fseek(f, -kWindow, SEEK_END) == 0) {
    tail = std::fread(bytes.data() + head, 1, kWindow, f);
  }
  std::fclose(f);
  bytes.resize(head + tail);
  return std::max(size, LargestCount(bytes) * kBytesPerPage);
}

std::vector<InputFile> LongestFirst(std::vector<InputFile> files) {
  std::vector<std::pair<uint64_t, size_t>> order;
  order.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) order.emplace_back(EstimateWork(files[i].path), i);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<InputFile> out;
  out.reserve(files.size());
  for (const auto& [work, i] : order) out.push_back(std::move(files[i]));
  return out;
}

}  // namespace agendum
