// Schedule: the order a batch is processed in, when the output does not
// depend on it.
//
// Documents are processed in parallel one per worker, so a long agenda pack
// taken last keeps one worker busy while the others wait: with a 300-page
// pack at the end of a 700-page batch, two workers ran only 1.6 times as
// fast as one (issue 7). Taking the longest documents first lets the short
// ones fill in around them. Thread-compatible free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/runner.h"

namespace agendum {

// A rough measure of the work in a file, in bytes of a typical page: the
// file size, or for a PDF whose page count shows in its first or last 16 KB
// (an uncompressed /Count in the page tree), that many 30 KB pages when it
// is more. Reads at most 32 KB; 0 for a file that cannot be read.
uint64_t EstimateWork(const std::string& path);

// `files` with the most work first; equal estimates keep their order.
std::vector<InputFile> LongestFirst(std::vector<InputFile> files);

}  // namespace agendum
