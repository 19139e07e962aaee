#include "pipeline/record.h"

#include <sstream>

namespace agendum {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "?";
}

#define AGENDUM_ROW(Type) std::pair<Type, std::string_view>
#define AGENDUM_KIND_ROW(name, str) AGENDUM_ROW(Kind){Kind::name, str},
#define AGENDUM_DOC_TYPE_ROW(name, str) AGENDUM_ROW(DocType){DocType::name, str},
#define AGENDUM_OUTCOME_ROW(name, str) AGENDUM_ROW(OutcomeClass){OutcomeClass::name, str},
#define AGENDUM_EFFECT_ROW(name, str) AGENDUM_ROW(Effect){Effect::name, str},
#define AGENDUM_DISPOSITION_ROW(name, str) AGENDUM_ROW(Disposition){Disposition::name, str},
#define AGENDUM_TOPIC_ROW(name, str) AGENDUM_ROW(Topic){Topic::name, str},

constexpr std::array kKindNames{AGENDUM_KINDS(AGENDUM_KIND_ROW)};
constexpr std::array kDocTypeNames{AGENDUM_DOC_TYPES(AGENDUM_DOC_TYPE_ROW)};
constexpr std::array kOutcomeNames{AGENDUM_OUTCOME_CLASSES(AGENDUM_OUTCOME_ROW)};
constexpr std::array kEffectNames{AGENDUM_EFFECTS(AGENDUM_EFFECT_ROW)};
constexpr std::array kDispositionNames{AGENDUM_DISPOSITIONS(AGENDUM_DISPOSITION_ROW)};
constexpr std::array kTopicNames{AGENDUM_TOPICS(AGENDUM_TOPIC_ROW)};

}  // namespace

std::string_view ToString(Kind v) { return Name(kKindNames, v); }
std::string_view ToString(DocType v) { return Name(kDocTypeNames, v); }
std::string_view ToString(OutcomeClass v) { return Name(kOutcomeNames, v); }
std::string_view ToString(Effect v) { return Name(kEffectNames, v); }
std::string_view ToString(Disposition v) { return Name(kDispositionNames, v); }
std::string_view ToString(Topic v) { return Name(kTopicNames, v); }

std::optional<Kind> KindFromString(std::string_view s) { return Lookup(kKindNames, s); }
std::optional<DocType> DocTypeFromString(std::string_view s) { return Lookup(kDocTypeNames, s); }
std::optional<OutcomeClass> OutcomeClassFromString(std::string_view s) {
  return Lookup(kOutcomeNames, s);
}
std::optional<Effect> EffectFromString(std::string_view s) { return Lookup(kEffectNames, s); }
std::optional<Disposition> DispositionFromString(std::string_view s) {
  return Lookup(kDispositionNames, s);
}
std::optional<Topic> TopicFromString(std::string_view s) { return Lookup(kTopicNames, s); }

const std::vector<Topic>& AllTopics() {
  static const std::vector<Topic> all = [] {
    std::vector<Topic> v;
    for (const auto& row : kTopicNames) v.push_back(row.first);
    return v;
  }();
  return all;
}

const std::vector<DocType>& AllDocTypes() {
  static const std::vector<DocType> all = [] {
    std::vector<DocType> v;
    for (const auto& row : kDocTypeNames) v.push_back(row.first);
    return v;
  }();
  return all;
}

std::string Record::DebugString() const {
  std::ostringstream out;
  out << ToString(kind);
  if (label) out << " [" << *label << "]";
  if (title) out << " title=\"" << *title << "\"";
  if (effect) out << " effect=" << ToString(*effect);
  if (outcome_class) out << " outcome_class=" << ToString(*outcome_class);
  if (disposition) out << " disposition=" << ToString(*disposition);
  if (decision_maker) out << " decision_maker=\"" << *decision_maker << "\"";
  if (date) out << " date=" << *date;
  if (key_decision) out << " key_decision=" << (*key_decision ? "true" : "false");
  if (callable_in) out << " callable_in=" << (*callable_in ? "true" : "false");
  if (status) out << " status=" << *status;
  if (due) out << " due=" << *due;
  if (!owners.empty()) {
    out << " owners=";
    for (size_t i = 0; i < owners.size(); ++i) out << (i ? "|" : "") << owners[i];
  }
  if (!topics.empty()) {
    out << " topics=";
    for (size_t i = 0; i < topics.size(); ++i) out << (i ? "|" : "") << ToString(topics[i]);
  }
  if (parent >= 0) out << " parent=" << parent;
  out << " text=\"" << text << "\"";
  return out.str();
}

}  // namespace agendum
