// agendum: the command line. The only file that includes Boost.
//
//   agendum run --out DIR [--jobs N] INPUT...   records.jsonl + run-report.json
//   agendum extract FILE                        one file's records on stdout
//   agendum text FILE                           normalised text with page markers
//   agendum explain FILE                        labels and the evidence for each
#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <thread>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "outputs/jsonl_writer.h"
#include "outputs/record_json.h"
#include "outputs/run_report_writer.h"
#include "pipeline/pipeline.h"
#include "pipeline/runner.h"

namespace po = boost::program_options;
using namespace agendum;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitFailures = 2;

const char* kUsage =
    "usage: agendum <command> [options]\n"
    "commands:\n"
    "  run --out DIR [--jobs N] INPUT...  process files and folders into DIR/records.jsonl\n"
    "                                     and DIR/run-report.json\n"
    "  extract FILE                       print one file's records as JSON Lines\n"
    "  text FILE                          print the normalised text with page markers\n"
    "  explain FILE                       print each record's labels and their evidence\n"
    "Run 'agendum <command> --help' for a command's options.\n";

po::options_description CommonOptions() {
  po::options_description common("common options");
  common.add_options()("help,h", "show this help")("version", "print the version")(
      "corpus", po::value<std::string>(), "folder of pattern and lexicon data (default: built-in)")(
      "skip", po::value<std::vector<std::string>>()->composing(), "skip a stage by name (repeatable)")(
      "max-pages", po::value<int>()->default_value(2000), "pages read at most from one PDF");
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
  if (vm.count("skip")) {
    for (const auto& s : vm["skip"].as<std::vector<std::string>>()) options.skip.insert(s);
  }
  return std::make_unique<Pipeline>(std::move(corpus), std::move(extractors), std::move(pre),
                                    std::move(classifiers), std::move(options));
}

int UsageError(const std::string& message, const po::options_description& options,
               const char* synopsis) {
  std::cerr << "agendum: " << message << "\n" << synopsis << "\n" << options;
  return kExitUsage;
}

int CommandRun(const std::vector<std::string>& args) {
  po::options_description options("agendum run options");
  options.add_options()("out,o", po::value<std::string>(), "output folder (created if missing)")(
      "jobs,j", po::value<int>()->default_value(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
      "documents processed in parallel")("timings", "print time per stage to stderr")(
      "quiet,q", "no per-file lines on stderr");
  options.add(CommonOptions());
  const char* synopsis = "usage: agendum run --out DIR [--jobs N] INPUT...";
  Parsed p;
  try {
    p = Parse(args, options);
  } catch (const po::error& e) {
    return UsageError(e.what(), options, synopsis);
  }
  if (p.vm.count("help")) {
    std::cout << synopsis << "\n" << options;
    return kExitOk;
  }
  if (p.vm.count("version")) {
    std::cout << "agendum " << AGENDUM_VERSION << "\n";
    return kExitOk;
  }
  if (!p.vm.count("out")) return UsageError("--out DIR is required", options, synopsis);
  if (p.inputs.empty()) return UsageError("no INPUT files or folders given", options, synopsis);
  int jobs = p.vm["jobs"].as<int>();
  if (jobs < 1 || jobs > 256) return UsageError("--jobs must be between 1 and 256", options, synopsis);

  std::string out = p.vm["out"].as<std::string>();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "agendum: cannot create output folder " << out << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  auto pipeline = BuildPipeline(p.vm);
  if (!pipeline.ok()) {
    std::cerr << "agendum: " << pipeline.status().ToString() << "\n";
    return kExitUsage;
  }
  CollectResult inputs = CollectInputs(p.inputs);
  bool quiet = p.vm.count("quiet") > 0;
  for (const auto& m : inputs.missing) std::cerr << "agendum: " << m << ": no such file or folder\n";
  if (!quiet) {
    for (const auto& s : inputs.skipped) std::cerr << "agendum: skipped " << s << "\n";
  }
  JsonlWriter jsonl(out + "/records.jsonl");
  RunReportWriter report(out + "/run-report.json", jobs, inputs.skipped, inputs.missing);
  std::map<std::string, double> stage_ms;
  RunOptions run_options;
  run_options.jobs = jobs;
  run_options.on_file = [&](const FileResult& r) {
    if (!r.status.ok()) std::cerr << "agendum: " << r.path << ": " << r.status.ToString() << "\n";
    for (const auto& [stage, ms] : r.timings) stage_ms[stage] += ms;
  };
  Status st = RunBatch(**pipeline, inputs.files, run_options, {&jsonl, &report});
  if (!st.ok()) {
    std::cerr << "agendum: " << st.ToString() << "\n";
    return kExitFailures;
  }
  if (p.vm.count("timings")) {
    for (const auto& [stage, ms] : stage_ms) std::cerr << "timing " << stage << " " << ms << " ms\n";
  }
  if (!quiet) {
    std::cerr << "agendum: " << report.processed() << " processed, " << report.failed()
              << " failed; wrote " << out << "/records.jsonl and " << out << "/run-report.json\n";
  }
  return report.failed() > 0 || !inputs.missing.empty() ? kExitFailures : kExitOk;
}

// extract, text, explain: one file, output on stdout.
int CommandOneFile(const std::string& command, const std::vector<std::string>& args) {
  po::options_description options("agendum " + command + " options");
  options.add(CommonOptions());
  std::string synopsis = "usage: agendum " + command + " FILE";
  Parsed p;
  try {
    p = Parse(args, options);
  } catch (const po::error& e) {
    return UsageError(e.what(), options, synopsis.c_str());
  }
  if (p.vm.count("help")) {
    std::cout << synopsis << "\n" << options;
    return kExitOk;
  }
  if (p.vm.count("version")) {
    std::cout << "agendum " << AGENDUM_VERSION << "\n";
    return kExitOk;
  }
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
  if (command == "extract" || command == "text" || command == "explain") {
    return CommandOneFile(command, args);
  }
  std::cerr << "agendum: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}
