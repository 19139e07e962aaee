// agendum: the command line. The only file that includes Boost.
//
//   agendum run --out DIR [--jobs N] INPUT...   records.jsonl + run-report.json
//                                               + agendum.sqlite (the search index)
//   agendum run --shard K/N --out DIR INPUT...  one shard of a batch split across machines
//   agendum run --sink postgresql://... ...     also upsert records into a PostgreSQL register
//   agendum merge --out DIR SHARD_DIR...        one output folder from the shards' folders
//   agendum query --db PATH|URL [TEXT] [facets] search the index or register; csv/jsonl/md/html/xlsx
//   agendum register --db PATH                  the decisions register
//   agendum extract FILE                        one file's records on stdout
//   agendum text FILE                           normalised text with page markers
//   agendum explain FILE                        labels and the evidence for each
#include <boost/program_options.hpp>
#include <elf.h>
#include <link.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "outputs/decisions_register.h"
#include "outputs/index_query.h"
#include "outputs/jsonl_writer.h"
#include "outputs/postgres_sink.h"
#include "outputs/record_json.h"
#include "outputs/record_query.h"
#include "outputs/run_report_writer.h"
#include "outputs/shard_merge.h"
#include "outputs/sqlite_index_writer.h"
#include "outputs/table_writer.h"
#include "pipeline/pipeline.h"
#include "pipeline/runner.h"
#include "pipeline/schedule.h"
#include "pipeline/shard.h"

namespace po = boost::program_options;
using namespace agendum;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitFailures = 2;

const char* kUsage =
    "usage: agendum <command> [options]\n"
    "commands:\n"
    "  run --out DIR [--jobs N] INPUT...  process files and folders into DIR/records.jsonl,\n"
    "                                     DIR/run-report.json and the index DIR/agendum.sqlite\n"
    "  merge --out DIR SHARD_DIR...       combine the output folders of 'run --shard K/N'\n"
    "  query --db PATH [TEXT] [filters]   search the index (csv, jsonl, md, html, xlsx);\n"
    "                                     PATH may be a postgresql:// register\n"
    "  register --db PATH [--from] [--to] the decisions register (csv, xlsx, html)\n"
    "  extract FILE                       print one file's records as JSON Lines\n"
    "  text FILE                          print the normalised text with page markers\n"
    "  explain FILE                       print each record's labels and their evidence\n"
    "Run 'agendum <command> --help' for a command's options.\n";

po::options_description CommonOptions() {
  po::options_description common("common options");
  common.add_options()("help,h", "show this help")("version", "print the version")(
      "corpus", po::value<std::string>(), "folder of pattern and lexicon data (default: built-in)")(
      "skip", po::value<std::vector<std::string>>()->composing(), "skip a stage by name (repeatable)")(
      "max-pages", po::value<int>()->default_value(2000), "pages read at most from one PDF")(
      "max-text-mb", po::value<int>()->default_value(64),
      "text kept at most per document, in MB; the rest is dropped with a warning")(
      "max-line-bytes", po::value<int>()->default_value(20000),
      "longer lines are cut at spaces before segmentation")(
      "max-depth", po::value<int>()->default_value(12), "deeper lists are flattened to this depth");
  return common;
}

struct Parsed {
  po::variables_map vm;
  std::vector<std::string> inputs;
};

// Parses argv after the command word; throws po::error on a bad option.
Parsed Parse(const std::vector<std::string>& args, const po::options_description& visible) {
  po::options_description all;
  all.add(visible);
  all.add_options()("input", po::value<std::vector<std::string>>(), "input");
  po::positional_options_description pos;
  pos.add("input", -1);
  Parsed p;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), p.vm);
  po::notify(p.vm);
  if (p.vm.count("input")) p.inputs = p.vm["input"].as<std::vector<std::string>>();
  return p;
}

StatusOr<std::unique_ptr<Pipeline>> BuildPipeline(const po::variables_map& vm) {
  std::string root = vm.count("corpus") ? vm["corpus"].as<std::string>() : CorpusData::DefaultRoot();
  AGENDUM_ASSIGN_OR_RETURN(auto corpus, CorpusData::Load(root));
  AGENDUM_ASSIGN_OR_RETURN(auto extractors, MakeExtractors(corpus));
  AGENDUM_ASSIGN_OR_RETURN(auto pre, MakePreClassifiers(corpus));
  AGENDUM_ASSIGN_OR_RETURN(auto classifiers, MakeClassifiers(corpus));
  PipelineOptions options;
  options.ingest.max_pages = vm["max-pages"].as<int>();
  // Limits on what one input can make us do (issue 8); each must allow some work.
  for (const char* limit : {"max-pages", "max-text-mb", "max-line-bytes", "max-depth"}) {
    if (vm[limit].as<int>() < 1) return Status::InvalidArgument(std::string("--") + limit + " must be at least 1");
  }
  options.ingest.max_text_bytes = static_cast<size_t>(vm["max-text-mb"].as<int>()) << 20;
  options.normalise.max_line_bytes = static_cast<size_t>(vm["max-line-bytes"].as<int>());
  options.segment.max_depth = vm["max-depth"].as<int>();
  if (vm.count("skip")) {
    for (const auto& s : vm["skip"].as<std::vector<std::string>>()) options.skip.insert(s);
  }
  return std::make_unique<Pipeline>(std::move(corpus), std::move(extractors), std::move(pre),
                                    std::move(classifiers), std::move(options));
}

// The pipeline for a batch with nothing to process: no stages, no patterns
// compiled. Compiling the patterns was most of the time of a re-run over an
// unchanged corpus (issue 7).
std::unique_ptr<Pipeline> EmptyPipeline() {
  return std::make_unique<Pipeline>(std::make_shared<const CorpusData>(), ExtractorList{},
                                    ClassifierList{}, ClassifierList{}, PipelineOptions{});
}

int UsageError(const std::string& message, const po::options_description& options,
               const char* synopsis) {
  std::cerr << "agendum: " << message << "\n" << synopsis << "\n" << options;
  return kExitUsage;
}

// Parses a command's options. Returns the exit code when the command is
// already done: a usage error, --help, or --version where it is offered.
std::optional<int> ParseCommand(const std::vector<std::string>& args,
                                const po::options_description& options, const std::string& synopsis,
                                Parsed* p) {
  try {
    *p = Parse(args, options);
  } catch (const po::error& e) {
    return UsageError(e.what(), options, synopsis.c_str());
  }
  if (p->vm.count("help")) {
    std::cout << synopsis << "\n" << options;
    return kExitOk;
  }
  if (p->vm.count("version")) {
    std::cout << "agendum " << AGENDUM_VERSION << "\n";
    return kExitOk;
  }
  return std::nullopt;
}

StatusOr<std::string> ReadFileBytes(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError("cannot read " + path);
  std::string bytes;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError("cannot read " + path);
  return bytes;
}

// The linker's build id of this program (a hash of the linked binary) in
// hex; "" when it was linked without one.
std::string BuildId() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        // The first object reported is the program itself; stop after it.
        auto* out = static_cast<std::string*>(data);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
          const char* end = p + segment.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (desc + note->n_descsz > end) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
              static const char kHex[] = "0123456789abcdef";
              for (unsigned k = 0; k < note->n_descsz; ++k) {
                unsigned char c = static_cast<unsigned char>(desc[k]);
                out->push_back(kHex[c >> 4]);
                out->push_back(kHex[c & 15]);
              }
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &id);
  return id;
}

// Names the pipeline that makes the records: this binary, the corpus data and
// the options that change records. An index entry made by another pipeline
// is processed again instead of being reused.
std::string PipelineFingerprint(const po::variables_map& vm) {
  std::string material = std::string("agendum ") + AGENDUM_VERSION + "\n";
  // The build id names the binary without reading it, which was most of the
  // time of a re-run with nothing to do (issue 7).
  if (std::string build = BuildId(); !build.empty()) {
    material += "build " + build + "\n";
  } else if (auto exe = ReadFileBytes("/proc/self/exe"); exe.ok()) {
    material += Sha256Hex(*exe) + "\n";
  }
  std::string root = vm.count("corpus") ? vm["corpus"].as<std::string>() : CorpusData::DefaultRoot();
  // Only the folders CorpusData::Load reads; paths compared lexically (a
  // re-run with nothing to do is mostly start-up, issue 7).
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const char* folder : {"patterns", "lexicons", "taxonomy"}) {
    std::error_code walk;
    for (std::filesystem::recursive_directory_iterator it(std::filesystem::path(root) / folder, walk),
         end;
         !walk && it != end; it.increment(walk)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto bytes = ReadFileBytes(f.string());
    material += f.lexically_relative(root).string() + " " +
                (bytes.ok() ? Sha256Hex(*bytes) : "unreadable") + "\n";
  }
  if (vm.count("skip")) {
    for (const auto& s : vm["skip"].as<std::vector<std::string>>()) material += "skip " + s + "\n";
  }
  material += "max-pages " + std::to_string(vm["max-pages"].as<int>()) + "\n";
  for (const char* limit : {"max-text-mb", "max-line-bytes", "max-depth"}) {
    material += std::string(limit) + " " + std::to_string(vm[limit].as<int>()) + "\n";
  }
  return Sha256Hex(material).substr(0, 32);
}

// Opens the index for `run`, prunes it when asked, and splits the inputs into
// files to process and files whose bytes are already indexed (and, with a
// --sink, already in the register).
Status PrepareIndex(const po::variables_map& vm, const std::string& index_path, bool quiet,
                    const std::vector<InputFile>& files, PostgresSink* sink,
                    std::unique_ptr<SqliteIndexWriter>* index, std::vector<InputFile>* todo,
                    std::vector<std::string>* unchanged, int* failed_before) {
  IndexOptions options;
  options.pipeline = PipelineFingerprint(vm);
  AGENDUM_ASSIGN_OR_RETURN(*index, SqliteIndexWriter::Open(index_path, options));
  if (vm.count("prune")) {
    AGENDUM_ASSIGN_OR_RETURN(auto pruned, (*index)->PruneMissingFiles());
    if (!quiet) {
      for (const auto& path : pruned) std::cerr << "agendum: pruned " << path << " (file gone)\n";
    }
  }
  std::vector<std::string> paths;
  for (const InputFile& f : files) paths.push_back(f.path);
  AGENDUM_ASSIGN_OR_RETURN(std::vector<FileCheck> checks, (*index)->CheckFiles(paths));
  // A file the register lacks is processed again to fill it.
  std::map<std::string, std::string> indexed;
  std::set<std::string> held;
  if (sink) {
    AGENDUM_ASSIGN_OR_RETURN(indexed, (*index)->IndexedShas());
    std::vector<std::string> shas;
    for (size_t i = 0; i < files.size(); ++i) {
      if (checks[i].unchanged && checks[i].failure.empty()) shas.push_back(indexed[files[i].path]);
    }
    AGENDUM_ASSIGN_OR_RETURN(held, sink->Holds(shas));
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (checks[i].unchanged && !checks[i].failure.empty()) {
      // The same bytes failed before and would fail again.
      std::cerr << "agendum: " << files[i].path << ": " << checks[i].failure
                << " (file unchanged since it failed)\n";
      unchanged->push_back(files[i].path + ": unchanged, failed before: " + checks[i].failure);
      ++*failed_before;
    } else if (checks[i].unchanged && (!sink || held.count(indexed[files[i].path]))) {
      unchanged->push_back(files[i].path + ": unchanged, records taken from the index");
    } else {
      todo->push_back(files[i]);
    }
  }
  return Status::Ok();
}

int CommandRun(const std::vector<std::string>& args) {
  po::options_description options("agendum run options");
  options.add_options()("out,o", po::value<std::string>(), "output folder (created if missing)")(
      "jobs,j", po::value<int>()->default_value(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
      "documents processed in parallel")("timings", "print time per stage to stderr")(
      "quiet,q", "no per-file lines on stderr")(
      "index", po::value<std::string>(), "search index to update (default: DIR/agendum.sqlite)")(
      "no-index", "do not write a search index")(
      "prune", "remove documents whose files are gone from the index")(
      "file-timeout", po::value<double>()->default_value(120),
      "seconds one file may take before its worker is killed; 0 for no limit")(
      "file-memory", po::value<int>()->default_value(2048),
      "MB of address space each worker may use; 0 for no limit")(
      "no-isolation", "process files on threads of this process, not in worker processes "
      "(for debuggers and sanitizers; a crash in one file then ends the run)");
  options.add_options()("shard", po::value<std::string>(),
                        "K/N: process only the files whose content hashes to shard K of N "
                        "(0-based); combine the shards' folders with agendum merge")(
      "sink", po::value<std::string>(),
      "postgresql://... URL: also upsert every document's records into this register");
  options.add(CommonOptions());
  const char* synopsis =
      "usage: agendum run --out DIR [--jobs N] [--index PATH | --no-index] [--prune]\n"
      "         [--shard K/N] [--sink postgresql://...] INPUT...";
  Parsed p;
  if (std::optional<int> done = ParseCommand(args, options, synopsis, &p)) return *done;
  if (!p.vm.count("out")) return UsageError("--out DIR is required", options, synopsis);
  if (p.inputs.empty()) return UsageError("no INPUT files or folders given", options, synopsis);
  int jobs = p.vm["jobs"].as<int>();
  if (jobs < 1 || jobs > 256) return UsageError("--jobs must be between 1 and 256", options, synopsis);
  if (p.vm["file-timeout"].as<double>() < 0 || p.vm["file-memory"].as<int>() < 0) {
    return UsageError("--file-timeout and --file-memory must be 0 (no limit) or more", options,
                      synopsis);
  }
  const bool use_index = !p.vm.count("no-index");
  if (!use_index && (p.vm.count("index") || p.vm.count("prune"))) {
    return UsageError("--no-index cannot be combined with --index or --prune", options, synopsis);
  }

  std::string out = p.vm["out"].as<std::string>();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "agendum: cannot create output folder " << out << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  std::optional<ShardSpec> shard;
  if (p.vm.count("shard")) {
    auto spec = ParseShard(p.vm["shard"].as<std::string>());
    if (!spec.ok()) return UsageError(spec.status().message(), options, synopsis);
    shard = *spec;
  }
  CollectResult inputs = CollectInputs(p.inputs);
  bool quiet = p.vm.count("quiet") > 0;
  // A register shared with other runs (issue 7).
  std::unique_ptr<PostgresSink> sink;
  if (p.vm.count("sink")) {
    std::string url = p.vm["sink"].as<std::string>();
    if (!IsPostgresUrl(url)) {
      return UsageError("--sink takes a postgresql://user@host/database URL", options, synopsis);
    }
    PostgresSinkOptions sink_options;
    sink_options.pipeline = PipelineFingerprint(p.vm);
    auto opened = PostgresSink::Open(url, sink_options);
    if (!opened.ok()) {
      std::cerr << "agendum: --sink: " << opened.status().ToString() << "\n";
      return kExitUsage;
    }
    sink = std::move(*opened);
  }
  for (const auto& m : inputs.missing) std::cerr << "agendum: " << m << ": no such file or folder\n";
  if (!quiet) {
    for (const auto& s : inputs.skipped) std::cerr << "agendum: skipped " << s << "\n";
  }
  // With an index, files whose bytes are already indexed are not processed
  // again; records.jsonl is then written from the index, in input order.
  std::unique_ptr<SqliteIndexWriter> index;
  std::vector<InputFile> todo;
  std::vector<std::string> unchanged;
  int failed_before = 0;
  if (use_index) {
    std::string index_path =
        p.vm.count("index") ? p.vm["index"].as<std::string>() : DefaultIndexPath(out);
    Status st =
        PrepareIndex(p.vm, index_path, quiet, inputs.files, sink.get(), &index, &todo, &unchanged,
                     &failed_before);
    if (!st.ok()) {
      std::cerr << "agendum: " << index_path << ": " << st.ToString() << "\n";
      return kExitUsage;
    }
  } else {
    todo = inputs.files;
  }
  if (shard) {
    // Files of other shards are dropped from what is left to do; the index
    // knows this shard's files already. Its stamps give each file's hash
    // without reading it again on a re-run.
    std::vector<std::string> shas;
    if (index) {
      std::vector<std::string> paths;
      for (const InputFile& f : todo) paths.push_back(f.path);
      auto known = index->ContentShas(paths);
      if (!known.ok()) {
        std::cerr << "agendum: " << known.status().ToString() << "\n";
        return kExitFailures;
      }
      shas = std::move(*known);
    }
    todo = index ? SelectShard(todo, shas, *shard) : SelectShard(todo, *shard);
    if (!quiet) {
      std::cerr << "agendum: shard " << shard->index << "/" << shard->count << ": "
                << todo.size() + unchanged.size() << " of " << inputs.files.size() << " files\n";
    }
  }
  auto pipeline = todo.empty() ? StatusOr<std::unique_ptr<Pipeline>>(EmptyPipeline())
                               : BuildPipeline(p.vm);
  if (!pipeline.ok()) {
    std::cerr << "agendum: " << pipeline.status().ToString() << "\n";
    return kExitUsage;
  }
  std::vector<std::string> skipped = inputs.skipped;
  skipped.insert(skipped.end(), unchanged.begin(), unchanged.end());
  JsonlWriter jsonl(out + "/records.jsonl");
  RunReportWriter report(out + "/run-report.json", jobs, skipped, inputs.missing);
  std::map<std::string, double> stage_ms;
  RunOptions run_options;
  run_options.jobs = jobs;
  run_options.isolation = p.vm.count("no-isolation") ? Isolation::kThread : Isolation::kProcess;
  run_options.file_timeout_seconds = p.vm["file-timeout"].as<double>();
  run_options.file_memory_bytes = static_cast<size_t>(p.vm["file-memory"].as<int>()) << 20;
  run_options.on_file = [&](const FileResult& r) {
    if (!r.status.ok()) std::cerr << "agendum: " << r.path << ": " << r.status.ToString() << "\n";
    for (const auto& [stage, ms] : r.timings) stage_ms[stage] += ms;
  };
  std::vector<Writer*> writers = {&report};
  writers.insert(writers.begin(), index ? static_cast<Writer*>(index.get()) : &jsonl);
  if (sink) writers.push_back(sink.get());
  if (index) {
    // records.jsonl comes from the index in input order, so the longest
    // documents can go first and the short ones fill in around them.
    todo = LongestFirst(std::move(todo));
    std::vector<std::string> order;
    for (const InputFile& f : inputs.files) order.push_back(f.path);
    report.set_order(std::move(order));
  }
  const auto run_start = std::chrono::system_clock::now();
  Status st = RunBatch(**pipeline, todo, run_options, writers);
  if (st.ok() && index) {
    std::vector<std::string> processed;
    for (const InputFile& f : todo) processed.push_back(f.path);
    st = index->StampFiles(processed, run_start);
  }
  if (st.ok() && index) {
    std::vector<std::string> paths;
    for (const InputFile& f : inputs.files) paths.push_back(f.path);
    st = index->WriteRecordsJsonl(paths, out + "/records.jsonl");
  }
  if (!st.ok()) {
    std::cerr << "agendum: " << st.ToString() << "\n";
    return kExitFailures;
  }
  if (p.vm.count("timings")) {
    for (const auto& [stage, ms] : stage_ms) std::cerr << "timing " << stage << " " << ms << " ms\n";
    // The writers run on this thread, after the stages of each document.
    if (index) std::cerr << "timing index " << index->write_seconds() * 1000 << " ms\n";
    if (sink) std::cerr << "timing postgresql " << sink->write_seconds() * 1000 << " ms\n";
  }
  if (!quiet) {
    std::cerr << "agendum: " << report.processed() << " processed, " << report.failed()
              << " failed";
    if (index) std::cerr << ", " << unchanged.size() << " unchanged";
    std::cerr << "; wrote " << out << "/records.jsonl and " << out << "/run-report.json";
    if (index) std::cerr << "; index " << index->documents_written() << " documents updated";
    if (sink) std::cerr << "; register " << sink->documents_written() << " documents written";
    std::cerr << "\n";
  }
  return report.failed() > 0 || failed_before > 0 || !inputs.missing.empty() ? kExitFailures
                                                                               : kExitOk;
}

// extract, text, explain: one file, output on stdout.
int CommandOneFile(const std::string& command, const std::vector<std::string>& args) {
  po::options_description options("agendum " + command + " options");
  options.add(CommonOptions());
  std::string synopsis = "usage: agendum " + command + " FILE";
  Parsed p;
  if (std::optional<int> done = ParseCommand(args, options, synopsis, &p)) return *done;
  if (p.inputs.size() != 1) return UsageError("expected exactly one FILE", options, synopsis.c_str());
  auto pipeline = BuildPipeline(p.vm);
  if (!pipeline.ok()) {
    std::cerr << "agendum: " << pipeline.status().ToString() << "\n";
    return kExitUsage;
  }
  Document doc;
  Status st = (*pipeline)->Process(p.inputs[0], &doc);
  if (!st.ok()) {
    std::cerr << "agendum: " << p.inputs[0] << ": " << st.ToString() << "\n";
    return kExitFailures;
  }
  if (command == "extract") {
    std::cout << DocumentJsonLines(doc);
  } else if (command == "text") {
    for (const Page& page : doc.pages) {
      std::cout << "=== page " << page.number << (page.has_text ? "" : " (no text)") << " ===\n";
      std::cout << doc.Slice(page.span);
      if (page.span.size() && doc.text[page.span.end - 1] != '\n') std::cout << "\n";
    }
  } else {
    std::cout << doc.path << "\n  doc_type: " << ToString(doc.doc_type);
    if (auto it = doc.why.find("doc_type"); it != doc.why.end()) std::cout << "  <- " << it->second;
    std::cout << "\n";
    for (const Record& r : doc.records) {
      std::cout << "\n" << ToString(r.kind);
      if (r.label) std::cout << " " << *r.label;
      if (r.page) std::cout << " (page " << *r.page << ")";
      std::string shown = r.kind == Kind::kDecision && r.title ? *r.title : r.text;
      if (shown.size() > 100) shown = shown.substr(0, 97) + "...";
      std::cout << ": " << shown << "\n";
      for (const auto& [field, cue] : r.why) std::cout << "  " << field << " <- " << cue << "\n";
    }
  }
  return kExitOk;
}

// Exit code for a failed query or register: the user's input (1) or the
// machine (2).
int ExitFor(const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kSetup:
      return kExitUsage;
    default:
      return kExitFailures;
  }
}

// --format, else the --output extension, else csv.
StatusOr<TableFormat> ChooseFormat(const po::variables_map& vm) {
  if (vm.count("format")) {
    std::string name = vm["format"].as<std::string>();
    if (auto f = TableFormatFromString(name)) return *f;
    return Status::InvalidArgument("unknown --format '" + name + "'; use csv, jsonl, md, html or xlsx");
  }
  if (vm.count("output")) {
    if (auto f = TableFormatForPath(vm["output"].as<std::string>())) return *f;
  }
  return TableFormat::kCsv;
}

template <typename T>
StatusOr<std::optional<T>> EnumOption(const po::variables_map& vm, const char* name,
                                      std::optional<T> (*parse)(std::string_view),
                                      const char* values) {
  if (!vm.count(name)) return std::optional<T>();
  std::string text = vm[name].as<std::string>();
  if (auto v = parse(text)) return std::optional<T>(*v);
  return Status::InvalidArgument("unknown --" + std::string(name) + " '" + text + "'; one of: " +
                                 values);
}

template <typename T, size_t N>
std::string Joined(T (&values)[N]) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

StatusOr<std::optional<std::string>> DateOption(const po::variables_map& vm, const char* name,
                                                bool upper) {
  if (!vm.count(name)) return std::optional<std::string>();
  auto date = ParseDateBound(vm[name].as<std::string>(), upper);
  if (!date.ok()) return Status::InvalidArgument("--" + std::string(name) + ": " + date.status().message());
  return std::optional<std::string>(*date);
}

Status RunQueryCommand(const po::variables_map& vm, const std::vector<std::string>& words) {
  if (!vm.count("db")) return Status::InvalidArgument("--db PATH is required (DIR/agendum.sqlite from agendum run)");
  QueryOptions q;
  for (const auto& w : words) q.text += (q.text.empty() ? "" : " ") + w;
#define AGENDUM_STRINGIFY(name, str) str,
  static const char* kKinds[] = {AGENDUM_KINDS(AGENDUM_STRINGIFY)};
  static const char* kTopics[] = {AGENDUM_TOPICS(AGENDUM_STRINGIFY)};
  static const char* kDocTypes[] = {AGENDUM_DOC_TYPES(AGENDUM_STRINGIFY)};
  static const char* kOutcomes[] = {AGENDUM_OUTCOME_CLASSES(AGENDUM_STRINGIFY)};
#undef AGENDUM_STRINGIFY
  AGENDUM_ASSIGN_OR_RETURN(q.kind, EnumOption<Kind>(vm, "kind", KindFromString, Joined(kKinds).c_str()));
  AGENDUM_ASSIGN_OR_RETURN(q.topic, EnumOption<Topic>(vm, "topic", TopicFromString, Joined(kTopics).c_str()));
  AGENDUM_ASSIGN_OR_RETURN(q.doc_type, EnumOption<DocType>(vm, "doc-type", DocTypeFromString,
                                                           Joined(kDocTypes).c_str()));
  AGENDUM_ASSIGN_OR_RETURN(q.outcome, EnumOption<OutcomeClass>(vm, "outcome", OutcomeClassFromString,
                                                               Joined(kOutcomes).c_str()));
  AGENDUM_ASSIGN_OR_RETURN(q.from, DateOption(vm, "from", false));
  AGENDUM_ASSIGN_OR_RETURN(q.to, DateOption(vm, "to", true));
  if (vm.count("decision-maker")) q.decision_maker = vm["decision-maker"].as<std::string>();
  q.key_decision = vm.count("key-decision") > 0;
  q.limit = vm["limit"].as<int>();
  if (q.limit < 0) return Status::InvalidArgument("--limit must be 0 (all) or more");
  std::string sort = vm["sort"].as<std::string>();
  if (sort == "date") q.sort = QuerySort::kDate;
  else if (sort != "relevance") return Status::InvalidArgument("--sort is relevance or date");
  AGENDUM_ASSIGN_OR_RETURN(TableFormat format, ChooseFormat(vm));
  std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";

  AGENDUM_ASSIGN_OR_RETURN(auto index, OpenRecordQuery(vm["db"].as<std::string>()));
  AGENDUM_ASSIGN_OR_RETURN(QueryResult result, index->Run(q));
  AGENDUM_RETURN_IF_ERROR(WriteTable(result.table, format, output));
  if (result.truncated) {
    std::cerr << "agendum: showing the first " << q.limit
              << " rows; more match (--limit N for more, --limit 0 for all)\n";
  }
  return Status::Ok();
}

int CommandQuery(const std::vector<std::string>& args) {
  po::options_description options("agendum query options");
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(),
      "the index (DIR/agendum.sqlite from agendum run) or a postgresql:// register (run --sink)")(
      "kind", po::value<std::string>(), "only records of this kind (decision, resolution, ...)")(
      "from", po::value<std::string>(), "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")(
      "to", po::value<std::string>(), "on or before this date")(
      "decision-maker", po::value<std::string>(), "decision maker, exactly (ignoring case)")(
      "topic", po::value<std::string>(), "topic (housing, waste, ...)")(
      "doc-type", po::value<std::string>(), "document type (minutes, decision_notice, ...)")(
      "key-decision", "only key decisions and their records")(
      "outcome", po::value<std::string>(), "outcome (approved, deferred, rejected, ...)")(
      "limit", po::value<int>()->default_value(100), "rows at most; 0 for all")(
      "sort", po::value<std::string>()->default_value("relevance"), "relevance or date")(
      "format", po::value<std::string>(), "csv, jsonl, md, html or xlsx (default: from --output, else csv)")(
      "output,o", po::value<std::string>(), "write to FILE instead of standard output");
  const char* synopsis =
      "usage: agendum query --db PATH|postgresql://... [TEXT] [--kind K] [--from DATE] [--to DATE]\n"
      "         [--decision-maker X] [--topic T] [--doc-type T] [--key-decision] [--outcome O]\n"
      "         [--limit N] [--sort relevance|date] [--format csv|jsonl|xlsx|md|html] [--output FILE]\n"
      "TEXT: words (stemmed), \"exact phrases\", AND, OR, NOT, (groups), prefix*";
  Parsed p;
  if (std::optional<int> done = ParseCommand(args, options, synopsis, &p)) return *done;
  Status st = RunQueryCommand(p.vm, p.inputs);
  if (!st.ok()) {
    std::cerr << "agendum: " << st.message() << "\n";
    return ExitFor(st);
  }
  return kExitOk;
}

int CommandMerge(const std::vector<std::string>& args) {
  po::options_description options("agendum merge options");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>(), "output folder (created if missing)")(
      "quiet,q", "no summary on stderr");
  const char* synopsis =
      "usage: agendum merge --out DIR SHARD_DIR...\n"
      "Combines the output folders of 'agendum run --shard K/N' into one records.jsonl\n"
      "(in path order), one index and one run report. Merging again gives the same files.";
  Parsed p;
  if (std::optional<int> done = ParseCommand(args, options, synopsis, &p)) return *done;
  if (!p.vm.count("out")) return UsageError("--out DIR is required", options, synopsis);
  if (p.inputs.empty()) return UsageError("no SHARD_DIR given", options, synopsis);
  std::string out = p.vm["out"].as<std::string>();
  auto merged = MergeShards(p.inputs, out);
  if (!merged.ok()) {
    std::cerr << "agendum: " << merged.status().ToString() << "\n";
    return ExitFor(merged.status());
  }
  if (!p.vm.count("quiet")) {
    std::cerr << "agendum: merged " << merged->shards << " shards, " << merged->documents
              << " documents";
    if (merged->duplicates) std::cerr << " (" << merged->duplicates << " in more than one shard)";
    std::cerr << "; wrote " << out << "/records.jsonl and " << DefaultIndexPath(out) << "\n";
  }
  return kExitOk;
}

Status RunRegisterCommand(const po::variables_map& vm) {
  if (!vm.count("db")) return Status::InvalidArgument("--db PATH is required (DIR/agendum.sqlite from agendum run)");
  RegisterOptions r;
  AGENDUM_ASSIGN_OR_RETURN(r.from, DateOption(vm, "from", false));
  AGENDUM_ASSIGN_OR_RETURN(r.to, DateOption(vm, "to", true));
  AGENDUM_ASSIGN_OR_RETURN(TableFormat format, ChooseFormat(vm));
  std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  AGENDUM_ASSIGN_OR_RETURN(Table table, BuildDecisionsRegister(vm["db"].as<std::string>(), r));
  return WriteTable(table, format, output);
}

int CommandRegister(const std::vector<std::string>& args) {
  po::options_description options("agendum register options");
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(), "the index (DIR/agendum.sqlite from agendum run)")(
      "from", po::value<std::string>(), "decisions on or after this date")(
      "to", po::value<std::string>(), "decisions on or before this date")(
      "format", po::value<std::string>(), "csv, xlsx or html (also md, jsonl; default: from --output, else csv)")(
      "output,o", po::value<std::string>(), "write to FILE instead of standard output");
  const char* synopsis =
      "usage: agendum register --db PATH [--from DATE] [--to DATE] [--format csv|xlsx|html] "
      "[--output FILE]";
  Parsed p;
  if (std::optional<int> done = ParseCommand(args, options, synopsis, &p)) return *done;
  if (!p.inputs.empty()) return UsageError("unexpected argument '" + p.inputs[0] + "'", options, synopsis);
  Status st = RunRegisterCommand(p.vm);
  if (!st.ok()) {
    std::cerr << "agendum: " << st.message() << "\n";
    return ExitFor(st);
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "agendum " << AGENDUM_VERSION << "\n";
    return kExitOk;
  }
  if (command == "run") return CommandRun(args);
  if (command == "query") return CommandQuery(args);
  if (command == "merge") return CommandMerge(args);
  if (command == "register") return CommandRegister(args);
  if (command == "extract" || command == "text" || command == "explain") {
    return CommandOneFile(command, args);
  }
  std::cerr << "agendum: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}
