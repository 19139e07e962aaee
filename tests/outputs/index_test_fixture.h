// Test helpers for the index, query, register and export tests: Documents
// and Records built in code (so these tests never depend on what the
// extractors currently find), a temporary folder, and a small SQL reader.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "outputs/sqlite_db.h"
#include "outputs/sqlite_index_writer.h"
#include "pipeline/document.h"
#include "pipeline/ingest.h"

namespace agendum::index_testing {

// A fresh folder removed with its contents when the object goes away.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "agendum-index-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    char* made = mkdtemp(buffer.data());
    EXPECT_NE(made, nullptr);
    path_ = made ? made : "";
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::string full = File(name);
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream out(full, std::ios::binary);
    out << bytes;
    EXPECT_TRUE(out.good()) << full;
    return full;
  }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Builds a Document the way the pipeline leaves it: identity from the
// bytes, text, and records with parents and ids assigned.
class DocBuilder {
 public:
  DocBuilder(std::string path, std::string bytes, std::string title) {
    doc_.path = std::move(path);
    doc_.sha256 = Sha256Hex(bytes);
    doc_.id = "doc-" + doc_.sha256.substr(0, 16);
    doc_.format = Format::kPdf;
    doc_.page_count = 3;
    doc_.title = std::move(title);
    doc_.text = bytes;
  }
  DocBuilder& Type(DocType t) { doc_.doc_type = t; return *this; }
  DocBuilder& Body(std::string b) { doc_.body = std::move(b); return *this; }
  DocBuilder& MeetingDate(std::string d) { doc_.meeting_date = std::move(d); return *this; }
  DocBuilder& Text() { doc_.format = Format::kText; doc_.page_count = 0; return *this; }

  // Adds a record and returns its index; `parent` is an index or -1.
  int Add(Record r, int parent = -1) {
    r.parent = parent;
    r.doc_id = doc_.id;
    size_t begin = doc_.records.size() * 10;
    r.span = Span{begin, begin + 5};
    r.id = doc_.sha256.substr(0, 16) + "-" + std::string(ToString(r.kind)).substr(0, 3) + "-" +
           std::to_string(doc_.records.size());
    if (parent >= 0) r.parent_id = doc_.records[parent].id;
    if (!r.page && doc_.format == Format::kPdf) r.page = 1;
    doc_.records.push_back(std::move(r));
    return static_cast<int>(doc_.records.size()) - 1;
  }
  int Item(std::string number, std::string title, int page = 1) {
    Record r;
    r.kind = Kind::kItem;
    r.text = title;
    r.title = title;
    r.number = number;
    r.page = page;
    r.page_start = page;
    r.page_end = page;
    return Add(std::move(r));
  }
  int Decision(int item, std::string title, std::optional<std::string> date,
               std::optional<std::string> maker, std::vector<Topic> topics = {},
               std::optional<bool> key = std::nullopt,
               std::optional<OutcomeClass> outcome = OutcomeClass::kApproved) {
    Record r;
    r.kind = Kind::kDecision;
    r.text = title;
    r.title = title;
    r.date = std::move(date);
    r.decision_maker = std::move(maker);
    r.topics = std::move(topics);
    r.key_decision = key;
    r.outcome_class = outcome;
    return Add(std::move(r), item);
  }
  int Resolution(int parent, std::string label, std::string text, int page = 1) {
    Record r;
    r.kind = Kind::kResolution;
    r.label = std::move(label);
    r.text = std::move(text);
    r.effect = Effect::kApprove;
    r.page = page;
    return Add(std::move(r), parent);
  }
  int Option(int parent, std::string label, std::string text, Disposition d) {
    Record r;
    r.kind = Kind::kOption;
    r.label = std::move(label);
    r.text = std::move(text);
    r.disposition = d;
    return Add(std::move(r), parent);
  }
  int Action(int parent, std::string text, std::vector<std::string> owners) {
    Record r;
    r.kind = Kind::kAction;
    r.text = std::move(text);
    r.owners = std::move(owners);
    r.status = "open";
    return Add(std::move(r), parent);
  }
  int Recommendation(int parent, std::string text) {
    Record r;
    r.kind = Kind::kRecommendation;
    r.text = std::move(text);
    r.status = "accepted";
    r.source = "Scrutiny Committee";
    return Add(std::move(r), parent);
  }
  Record& record(int i) { return doc_.records[i]; }
  const Document& doc() const { return doc_; }

 private:
  Document doc_;
};

// A Cabinet decision notice on a library closure, with resolutions, options
// and an action: the shape most tests search.
inline Document LibraryNotice(const std::string& path, const std::string& bytes = "library v1") {
  DocBuilder b(path, bytes, "Decision notice: Future of Westgate Library");
  b.Type(DocType::kDecisionNotice).Body("Cabinet").MeetingDate("2024-03-14");
  int item = b.Item("7", "Future of Westgate Library", 2);
  int decision = b.Decision(item, "Future of Westgate Library", "2024-03-14", "Cabinet",
                            {Topic::kCultureAndLeisure, Topic::kPropertyAndAssets}, true);
  b.record(decision).reasons = "The building needs repairs the council cannot fund.";
  b.record(decision).interests = "Cllr Smith declared a personal interest.";
  b.record(decision).callable_in = true;
  b.record(decision).portfolio_holder = "Cllr Jones";
  int r1 = b.Resolution(decision, "1", "That the library be closed on 1 June 2024.", 2);
  b.Resolution(r1, "1(a)", "That the stock be moved to Eastgate Library.", 3);
  b.Resolution(decision, "2", "That officers consult residents on community use.", 3);
  b.Option(decision, "A", "Keep the library open with reduced hours.", Disposition::kRejected);
  b.Option(decision, "B", "Close the library.", Disposition::kChosen);
  b.Action(decision, "Report back on community use by September.", {"Head of Libraries"});
  return b.doc();
}

// Planning committee minutes: a deferred, non-key decision on housing.
inline Document PlanningMinutes(const std::string& path, const std::string& bytes = "planning v1") {
  DocBuilder b(path, bytes, "Minutes of the Planning Committee");
  b.Type(DocType::kMinutes).Body("Planning Committee").MeetingDate("2023-11-02");
  int item = b.Item("4", "Land at Mill Lane: 40 homes", 1);
  int decision = b.Decision(item, "Land at Mill Lane: 40 homes", "2023-11-02",
                            "Planning Committee", {Topic::kHousing, Topic::kPlanningAndBuilding},
                            false, OutcomeClass::kDeferred);
  b.Resolution(decision, "1", "That the application be deferred for a site visit.");
  b.Recommendation(item, "Officers recommended approval subject to conditions.");
  return b.doc();
}

// Full Council minutes with an undated decision that has no maker of its own.
inline Document CouncilMinutes(const std::string& path, const std::string& bytes = "council v1") {
  DocBuilder b(path, bytes, "Minutes of Full Council");
  b.Type(DocType::kMinutes).Body("Full Council").MeetingDate("2022-07-20").Text();
  int item = b.Item("9", "Council budget 2022/23");
  int decision = b.Decision(item, "Council budget 2022/23", std::nullopt, std::nullopt,
                            {Topic::kFinanceAndBudget}, std::nullopt, OutcomeClass::kApproved);
  b.Resolution(decision, "1", "That the council decides to set the budget at £12m.");
  return b.doc();
}

// Opens `path` with the SQL adapter for checks.
inline std::unique_ptr<SqliteDb> OpenForChecks(const std::string& path) {
  auto db = SqliteDb::Open(path, SqliteDb::Mode::kReadOnly);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

// The first column of every row of `sql` (select one expression, such as
// a || '|' || b), NULL as "∅".
inline std::vector<std::string> Rows(SqliteDb& db, const std::string& sql) {
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString() << "\n" << sql;
  std::vector<std::string> out;
  if (!stmt.ok()) return out;
  while (true) {
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    if (!row.ok() || !*row) break;
    out.push_back(stmt->ColumnIsNull(0) ? "∅" : stmt->ColumnText(0));
  }
  return out;
}

inline int64_t Count(SqliteDb& db, const std::string& sql) {
  auto rows = Rows(db, sql);
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

// Standard output of a shell command; the test fails when it exits non-zero.
inline std::string RunCommand(const std::string& command) {
  std::string out;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return out;
}

// Indexes `docs` into a fresh writer at `path` and finishes it.
inline void IndexAll(const std::string& path, const std::vector<Document>& docs,
                     IndexOptions options = {}) {
  auto writer = SqliteIndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Begin().ok());
  for (const Document& d : docs) {
    FileResult result;
    result.path = d.path;
    Status st = (*writer)->Write(d, result);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  Status st = (*writer)->Finish();
  ASSERT_TRUE(st.ok()) << st.ToString();
}

}  // namespace agendum::index_testing
