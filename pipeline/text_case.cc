#include "pipeline/text_case.h"

#include <algorithm>
#include <cctype>

namespace agendum {

std::string TitleCaseIfShouting(std::string_view s) {
  bool has_lower = std::any_of(s.begin(), s.end(),
                               [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  if (has_lower) return std::string(s);
  std::string out;
  bool start = true;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(static_cast<char>(start ? std::toupper(u) : std::tolower(u)));
    start = !std::isalpha(u);
  }
  return out;
}

}  // namespace agendum
