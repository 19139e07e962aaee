// PatternTable and Lexicon: the data in corpus/, loaded and compiled once.
//
// corpus/patterns/*.tsv rows are `id <TAB> value <TAB> RE2 pattern <TAB>
// sample <TAB> source`; the sample must match (a test checks every row).
// corpus/lexicons/*.tsv and corpus/taxonomy/*.tsv rows are `key <TAB> term
// <TAB> weight`. Lines starting with '#' are comments. A bad row stops the run
// before any input is read, with file:line and RE2's error. Immutable after
// Load, so one table is shared by every worker thread.
#pragma once

#include <re2/re2.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace agendum {

struct PatternRow {
  std::string id;      // "resolution.cue_resolved"; the file stem is the first part
  std::string value;   // what a match means ("approve"), "-" when nothing
  std::string sample;  // a line the pattern must match
  std::string source;  // where the shape was seen (corpus id or "synthetic")
  std::string where;   // file:line, for messages
  std::unique_ptr<RE2> re;
};

class PatternTable {
 public:
  // Loads every *.tsv under `dir` (corpus/patterns).
  static StatusOr<PatternTable> Load(const std::string& dir);
  // Builds from TSV text (tests); `name` is the id prefix.
  static StatusOr<PatternTable> FromString(const std::string& name, const std::string& tsv);

  // The row with this id, or nullptr.
  const PatternRow* Find(std::string_view id) const;
  // The compiled pattern; REQUIRES: the id exists (check with Require).
  const RE2& Get(std::string_view id) const;
  // Setup error naming the first id that is missing.
  Status Require(const std::vector<std::string_view>& ids) const;
  // Rows whose id starts with `prefix`, in file order.
  std::vector<const PatternRow*> Group(std::string_view prefix) const;
  const std::vector<std::unique_ptr<PatternRow>>& rows() const { return rows_; }

 private:
  Status AddFile(const std::string& stem, const std::string& where, const std::string& tsv);
  std::vector<std::unique_ptr<PatternRow>> rows_;
  std::map<std::string, const PatternRow*, std::less<>> by_id_;
};

struct LexiconEntry {
  std::string key;
  std::string term;  // lower case
  double weight = 1.0;
};

class Lexicon {
 public:
  // Loads every *.tsv under `dir`; the file stem prefixes each key's group.
  static StatusOr<Lexicon> Load(const std::string& dir);
  static StatusOr<Lexicon> FromString(const std::string& name, const std::string& tsv);
  // Entries of one file ("topics"), in file order.
  const std::vector<LexiconEntry>& Entries(std::string_view file) const;

 private:
  friend struct CorpusData;
  Status AddFile(const std::string& stem, const std::string& where, const std::string& tsv);
  std::map<std::string, std::vector<LexiconEntry>, std::less<>> files_;
};

// Everything in corpus/ that stages read: loaded once per run.
struct CorpusData {
  PatternTable patterns;
  Lexicon lexicons;
  // Loads corpus/patterns, corpus/lexicons and corpus/taxonomy under `root`.
  static StatusOr<std::shared_ptr<const CorpusData>> Load(const std::string& root);
  // The corpus folder: $AGENDUM_CORPUS, else the source tree's corpus/.
  static std::string DefaultRoot();
};

}  // namespace agendum
