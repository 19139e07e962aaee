#include "outputs/sqlite_index_writer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <tuple>

#include "outputs/record_facets.h"
#include "outputs/record_json.h"
#include "outputs/sqlite_db.h"
#include "pipeline/ingest.h"

namespace agendum {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kLayout = "agendum-index/1";
// The tables kSchema makes, beyond the layout's own: a new table (added with
// IF NOT EXISTS) gets a new word here so existing indexes gain it.
constexpr const char* kTables = "file_stamps failures";

// The tables. Per-kind tables hold each record's own fields exactly as in
// records.jsonl; `records` holds what search needs in one place: the facets
// a record inherits (a resolution takes its decision's date, decision maker,
// key decision, outcome and topics; anything without a decision takes the
// document's meeting date and body) and the exact JSON line for re-emitting
// records.jsonl. Parent links are deferred so a document's records can go in
// in any order inside its transaction.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per input file (the `document` record's fields).
CREATE TABLE IF NOT EXISTS documents(
  doc_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  format TEXT NOT NULL,
  pages INTEGER,
  title TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  body TEXT,
  meeting_date TEXT,
  warnings TEXT NOT NULL,
  why TEXT,
  text TEXT NOT NULL,
  label TEXT,
  page INTEGER,
  span TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_doc_type ON documents(doc_type);
CREATE INDEX IF NOT EXISTS documents_meeting_date ON documents(meeting_date);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);

-- Every record of every kind, the document record first (seq 0).
CREATE TABLE IF NOT EXISTS records(
  record_key INTEGER PRIMARY KEY,
  doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_key INTEGER REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  decision_key INTEGER REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  page INTEGER,
  text TEXT NOT NULL,
  title TEXT,
  item TEXT,
  date TEXT,
  decision_maker TEXT,
  key_decision INTEGER,
  outcome_class TEXT,
  doc_type TEXT NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc_key, seq);
CREATE INDEX IF NOT EXISTS records_parent ON records(parent_key);
CREATE INDEX IF NOT EXISTS records_decision ON records(decision_key);
CREATE INDEX IF NOT EXISTS records_kind ON records(kind, date);
CREATE INDEX IF NOT EXISTS records_date ON records(date);
CREATE INDEX IF NOT EXISTS records_decision_maker ON records(decision_maker COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS records_key_decision ON records(key_decision);
CREATE INDEX IF NOT EXISTS records_outcome ON records(outcome_class);
CREATE INDEX IF NOT EXISTS records_doc_type ON records(doc_type);

-- A record's topics: its own, or its decision's when it has none.
CREATE TABLE IF NOT EXISTS record_topics(
  record_key INTEGER NOT NULL REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  topic TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY(record_key, topic)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_topics_topic ON record_topics(topic, record_key);

CREATE TABLE IF NOT EXISTS items(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  title TEXT, number TEXT, page_start INTEGER, page_end INTEGER,
  why TEXT);

CREATE TABLE IF NOT EXISTS decisions(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  title TEXT, decision_maker TEXT, date TEXT, outcome TEXT, outcome_class TEXT,
  key_decision INTEGER, callable_in INTEGER, portfolio_holder TEXT, reasons TEXT,
  interests TEXT, topics TEXT NOT NULL,
  why TEXT);
CREATE INDEX IF NOT EXISTS decisions_date ON decisions(date);
CREATE INDEX IF NOT EXISTS decisions_decision_maker ON decisions(decision_maker COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS resolutions(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  effect TEXT, decision_maker TEXT, topics TEXT NOT NULL,
  why TEXT);

CREATE TABLE IF NOT EXISTS recommendations(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  status TEXT, source TEXT, topics TEXT NOT NULL,
  why TEXT);

CREATE TABLE IF NOT EXISTS options(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  disposition TEXT, reasons TEXT,
  why TEXT);

CREATE TABLE IF NOT EXISTS actions(
  record_key INTEGER PRIMARY KEY REFERENCES records(record_key) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  id TEXT NOT NULL, doc_id TEXT NOT NULL, parent_id TEXT, text TEXT NOT NULL, label TEXT,
  page INTEGER, span TEXT NOT NULL,
  owners TEXT NOT NULL, due TEXT, status TEXT,
  why TEXT);

-- What a file looked like on disk when its indexed bytes were last read:
-- while size, inode and both times stay the same the bytes are taken as
-- unchanged without reading them (issue 7). Written only for files whose
-- status had not changed for a second, so a write cannot hide behind it.
CREATE TABLE IF NOT EXISTS file_stamps(
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  ctime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  device INTEGER NOT NULL) WITHOUT ROWID;

-- Files whose bytes failed in a way that would recur (StatusCode names in
-- `error`), so an unchanged corpus is not read again for them.
CREATE TABLE IF NOT EXISTS failures(
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  error TEXT NOT NULL) WITHOUT ROWID;

-- Full text: rowid = records.record_key; `title` holds an item's or a
-- decision's title when it differs from its text.
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  text, title, tokenize = 'porter unicode61 remove_diacritics 2');
)sql";

std::string JsonText(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::optional<std::string> WhyJson(const std::map<std::string, std::string>& why) {
  if (why.empty()) return std::nullopt;
  return JsonText(Json(why));
}

std::string SpanJson(Span s) { return "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + "]"; }

std::string TopicsJson(const std::vector<Topic>& topics) {
  Json j = Json::array();
  for (Topic t : topics) j.push_back(ToString(t));
  return JsonText(j);
}

std::optional<int64_t> OptionalInt(const std::optional<int>& v) {
  if (!v) return std::nullopt;
  return *v;
}

std::optional<int64_t> OptionalBool(const std::optional<bool>& v) {
  if (!v) return std::nullopt;
  return *v ? 1 : 0;
}

template <typename E>
std::optional<std::string> OptionalEnum(const std::optional<E>& v) {
  if (!v) return std::nullopt;
  return std::string(ToString(*v));
}

// The columns every per-kind table starts with.
constexpr const char* kCommonColumns =
    "record_key, id, doc_id, parent_id, text, label, page, span";
constexpr int kCommonCount = 8;

// A file as stat(2) sees it; equal stamps mean untouched bytes.
struct FileStamp {
  int64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  int64_t inode = 0;
  int64_t device = 0;
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> StampOf(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp s;
  s.size = static_cast<int64_t>(st.st_size);
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  s.inode = static_cast<int64_t>(st.st_ino);
  s.device = static_cast<int64_t>(st.st_dev);
  return s;
}

int64_t Nanos(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::optional<std::string> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

// The per-kind tables, each keyed by record_key.
constexpr const char* kKindTables[] = {"items", "decisions", "resolutions",
                                       "recommendations", "options", "actions"};

std::string InsertSql(const char* table, const char* extra_columns, int extra_count) {
  std::string sql = std::string("INSERT INTO ") + table + "(" + kCommonColumns + ", " +
                    extra_columns + ") VALUES(";
  for (int i = 0; i < kCommonCount + extra_count; ++i) sql += i ? ", ?" : "?";
  return sql + ")";
}

}  // namespace

struct SqliteIndexWriter::Impl {
  std::unique_ptr<SqliteDb> db;
  IndexOptions options;
  std::optional<SqliteStatement> find_document;
  std::optional<SqliteStatement> delete_search;
  std::optional<SqliteStatement> delete_document;
  std::optional<SqliteStatement> delete_stamp;
  std::optional<SqliteStatement> delete_failure;
  std::optional<SqliteStatement> bump_generation;
  std::optional<SqliteStatement> insert_document;
  std::optional<SqliteStatement> max_record_key;
  std::optional<SqliteStatement> insert_record;
  std::optional<SqliteStatement> insert_topic;
  std::optional<SqliteStatement> insert_search;
  std::map<Kind, SqliteStatement> insert_kind;

  Status Prepare(std::optional<SqliteStatement>* out, std::string_view sql) {
    AGENDUM_ASSIGN_OR_RETURN(SqliteStatement stmt, db->Prepare(sql));
    out->emplace(std::move(stmt));
    return Status::Ok();
  }

  // Prepares the statements that change documents; done at the first
  // change, so opening the index for a run with nothing to do stays cheap.
  Status PrepareAll() {
    if (find_document) return Status::Ok();
    AGENDUM_RETURN_IF_ERROR(Prepare(&find_document, "SELECT doc_key FROM documents WHERE path = ?"));
    AGENDUM_RETURN_IF_ERROR(Prepare(
        &delete_search,
        "DELETE FROM search WHERE rowid IN (SELECT record_key FROM records WHERE doc_key = ?)"));
    AGENDUM_RETURN_IF_ERROR(Prepare(&delete_document, "DELETE FROM documents WHERE doc_key = ?"));
    AGENDUM_RETURN_IF_ERROR(Prepare(&delete_stamp, "DELETE FROM file_stamps WHERE path = ?"));
    AGENDUM_RETURN_IF_ERROR(Prepare(&delete_failure, "DELETE FROM failures WHERE path = ?"));
    AGENDUM_RETURN_IF_ERROR(Prepare(
        &bump_generation,
        "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) DO UPDATE SET "
        "value = CAST(value AS INTEGER) + 1"));
    AGENDUM_RETURN_IF_ERROR(Prepare(
        &insert_document,
        "INSERT INTO documents(id, path, sha256, pipeline, format, pages, title, doc_type, body, "
        "meeting_date, warnings, why, text, label, page, span) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    AGENDUM_RETURN_IF_ERROR(
        Prepare(&max_record_key, "SELECT IFNULL(MAX(record_key), 0) FROM records"));
    AGENDUM_RETURN_IF_ERROR(Prepare(
        &insert_record,
        "INSERT INTO records(record_key, doc_key, seq, id, kind, parent_key, decision_key, page, "
        "text, title, item, date, decision_maker, key_decision, outcome_class, doc_type, json) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    AGENDUM_RETURN_IF_ERROR(Prepare(
        &insert_topic, "INSERT OR IGNORE INTO record_topics(record_key, topic, position) VALUES(?, ?, ?)"));
    AGENDUM_RETURN_IF_ERROR(
        Prepare(&insert_search, "INSERT INTO search(rowid, text, title) VALUES(?, ?, ?)"));
    const struct {
      Kind kind;
      const char* table;
      const char* columns;
      int count;
    } kinds[] = {
        {Kind::kItem, "items", "title, number, page_start, page_end, why", 5},
        {Kind::kDecision, "decisions",
         "title, decision_maker, date, outcome, outcome_class, key_decision, callable_in, "
         "portfolio_holder, reasons, interests, topics, why",
         12},
        {Kind::kResolution, "resolutions", "effect, decision_maker, topics, why", 4},
        {Kind::kRecommendation, "recommendations", "status, source, topics, why", 4},
        {Kind::kOption, "options", "disposition, reasons, why", 3},
        {Kind::kAction, "actions", "owners, due, status, why", 4},
    };
    for (const auto& k : kinds) {
      AGENDUM_ASSIGN_OR_RETURN(SqliteStatement stmt,
                               db->Prepare(InsertSql(k.table, k.columns, k.count)));
      insert_kind.emplace(k.kind, std::move(stmt));
    }
    return Status::Ok();
  }

  // Deletes the document at `path` inside the caller's transaction.
  StatusOr<bool> DeleteByPath(const std::string& path) {
    delete_stamp->Reset();
    delete_stamp->BindText(1, path);
    AGENDUM_RETURN_IF_ERROR(delete_stamp->Run());
    delete_failure->Reset();
    delete_failure->BindText(1, path);
    AGENDUM_RETURN_IF_ERROR(delete_failure->Run());
    find_document->Reset();
    find_document->BindText(1, path);
    AGENDUM_ASSIGN_OR_RETURN(bool found, find_document->Step());
    if (!found) return false;
    AGENDUM_RETURN_IF_ERROR(BumpGeneration());
    int64_t doc_key = find_document->ColumnInt(0);
    find_document->Reset();
    delete_search->Reset();
    delete_search->BindInt(1, doc_key);
    AGENDUM_RETURN_IF_ERROR(delete_search->Run());
    delete_document->Reset();
    delete_document->BindInt(1, doc_key);
    AGENDUM_RETURN_IF_ERROR(delete_document->Run());
    return true;
  }

  Status InsertKindRow(const Document& doc, const Record& r, int64_t key) {
    auto it = insert_kind.find(r.kind);
    if (it == insert_kind.end()) return Status::Ok();
    SqliteStatement& s = it->second;
    s.Reset();
    int i = 1;
    s.BindInt(i++, key);
    s.BindText(i++, r.id);
    s.BindText(i++, doc.id);
    s.BindOptionalText(i++, r.parent_id);
    s.BindText(i++, r.text);
    s.BindOptionalText(i++, r.label);
    s.BindOptionalInt(i++, OptionalInt(r.page));
    s.BindText(i++, SpanJson(r.span));
    switch (r.kind) {
      case Kind::kItem:
        s.BindOptionalText(i++, r.title);
        s.BindOptionalText(i++, r.number);
        s.BindOptionalInt(i++, OptionalInt(r.page_start));
        s.BindOptionalInt(i++, OptionalInt(r.page_end));
        break;
      case Kind::kDecision:
        s.BindOptionalText(i++, r.title);
        s.BindOptionalText(i++, r.decision_maker);
        s.BindOptionalText(i++, r.date);
        s.BindOptionalText(i++, r.outcome);
        s.BindOptionalText(i++, OptionalEnum(r.outcome_class));
        s.BindOptionalInt(i++, OptionalBool(r.key_decision));
        s.BindOptionalInt(i++, OptionalBool(r.callable_in));
        s.BindOptionalText(i++, r.portfolio_holder);
        s.BindOptionalText(i++, r.reasons);
        s.BindOptionalText(i++, r.interests);
        s.BindText(i++, TopicsJson(r.topics));
        break;
      case Kind::kResolution:
        s.BindOptionalText(i++, OptionalEnum(r.effect));
        s.BindOptionalText(i++, r.decision_maker);
        s.BindText(i++, TopicsJson(r.topics));
        break;
      case Kind::kRecommendation:
        s.BindOptionalText(i++, r.status);
        s.BindOptionalText(i++, r.source);
        s.BindText(i++, TopicsJson(r.topics));
        break;
      case Kind::kOption:
        s.BindOptionalText(i++, OptionalEnum(r.disposition));
        s.BindOptionalText(i++, r.reasons);
        break;
      case Kind::kAction:
        s.BindText(i++, JsonText(Json(r.owners)));
        s.BindOptionalText(i++, r.due);
        s.BindOptionalText(i++, r.status);
        break;
      case Kind::kDocument:
        break;
    }
    s.BindOptionalText(i++, WhyJson(r.why));
    return s.Run();
  }

  Status InsertSearch(int64_t key, const std::string& text, const std::optional<std::string>& title) {
    insert_search->Reset();
    insert_search->BindInt(1, key);
    insert_search->BindText(2, text);
    if (title && *title != text) insert_search->BindText(3, *title); else insert_search->BindNull(3);
    return insert_search->Run();
  }

  // Inserts `doc` inside the caller's transaction.
  // Keeps stamps (path, sha256, stamp) in one transaction.
  Status WriteStamps(const std::vector<std::tuple<std::string, std::string, FileStamp>>& stamps) {
    if (stamps.empty()) return Status::Ok();
    return InTransaction(
        [&]() -> Status {
          AGENDUM_ASSIGN_OR_RETURN(
              auto put, db->Prepare("INSERT OR REPLACE INTO file_stamps(path, sha256, size, "
                                    "mtime_ns, ctime_ns, inode, device) VALUES(?, ?, ?, ?, ?, ?, ?)"));
          for (const auto& [path, sha, stamp] : stamps) {
            put.Reset();
            put.BindText(1, path);
            put.BindText(2, sha);
            put.BindInt(3, stamp.size);
            put.BindInt(4, stamp.mtime_ns);
            put.BindInt(5, stamp.ctime_ns);
            put.BindInt(6, stamp.inode);
            put.BindInt(7, stamp.device);
            AGENDUM_RETURN_IF_ERROR(put.Run());
          }
          return Status::Ok();
        },
        /*wal_mode=*/false);
  }

  // Copies the document `shard_key` of the attached database `shard` into
  // this one, inside the caller's transaction. Record keys move up by one
  // offset, so parents, decisions, topics and full-text rows keep pointing
  // at the same records.
  Status CopyDocument(int64_t shard_key, const std::string& path,
                      const std::vector<std::string>& kind_sql) {
    AGENDUM_ASSIGN_OR_RETURN(bool replaced, DeleteByPath(path));
    (void)replaced;
    AGENDUM_RETURN_IF_ERROR(BumpGeneration());
    AGENDUM_ASSIGN_OR_RETURN(
        auto doc, db->Prepare("INSERT INTO main.documents(id, path, sha256, pipeline, format, "
                              "pages, title, doc_type, body, meeting_date, warnings, why, text, "
                              "label, page, span) SELECT id, path, sha256, pipeline, format, pages, "
                              "title, doc_type, body, meeting_date, warnings, why, text, label, "
                              "page, span FROM shard.documents WHERE doc_key = ?"));
    doc.BindInt(1, shard_key);
    AGENDUM_RETURN_IF_ERROR(doc.Run());
    const int64_t doc_key = db->LastInsertRowId();
    AGENDUM_ASSIGN_OR_RETURN(
        auto keys, db->Prepare("SELECT (SELECT IFNULL(MAX(record_key), 0) FROM main.records), "
                               "(SELECT MIN(record_key) FROM shard.records WHERE doc_key = ?)"));
    keys.BindInt(1, shard_key);
    AGENDUM_ASSIGN_OR_RETURN(bool row, keys.Step());
    if (!row || keys.ColumnIsNull(1)) return Status::Ok();  // a document without records
    const int64_t offset = keys.ColumnInt(0) + 1 - keys.ColumnInt(1);
    AGENDUM_ASSIGN_OR_RETURN(
        auto records,
        db->Prepare("INSERT INTO main.records(record_key, doc_key, seq, id, kind, parent_key, "
                    "decision_key, page, text, title, item, date, decision_maker, key_decision, "
                    "outcome_class, doc_type, json) SELECT record_key + ?1, ?2, seq, id, kind, "
                    "parent_key + ?1, decision_key + ?1, page, text, title, item, date, "
                    "decision_maker, key_decision, outcome_class, doc_type, json "
                    "FROM shard.records WHERE doc_key = ?3"));
    records.BindInt(1, offset);
    records.BindInt(2, doc_key);
    records.BindInt(3, shard_key);
    AGENDUM_RETURN_IF_ERROR(records.Run());
    std::vector<std::string> sql = kind_sql;
    sql.push_back(
        "INSERT INTO main.record_topics(record_key, topic, position) SELECT record_key + ?1, "
        "topic, position FROM shard.record_topics WHERE record_key IN "
        "(SELECT record_key FROM shard.records WHERE doc_key = ?2)");
    sql.push_back(
        "INSERT INTO main.search(rowid, text, title) SELECT rowid + ?1, text, title FROM "
        "shard.search WHERE rowid IN (SELECT record_key FROM shard.records WHERE doc_key = ?2)");
    for (const std::string& s : sql) {
      AGENDUM_ASSIGN_OR_RETURN(auto copy, db->Prepare(s));
      copy.BindInt(1, offset);
      copy.BindInt(2, shard_key);
      AGENDUM_RETURN_IF_ERROR(copy.Run());
    }
    return Status::Ok();
  }

  // Counts every change to the documents, inside the caller's transaction,
  // so WriteRecordsJsonl can tell that a records file is still current.
  Status BumpGeneration() {
    bump_generation->Reset();
    return bump_generation->Run();
  }

  Status Insert(const Document& doc) {
    AGENDUM_RETURN_IF_ERROR(BumpGeneration());
    SqliteStatement& d = *insert_document;
    d.Reset();
    d.BindText(1, doc.id);
    d.BindText(2, doc.path);
    d.BindText(3, doc.sha256);
    d.BindText(4, options.pipeline);
    d.BindText(5, ToString(doc.format));
    if (doc.format == Format::kPdf) d.BindInt(6, doc.page_count); else d.BindNull(6);
    d.BindText(7, doc.title);
    d.BindText(8, ToString(doc.doc_type));
    d.BindOptionalText(9, doc.body);
    d.BindOptionalText(10, doc.meeting_date);
    d.BindText(11, JsonText(Json(doc.warnings)));
    d.BindOptionalText(12, WhyJson(doc.why));
    d.BindText(13, doc.title);
    d.BindNull(14);
    if (doc.format == Format::kPdf) d.BindInt(15, 1); else d.BindNull(15);
    d.BindText(16, SpanJson(Span{0, doc.text.size()}));
    AGENDUM_RETURN_IF_ERROR(d.Run());
    const int64_t doc_key = db->LastInsertRowId();

    max_record_key->Reset();
    AGENDUM_ASSIGN_OR_RETURN(bool row, max_record_key->Step());
    (void)row;
    // The document record takes `base`, record i takes base + 1 + i, so
    // parents are known before they are inserted.
    const int64_t base = max_record_key->ColumnInt(0) + 1;
    max_record_key->Reset();
    auto key_of = [&](int index) -> std::optional<int64_t> {
      if (index < 0 || index >= static_cast<int>(doc.records.size())) return std::nullopt;
      return base + 1 + index;
    };

    SqliteStatement& r = *insert_record;
    r.Reset();
    r.BindInt(1, base);
    r.BindInt(2, doc_key);
    r.BindInt(3, 0);
    r.BindText(4, doc.id);
    r.BindText(5, ToString(Kind::kDocument));
    r.BindNull(6);
    r.BindNull(7);
    if (doc.format == Format::kPdf) r.BindInt(8, 1); else r.BindNull(8);
    r.BindText(9, doc.title);
    r.BindText(10, doc.title);
    r.BindNull(11);
    r.BindOptionalText(12, doc.meeting_date);
    r.BindOptionalText(13, doc.body);
    r.BindNull(14);
    r.BindNull(15);
    r.BindText(16, ToString(doc.doc_type));
    r.BindText(17, DocumentJson(doc));
    AGENDUM_RETURN_IF_ERROR(r.Run());
    AGENDUM_RETURN_IF_ERROR(InsertSearch(base, doc.title, std::nullopt));

    for (size_t i = 0; i < doc.records.size(); ++i) {
      const Record& rec = doc.records[i];
      const int64_t key = base + 1 + static_cast<int64_t>(i);
      Facets f = FacetsOf(doc, static_cast<int>(i));
      r.Reset();
      r.BindInt(1, key);
      r.BindInt(2, doc_key);
      r.BindInt(3, static_cast<int64_t>(i) + 1);
      r.BindText(4, rec.id);
      r.BindText(5, ToString(rec.kind));
      r.BindOptionalInt(6, key_of(rec.parent));
      r.BindOptionalInt(7, key_of(f.decision));
      r.BindOptionalInt(8, OptionalInt(rec.page));
      r.BindText(9, rec.text);
      r.BindOptionalText(10, rec.title);
      r.BindOptionalText(11, f.item);
      r.BindOptionalText(12, f.date);
      r.BindOptionalText(13, f.decision_maker);
      r.BindOptionalInt(14, OptionalBool(f.key_decision));
      r.BindOptionalText(15, OptionalEnum(f.outcome_class));
      r.BindText(16, ToString(doc.doc_type));
      r.BindText(17, RecordJson(doc, rec));
      AGENDUM_RETURN_IF_ERROR(r.Run());
      AGENDUM_RETURN_IF_ERROR(InsertKindRow(doc, rec, key));
      for (size_t t = 0; t < f.topics.size(); ++t) {
        insert_topic->Reset();
        insert_topic->BindInt(1, key);
        insert_topic->BindText(2, ToString(f.topics[t]));
        insert_topic->BindInt(3, static_cast<int64_t>(t));
        AGENDUM_RETURN_IF_ERROR(insert_topic->Run());
      }
      AGENDUM_RETURN_IF_ERROR(InsertSearch(key, rec.text, rec.title));
    }
    return Status::Ok();
  }

  // WAL makes each per-file commit cheap and keeps readers working during a
  // run; Finish() turns it back into a single file. Switched on at the first
  // change only, so a run that changes nothing leaves the file untouched.
  bool wal = false;
  Status EnsureWal() {
    if (wal) return Status::Ok();
    AGENDUM_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"));
    wal = true;
    return Status::Ok();
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back on error.
  // `wal_mode` false keeps the journal as it is (a write after Finish).
  template <typename F>
  Status InTransaction(F body, bool wal_mode = true) {
    if (wal_mode) AGENDUM_RETURN_IF_ERROR(EnsureWal());
    AGENDUM_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
    Status st = body();
    if (st.ok()) st = db->Exec("COMMIT");
    if (!st.ok()) (void)db->Exec("ROLLBACK");
    return st;
  }
};

SqliteIndexWriter::SqliteIndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteIndexWriter::~SqliteIndexWriter() = default;

StatusOr<std::unique_ptr<SqliteIndexWriter>> SqliteIndexWriter::Open(const std::string& path,
                                                                     IndexOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  AGENDUM_ASSIGN_OR_RETURN(impl->db, SqliteDb::Open(path, SqliteDb::Mode::kReadWriteCreate));
  SqliteDb& db = *impl->db;
  // An index whose tables are up to date opens without a write (issue 7).
  {
    auto get = db.Prepare("SELECT (SELECT value FROM meta WHERE key = 'layout'), "
                          "(SELECT value FROM meta WHERE key = 'tables')");
    if (get.ok()) {
      auto row = get->Step();
      if (row.ok() && *row && get->ColumnText(0) == kLayout && get->ColumnText(1) == kTables) {
        return std::unique_ptr<SqliteIndexWriter>(new SqliteIndexWriter(std::move(impl)));
      }
    }
  }
  AGENDUM_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status st = db.Exec(kSchema);
  std::optional<std::string> layout;
  if (st.ok()) {
    auto get = db.Prepare("SELECT value FROM meta WHERE key = 'layout'");
    if (!get.ok()) {
      st = get.status();
    } else {
      auto row = get->Step();
      if (!row.ok()) st = row.status();
      else if (*row) layout = get->ColumnText(0);
    }
  }
  if (st.ok() && !layout) {
    st = db.Exec(std::string("INSERT INTO meta(key, value) VALUES('layout', '") + kLayout +
                 "'); INSERT INTO search(search, rank) VALUES('rank', 'bm25(10.0, 4.0)')");
  } else if (st.ok() && *layout != kLayout) {
    st = Status::Setup(path + " is an index of layout " + *layout + ", not " + kLayout +
                       "; remove it or choose another --index path");
  }
  if (st.ok()) {
    st = db.Exec(std::string("INSERT OR REPLACE INTO meta(key, value) VALUES('tables', '") +
                 kTables + "')");
  }
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  return std::unique_ptr<SqliteIndexWriter>(new SqliteIndexWriter(std::move(impl)));
}

namespace {

// Failures the same bytes would meet again. Time-outs and memory limits
// depend on the run's options and the machine's load, so they are retried.
bool Recurs(StatusCode code) {
  switch (code) {
    case StatusCode::kCorrupt:
    case StatusCode::kEncrypted:
    case StatusCode::kEmpty:
    case StatusCode::kTooLarge:
    case StatusCode::kCrashed:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status SqliteIndexWriter::Write(const Document& doc, const FileResult& result) {
  auto start = std::chrono::steady_clock::now();
  Status st = result.status.ok() ? IndexDocument(doc) : RemoveDocument(result.path);
  if (st.ok() && !result.status.ok() && Recurs(result.status.code()) && !doc.sha256.empty() &&
      doc.path == result.path) {
    st = impl_->InTransaction([&]() -> Status {
      AGENDUM_ASSIGN_OR_RETURN(
          auto put, impl_->db->Prepare("INSERT OR REPLACE INTO failures(path, sha256, pipeline, "
                                       "error) VALUES(?, ?, ?, ?)"));
      put.BindText(1, result.path);
      put.BindText(2, doc.sha256);
      put.BindText(3, impl_->options.pipeline);
      put.BindText(4, result.status.ToString());
      return put.Run();
    });
  }
  write_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return st;
}

Status SqliteIndexWriter::IndexDocument(const Document& doc) {
  AGENDUM_RETURN_IF_ERROR(impl_->PrepareAll());
  Status st = impl_->InTransaction([&]() -> Status {
    AGENDUM_ASSIGN_OR_RETURN(bool replaced, impl_->DeleteByPath(doc.path));
    (void)replaced;
    return impl_->Insert(doc);
  });
  if (!st.ok()) return Status(st.code(), "indexing " + doc.path + ": " + st.message());
  ++documents_written_;
  return Status::Ok();
}

Status SqliteIndexWriter::RemoveDocument(const std::string& path) {
  AGENDUM_RETURN_IF_ERROR(impl_->PrepareAll());
  bool removed = false;
  AGENDUM_RETURN_IF_ERROR(impl_->InTransaction([&]() -> Status {
    AGENDUM_ASSIGN_OR_RETURN(removed, impl_->DeleteByPath(path));
    return Status::Ok();
  }));
  if (removed) ++documents_removed_;
  return Status::Ok();
}

Status SqliteIndexWriter::Finish() {
  if (documents_written_ > 0 || documents_removed_ > 0) {
    AGENDUM_RETURN_IF_ERROR(impl_->db->Exec("INSERT INTO search(search) VALUES('optimize')"));
    AGENDUM_RETURN_IF_ERROR(impl_->db->Exec("PRAGMA optimize"));
  }
  if (!impl_->wal) return Status::Ok();
  impl_->wal = false;
  return impl_->db->Exec("PRAGMA journal_mode = DELETE");
}

StatusOr<std::map<std::string, std::string>> SqliteIndexWriter::IndexedShas() {
  AGENDUM_ASSIGN_OR_RETURN(auto stmt,
                           impl_->db->Prepare("SELECT path, sha256 FROM documents WHERE pipeline = ?"));
  stmt.BindText(1, impl_->options.pipeline);
  std::map<std::string, std::string> out;
  while (true) {
    AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out[stmt.ColumnText(0)] = stmt.ColumnText(1);
  }
  return out;
}

StatusOr<std::vector<std::string>> SqliteIndexWriter::PruneMissingFiles() {
  std::vector<std::string> paths;
  {
    AGENDUM_ASSIGN_OR_RETURN(auto stmt, impl_->db->Prepare("SELECT path FROM documents UNION "
                                                           "SELECT path FROM failures ORDER BY path"));
    while (true) {
      AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      paths.push_back(stmt.ColumnText(0));
    }
  }
  std::vector<std::string> pruned;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) || ec) continue;
    AGENDUM_RETURN_IF_ERROR(RemoveDocument(path));
    pruned.push_back(path);
  }
  // Stamps kept for files that were never indexed (other shards' files).
  std::vector<std::string> stamps;
  {
    AGENDUM_ASSIGN_OR_RETURN(auto stmt, impl_->db->Prepare("SELECT path FROM file_stamps"));
    while (true) {
      AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      stamps.push_back(stmt.ColumnText(0));
    }
  }
  Status dropped = impl_->InTransaction([&]() -> Status {
    AGENDUM_ASSIGN_OR_RETURN(auto drop, impl_->db->Prepare("DELETE FROM file_stamps WHERE path = ?"));
    for (const std::string& path : stamps) {
      std::error_code ec;
      if (std::filesystem::exists(path, ec) || ec) continue;
      drop.Reset();
      drop.BindText(1, path);
      AGENDUM_RETURN_IF_ERROR(drop.Run());
    }
    return Status::Ok();
  });
  if (!dropped.ok()) return dropped;
  return pruned;
}

Status SqliteIndexWriter::WriteRecordsJsonl(const std::vector<std::string>& paths,
                                            const std::string& out_path) {
  // The file is still current when nothing in the index changed since it
  // was written, for the same paths, and nobody touched it: a re-run over an
  // unchanged archive then rewrites nothing (issue 7).
  std::string digest;
  for (const std::string& path : paths) digest += path + "\n";
  digest = Sha256Hex(digest);
  const std::string key = "records_jsonl " + out_path;
  std::string generation = "0", written;
  {
    AGENDUM_ASSIGN_OR_RETURN(
        auto get, impl_->db->Prepare("SELECT (SELECT value FROM meta WHERE key = 'generation'), "
                                     "(SELECT value FROM meta WHERE key = ?)"));
    get.BindText(1, key);
    AGENDUM_ASSIGN_OR_RETURN(bool row, get.Step());
    if (row && !get.ColumnIsNull(0)) generation = get.ColumnText(0);
    if (row) written = get.ColumnText(1);
  }
  auto state = [&](const FileStamp& stamp) {
    return generation + " " + digest + " " + std::to_string(stamp.size) + " " +
           std::to_string(stamp.mtime_ns) + " " + std::to_string(stamp.ctime_ns) + " " +
           std::to_string(stamp.inode);
  };
  if (std::optional<FileStamp> now = StampOf(out_path); now && state(*now) == written) {
    return Status::Ok();
  }
  AGENDUM_ASSIGN_OR_RETURN(
      auto stmt, impl_->db->Prepare("SELECT r.json FROM documents d JOIN records r "
                                    "ON r.doc_key = d.doc_key WHERE d.path = ? ORDER BY r.seq"));
  std::string tmp = out_path + ".tmp";
  // Exclusive create after removing what is there: a symlink at the
  // temporary path is replaced, never followed out of the folder (issue 8).
  std::remove(tmp.c_str());
  std::FILE* out = std::fopen(tmp.c_str(), "wbx");
  if (!out) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  Status st;
  for (const std::string& path : paths) {
    stmt.Reset();
    stmt.BindText(1, path);
    while (st.ok()) {
      auto row = stmt.Step();
      if (!row.ok()) st = row.status();
      if (!st.ok() || !*row) break;
      std::string line = stmt.ColumnText(0);
      line.push_back('\n');
      if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
        st = Status::IoError("write failed on " + tmp + ": " + std::strerror(errno));
      }
    }
    if (!st.ok()) break;
  }
  bool closed = std::fclose(out) == 0;
  if (st.ok() && !closed) st = Status::IoError("cannot finish " + tmp + ": " + std::strerror(errno));
  if (st.ok() && std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    st = Status::IoError("cannot rename " + tmp + ": " + std::strerror(errno));
  }
  if (!st.ok()) {
    std::remove(tmp.c_str());
    return st;
  }
  std::optional<FileStamp> stamp = StampOf(out_path);
  if (!stamp) return Status::Ok();
  return impl_->InTransaction(
      [&]() -> Status {
        AGENDUM_ASSIGN_OR_RETURN(
            auto put, impl_->db->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
        put.BindText(1, key);
        put.BindText(2, state(*stamp));
        return put.Run();
      },
      /*wal_mode=*/false);
}

Status SqliteIndexWriter::ForgetRecordsFiles() {
  return impl_->InTransaction(
      [&]() {
        return impl_->db->Exec("DELETE FROM meta WHERE key LIKE 'records\\_jsonl %' ESCAPE '\\'");
      },
      /*wal_mode=*/false);
}

StatusOr<std::vector<FileCheck>> SqliteIndexWriter::CheckFiles(
    const std::vector<std::string>& paths) {
  AGENDUM_ASSIGN_OR_RETURN(
      auto known, impl_->db->Prepare("SELECT sha256, NULL FROM documents WHERE path = ?1 AND "
                                     "pipeline = ?2 UNION ALL SELECT sha256, error FROM failures "
                                     "WHERE path = ?1 AND pipeline = ?2"));
  AGENDUM_ASSIGN_OR_RETURN(
      auto stamped, impl_->db->Prepare("SELECT sha256, size, mtime_ns, ctime_ns, inode, device "
                                       "FROM file_stamps WHERE path = ?"));
  const int64_t settled =
      Nanos(std::chrono::system_clock::now()) - impl_->options.stamp_settle.count();
  std::vector<FileCheck> checks(paths.size());
  std::vector<std::tuple<std::string, std::string, FileStamp>> fresh;
  for (size_t i = 0; i < paths.size(); ++i) {
    known.Reset();
    known.BindText(1, paths[i]);
    known.BindText(2, impl_->options.pipeline);
    AGENDUM_ASSIGN_OR_RETURN(bool row, known.Step());
    if (!row) continue;
    const std::string sha = known.ColumnText(0);
    const std::string failure = known.ColumnText(1);
    std::optional<FileStamp> now = StampOf(paths[i]);
    if (!now) continue;
    stamped.Reset();
    stamped.BindText(1, paths[i]);
    AGENDUM_ASSIGN_OR_RETURN(bool has_stamp, stamped.Step());
    if (has_stamp && stamped.ColumnText(0) == sha) {
      FileStamp kept{stamped.ColumnInt(1), stamped.ColumnInt(2), stamped.ColumnInt(3),
                     stamped.ColumnInt(4), stamped.ColumnInt(5)};
      if (kept == *now) {
        checks[i] = {true, failure};
        continue;
      }
    }
    std::optional<std::string> bytes = ReadBytes(paths[i]);
    if (!bytes) continue;
    ++files_hashed_;
    if (Sha256Hex(*bytes) != sha) continue;
    checks[i] = {true, failure};
    // The stamp must describe the bytes just hashed: unchanged across the read.
    if (now->ctime_ns < settled && StampOf(paths[i]) == now) fresh.emplace_back(paths[i], sha, *now);
  }
  AGENDUM_RETURN_IF_ERROR(impl_->WriteStamps(fresh));
  return checks;
}

StatusOr<std::vector<std::string>> SqliteIndexWriter::ContentShas(
    const std::vector<std::string>& paths) {
  AGENDUM_ASSIGN_OR_RETURN(
      auto stamped, impl_->db->Prepare("SELECT sha256, size, mtime_ns, ctime_ns, inode, device "
                                       "FROM file_stamps WHERE path = ?"));
  const int64_t settled =
      Nanos(std::chrono::system_clock::now()) - impl_->options.stamp_settle.count();
  std::vector<std::string> shas(paths.size());
  std::vector<std::tuple<std::string, std::string, FileStamp>> fresh;
  for (size_t i = 0; i < paths.size(); ++i) {
    std::optional<FileStamp> now = StampOf(paths[i]);
    if (!now) continue;
    stamped.Reset();
    stamped.BindText(1, paths[i]);
    AGENDUM_ASSIGN_OR_RETURN(bool row, stamped.Step());
    if (row) {
      FileStamp kept{stamped.ColumnInt(1), stamped.ColumnInt(2), stamped.ColumnInt(3),
                     stamped.ColumnInt(4), stamped.ColumnInt(5)};
      if (kept == *now) {
        shas[i] = stamped.ColumnText(0);
        continue;
      }
    }
    std::optional<std::string> bytes = ReadBytes(paths[i]);
    if (!bytes) continue;
    ++files_hashed_;
    shas[i] = Sha256Hex(*bytes);
    if (now->ctime_ns < settled && StampOf(paths[i]) == now) {
      fresh.emplace_back(paths[i], shas[i], *now);
    }
  }
  AGENDUM_RETURN_IF_ERROR(impl_->WriteStamps(fresh));
  return shas;
}

Status SqliteIndexWriter::StampFiles(const std::vector<std::string>& paths,
                                     std::chrono::system_clock::time_point run_start) {
  AGENDUM_ASSIGN_OR_RETURN(
      auto lookup, impl_->db->Prepare("SELECT sha256 FROM documents WHERE path = ?1 AND pipeline = "
                                      "?2 UNION ALL SELECT sha256 FROM failures WHERE path = ?1 "
                                      "AND pipeline = ?2"));
  const int64_t settled = Nanos(run_start) - impl_->options.stamp_settle.count();
  std::vector<std::tuple<std::string, std::string, FileStamp>> stamps;
  for (const std::string& path : paths) {
    std::optional<FileStamp> stamp = StampOf(path);
    if (!stamp || stamp->ctime_ns >= settled) continue;
    lookup.Reset();
    lookup.BindText(1, path);
    lookup.BindText(2, impl_->options.pipeline);
    AGENDUM_ASSIGN_OR_RETURN(bool row, lookup.Step());
    if (row) stamps.emplace_back(path, lookup.ColumnText(0), *stamp);
  }
  return impl_->WriteStamps(stamps);
}

StatusOr<std::vector<std::string>> SqliteIndexWriter::DocumentPaths() {
  AGENDUM_ASSIGN_OR_RETURN(auto stmt, impl_->db->Prepare("SELECT path FROM documents"));
  std::vector<std::string> paths;
  while (true) {
    AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    paths.push_back(stmt.ColumnText(0));
  }
  return paths;
}

StatusOr<int> SqliteIndexWriter::MergeFrom(const std::string& other_path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(other_path, ec)) {
    return Status::NotFound("no index at " + other_path);
  }
  AGENDUM_RETURN_IF_ERROR(impl_->PrepareAll());
  SqliteDb& db = *impl_->db;
  {
    AGENDUM_ASSIGN_OR_RETURN(auto attach, db.Prepare("ATTACH DATABASE ? AS shard"));
    attach.BindText(1, other_path);
    AGENDUM_RETURN_IF_ERROR(attach.Run());
  }
  int copied = 0;
  Status st = [&]() -> Status {
    std::optional<std::string> layout;
    {
      auto get = db.Prepare("SELECT value FROM shard.meta WHERE key = 'layout'");
      if (!get.ok()) return Status::Setup(other_path + " is not an agendum index");
      AGENDUM_ASSIGN_OR_RETURN(bool row, get->Step());
      if (row) layout = get->ColumnText(0);
    }
    if (layout != std::string(kLayout)) {
      return Status::Setup(other_path + " is an index of layout " + layout.value_or("(none)") +
                           ", not " + kLayout);
    }
    // One INSERT ... SELECT per kind table, columns as this index has them.
    std::vector<std::string> kind_sql;
    for (const char* table : kKindTables) {
      AGENDUM_ASSIGN_OR_RETURN(auto info,
                               db.Prepare(std::string("PRAGMA main.table_info(") + table + ")"));
      std::string columns, values;
      while (true) {
        AGENDUM_ASSIGN_OR_RETURN(bool row, info.Step());
        if (!row) break;
        std::string name = info.ColumnText(1);
        columns += (columns.empty() ? "" : ", ") + name;
        values += (values.empty() ? "" : ", ") + (name == "record_key" ? "record_key + ?1" : name);
      }
      kind_sql.push_back(std::string("INSERT INTO main.") + table + "(" + columns + ") SELECT " +
                         values + " FROM shard." + table + " WHERE record_key IN (SELECT " +
                         "record_key FROM shard.records WHERE doc_key = ?2)");
    }
    std::vector<std::pair<int64_t, std::string>> documents;
    {
      AGENDUM_ASSIGN_OR_RETURN(
          auto list, db.Prepare("SELECT doc_key, path FROM shard.documents ORDER BY path"));
      while (true) {
        AGENDUM_ASSIGN_OR_RETURN(bool row, list.Step());
        if (!row) break;
        documents.emplace_back(list.ColumnInt(0), list.ColumnText(1));
      }
    }
    return impl_->InTransaction([&]() -> Status {
      for (const auto& [key, path] : documents) {
        AGENDUM_RETURN_IF_ERROR(impl_->CopyDocument(key, path, kind_sql));
        ++copied;
      }
      return Status::Ok();
    });
  }();
  Status detached = db.Exec("DETACH DATABASE shard");
  if (!st.ok()) return Status(st.code(), "merging " + other_path + ": " + st.message());
  AGENDUM_RETURN_IF_ERROR(detached);
  documents_written_ += copied;
  return copied;
}

std::string DefaultIndexPath(const std::string& out_dir) {
  return (std::filesystem::path(out_dir) / "agendum.sqlite").string();
}

}  // namespace agendum
