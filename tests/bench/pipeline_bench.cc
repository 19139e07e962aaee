// pipeline_bench: the stages after ingest, in bytes of text per second
// (issue 7), over fixed inputs: the sample papers in corpus/samples and a
// synthetic agenda pack made by scripts/make_bench_pack. Ingest itself is
// Poppler's work and is measured end to end by scripts/bench against
// pdftotext; these show where our own time goes when a stage changes.
//
//   build-bench/tests/bench/pipeline_bench [--benchmark_filter=Normalise]
//       [--pack PATH]   (default: a 300-page pack written to /tmp)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "outputs/record_json.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"

namespace agendum {
namespace {

struct Inputs {
  std::shared_ptr<const CorpusData> corpus;
  std::unique_ptr<Pipeline> pipeline;
  std::vector<Document> ingested;   // raw pages filled
  std::vector<Document> processed;  // every stage run
  size_t raw_bytes = 0;
  size_t text_bytes = 0;
};

std::string g_pack;

Inputs& Load() {
  static Inputs* inputs = [] {
    auto* in = new Inputs;
    auto corpus = CorpusData::Load(CorpusData::DefaultRoot());
    if (!corpus.ok()) {
      std::fprintf(stderr, "pipeline_bench: %s\n", corpus.status().ToString().c_str());
      std::exit(1);
    }
    in->corpus = *corpus;
    auto extractors = MakeExtractors(in->corpus);
    auto pre = MakePreClassifiers(in->corpus);
    auto classifiers = MakeClassifiers(in->corpus);
    if (!extractors.ok() || !pre.ok() || !classifiers.ok()) std::exit(1);
    in->pipeline = std::make_unique<Pipeline>(in->corpus, std::move(*extractors), std::move(*pre),
                                              std::move(*classifiers), PipelineOptions{});
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(CorpusData::DefaultRoot() + "/samples", ec)) {
      if (FormatForPath(entry.path().string()) && entry.path().filename() != "README.md") {
        paths.push_back(entry.path().string());
      }
    }
    std::sort(paths.begin(), paths.end());
    paths.push_back(g_pack);
    for (const std::string& path : paths) {
      Document doc;
      if (!IngestFile(path, IngestOptions{}, &doc).ok()) continue;
      for (const std::string& page : doc.raw_pages) in->raw_bytes += page.size();
      Document done = doc;
      if (!in->pipeline->ProcessIngested(&done).ok()) continue;
      in->text_bytes += done.text.size();
      in->ingested.push_back(std::move(doc));
      in->processed.push_back(std::move(done));
    }
    return in;
  }();
  return *inputs;
}

void BM_Normalise(benchmark::State& state) {
  Inputs& in = Load();
  for (auto _ : state) {
    for (const Document& d : in.ingested) {
      Document doc = d;
      Status st = Normalise(in.corpus->patterns, NormaliseOptions{}, &doc);
      benchmark::DoNotOptimize(st);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.raw_bytes));
}
BENCHMARK(BM_Normalise)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
  Inputs& in = Load();
  for (auto _ : state) {
    for (const Document& d : in.processed) {
      Document doc;
      doc.text = d.text;
      doc.pages = d.pages;
      Status st = Segment(in.corpus->patterns, SegmentOptions{}, &doc);
      benchmark::DoNotOptimize(st);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.text_bytes));
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

// Normalise, segment, every extractor and classifier, ids.
void BM_StagesAfterIngest(benchmark::State& state) {
  Inputs& in = Load();
  for (auto _ : state) {
    for (const Document& d : in.ingested) {
      Document doc = d;
      Status st = in.pipeline->ProcessIngested(&doc);
      benchmark::DoNotOptimize(st);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.raw_bytes));
}
BENCHMARK(BM_StagesAfterIngest)->Unit(benchmark::kMillisecond);

void BM_RecordsJson(benchmark::State& state) {
  Inputs& in = Load();
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const Document& d : in.processed) {
      std::string lines = DocumentJsonLines(d);
      bytes += lines.size();
      benchmark::DoNotOptimize(lines);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_RecordsJson)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace agendum

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::string(argv[i]) == "--pack" && i + 1 < argc) {
      agendum::g_pack = argv[++i];
    } else {
      args.push_back(argv[i]);
    }
  }
  if (agendum::g_pack.empty()) {
    agendum::g_pack = (std::filesystem::temp_directory_path() / "agendum_bench_pack_300.pdf").string();
    std::string command = std::string("'") + AGENDUM_SOURCE_DIR + "/scripts/make_bench_pack' '" +
                          agendum::g_pack + "'";
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "pipeline_bench: cannot write %s\n", agendum::g_pack.c_str());
      return 1;
    }
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
