#include "outputs/run_report_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "outputs/jsonl_writer.h"

namespace agendum {

using Json = nlohmann::ordered_json;

RunReportWriter::RunReportWriter(std::string path, int jobs, std::vector<std::string> skipped,
                                 std::vector<std::string> missing)
    : path_(std::move(path)), jobs_(jobs), skipped_(std::move(skipped)), missing_(std::move(missing)) {}

Status RunReportWriter::Begin() {
  start_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

Status RunReportWriter::Write(const Document& doc, const FileResult& result) {
  Json j;
  j["path"] = result.path;
  j["status"] = result.status.ok() ? "ok" : "failed";
  if (!result.status.ok()) j["error"] = result.status.ToString();
  if (!doc.sha256.empty()) j["sha256"] = doc.sha256;
  j["doc_id"] = doc.id;
  j["pages"] = doc.page_count;
  Json counts = Json::object();
  for (const Record& r : doc.records) {
    std::string kind(ToString(r.kind));
    counts[kind] = counts.value(kind, 0) + 1;
    ++records_[kind];
  }
  j["records"] = counts;
  j["warnings"] = doc.warnings;
  j["milliseconds"] = static_cast<long>(result.milliseconds * 1000) / 1000.0;
  entries_.push_back(j.dump(-1, ' ', false, Json::error_handler_t::replace));
  entry_paths_.push_back(result.path);
  if (result.status.ok()) {
    ++processed_;
    pages_ += doc.page_count;
  } else {
    ++failed_;
  }
  return Status::Ok();
}

Status RunReportWriter::Finish() {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  Json totals;
  totals["documents"] = processed_;
  totals["failed"] = failed_;
  totals["skipped"] = skipped_.size();
  totals["missing"] = missing_.size();
  totals["pages"] = pages_;
  totals["records"] = records_;
  totals["seconds"] = static_cast<long>(seconds * 1000) / 1000.0;
  totals["pages_per_second"] = seconds > 0 ? static_cast<long>(pages_ / seconds * 10) / 10.0 : 0.0;
  totals["jobs"] = jobs_;
  std::string out = "{\n \"schema\": \"agendum/1\",\n \"files\": [\n";
  std::vector<size_t> listed(entries_.size());
  for (size_t i = 0; i < listed.size(); ++i) listed[i] = i;
  if (!order_.empty()) {
    std::map<std::string_view, size_t> position;
    for (size_t i = 0; i < order_.size(); ++i) position.emplace(order_[i], i);
    auto place = [&](size_t entry) {
      auto it = position.find(entry_paths_[entry]);
      return it == position.end() ? order_.size() : it->second;
    };
    std::stable_sort(listed.begin(), listed.end(),
                     [&](size_t a, size_t b) { return place(a) < place(b); });
  }
  for (size_t i = 0; i < listed.size(); ++i) {
    out += "  " + entries_[listed[i]] + (i + 1 < listed.size() ? ",\n" : "\n");
  }
  out += " ],\n \"skipped\": " + Json(skipped_).dump() + ",\n \"missing\": " +
         Json(missing_).dump() + ",\n \"totals\": " + totals.dump() + "\n}\n";
  return WriteFileAtomically(path_, out);
}

}  // namespace agendum
