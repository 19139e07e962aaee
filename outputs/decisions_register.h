// DecisionsRegister: `agendum register`, one row per decision in the index.
//
// The columns a council's decisions register carries: date, decision maker,
// title, the decision (its resolutions, one per line), reasons, alternative
// options considered and rejected, interests declared, key decision,
// call-in, portfolio holder, and the source document with its page. Date and
// decision maker fall back to the document's meeting date and body when the
// decision does not state them. Rows run oldest first; undated last.
#pragma once

#include <optional>
#include <string>

#include "outputs/table_writer.h"
#include "pipeline/status.h"

namespace agendum {

struct RegisterOptions {
  std::optional<std::string> from;  // ISO date, inclusive
  std::optional<std::string> to;    // ISO date, inclusive
};

// Reads the index at `db_path` (read-only). kNotFound when there is none.
StatusOr<Table> BuildDecisionsRegister(const std::string& db_path, const RegisterOptions& options);

}  // namespace agendum
