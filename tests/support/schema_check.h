// Checks one parsed records.jsonl line against ../shared/SCHEMA.md
// (`agendum/1`): the fields every record has, the fields of its kind, their
// JSON types and enum values. Shared by the outputs and CLI tests; header-only,
// so only binaries that link nlohmann_json (through agendum_outputs) use it.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace agendum::schema {

using Json = nlohmann::ordered_json;

// The fields every record starts with, in this order (SCHEMA.md "Every
// record"); a document record has no doc_id.
inline const std::vector<std::string> kCommonKeys = {
    "schema", "id", "kind", "doc_id", "parent_id", "text", "label", "page", "span"};

inline const std::vector<std::string> kKinds = {
    "document", "item", "decision", "resolution", "recommendation", "option", "action"};
inline const std::vector<std::string> kDocTypes = {
    "decision_notice", "minutes",     "agenda",       "agenda_pack", "report",
    "audit_report",    "peer_review", "forward_plan", "other"};
// clang-format off
inline const std::vector<std::string> kOutcomeClasses = {
    "approved", "approved_with_amendments", "noted", "deferred", "rejected", "referred",
    "withdrawn", "recommended", "other"};
inline const std::vector<std::string> kEffects = {
    "approve", "note", "recommend", "delegate", "request", "defer", "reject", "refer", "other"};
inline const std::vector<std::string> kDispositions = {"chosen", "rejected", "considered"};
inline const std::vector<std::string> kTopics = {
    "housing", "planning_and_building", "transport_and_streets", "environment", "waste",
    "adult_social_care", "children_and_education", "health_and_wellbeing", "community_safety",
    "culture_and_leisure", "economy_and_regeneration", "finance_and_budget",
    "council_and_democracy", "workforce", "ict_and_digital", "property_and_assets",
    "licensing_and_regulation", "benefits_and_welfare"};
// clang-format on

inline bool IsOneOf(const Json& v, const std::vector<std::string>& values) {
  return v.is_string() &&
         std::find(values.begin(), values.end(), v.get<std::string>()) != values.end();
}

inline bool IsIsoDate(const Json& v) {
  static const std::regex kIso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return v.is_string() && std::regex_match(v.get<std::string>(), kIso);
}

// Expects `key` in `j`, satisfying `ok`; `what` describes the type for the message.
template <typename Pred>
void ExpectField(const Json& j, const std::string& key, Pred ok, const char* what) {
  ASSERT_TRUE(j.contains(key)) << "missing \"" << key << "\" in " << j.dump();
  EXPECT_TRUE(ok(j[key])) << "\"" << key << "\" should be " << what << ", is " << j[key].dump();
}

// Like ExpectField, for a field SCHEMA.md gives "when stated".
template <typename Pred>
void ExpectOptionalField(const Json& j, const std::string& key, Pred ok, const char* what) {
  if (j.contains(key)) {
    EXPECT_TRUE(ok(j[key])) << "\"" << key << "\" should be " << what << ", is " << j[key].dump();
  }
}

inline auto StringOrNull() {
  return [](const Json& v) { return v.is_string() || v.is_null(); };
}
inline auto IntOrNull() {
  return [](const Json& v) { return v.is_number_integer() || v.is_null(); };
}
inline auto BoolOrNull() {
  return [](const Json& v) { return v.is_boolean() || v.is_null(); };
}
inline auto EnumOrNull(const std::vector<std::string>& values) {
  return [values](const Json& v) { return v.is_null() || IsOneOf(v, values); };
}
inline auto DateOrNull() {
  return [](const Json& v) { return v.is_null() || IsIsoDate(v); };
}
inline auto StringList() {
  return [](const Json& v) {
    return v.is_array() &&
           std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_string(); });
  };
}

// Checks one record against the schema. Non-fatal failures; returns early
// only when the record is not even an object.
inline void ExpectRecordMatchesSchema(const Json& j) {
  ASSERT_TRUE(j.is_object()) << j.dump();
  SCOPED_TRACE(j.value("kind", std::string("?")) + " " + j.value("id", std::string("?")));
  EXPECT_EQ(j.value("schema", std::string()), "agendum/1");
  ExpectField(
      j, "id", [](const Json& v) { return v.is_string() && !v.get<std::string>().empty(); },
      "a non-empty string");
  ExpectField(
      j, "kind", [](const Json& v) { return IsOneOf(v, kKinds); }, "a SCHEMA kind");
  const std::string kind = j.value("kind", std::string());
  if (kind == "document") {
    EXPECT_FALSE(j.contains("doc_id")) << "the document record has no doc_id";
  } else {
    ExpectField(
        j, "doc_id", [](const Json& v) { return v.is_string() && !v.get<std::string>().empty(); },
        "the document's id");
  }
  ExpectField(j, "parent_id", StringOrNull(), "a string or null");
  ExpectField(
      j, "text", [](const Json& v) { return v.is_string(); }, "a string");
  ExpectField(j, "label", StringOrNull(), "a string or null");
  ExpectField(
      j, "page",
      [](const Json& v) { return v.is_null() || (v.is_number_integer() && v.get<long>() >= 1); },
      "a 1-based page or null");
  ExpectField(
      j, "span",
      [](const Json& v) {
        return v.is_array() && v.size() == 2 && v[0].is_number_unsigned() &&
               v[1].is_number_unsigned() && v[0].get<long>() <= v[1].get<long>();
      },
      "[begin, end] with begin <= end");

  if (kind == "document") {
    ExpectField(
        j, "path", [](const Json& v) { return v.is_string(); }, "a string");
    ExpectField(
        j, "sha256",
        [](const Json& v) {
          return v.is_string() &&
                 std::regex_match(v.get<std::string>(), std::regex("[0-9a-f]{64}"));
        },
        "64 lower-case hex digits");
    ExpectField(
        j, "format",
        [](const Json& v) {
          return IsOneOf(v, {"pdf", "txt", "html"});
        },
        "pdf, txt or html");
    ExpectField(j, "pages", IntOrNull(), "an integer or null");
    ExpectField(
        j, "title", [](const Json& v) { return v.is_string(); }, "a string");
    ExpectField(
        j, "doc_type", [](const Json& v) { return IsOneOf(v, kDocTypes); }, "a doc_type");
    ExpectField(j, "body", StringOrNull(), "a string or null");
    ExpectField(j, "meeting_date", DateOrNull(), "an ISO date or null");
    ExpectField(j, "warnings", StringList(), "a list of strings");
    if (j.value("format", std::string()) == "pdf") {
      EXPECT_TRUE(j["pages"].is_number_integer()) << "a PDF states its pages";
    }
  } else if (kind == "item") {
    ExpectField(j, "title", StringOrNull(), "a string or null");
    ExpectField(j, "number", StringOrNull(), "a string or null");
    ExpectField(j, "page_start", IntOrNull(), "an integer or null");
    ExpectField(j, "page_end", IntOrNull(), "an integer or null");
  } else if (kind == "decision") {
    ExpectField(j, "title", StringOrNull(), "a string or null");
    ExpectField(j, "decision_maker", StringOrNull(), "a string or null");
    ExpectField(j, "date", DateOrNull(), "an ISO date or null");
    ExpectField(j, "outcome", StringOrNull(), "a string or null");
    ExpectField(j, "outcome_class", EnumOrNull(kOutcomeClasses), "an outcome_class or null");
    ExpectField(j, "key_decision", BoolOrNull(), "true, false or null");
    ExpectField(j, "callable_in", BoolOrNull(), "true, false or null");
    ExpectField(j, "portfolio_holder", StringOrNull(), "a string or null");
    ExpectField(j, "reasons", StringOrNull(), "a string or null");
    ExpectField(j, "interests", StringOrNull(), "a string or null");
    ExpectField(
        j, "topics",
        [](const Json& v) {
          return v.is_array() && v.size() <= 3 &&
                 std::all_of(v.begin(), v.end(), [](const Json& t) { return IsOneOf(t, kTopics); });
        },
        "up to three topics");
  } else if (kind == "resolution") {
    ExpectField(j, "effect", EnumOrNull(kEffects), "an effect or null");
    ExpectOptionalField(j, "decision_maker", StringOrNull(), "a string or null");
  } else if (kind == "recommendation") {
    ExpectOptionalField(j, "status",
                        EnumOrNull({"accepted", "rejected", "implemented", "in_progress"}),
                        "accepted, rejected, implemented, in_progress or null");
    ExpectOptionalField(j, "source", StringOrNull(), "a string or null");
  } else if (kind == "option") {
    ExpectField(j, "disposition", EnumOrNull(kDispositions), "a disposition or null");
    ExpectOptionalField(j, "reasons", StringOrNull(), "a string or null");
  } else if (kind == "action") {
    ExpectField(j, "owners", StringList(), "a list of strings");
    ExpectField(j, "due", DateOrNull(), "an ISO date or null");
    ExpectField(j, "status", EnumOrNull({"open", "complete"}), "open, complete or null");
  }
  if (j.contains("topics") && kind != "decision") {
    EXPECT_TRUE(j["topics"].is_array());
    for (const Json& t : j["topics"]) EXPECT_TRUE(IsOneOf(t, kTopics)) << t.dump();
  }
}

// The keys of `j` in the order they were written.
inline std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

}  // namespace agendum::schema
