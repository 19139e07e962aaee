#include "outputs/postgres_sink.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "outputs/postgres_db.h"
#include "outputs/record_facets.h"
#include "outputs/record_json.h"

namespace agendum {
namespace {

using Json = nlohmann::json;

constexpr const char* kLayout = "agendum-pg/1";

// Taken while the tables are created, so two writers starting at once do
// not race on CREATE ... IF NOT EXISTS.
constexpr const char* kSchemaLock = "7152001";

// The register. `search` weighs titles (A) above text (B), as the SQLite
// index's bm25(10, 4) does; a title equal to the text counts once.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS agendum_meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS agendum_documents(
  id text PRIMARY KEY,
  path text NOT NULL,
  sha256 text NOT NULL,
  pipeline text NOT NULL,
  format text NOT NULL,
  pages integer,
  title text NOT NULL,
  doc_type text NOT NULL,
  body text,
  meeting_date text,
  records integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS agendum_documents_sha256 ON agendum_documents(sha256);
CREATE TABLE IF NOT EXISTS agendum_records(
  id text PRIMARY KEY,
  doc_id text NOT NULL REFERENCES agendum_documents(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  kind text NOT NULL,
  parent_id text,
  decision_id text,
  page integer,
  text text NOT NULL,
  title text,
  item text,
  date text,
  decision_maker text,
  key_decision boolean,
  outcome_class text,
  doc_type text NOT NULL,
  topics text[] NOT NULL,
  json text NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', CASE WHEN title IS DISTINCT FROM text THEN coalesce(title, '') ELSE '' END), 'A') ||
    setweight(to_tsvector('english', text), 'B')) STORED);
CREATE INDEX IF NOT EXISTS agendum_records_search ON agendum_records USING gin(search);
CREATE INDEX IF NOT EXISTS agendum_records_doc ON agendum_records(doc_id, seq);
CREATE INDEX IF NOT EXISTS agendum_records_kind_date ON agendum_records(kind, date);
CREATE INDEX IF NOT EXISTS agendum_records_date ON agendum_records(date);
CREATE INDEX IF NOT EXISTS agendum_records_decision_maker ON agendum_records(lower(decision_maker));
CREATE INDEX IF NOT EXISTS agendum_records_topics ON agendum_records USING gin(topics);
CREATE INDEX IF NOT EXISTS agendum_records_doc_type ON agendum_records(doc_type);
CREATE INDEX IF NOT EXISTS agendum_records_outcome ON agendum_records(outcome_class);
)sql";

constexpr const char* kUpsertDocument = R"sql(
INSERT INTO agendum_documents(id, path, sha256, pipeline, format, pages, title, doc_type, body,
                              meeting_date, records)
VALUES($1, $2, $3, $4, $5, $6::integer, $7, $8, $9, $10, $11::integer)
ON CONFLICT (id) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256,
  pipeline = EXCLUDED.pipeline, format = EXCLUDED.format, pages = EXCLUDED.pages,
  title = EXCLUDED.title, doc_type = EXCLUDED.doc_type, body = EXCLUDED.body,
  meeting_date = EXCLUDED.meeting_date, records = EXCLUDED.records, updated_at = now()
)sql";

// Records an earlier pipeline made for this document that this one does not.
constexpr const char* kDeleteStale = R"sql(
DELETE FROM agendum_records WHERE doc_id = $1
  AND id NOT IN (SELECT value FROM jsonb_array_elements_text($2::jsonb))
)sql";

// Every record of the document in one statement, from a JSON array.
constexpr const char* kUpsertRecords = R"sql(
INSERT INTO agendum_records(id, doc_id, seq, kind, parent_id, decision_id, page, text, title, item,
                            date, decision_maker, key_decision, outcome_class, doc_type, topics,
                            json)
SELECT r.id, $1, r.seq, r.kind, r.parent_id, r.decision_id, r.page, r.text, r.title, r.item,
       r.date, r.decision_maker, r.key_decision, r.outcome_class, r.doc_type,
       ARRAY(SELECT jsonb_array_elements_text(r.topics)), r.json
FROM jsonb_to_recordset($2::jsonb) AS r(id text, seq integer, kind text, parent_id text,
  decision_id text, page integer, text text, title text, item text, date text,
  decision_maker text, key_decision boolean, outcome_class text, doc_type text, topics jsonb,
  json text)
ON CONFLICT (id) DO UPDATE SET doc_id = EXCLUDED.doc_id, seq = EXCLUDED.seq,
  kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, decision_id = EXCLUDED.decision_id,
  page = EXCLUDED.page, text = EXCLUDED.text, title = EXCLUDED.title, item = EXCLUDED.item,
  date = EXCLUDED.date, decision_maker = EXCLUDED.decision_maker,
  key_decision = EXCLUDED.key_decision, outcome_class = EXCLUDED.outcome_class,
  doc_type = EXCLUDED.doc_type, topics = EXCLUDED.topics, json = EXCLUDED.json
)sql";

constexpr int kAttempts = 3;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <typename E>
Json EnumOrNull(const std::optional<E>& v) {
  return v ? Json(std::string(ToString(*v))) : Json(nullptr);
}

Json TopicsJson(const std::vector<Topic>& topics) {
  Json j = Json::array();
  for (Topic t : topics) j.push_back(std::string(ToString(t)));
  return j;
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The rows of agendum_records for `doc`, the document record first.
Json RecordRows(const Document& doc) {
  Json rows = Json::array();
  Json d;
  d["id"] = doc.id;
  d["seq"] = 0;
  d["kind"] = "document";
  d["parent_id"] = nullptr;
  d["decision_id"] = nullptr;
  d["page"] = doc.format == Format::kPdf ? Json(1) : Json(nullptr);
  d["text"] = doc.title;
  d["title"] = doc.title;
  d["item"] = nullptr;
  d["date"] = OrNull(doc.meeting_date);
  d["decision_maker"] = OrNull(doc.body);
  d["key_decision"] = nullptr;
  d["outcome_class"] = nullptr;
  d["doc_type"] = std::string(ToString(doc.doc_type));
  d["topics"] = Json::array();
  d["json"] = DocumentJson(doc);
  rows.push_back(std::move(d));
  for (size_t i = 0; i < doc.records.size(); ++i) {
    const Record& r = doc.records[i];
    Facets f = FacetsOf(doc, static_cast<int>(i));
    Json row;
    row["id"] = r.id;
    row["seq"] = static_cast<int>(i) + 1;
    row["kind"] = std::string(ToString(r.kind));
    row["parent_id"] = OrNull(r.parent_id);
    row["decision_id"] = f.decision >= 0 ? Json(doc.records[f.decision].id) : Json(nullptr);
    row["page"] = OrNull(r.page);
    row["text"] = r.text;
    row["title"] = OrNull(r.title);
    row["item"] = OrNull(f.item);
    row["date"] = OrNull(f.date);
    row["decision_maker"] = OrNull(f.decision_maker);
    row["key_decision"] = OrNull(f.key_decision);
    row["outcome_class"] = EnumOrNull(f.outcome_class);
    row["doc_type"] = std::string(ToString(doc.doc_type));
    row["topics"] = TopicsJson(f.topics);
    row["json"] = RecordJson(doc, r);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

PostgresSink::PostgresSink(std::unique_ptr<PostgresDb> db, PostgresSinkOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}
PostgresSink::~PostgresSink() = default;

StatusOr<std::unique_ptr<PostgresSink>> PostgresSink::Open(const std::string& url,
                                                           PostgresSinkOptions options) {
  AGENDUM_ASSIGN_OR_RETURN(auto db, PostgresDb::Connect(url));
  AGENDUM_RETURN_IF_ERROR(db->Exec(std::string("SELECT pg_advisory_lock(") + kSchemaLock + ")"));
  Status st = db->Exec(kSchema);
  std::string layout;
  if (st.ok()) {
    auto put = db->Query(
        "INSERT INTO agendum_meta(key, value) VALUES('layout', $1) ON CONFLICT (key) DO NOTHING",
        {kLayout});
    if (!put.ok()) st = put.status();
  }
  if (st.ok()) {
    auto get = db->Query("SELECT value FROM agendum_meta WHERE key = 'layout'");
    if (!get.ok()) st = get.status();
    else if (get->rows() > 0) layout = get->Text(0, 0);
  }
  (void)db->Exec(std::string("SELECT pg_advisory_unlock(") + kSchemaLock + ")");
  if (!st.ok()) return Status::Setup("cannot create the register tables: " + st.message());
  if (layout != kLayout) {
    return Status::Setup("the database holds a register of layout " + layout + ", not " + kLayout);
  }
  return std::unique_ptr<PostgresSink>(new PostgresSink(std::move(db), std::move(options)));
}

Status PostgresSink::Write(const Document& doc, const FileResult& result) {
  if (!result.status.ok()) return Status::Ok();
  auto start = std::chrono::steady_clock::now();
  Status st = WriteDocument(doc);
  write_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return st;
}

Status PostgresSink::WriteDocument(const Document& doc) {
  Json rows = RecordRows(doc);
  Json ids = Json::array();
  for (const Json& row : rows) ids.push_back(row["id"]);
  const std::string rows_json = Dump(rows);
  const std::string ids_json = Dump(ids);
  const PostgresDb::Params document = {
      doc.id,
      doc.path,
      doc.sha256,
      options_.pipeline,
      std::string(ToString(doc.format)),
      doc.format == Format::kPdf ? std::optional<std::string>(std::to_string(doc.page_count))
                                 : std::nullopt,
      doc.title,
      std::string(ToString(doc.doc_type)),
      doc.body,
      doc.meeting_date,
      std::to_string(rows.size()),
  };
  Status st;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    st = db_->Exec("BEGIN");
    if (st.ok()) st = db_->Query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {doc.id}).status();
    if (st.ok()) st = db_->Query(kUpsertDocument, document).status();
    if (st.ok()) st = db_->Query(kDeleteStale, {doc.id, ids_json}).status();
    if (st.ok()) st = db_->Query(kUpsertRecords, {doc.id, rows_json}).status();
    if (st.ok()) st = db_->Exec("COMMIT");
    if (st.ok()) break;
    const bool retry = IsRetryableSqlState(db_->last_sqlstate());
    (void)db_->Exec("ROLLBACK");
    if (!retry) break;
  }
  if (!st.ok()) return Status(st.code(), "writing " + doc.path + " to PostgreSQL: " + st.message());
  ++documents_written_;
  return Status::Ok();
}

StatusOr<std::set<std::string>> PostgresSink::Holds(const std::vector<std::string>& sha256s) {
  std::set<std::string> held;
  constexpr size_t kBatch = 1000;
  for (size_t i = 0; i < sha256s.size(); i += kBatch) {
    Json batch = Json::array();
    for (size_t k = i; k < sha256s.size() && k < i + kBatch; ++k) batch.push_back(sha256s[k]);
    AGENDUM_ASSIGN_OR_RETURN(
        PostgresResult r,
        db_->Query("SELECT DISTINCT sha256 FROM agendum_documents WHERE pipeline = $1 AND sha256 "
                   "IN (SELECT value FROM jsonb_array_elements_text($2::jsonb))",
                   {options_.pipeline, Dump(batch)}));
    for (int row = 0; row < r.rows(); ++row) held.insert(r.Text(row, 0));
  }
  return held;
}

}  // namespace agendum
