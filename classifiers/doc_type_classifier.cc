#include "classifiers/doc_type_classifier.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "pipeline/dates.h"
#include "pipeline/text_case.h"

namespace agendum {
namespace {

constexpr size_t kScanBytes = 30000;
constexpr int kMaxHitsPerCue = 5;
constexpr int kHeaderBlocks = 15;

std::string Trim(std::string s) {
  size_t a = s.find_first_not_of(" ,.-:"), b = s.find_last_not_of(" ,.-:");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

StatusOr<std::unique_ptr<Classifier>> DocTypeClassifier::Create(
    std::shared_ptr<const CorpusData> corpus) {
  for (const PatternRow* row : corpus->patterns.Group("doc_types.")) {
    size_t colon = row->value.find(':');
    if (colon == std::string::npos || !DocTypeFromString(row->value.substr(0, colon))) {
      return Status::Setup(row->where + ": value must be doc_type:weight");
    }
  }
  return std::unique_ptr<Classifier>(new DocTypeClassifier(std::move(corpus)));
}

Status DocTypeClassifier::Run(Document* doc) const {
  std::string_view text(doc->text.data(), std::min(doc->text.size(), kScanBytes));
  std::map<DocType, double> score;
  std::map<DocType, std::string> best_cue;
  std::map<DocType, double> best_cue_weight;
  for (const PatternRow* row : corpus_->patterns.Group("doc_types.")) {
    size_t colon = row->value.find(':');
    DocType type = *DocTypeFromString(row->value.substr(0, colon));
    double weight = std::atof(row->value.c_str() + colon + 1);
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    int hits = 0;
    std::string first;
    size_t pos = 0;
    while (hits < kMaxHitsPerCue && pos <= input.size() &&
           row->re->Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1)) {
      if (hits == 0) first = std::string(match);
      ++hits;
      pos = (match.data() - input.data()) + std::max<size_t>(match.size(), 1);
    }
    if (!hits) continue;
    score[type] += weight * hits;
    if (weight * hits > best_cue_weight[type]) {
      best_cue_weight[type] = weight * hits;
      best_cue[type] = "\"" + first + "\" (" + row->id + ")";
    }
  }
  // An agenda pack is an agenda of many pages with reports stitched in.
  if (doc->page_count >= 15 && score[DocType::kAgendaPack] > 0) {
    score[DocType::kAgendaPack] += score[DocType::kAgenda] + score[DocType::kReport] / 2;
  }
  constexpr double kThreshold = 2.0;  // at or below this, the cues are too weak to say
  DocType best = DocType::kOther;
  DocType strongest = DocType::kOther;
  double best_score = 0;
  for (const auto& [type, s] : score) {
    if (s > best_score) {
      strongest = type;
      best_score = s;
    }
  }
  if (best_score > kThreshold) best = strongest;
  // A published agenda (a PDF: front sheet, summons, form) is the meeting's
  // pack, as the corpus catalogue (shared/corpus/real/MANIFEST.tsv) files
  // every one; `agenda` is kept for an agenda copied as text from a web page.
  // The cue that decided stays in `why`.
  if (best == DocType::kAgenda && doc->format == Format::kPdf) {
    best_cue[DocType::kAgendaPack] = best_cue[DocType::kAgenda];
    best = DocType::kAgendaPack;
  }
  doc->doc_type = best;
  // `other` rows name documents that look like others but are not (a call-in request quotes a
  // decision).
  if (best != DocType::kOther || best_score > kThreshold) {
    doc->why["doc_type"] = best_cue[best];
  } else if (best_score > 0) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.1f", best_score);
    doc->why["doc_type"] = "no cue strong enough; strongest " + std::string(ToString(strongest)) +
                           " " + weight + " from " + best_cue[strongest];
  } else {
    doc->why["doc_type"] = "no document-type cue";
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<Classifier>> MeetingClassifier::Create(
    std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"meeting.committee", "meeting.council", "meeting.council_lead_words"}));
  return std::unique_ptr<Classifier>(new MeetingClassifier(std::move(corpus)));
}

Status MeetingClassifier::Run(Document* doc) const {
  const PatternTable& p = corpus_->patterns;
  int limit = std::min<int>(kHeaderBlocks, static_cast<int>(doc->blocks.size()));
  if (limit == 0) return Status::Ok();
  size_t header_end = doc->blocks[limit - 1].span.end;
  std::string_view header(doc->text.data(), header_end);
  // Title: the first line that reads like one.
  for (int i = 0; i < limit && doc->title.empty(); ++i) {
    std::string_view body = doc->Slice(doc->blocks[i].body);
    if (body.size() >= 4 && body.size() <= 200) doc->title = std::string(body);
  }
  re2::StringPiece group;
  if (RE2::PartialMatch(header, p.Get("meeting.committee"), &group)) {
    doc->body = Trim(TitleCaseIfShouting(std::string(group)));
    doc->why["body"] = "minutes of a meeting of ... held";
  } else if (RE2::PartialMatch(header, p.Get("meeting.council"), &group)) {
    std::string body(group);
    RE2::Replace(&body, p.Get("meeting.council_lead_words"), "");
    doc->body = Trim(TitleCaseIfShouting(body));
    doc->why["body"] = "council named in the header";
  }
  if (doc->doc_type == DocType::kMinutes || doc->doc_type == DocType::kAgenda ||
      doc->doc_type == DocType::kAgendaPack) {
    if (auto date = FindDate(p, header)) {
      doc->meeting_date = date->iso;
      doc->why["meeting_date"] = std::string(header.substr(date->begin, date->end - date->begin));
    }
  }
  return Status::Ok();
}

}  // namespace agendum
