#include "pipeline/pipeline.h"

#include <chrono>
#include <functional>

namespace agendum {
namespace {

// Runs one step unless skipped, timing it.
Status Step(const std::string& name, const PipelineOptions& options,
            std::map<std::string, double>* timings, const std::function<Status()>& fn) {
  if (options.skip.count(name)) return Status::Ok();
  auto start = std::chrono::steady_clock::now();
  Status st = fn();
  if (timings) {
    (*timings)[name] += std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - start)
                            .count();
  }
  return st;
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<const CorpusData> corpus, ExtractorList extractors,
                   ClassifierList pre_classifiers, ClassifierList classifiers,
                   PipelineOptions options)
    : corpus_(std::move(corpus)),
      extractors_(std::move(extractors)),
      pre_classifiers_(std::move(pre_classifiers)),
      classifiers_(std::move(classifiers)),
      options_(std::move(options)) {}

Status Pipeline::Process(const std::string& path, Document* doc,
                         std::map<std::string, double>* timings) const {
  AGENDUM_RETURN_IF_ERROR(Step("ingest", options_, timings, [&] {
    return IngestFile(path, options_.ingest, doc);
  }));
  return ProcessIngested(doc, timings);
}

Status Pipeline::ProcessIngested(Document* doc, std::map<std::string, double>* timings) const {
  const PatternTable& patterns = corpus_->patterns;
  AGENDUM_RETURN_IF_ERROR(Step("normalise", options_, timings, [&] {
    return Normalise(patterns, options_.normalise, doc);
  }));
  AGENDUM_RETURN_IF_ERROR(Step("segment", options_, timings, [&] {
    return Segment(patterns, options_.segment, doc);
  }));
  for (const auto& classifier : pre_classifiers_) {
    AGENDUM_RETURN_IF_ERROR(Step(classifier->name(), options_, timings,
                                 [&] { return classifier->Run(doc); }));
  }
  for (const auto& extractor : extractors_) {
    AGENDUM_RETURN_IF_ERROR(Step(extractor->name(), options_, timings,
                                 [&] { return extractor->Run(doc); }));
  }
  for (const auto& classifier : classifiers_) {
    AGENDUM_RETURN_IF_ERROR(Step(classifier->name(), options_, timings,
                                 [&] { return classifier->Run(doc); }));
  }
  AssignIds(doc);
  return Status::Ok();
}

void AssignIds(Document* doc) {
  const std::string prefix = doc->sha256.substr(0, 16);
  std::map<std::string, int> seen;
  for (Record& r : doc->records) {
    std::string base = prefix + "-" + std::string(ToString(r.kind)).substr(0, 3) + "-" +
                       std::to_string(r.span.begin) + "-" + std::to_string(r.span.end);
    int n = seen[base]++;
    r.id = n ? base + "-" + std::to_string(n) : base;
    r.doc_id = doc->id;
  }
  for (Record& r : doc->records) {
    if (r.parent >= 0 && r.parent < static_cast<int>(doc->records.size())) {
      r.parent_id = doc->records[r.parent].id;
    } else {
      r.parent_id.reset();
    }
  }
}

}  // namespace agendum
