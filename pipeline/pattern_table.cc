#include "pipeline/pattern_table.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace agendum {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// Calls fn(stem, path, contents) for every *.tsv in dir, sorted by name.
template <typename Fn>
Status ForEachTsv(const std::string& dir, Fn fn) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Setup("corpus folder not found: " + dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    AGENDUM_RETURN_IF_ERROR(fn(path.stem().string(), path.string(), buf.str()));
  }
  return Status::Ok();
}

}  // namespace

Status PatternTable::AddFile(const std::string& stem, const std::string& where,
                             const std::string& tsv) {
  std::istringstream in(tsv);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string at = where + ":" + std::to_string(number);
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() < 5) {
      return Status::Setup(at + ": expected 5 tab-separated columns (id, value, pattern, sample, source)");
    }
    auto row = std::make_unique<PatternRow>();
    row->id = stem + "." + cols[0];
    row->value = cols[1];
    row->sample = cols[3];
    row->source = cols[4];
    row->where = at;
    RE2::Options options;
    options.set_log_errors(false);
    row->re = std::make_unique<RE2>(cols[2], options);
    if (!row->re->ok()) return Status::Setup(at + ": pattern " + row->id + ": " + row->re->error());
    if (by_id_.count(row->id)) return Status::Setup(at + ": duplicate id " + row->id);
    by_id_[row->id] = row.get();
    rows_.push_back(std::move(row));
  }
  return Status::Ok();
}

StatusOr<PatternTable> PatternTable::Load(const std::string& dir) {
  PatternTable table;
  AGENDUM_RETURN_IF_ERROR(ForEachTsv(dir, [&](const std::string& stem, const std::string& where,
                                               const std::string& text) {
    return table.AddFile(stem, where, text);
  }));
  return table;
}

StatusOr<PatternTable> PatternTable::FromString(const std::string& name, const std::string& tsv) {
  PatternTable table;
  AGENDUM_RETURN_IF_ERROR(table.AddFile(name, name, tsv));
  return table;
}

const PatternRow* PatternTable::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const RE2& PatternTable::Get(std::string_view id) const {
  const PatternRow* row = Find(id);
  assert(row && "pattern id not loaded; constructors must call Require");
  return *row->re;
}

Status PatternTable::Require(const std::vector<std::string_view>& ids) const {
  for (std::string_view id : ids) {
    if (!Find(id)) return Status::Setup("corpus/patterns has no row " + std::string(id));
  }
  return Status::Ok();
}

std::vector<const PatternRow*> PatternTable::Group(std::string_view prefix) const {
  std::vector<const PatternRow*> out;
  for (const auto& row : rows_) {
    if (std::string_view(row->id).substr(0, prefix.size()) == prefix) out.push_back(row.get());
  }
  return out;
}

Status Lexicon::AddFile(const std::string& stem, const std::string& where,
                        const std::string& tsv) {
  std::istringstream in(tsv);
  std::string line;
  int number = 0;
  auto& entries = files_[stem];
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() < 2) {
      return Status::Setup(where + ":" + std::to_string(number) + ": expected key <TAB> term [<TAB> weight]");
    }
    LexiconEntry e;
    e.key = cols[0];
    e.term = cols[1];
    std::transform(e.term.begin(), e.term.end(), e.term.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (cols.size() > 2 && !cols[2].empty()) {
      char* end = nullptr;
      e.weight = std::strtod(cols[2].c_str(), &end);
      if (end == cols[2].c_str()) {
        return Status::Setup(where + ":" + std::to_string(number) + ": weight is not a number");
      }
    }
    entries.push_back(std::move(e));
  }
  return Status::Ok();
}

StatusOr<Lexicon> Lexicon::Load(const std::string& dir) {
  Lexicon lex;
  AGENDUM_RETURN_IF_ERROR(ForEachTsv(dir, [&](const std::string& stem, const std::string& where,
                                             const std::string& text) {
    return lex.AddFile(stem, where, text);
  }));
  return lex;
}

StatusOr<Lexicon> Lexicon::FromString(const std::string& name, const std::string& tsv) {
  Lexicon lex;
  AGENDUM_RETURN_IF_ERROR(lex.AddFile(name, name, tsv));
  return lex;
}

const std::vector<LexiconEntry>& Lexicon::Entries(std::string_view file) const {
  static const std::vector<LexiconEntry> kEmpty;
  auto it = files_.find(file);
  return it == files_.end() ? kEmpty : it->second;
}

StatusOr<std::shared_ptr<const CorpusData>> CorpusData::Load(const std::string& root) {
  auto data = std::make_shared<CorpusData>();
  AGENDUM_ASSIGN_OR_RETURN(data->patterns, PatternTable::Load(root + "/patterns"));
  // corpus/lexicons is optional: a checkout may carry only the taxonomy.
  std::error_code ec;
  if (std::filesystem::is_directory(root + "/lexicons", ec)) {
    AGENDUM_ASSIGN_OR_RETURN(data->lexicons, Lexicon::Load(root + "/lexicons"));
  }
  if (!std::filesystem::is_directory(root + "/patterns", ec)) {
    return Status::Setup("corpus folder not found: " + root + "/patterns");
  }
  AGENDUM_RETURN_IF_ERROR(ForEachTsv(root + "/taxonomy", [&](const std::string& stem,
                                                            const std::string& where,
                                                            const std::string& text) {
    return data->lexicons.AddFile(stem, where, text);
  }));
  return std::shared_ptr<const CorpusData>(std::move(data));
}

std::string CorpusData::DefaultRoot() {
  if (const char* env = std::getenv("AGENDUM_CORPUS"); env && *env) return env;
  return AGENDUM_CORPUS_DIR;
}

}  // namespace agendum
