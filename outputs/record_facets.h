// RecordFacets: what each record inherits for search, for every index backend.
//
// A resolution takes its decision's date, decision maker, key decision,
// outcome and topics; anything without a decision takes the document's
// meeting date and body; the item is the nearest item's number and title.
// The SQLite index (sqlite_index_writer.cc) and the PostgreSQL register
// (postgres_sink.cc) store exactly these, so a query means the same on both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/document.h"

namespace agendum {

struct Facets {
  int decision = -1;  // index into doc.records of the nearest decision, itself included
  std::optional<std::string> item;
  std::optional<std::string> date;
  std::optional<std::string> decision_maker;
  std::optional<bool> key_decision;
  std::optional<OutcomeClass> outcome_class;
  std::vector<Topic> topics;
};

// The facets of doc.records[index]. REQUIRES: index is a valid record index.
Facets FacetsOf(const Document& doc, int index);

// The index of the nearest record of `kind` walking parents up from `index`
// (itself included); -1 when there is none. A bad parent index or a cycle
// stops the walk.
int NearestOfKind(const Document& doc, int index, Kind kind);

}  // namespace agendum
