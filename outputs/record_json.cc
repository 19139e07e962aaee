#include "outputs/record_json.h"

#include <nlohmann/json.hpp>

namespace agendum {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
void Put(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v; else j[key] = nullptr;
}

template <typename T>
void PutIf(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string DocumentJson(const Document& doc) {
  Json j;
  j["schema"] = kSchemaVersion;
  j["id"] = doc.id;
  j["kind"] = "document";
  j["parent_id"] = nullptr;
  j["text"] = doc.title;
  j["label"] = nullptr;
  j["page"] = doc.format == Format::kPdf ? Json(1) : Json(nullptr);
  j["span"] = {0, doc.CharOffset(doc.text.size())};
  j["path"] = doc.path;
  j["sha256"] = doc.sha256;
  j["format"] = ToString(doc.format);
  j["pages"] = doc.format == Format::kPdf ? Json(doc.page_count) : Json(nullptr);
  j["title"] = doc.title;
  j["doc_type"] = ToString(doc.doc_type);
  Put(j, "body", doc.body);
  Put(j, "meeting_date", doc.meeting_date);
  j["warnings"] = doc.warnings;
  if (!doc.why.empty()) j["why"] = doc.why;
  return Dump(j);
}

std::string RecordJson(const Document& doc, const Record& r) {
  Json j;
  j["schema"] = kSchemaVersion;
  j["id"] = r.id;
  j["kind"] = ToString(r.kind);
  j["doc_id"] = doc.id;
  Put(j, "parent_id", r.parent_id);
  j["text"] = r.text;
  Put(j, "label", r.label);
  Put(j, "page", r.page);
  // SCHEMA.md: character offsets into the normalised text.
  j["span"] = {doc.CharOffset(r.span.begin), doc.CharOffset(r.span.end)};
  switch (r.kind) {
    case Kind::kItem:
      Put(j, "title", r.title);
      Put(j, "number", r.number);
      Put(j, "page_start", r.page_start);
      Put(j, "page_end", r.page_end);
      break;
    case Kind::kDecision: {
      Put(j, "title", r.title);
      Put(j, "decision_maker", r.decision_maker);
      Put(j, "date", r.date);
      Put(j, "outcome", r.outcome);
      if (r.outcome_class) j["outcome_class"] = ToString(*r.outcome_class);
      else j["outcome_class"] = nullptr;
      Put(j, "key_decision", r.key_decision);
      Put(j, "callable_in", r.callable_in);
      Put(j, "portfolio_holder", r.portfolio_holder);
      Put(j, "reasons", r.reasons);
      Put(j, "interests", r.interests);
      PutIf(j, "votes_for", r.votes_for);
      PutIf(j, "votes_against", r.votes_against);
      PutIf(j, "votes_abstain", r.votes_abstain);
      PutIf(j, "motion", r.motion);
      break;
    }
    case Kind::kResolution:
      if (r.effect) j["effect"] = ToString(*r.effect); else j["effect"] = nullptr;
      Put(j, "decision_maker", r.decision_maker);
      break;
    case Kind::kRecommendation:
      Put(j, "status", r.status);
      Put(j, "source", r.source);
      break;
    case Kind::kOption:
      if (r.disposition) j["disposition"] = ToString(*r.disposition);
      else j["disposition"] = nullptr;
      Put(j, "reasons", r.reasons);
      break;
    case Kind::kAction:
      j["owners"] = r.owners;
      Put(j, "due", r.due);
      Put(j, "status", r.status);
      break;
    case Kind::kDocument:
      break;
  }
  if (r.kind == Kind::kDecision || r.kind == Kind::kResolution ||
      r.kind == Kind::kRecommendation) {
    Json topics = Json::array();
    for (Topic t : r.topics) topics.push_back(ToString(t));
    j["topics"] = topics;
  }
  if (!r.why.empty()) j["why"] = r.why;
  return Dump(j);
}

std::string DocumentJsonLines(const Document& doc) {
  std::string out = DocumentJson(doc);
  out.push_back('\n');
  for (const Record& r : doc.records) {
    out += RecordJson(doc, r);
    out.push_back('\n');
  }
  return out;
}

}  // namespace agendum
