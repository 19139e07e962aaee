// Small text helpers shared by stages that read headers and titles.
#pragma once

#include <string>
#include <string_view>

namespace agendum {

// "STOKE FERRY PARISH COUNCIL" -> "Stoke Ferry Parish Council"; text with
// any lower-case letter is returned unchanged.
std::string TitleCaseIfShouting(std::string_view s);

}  // namespace agendum
