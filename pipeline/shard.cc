#include "pipeline/shard.h"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "pipeline/ingest.h"

namespace agendum {
namespace {

// The SHA-256 of a file's bytes, read in one go; "" when it cannot be read.
std::string FileSha(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "";
  std::string bytes;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return "";
  return Sha256Hex(bytes);
}

}  // namespace

StatusOr<ShardSpec> ParseShard(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("--shard '" + std::string(text) +
                                   "': write K/N with 0 <= K < N, e.g. 0/4 for the first of four");
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad();
  ShardSpec spec;
  auto parse = [](std::string_view s, int* out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  if (!parse(text.substr(0, slash), &spec.index) || !parse(text.substr(slash + 1), &spec.count)) {
    return bad();
  }
  if (spec.count < 1 || spec.count > 100000 || spec.index < 0 || spec.index >= spec.count) {
    return bad();
  }
  return spec;
}

int ShardOfSha(std::string_view sha256_hex, int count) {
  uint64_t value = 0;
  for (size_t i = 0; i < 16 && i < sha256_hex.size(); ++i) {
    char c = sha256_hex[i];
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    value = value << 4 | static_cast<uint64_t>(digit);
  }
  return static_cast<int>(value % static_cast<uint64_t>(count));
}

std::vector<InputFile> SelectShard(const std::vector<InputFile>& files, ShardSpec shard) {
  if (shard.count <= 1) return files;
  std::vector<std::string> shas;
  shas.reserve(files.size());
  for (const InputFile& f : files) shas.push_back(FileSha(f.path));
  return SelectShard(files, shas, shard);
}

std::vector<InputFile> SelectShard(const std::vector<InputFile>& files,
                                   const std::vector<std::string>& sha256s, ShardSpec shard) {
  std::vector<InputFile> out;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string sha = i < sha256s.size() ? sha256s[i] : "";
    if (sha.empty()) sha = Sha256Hex(files[i].path);
    if (shard.count <= 1 || ShardOfSha(sha, shard.count) == shard.index) out.push_back(files[i]);
  }
  return out;
}

}  // namespace agendum
