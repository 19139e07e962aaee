#include "outputs/shard_merge.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "outputs/jsonl_writer.h"
#include "outputs/sqlite_index_writer.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Path order as `agendum run` walks a folder: component by component.
bool PathBefore(const std::string& a, const std::string& b) { return fs::path(a) < fs::path(b); }

void RemoveIndexFiles(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

// Every shard's run-report.json as one: files and skipped entries in path
// order, totals summed; seconds is the slowest shard's (they run side by side).
Status MergeReports(const std::vector<std::string>& shard_dirs, const std::string& out_path) {
  std::vector<Json> files;
  std::set<std::string> skipped, missing;
  long documents = 0, failed = 0, pages = 0, jobs = 0;
  double seconds = 0;
  std::map<std::string, long> records;
  int reports = 0;
  for (const std::string& dir : shard_dirs) {
    std::ifstream in(dir + "/run-report.json");
    if (!in) continue;
    std::stringstream text;
    text << in.rdbuf();
    Json report = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (report.is_discarded() || !report.is_object()) {
      return Status::Corrupt(dir + "/run-report.json is not JSON");
    }
    ++reports;
    const Json listed = report.value("files", Json::array());
    const Json skips = report.value("skipped", Json::array());
    const Json gone = report.value("missing", Json::array());
    for (const Json& f : listed) files.push_back(f);
    for (const Json& s : skips) {
      if (s.is_string()) skipped.insert(s.get<std::string>());
    }
    for (const Json& m : gone) {
      if (m.is_string()) missing.insert(m.get<std::string>());
    }
    Json totals = report.value("totals", Json::object());
    documents += totals.value("documents", 0L);
    failed += totals.value("failed", 0L);
    pages += totals.value("pages", 0L);
    jobs += totals.value("jobs", 0L);
    seconds = std::max(seconds, totals.value("seconds", 0.0));
    const Json counts = totals.value("records", Json::object());
    for (const auto& [kind, n] : counts.items()) {
      if (n.is_number_integer()) records[kind] += n.get<long>();
    }
  }
  if (reports == 0) return Status::Ok();
  std::stable_sort(files.begin(), files.end(), [](const Json& a, const Json& b) {
    return PathBefore(a.value("path", ""), b.value("path", ""));
  });
  std::vector<std::string> skipped_list(skipped.begin(), skipped.end());
  std::vector<std::string> missing_list(missing.begin(), missing.end());
  std::sort(skipped_list.begin(), skipped_list.end(), PathBefore);
  std::sort(missing_list.begin(), missing_list.end(), PathBefore);
  Json totals;
  totals["documents"] = documents;
  totals["failed"] = failed;
  totals["skipped"] = skipped_list.size();
  totals["missing"] = missing_list.size();
  totals["pages"] = pages;
  totals["records"] = records;
  totals["seconds"] = seconds;
  totals["pages_per_second"] = seconds > 0 ? static_cast<long>(pages / seconds * 10) / 10.0 : 0.0;
  totals["jobs"] = jobs;
  totals["shards"] = reports;
  auto dump = [](const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); };
  std::string out = "{\n \"schema\": \"agendum/1\",\n \"files\": [\n";
  for (size_t i = 0; i < files.size(); ++i) {
    out += "  " + dump(files[i]) + (i + 1 < files.size() ? ",\n" : "\n");
  }
  out += " ],\n \"skipped\": " + dump(Json(skipped_list)) + ",\n \"missing\": " +
         dump(Json(missing_list)) + ",\n \"totals\": " + dump(totals) + "\n}\n";
  return WriteFileAtomically(out_path, out);
}

}  // namespace

StatusOr<MergeResult> MergeShards(const std::vector<std::string>& shard_dirs,
                                  const std::string& out_dir) {
  if (shard_dirs.empty()) return Status::InvalidArgument("no SHARD_DIR given");
  for (const std::string& dir : shard_dirs) {
    std::error_code ec;
    if (!fs::is_regular_file(DefaultIndexPath(dir), ec)) {
      return Status::NotFound(dir + " has no agendum.sqlite (run the shard without --no-index)");
    }
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError("cannot create " + out_dir + ": " + ec.message());

  const std::string index_path = DefaultIndexPath(out_dir);
  const std::string building = index_path + ".merging";
  RemoveIndexFiles(building);
  MergeResult result;
  {
    IndexOptions options;
    options.pipeline = "merged";  // each document keeps the pipeline of its shard
    AGENDUM_ASSIGN_OR_RETURN(auto index, SqliteIndexWriter::Open(building, options));
    for (const std::string& dir : shard_dirs) {
      AGENDUM_ASSIGN_OR_RETURN(int copied, index->MergeFrom(DefaultIndexPath(dir)));
      (void)copied;
      ++result.shards;
    }
    AGENDUM_RETURN_IF_ERROR(index->Finish());
    AGENDUM_ASSIGN_OR_RETURN(std::vector<std::string> paths, index->DocumentPaths());
    std::sort(paths.begin(), paths.end(), PathBefore);
    result.documents = static_cast<int>(paths.size());
    result.duplicates = index->documents_written() - result.documents;
    AGENDUM_RETURN_IF_ERROR(index->WriteRecordsJsonl(paths, out_dir + "/records.jsonl"));
    AGENDUM_RETURN_IF_ERROR(index->ForgetRecordsFiles());
  }
  // The old index and any journal of it go before the new one takes its name.
  RemoveIndexFiles(index_path);
  fs::rename(building, index_path, ec);
  if (ec) return Status::IoError("cannot rename " + building + ": " + ec.message());
  AGENDUM_RETURN_IF_ERROR(MergeReports(shard_dirs, out_dir + "/run-report.json"));
  return result;
}

}  // namespace agendum
