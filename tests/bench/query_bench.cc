// query_bench: latency of `agendum query` over a large index (issue 6).
//
// Adds a synthetic corpus of --records records (documents of about fifty
// records each: an item, a decision, resolutions, options and actions whose
// text is drawn from a Zipf-distributed council vocabulary) to the index at
// --db, which may already hold the real corpus, then times --queries text
// queries that each carry two facets, through the same IndexQuery the CLI
// uses. Prints the median and the 90th percentile. Run by scripts/bench_query.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "outputs/index_query.h"
#include "outputs/sqlite_index_writer.h"
#include "pipeline/ingest.h"

namespace agendum {
namespace {

// Words of committee papers, most frequent first.
const char* kVocabulary[] = {
    "the", "council", "that", "and", "report", "be", "to", "of", "approved", "committee",
    "cabinet", "noted", "members", "officers", "budget", "the", "plan", "service", "services",
    "policy", "housing", "planning", "application", "funding", "strategy", "resolved",
    "recommendation", "director", "consultation", "review", "contract", "capital", "revenue",
    "delegated", "authority", "portfolio", "holder", "programme", "scheme", "project", "road",
    "transport", "parking", "library", "libraries", "school", "schools", "children", "adult",
    "social", "care", "health", "wellbeing", "community", "safety", "waste", "recycling",
    "collection", "environment", "climate", "emergency", "carbon", "energy", "procurement",
    "tender", "award", "grant", "monitoring", "forecast", "overspend", "underspend", "reserves",
    "treasury", "management", "audit", "governance", "risk", "register", "assurance",
    "performance", "indicators", "quarter", "annual", "statement", "accounts", "pension",
    "workforce", "staff", "recruitment", "digital", "technology", "network", "property",
    "assets", "disposal", "acquisition", "lease", "land", "site", "development", "homes",
    "affordable", "tenants", "rents", "repairs", "estate", "regeneration", "economy",
    "business", "skills", "employment", "licensing", "licence", "premises", "alcohol", "taxi",
    "enforcement", "noise", "nuisance", "flood", "drainage", "highways", "footway", "bridge",
    "cycle", "bus", "rail", "station", "parks", "leisure", "sport", "culture", "museum",
    "heritage", "arts", "festival", "tourism", "visitor", "market", "town", "centre", "high",
    "street", "village", "parish", "ward", "councillor", "chair", "vice", "minutes", "meeting",
    "agenda", "item", "declarations", "interest", "apologies", "absence", "public",
    "questions", "petition", "motion", "amendment", "vote", "carried", "deferred", "rejected",
    "referred", "scrutiny", "call", "panel", "forum", "board", "partnership", "integrated",
    "commissioning", "provider", "market", "fees", "charges", "tax", "precept", "benefits",
    "welfare", "poverty", "support", "cost", "living", "hardship", "fund", "allocation",
    "equality", "impact", "assessment", "data", "protection", "privacy", "consultation",
    "engagement", "residents", "survey", "feedback", "options", "option", "preferred",
    "alternative", "considered", "reasons", "decision", "key", "notice", "forward", "exempt",
    "confidential", "appendix", "annex", "background", "papers", "legal", "implications",
    "financial", "crematorium", "cemetery", "allotments", "playground", "defibrillator",
    "streetlights", "potholes", "gritting", "verges", "hedges", "trees", "woodland", "biodiversity",
};
constexpr size_t kVocabularySize = sizeof(kVocabulary) / sizeof(kVocabulary[0]);

const char* kMakers[] = {"Cabinet", "Full Council", "Planning Committee", "Licensing Committee",
                         "Audit Committee", "Scrutiny Committee", "Leader of the Council",
                         "Cabinet Member for Housing", "Cabinet Member for Finance",
                         "Director of Place", "Parish Council", "Health and Wellbeing Board"};

struct Generator {
  std::mt19937 rng;
  std::discrete_distribution<size_t> word;
  explicit Generator(uint32_t seed) : rng(seed) {
    std::vector<double> weights;
    for (size_t i = 0; i < kVocabularySize; ++i) weights.push_back(1.0 / (i + 1.0));
    word = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string Sentence(int min_words, int max_words) {
    int n = Uniform(min_words, max_words);
    std::string s = "That";
    for (int i = 0; i < n; ++i) {
      s += " ";
      s += kVocabulary[word(rng)];
    }
    return s + ".";
  }
};

Document SyntheticDocument(Generator& g, int number, int records) {
  Document doc;
  doc.path = "synthetic/paper-" + std::to_string(number) + ".pdf";
  doc.sha256 = Sha256Hex(doc.path);
  doc.id = "doc-" + doc.sha256.substr(0, 16);
  doc.format = Format::kPdf;
  doc.page_count = 20;
  doc.title = "Minutes of the " + std::string(kMakers[number % 12]) + " " + g.Sentence(3, 8);
  doc.doc_type = AllDocTypes()[static_cast<size_t>(g.Uniform(0, 8))];
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", g.Uniform(2015, 2025), g.Uniform(1, 12),
                g.Uniform(1, 28));
  doc.meeting_date = date;
  doc.body = kMakers[number % 12];
  doc.text.assign(static_cast<size_t>(records) * 200, ' ');
  int item = -1, decision = -1;
  for (int i = 0; i < records; ++i) {
    Record r;
    size_t begin = static_cast<size_t>(i) * 200;
    r.span = Span{begin, begin + 150};
    r.page = 1 + i / 3;
    int slot = i % 10;
    if (slot == 0) {
      r.kind = Kind::kItem;
      r.text = g.Sentence(4, 10);
      r.title = r.text;
      r.number = std::to_string(i / 10 + 1);
      item = i;
    } else if (slot == 1) {
      r.kind = Kind::kDecision;
      r.text = doc.records[item].text;
      r.title = r.text;
      r.parent = item;
      r.decision_maker = kMakers[static_cast<size_t>(g.Uniform(0, 11))];
      r.date = doc.meeting_date;
      r.outcome_class = static_cast<OutcomeClass>(g.Uniform(0, 8));
      r.key_decision = g.Uniform(0, 3) == 0;
      r.reasons = g.Sentence(10, 30);
      for (int t = g.Uniform(1, 3); t > 0; --t) {
        r.topics.push_back(AllTopics()[static_cast<size_t>(g.Uniform(0, 17))]);
      }
      decision = i;
    } else if (slot <= 6) {
      r.kind = Kind::kResolution;
      r.text = g.Sentence(8, 40);
      r.label = std::to_string(slot - 1);
      r.parent = decision;
      r.effect = Effect::kApprove;
    } else if (slot <= 8) {
      r.kind = Kind::kOption;
      r.text = g.Sentence(8, 30);
      r.parent = decision;
      r.disposition = slot == 7 ? Disposition::kChosen : Disposition::kRejected;
    } else {
      r.kind = Kind::kAction;
      r.text = g.Sentence(6, 20);
      r.parent = decision;
      r.owners = {"Clerk"};
    }
    r.doc_id = doc.id;
    r.id = doc.sha256.substr(0, 16) + "-" + std::to_string(i);
    if (r.parent >= 0) r.parent_id = doc.records[static_cast<size_t>(r.parent)].id;
    doc.records.push_back(std::move(r));
  }
  return doc;
}

int Main(int argc, char** argv) {
  std::string db_path;
  int records = 100000;
  int queries = 200;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) db_path = argv[++i];
    else if (arg == "--records" && i + 1 < argc) records = std::atoi(argv[++i]);
    else if (arg == "--queries" && i + 1 < argc) queries = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: query_bench --db PATH [--records N] [--queries N]\n");
      return 1;
    }
  }
  if (db_path.empty() || records < 0 || queries < 1) {
    std::fprintf(stderr, "usage: query_bench --db PATH [--records N] [--queries N]\n");
    return 1;
  }
#ifndef NDEBUG
  std::fprintf(stderr, "query_bench: WARNING: assertions are on; build with Release for figures\n");
#endif
  {
    auto writer = SqliteIndexWriter::Open(db_path);
    if (!writer.ok()) {
      std::fprintf(stderr, "query_bench: %s\n", writer.status().ToString().c_str());
      return 1;
    }
    auto indexed = (*writer)->IndexedShas();
    size_t present = 0;
    if (indexed.ok()) {
      for (const auto& [path, sha] : *indexed) present += path.rfind("synthetic/", 0) == 0;
    }
    const int per_doc = 50;
    const int docs = records / per_doc;
    if (present >= static_cast<size_t>(docs)) {
      std::printf("synthetic corpus: already indexed (%zu documents)\n", present);
    } else {
      Generator g(42);
      auto start = std::chrono::steady_clock::now();
      if (!(*writer)->Begin().ok()) return 1;
      for (int d = 0; d < docs; ++d) {
        Document doc = SyntheticDocument(g, d, per_doc);
        Status st = (*writer)->IndexDocument(doc);
        if (!st.ok()) {
          std::fprintf(stderr, "query_bench: %s\n", st.ToString().c_str());
          return 1;
        }
      }
      if (!(*writer)->Finish().ok()) return 1;
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("synthetic corpus: %d documents, %d records indexed in %.1f s (%.0f records/s)\n",
                  docs, docs * per_doc, s, docs * per_doc / s);
    }
  }

  auto query = IndexQuery::Open(db_path);
  if (!query.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", query.status().ToString().c_str());
    return 1;
  }
  // Text queries over mid-frequency words, two facets each, the CLI's default
  // limit of 100 rows with snippets.
  std::vector<QueryOptions> workload;
  Generator g(7);
  for (int i = 0; i < queries; ++i) {
    QueryOptions q;
    std::string word = kVocabulary[static_cast<size_t>(g.Uniform(20, static_cast<int>(kVocabularySize) - 1))];
    q.text = i % 4 == 3 ? "\"" + word + " " + kVocabulary[g.word(g.rng)] + "\"" : word;
    switch (i % 3) {
      case 0:
        q.kind = Kind::kResolution;
        q.decision_maker = kMakers[static_cast<size_t>(g.Uniform(0, 11))];
        break;
      case 1:
        q.topic = AllTopics()[static_cast<size_t>(g.Uniform(0, 17))];
        q.from = std::to_string(g.Uniform(2015, 2024)) + "-01-01";
        break;
      default:
        q.kind = Kind::kDecision;
        q.outcome = OutcomeClass::kApproved;
        break;
    }
    workload.push_back(q);
  }
  (void)(*query)->Run(workload[0]);  // warm the page cache
  std::vector<double> ms;
  size_t rows = 0;
  for (const QueryOptions& q : workload) {
    auto start = std::chrono::steady_clock::now();
    auto result = (*query)->Run(q);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (!result.ok()) {
      std::fprintf(stderr, "query_bench: %s\n", result.status().ToString().c_str());
      return 1;
    }
    rows += result->table.rows.size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("queries: %d (text + two facets, limit 100), %.1f rows each on average\n", queries,
              static_cast<double>(rows) / queries);
  std::printf("latency: median %.2f ms, p90 %.2f ms, max %.2f ms\n", ms[ms.size() / 2],
              ms[ms.size() * 9 / 10], ms.back());
  return 0;
}

}  // namespace
}  // namespace agendum

int main(int argc, char** argv) { return agendum::Main(argc, argv); }
