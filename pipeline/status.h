// Status and StatusOr<T>: how every stage reports an expected failure.
//
// Expected per-document failures (encrypted, empty, not a PDF) and setup
// errors (a pattern that will not compile) travel as values; exceptions never
// cross a stage boundary. Success costs one enum compare.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace agendum {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad option or usage
  kNotFound,         // a file or data table is missing
  kIoError,          // read or write failed
  kCorrupt,          // input that cannot be parsed (broken PDF, binary text)
  kEncrypted,        // a PDF that needs a password
  kEmpty,            // no bytes or no text at all
  kTooLarge,         // over a configured limit
  kSetup,            // a data file or pattern that is wrong
  kCrashed,          // the worker processing the file died (a signal in Poppler)
  kTimedOut,         // the worker ran past --file-timeout and was killed
  kOutOfMemory,      // the worker ran past --file-memory
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Encrypted(std::string m) { return {StatusCode::kEncrypted, std::move(m)}; }
  static Status Empty(std::string m) { return {StatusCode::kEmpty, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status Setup(std::string m) { return {StatusCode::kSetup, std::move(m)}; }
  static Status Crashed(std::string m) { return {StatusCode::kCrashed, std::move(m)}; }
  static Status TimedOut(std::string m) { return {StatusCode::kTimedOut, std::move(m)}; }
  static Status OutOfMemory(std::string m) { return {StatusCode::kOutOfMemory, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: no PDF header" or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status; never an OK status without a value.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT
  StatusOr(T value) : value_(std::move(value)) {}                                  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok().
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace agendum

#define AGENDUM_STATUS_CONCAT_INNER(a, b) a##b
#define AGENDUM_STATUS_CONCAT(a, b) AGENDUM_STATUS_CONCAT_INNER(a, b)

#define AGENDUM_RETURN_IF_ERROR(expr)        \
  do {                                       \
    ::agendum::Status agendum_status_ = (expr); \
    if (!agendum_status_.ok()) return agendum_status_; \
  } while (0)

#define AGENDUM_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#define AGENDUM_ASSIGN_OR_RETURN(lhs, expr) \
  AGENDUM_ASSIGN_OR_RETURN_IMPL(AGENDUM_STATUS_CONCAT(agendum_statusor_, __LINE__), lhs, expr)
