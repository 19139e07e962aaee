// DocTypeClassifier: the document's doc_type from weighted structural cues
// (`doc_types.*` rows: field blocks, "Minutes:", "RESOLVED", "Purpose of
// report", "assurance", "Peer Challenge"), never from the file name. Runs
// before extraction, which consults it. MeetingClassifier, also before
// extraction, reads the title, body and meeting date from the header.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace agendum {

class DocTypeClassifier : public Classifier {
 public:
  static StatusOr<std::unique_ptr<Classifier>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "doc_type"; }
  Status Run(Document* doc) const override;

 private:
  explicit DocTypeClassifier(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  std::shared_ptr<const CorpusData> corpus_;
};

class MeetingClassifier : public Classifier {
 public:
  static StatusOr<std::unique_ptr<Classifier>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "meeting"; }
  Status Run(Document* doc) const override;

 private:
  explicit MeetingClassifier(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
