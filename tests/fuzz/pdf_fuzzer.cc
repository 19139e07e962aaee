// libFuzzer target: bytes as a PDF through Poppler (IngestPdf) and every
// later stage. Poppler itself is not instrumented, so coverage guidance comes
// from our code; a crash inside Poppler is what process isolation in the
// runner is for (pipeline/worker_pool.h). Built and run by scripts/fuzz.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  agendum::fuzzing::RunOne(agendum::Format::kPdf,
                           std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
