#include "outputs/record_facets.h"

namespace agendum {
namespace {

std::string ItemName(const Record& r) {
  std::string title = r.title ? *r.title : r.text;
  if (r.number && !r.number->empty()) return *r.number + " " + title;
  return title;
}

}  // namespace

int NearestOfKind(const Document& doc, int index, Kind kind) {
  for (size_t steps = 0; index >= 0 && index < static_cast<int>(doc.records.size()) &&
                         steps <= doc.records.size();
       ++steps) {
    if (doc.records[index].kind == kind) return index;
    index = doc.records[index].parent;
  }
  return -1;
}

Facets FacetsOf(const Document& doc, int index) {
  const Record& r = doc.records[index];
  Facets f;
  f.decision = NearestOfKind(doc, index, Kind::kDecision);
  const Record* decision = f.decision >= 0 ? &doc.records[f.decision] : nullptr;
  int item = NearestOfKind(doc, index, Kind::kItem);
  if (item >= 0) {
    f.item = ItemName(doc.records[item]);
  } else if (decision && decision->title) {
    f.item = *decision->title;
  }
  f.date = decision && decision->date ? decision->date : doc.meeting_date;
  if (r.decision_maker) {
    f.decision_maker = r.decision_maker;
  } else if (decision && decision->decision_maker) {
    f.decision_maker = decision->decision_maker;
  } else {
    f.decision_maker = doc.body;
  }
  if (decision) {
    f.key_decision = decision->key_decision;
    f.outcome_class = decision->outcome_class;
  }
  f.topics = !r.topics.empty() || !decision ? r.topics : decision->topics;
  return f;
}

}  // namespace agendum
