#include "pipeline/status.h"

namespace agendum {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kEncrypted: return "encrypted";
    case StatusCode::kEmpty: return "empty";
    case StatusCode::kTooLarge: return "too large";
    case StatusCode::kSetup: return "setup error";
    case StatusCode::kCrashed: return "crashed";
    case StatusCode::kTimedOut: return "timed out";
    case StatusCode::kOutOfMemory: return "out of memory";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace agendum
