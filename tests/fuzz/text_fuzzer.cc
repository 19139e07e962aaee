// libFuzzer target: bytes as a text file (.txt/.md) through the text reader
// (encoding detection), normalise, segment, every extractor and classifier.
// Built and run by scripts/fuzz.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  agendum::fuzzing::RunOne(agendum::Format::kText,
                           std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
