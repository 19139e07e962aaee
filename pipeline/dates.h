// Dates as councils print them -> ISO 8601 (YYYY-MM-DD).
//
// British conventions: "3rd March, 2025", "Monday 3 March 2025", "03/03/2025"
// (day first); also "March 3, 2025". Patterns are the `dates.*` rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/pattern_table.h"

namespace agendum {

struct FoundDate {
  std::string iso;
  size_t begin = 0;  // offsets in the searched text
  size_t end = 0;
};

// The first valid date in `text`, or nullopt.
std::optional<FoundDate> FindDate(const PatternTable& patterns, std::string_view text);

}  // namespace agendum
