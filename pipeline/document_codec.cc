#include "pipeline/document_codec.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <type_traits>
#include <vector>

namespace agendum {
namespace {

// One field list per type, written once as a template over the direction
// (Encoder takes const fields, Decoder fills them), so the two ends cannot
// drift apart. Each returns false when decoding runs out of bytes.

class Encoder {
 public:
  template <typename T>
  bool operator()(const T& v) {
    if constexpr (std::is_enum_v<T>) {
      return Int(static_cast<int64_t>(v));
    } else if constexpr (std::is_same_v<T, bool>) {
      return Int(v ? 1 : 0);
    } else if constexpr (std::is_integral_v<T>) {
      return Int(static_cast<int64_t>(v));
    } else if constexpr (std::is_same_v<T, double>) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
      return true;
    } else {
      return Visit(*this, v);
    }
  }
  bool operator()(const std::string& s) {
    Int(static_cast<int64_t>(s.size()));
    out_.append(s);
    return true;
  }
  template <typename T>
  bool operator()(const std::optional<T>& v) {
    Int(v.has_value());
    return !v || (*this)(*v);
  }
  template <typename T>
  bool operator()(const std::vector<T>& v) {
    Int(static_cast<int64_t>(v.size()));
    for (const auto& e : v) {
      if constexpr (std::is_same_v<T, bool>) {
        (*this)(static_cast<bool>(e));
      } else {
        (*this)(e);
      }
    }
    return true;
  }
  template <typename K, typename V>
  bool operator()(const std::map<K, V>& m) {
    Int(static_cast<int64_t>(m.size()));
    for (const auto& [k, v] : m) (*this)(k) && (*this)(v);
    return true;
  }

  std::string Take() { return std::move(out_); }

 private:
  bool Int(int64_t v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    return true;
  }
  std::string out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  template <typename T>
  bool operator()(T& v) {
    if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) {
      int64_t raw;
      if (!Int(&raw)) return false;
      v = static_cast<T>(raw);
      return true;
    } else if constexpr (std::is_same_v<T, double>) {
      if (in_.size() < sizeof v) return false;
      std::memcpy(&v, in_.data(), sizeof v);
      in_.remove_prefix(sizeof v);
      return true;
    } else {
      return Visit(*this, v);
    }
  }
  bool operator()(std::string& s) {
    int64_t size;
    if (!Int(&size) || size < 0 || static_cast<uint64_t>(size) > in_.size()) return false;
    s.assign(in_.substr(0, static_cast<size_t>(size)));
    in_.remove_prefix(static_cast<size_t>(size));
    return true;
  }
  template <typename T>
  bool operator()(std::optional<T>& v) {
    int64_t present;
    if (!Int(&present)) return false;
    if (!present) {
      v.reset();
      return true;
    }
    v.emplace();
    return (*this)(*v);
  }
  template <typename T>
  bool operator()(std::vector<T>& v) {
    int64_t count;
    // Every element takes at least one byte, so a count beyond what is left
    // is a cut or corrupt message, not a reason to allocate.
    if (!Int(&count) || count < 0 || static_cast<uint64_t>(count) > in_.size()) return false;
    v.clear();
    v.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
      T e{};
      if (!(*this)(e)) return false;
      v.push_back(std::move(e));
    }
    return true;
  }
  template <typename K, typename V>
  bool operator()(std::map<K, V>& m) {
    int64_t count;
    if (!Int(&count) || count < 0 || static_cast<uint64_t>(count) > in_.size()) return false;
    m.clear();
    for (int64_t i = 0; i < count; ++i) {
      K k{};
      V v{};
      if (!(*this)(k) || !(*this)(v)) return false;
      m.emplace(std::move(k), std::move(v));
    }
    return true;
  }

  bool done() const { return in_.empty(); }

 private:
  bool Int(int64_t* v) {
    if (in_.size() < sizeof *v) return false;
    std::memcpy(v, in_.data(), sizeof *v);
    in_.remove_prefix(sizeof *v);
    return true;
  }
  std::string_view in_;
};

// std::vector<bool> hands out proxies; decode it through plain bools.
bool DecodeBools(Decoder& io, std::vector<bool>& v) {
  std::vector<char> bytes;
  if (!io(bytes)) return false;
  v.assign(bytes.begin(), bytes.end());
  return true;
}
bool DecodeBools(Encoder& io, const std::vector<bool>& v) { return io(v); }

template <typename IO, typename S>
bool Visit(IO& io, S& s) {
  using T = std::remove_const_t<S>;
  if constexpr (std::is_same_v<T, Span>) {
    return io(s.begin) && io(s.end);
  } else if constexpr (std::is_same_v<T, Page>) {
    return io(s.number) && io(s.span) && io(s.has_text);
  } else if constexpr (std::is_same_v<T, Block>) {
    return io(s.type) && io(s.span) && io(s.body) && io(s.page) && io(s.label) &&
           io(s.label_printed) && io(s.style) && io(s.depth) && io(s.parent);
  } else if constexpr (std::is_same_v<T, Record>) {
    return io(s.kind) && io(s.id) && io(s.doc_id) && io(s.parent) && io(s.parent_id) &&
           io(s.text) && io(s.label) && io(s.page) && io(s.span) && io(s.title) &&
           io(s.number) && io(s.page_start) && io(s.page_end) && io(s.decision_maker) &&
           io(s.date) && io(s.outcome) && io(s.outcome_class) && io(s.key_decision) &&
           io(s.callable_in) && io(s.portfolio_holder) && io(s.reasons) && io(s.interests) &&
           io(s.topics) && io(s.effect) && io(s.status) && io(s.source) && io(s.disposition) &&
           io(s.owners) && io(s.due) && io(s.why);
  } else if constexpr (std::is_same_v<T, Document>) {
    return io(s.path) && io(s.sha256) && io(s.id) && io(s.format) && io(s.page_count) &&
           DecodeBools(io, s.page_has_text) && io(s.text) && io(s.pages) && io(s.blocks) &&
           io(s.title) && io(s.doc_type) && io(s.body) && io(s.meeting_date) &&
           io(s.warnings) && io(s.why) && io(s.records) && io(s.char_checkpoints);
  } else if constexpr (std::is_same_v<T, FileResult>) {
    return io(s.path) && io(s.milliseconds) && io(s.timings);
  } else {
    static_assert(!sizeof(T), "no field list for this type");
    return false;
  }
}

}  // namespace

std::string EncodeResult(const Document& doc, const FileResult& result) {
  Encoder io;
  io(doc);
  io(result);
  io(result.status.code());
  io(result.status.message());
  return io.Take();
}

Status DecodeResult(std::string_view bytes, Document* doc, FileResult* result) {
  Decoder io(bytes);
  *doc = Document();
  *result = FileResult();
  StatusCode code;
  std::string message;
  if (!io(*doc) || !io(*result) || !io(code) || !io(message) || !io.done()) {
    return Status::Corrupt("worker sent a malformed result (" + std::to_string(bytes.size()) +
                           " bytes)");
  }
  result->status = code == StatusCode::kOk ? Status::Ok() : Status(code, std::move(message));
  return Status::Ok();
}

}  // namespace agendum
