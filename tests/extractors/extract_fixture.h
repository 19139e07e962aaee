// Runs the whole pipeline (normalise, segment, classify, extract) over a
// synthetic committee paper held in memory, for extractor tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "pipeline/pipeline.h"

namespace agendum {
namespace testing_support {

// The pipeline over the project's own corpus/ data, built once.
inline const Pipeline& SharedPipeline() {
  static const Pipeline* pipeline = [] {
    auto corpus = CorpusData::Load(CorpusData::DefaultRoot());
    EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
    auto extractors = MakeExtractors(*corpus);
    auto pre = MakePreClassifiers(*corpus);
    auto post = MakeClassifiers(*corpus);
    EXPECT_TRUE(extractors.ok() && pre.ok() && post.ok());
    return new Pipeline(*corpus, std::move(*extractors), std::move(*pre), std::move(*post),
                        PipelineOptions());
  }();
  return *pipeline;
}

// Processes `text` as if read from a plain-text file.
inline Document RunText(const std::string& text) {
  Document doc;
  doc.path = "synthetic.txt";
  doc.format = Format::kText;
  doc.sha256 = std::string(64, 'a');
  doc.id = "doc-aaaaaaaaaaaaaaaa";
  doc.raw_pages = {text};
  doc.page_has_text = {true};
  doc.page_count = 1;
  Status st = SharedPipeline().ProcessIngested(&doc);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return doc;
}

inline std::vector<const Record*> OfKind(const Document& doc, Kind kind) {
  std::vector<const Record*> out;
  for (const Record& r : doc.records) {
    if (r.kind == kind) out.push_back(&r);
  }
  return out;
}

// All records of a kind as DebugString lines, for failure messages.
inline std::string Dump(const Document& doc, Kind kind) {
  std::string out;
  for (const Record* r : OfKind(doc, kind)) out += "  " + r->DebugString() + "\n";
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace testing_support
}  // namespace agendum
