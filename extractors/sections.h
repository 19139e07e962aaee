// Sections: labelled fields and headed sections of a document, found once.
//
// A section starts at a block whose text (after any list label) begins with
// one of the `sections.*` labels ("Decision Maker:", "Reason(s) for
// decision:", "Other options:") and runs to the next section label. Used by
// the decision, resolution, option and recommendation extractors.
#pragma once

#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"

namespace agendum {

struct Section {
  std::string name;       // canonical name: "decision_maker", "options", ...
  int label_block = -1;   // the block holding the label
  Span inline_text;       // text after the label on the label block (may be empty)
  int end_block = -1;     // one past the last block of the section
  // Blocks after the label block that belong to the section.
  int first_block() const { return label_block + 1; }
};

std::vector<Section> FindSections(const Document& doc, const PatternTable& patterns);

// One past the last block of the section's body: the next section label, or
// a block numbered at the label's own level ("5. Financial Implications"
// after "4. Options considered"), whichever comes first.
int SectionBodyEnd(const Document& doc, const Section& s);

// The section's whole text (inline text plus following blocks), one space
// between blocks, trimmed; capped at `max_bytes`.
std::string SectionText(const Document& doc, const Section& s, size_t max_bytes = 4000);

// Span of `text` with leading and trailing spaces and label punctuation removed.
Span TrimSpan(const Document& doc, Span s);

}  // namespace agendum
