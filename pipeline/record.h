// Record: one row of the `agendum/1` contract (../shared/SCHEMA.md).
//
// Every output (records.jsonl, the index, registers) is a view of these. C++
// field names match the JSON keys. Each SCHEMA enum is listed once below with
// its to-string and from-string functions. Records hold spans into
// Document::text, plus the text itself once extraction has settled it.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agendum {

inline constexpr std::string_view kSchemaVersion = "agendum/1";

// X-macro lists: (enumerator, "json value").
#define AGENDUM_KINDS(X) \
  X(kDocument, "document") X(kItem, "item") X(kDecision, "decision") \
  X(kResolution, "resolution") X(kRecommendation, "recommendation") \
  X(kOption, "option") X(kAction, "action")

#define AGENDUM_DOC_TYPES(X) \
  X(kDecisionNotice, "decision_notice") X(kMinutes, "minutes") X(kAgenda, "agenda") \
  X(kAgendaPack, "agenda_pack") X(kReport, "report") X(kAuditReport, "audit_report") \
  X(kPeerReview, "peer_review") X(kForwardPlan, "forward_plan") X(kOther, "other")

#define AGENDUM_OUTCOME_CLASSES(X) \
  X(kApproved, "approved") X(kApprovedWithAmendments, "approved_with_amendments") \
  X(kNoted, "noted") X(kDeferred, "deferred") X(kRejected, "rejected") \
  X(kReferred, "referred") X(kWithdrawn, "withdrawn") X(kRecommended, "recommended") \
  X(kOther, "other")

#define AGENDUM_EFFECTS(X) \
  X(kApprove, "approve") X(kNote, "note") X(kRecommend, "recommend") \
  X(kDelegate, "delegate") X(kRequest, "request") X(kDefer, "defer") \
  X(kReject, "reject") X(kRefer, "refer") X(kOther, "other")

#define AGENDUM_DISPOSITIONS(X) \
  X(kChosen, "chosen") X(kRejected, "rejected") X(kConsidered, "considered")

#define AGENDUM_TOPICS(X) \
  X(kHousing, "housing") X(kPlanningAndBuilding, "planning_and_building") \
  X(kTransportAndStreets, "transport_and_streets") X(kEnvironment, "environment") \
  X(kWaste, "waste") X(kAdultSocialCare, "adult_social_care") \
  X(kChildrenAndEducation, "children_and_education") \
  X(kHealthAndWellbeing, "health_and_wellbeing") X(kCommunitySafety, "community_safety") \
  X(kCultureAndLeisure, "culture_and_leisure") \
  X(kEconomyAndRegeneration, "economy_and_regeneration") \
  X(kFinanceAndBudget, "finance_and_budget") X(kCouncilAndDemocracy, "council_and_democracy") \
  X(kWorkforce, "workforce") X(kIctAndDigital, "ict_and_digital") \
  X(kPropertyAndAssets, "property_and_assets") \
  X(kLicensingAndRegulation, "licensing_and_regulation") \
  X(kBenefitsAndWelfare, "benefits_and_welfare")

#define AGENDUM_ENUMERATOR(name, str) name,
enum class Kind { AGENDUM_KINDS(AGENDUM_ENUMERATOR) };
enum class DocType { AGENDUM_DOC_TYPES(AGENDUM_ENUMERATOR) };
enum class OutcomeClass { AGENDUM_OUTCOME_CLASSES(AGENDUM_ENUMERATOR) };
enum class Effect { AGENDUM_EFFECTS(AGENDUM_ENUMERATOR) };
enum class Disposition { AGENDUM_DISPOSITIONS(AGENDUM_ENUMERATOR) };
enum class Topic { AGENDUM_TOPICS(AGENDUM_ENUMERATOR) };
#undef AGENDUM_ENUMERATOR

std::string_view ToString(Kind v);
std::string_view ToString(DocType v);
std::string_view ToString(OutcomeClass v);
std::string_view ToString(Effect v);
std::string_view ToString(Disposition v);
std::string_view ToString(Topic v);

// From the JSON value; nullopt when the text is not one of the values.
std::optional<Kind> KindFromString(std::string_view s);
std::optional<DocType> DocTypeFromString(std::string_view s);
std::optional<OutcomeClass> OutcomeClassFromString(std::string_view s);
std::optional<Effect> EffectFromString(std::string_view s);
std::optional<Disposition> DispositionFromString(std::string_view s);
std::optional<Topic> TopicFromString(std::string_view s);

// Every value of an enum, in declaration order.
const std::vector<Topic>& AllTopics();
const std::vector<DocType>& AllDocTypes();

// A character range [begin, end) into Document::text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// One record of any kind. Fields that do not apply to a kind stay empty and
// are not written. `why` holds the evidence for each classified field:
// field name -> the cue that decided it ("Outcome: Recommendations Approved").
struct Record {
  Kind kind = Kind::kResolution;
  std::string id;
  std::string doc_id;
  // Index into Document::records of the parent; -1 for none. The parent's id
  // is filled into parent_id when ids are assigned.
  int parent = -1;
  std::optional<std::string> parent_id;
  std::string text;
  std::optional<std::string> label;
  std::optional<int> page;
  Span span;

  // item / decision
  std::optional<std::string> title;
  std::optional<std::string> number;
  std::optional<int> page_start;
  std::optional<int> page_end;
  // decision
  std::optional<std::string> decision_maker;
  std::optional<std::string> date;
  std::optional<std::string> outcome;
  std::optional<OutcomeClass> outcome_class;
  std::optional<bool> key_decision;
  std::optional<bool> callable_in;
  std::optional<std::string> portfolio_holder;
  std::optional<std::string> reasons;
  std::optional<std::string> interests;
  std::vector<Topic> topics;
  // decision, when the minutes record a vote ("For 6 Against 2 Abstain 1",
  // "Motion Carried 7-0"); fields added to agendum/1, not renamed ones.
  std::optional<int> votes_for;
  std::optional<int> votes_against;
  std::optional<int> votes_abstain;
  std::optional<std::string> motion;  // "carried", "lost" as printed, lower case
  // resolution
  std::optional<Effect> effect;
  // recommendation / action
  std::optional<std::string> status;
  std::optional<std::string> source;
  // option
  std::optional<Disposition> disposition;
  // action
  std::vector<std::string> owners;
  std::optional<std::string> due;

  std::map<std::string, std::string> why;

  // Stable one-line description for tests and failure output.
  std::string DebugString() const;
};

}  // namespace agendum
