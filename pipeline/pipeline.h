// Pipeline: the stages for one document, in order.
//
// ingest -> normalise -> segment -> classify document type -> extract ->
// classify records -> assign ids. `Process` is the table of contents of the
// whole product; each step is timed and can be skipped by name.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "pipeline/document.h"
#include "pipeline/ingest.h"
#include "pipeline/normalise.h"
#include "pipeline/pattern_table.h"
#include "pipeline/segment.h"
#include "pipeline/stage.h"

namespace agendum {

struct PipelineOptions {
  IngestOptions ingest;
  NormaliseOptions normalise;
  SegmentOptions segment;
  // Stage names to skip ("topics", "actions").
  std::set<std::string> skip;
};

class Pipeline {
 public:
  // `pre_classifiers` run before extraction (document type), `classifiers`
  // after it. All must outlive the Pipeline.
  Pipeline(std::shared_ptr<const CorpusData> corpus, ExtractorList extractors,
           ClassifierList pre_classifiers, ClassifierList classifiers, PipelineOptions options);

  // Reads `path` and runs every stage. On an ingest failure `doc` still has
  // path and sha256. `timings` receives milliseconds per stage when non-null.
  Status Process(const std::string& path, Document* doc,
                 std::map<std::string, double>* timings = nullptr) const;
  // The stages after ingest, over a Document whose raw_pages are filled.
  Status ProcessIngested(Document* doc, std::map<std::string, double>* timings = nullptr) const;

  const CorpusData& corpus() const { return *corpus_; }

 private:
  std::shared_ptr<const CorpusData> corpus_;
  ExtractorList extractors_;
  ClassifierList pre_classifiers_;
  ClassifierList classifiers_;
  PipelineOptions options_;
};

// Gives every record a stable id from the document sha and its kind and span,
// and fills parent_id from parent indexes.
void AssignIds(Document* doc);

}  // namespace agendum
