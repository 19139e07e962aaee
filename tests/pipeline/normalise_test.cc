// Normalise: each rule as a table of raw page text -> normalised text,
// through the public API with the real corpus/patterns rows.
#include "pipeline/normalise.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/pattern_table.h"

namespace agendum {
namespace {

const PatternTable& Patterns() {
  static const StatusOr<std::shared_ptr<const CorpusData>> corpus =
      CorpusData::Load(CorpusData::DefaultRoot());
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  static const PatternTable kEmpty;
  return corpus.ok() ? corpus.value()->patterns : kEmpty;
}

Document MakeDocument(Format format, std::vector<std::string> pages) {
  Document doc;
  doc.format = format;
  doc.page_count = static_cast<int>(pages.size());
  doc.page_has_text.assign(pages.size(), true);
  doc.raw_pages = std::move(pages);
  return doc;
}

// Normalises and returns the document; fails the test on a non-OK status.
Document Normalised(Format format, std::vector<std::string> pages,
                    const NormaliseOptions& options = {}) {
  Document doc = MakeDocument(format, std::move(pages));
  Status status = Normalise(Patterns(), options, &doc);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return doc;
}

std::string NormalisedText(std::string_view raw) {
  return Normalised(Format::kText, {std::string(raw)}).text;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    out.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

struct Case {
  const char* name;
  const char* raw;
  const char* expected;
};

TEST(FoldTypographyTest, FoldsToPlainCharacters) {
  const Case cases[] = {
      {"plain ASCII is untouched", "Item 5 -- 'quotes' \"too\"", "Item 5 -- 'quotes' \"too\""},
      {"fi ligature", "\xEF\xAC\x81nance", "finance"},
      {"fl ligature", "\xEF\xAC\x82ood risk", "flood risk"},
      {"curly single quotes", "the Council\xE2\x80\x99s \xE2\x80\x98plan\xE2\x80\x99",
       "the Council's 'plan'"},
      {"curly double quotes", "\xE2\x80\x9CLocal Plan\xE2\x80\x9D", "\"Local Plan\""},
      {"low double quote", "\xE2\x80\x9Equoted\xE2\x80\x9C", "\"quoted\""},
      {"en dash",
       "2024\xE2\x80\x93"
       "25",
       "2024-25"},
      {"em dash", "noted\xE2\x80\x94with thanks", "noted-with thanks"},
      {"minus sign",
       "\xE2\x88\x92"
       "5%",
       "-5%"},
      {"no-break space", "Cllr\xC2\xA0Smith", "Cllr Smith"},
      {"narrow no-break space",
       "10\xE2\x80\xAF"
       "000",
       "10 000"},
      {"soft hyphen dropped", "agree\xC2\xADment", "agreement"},
      {"zero-width space dropped", "zero\xE2\x80\x8Bwidth", "zerowidth"},
      {"byte order mark dropped", "\xEF\xBB\xBFMinutes", "Minutes"},
      {"black circle bullet", "\xE2\x97\x8F item", "\xE2\x80\xA2 item"},
      {"small square bullet", "\xE2\x96\xAA item", "\xE2\x80\xA2 item"},
      {"Symbol font bullet (private use)", "\xEF\x82\xB7 item", "\xE2\x80\xA2 item"},
      {"full-width letters", "\xEF\xBC\xA6\xEF\xBD\x95\xEF\xBD\x8C\xEF\xBD\x8C", "Full"},
      {"ellipsis", "to follow\xE2\x80\xA6", "to follow..."},
      {"decomposed accent composed", "Cafe\xCC\x81", "Caf\xC3\xA9"},
      {"pound sign kept",
       "\xC2\xA3"
       "5m",
       "\xC2\xA3"
       "5m"},
      {"invalid UTF-8 becomes U+FFFD", "bad \xFF byte", "bad \xEF\xBF\xBD byte"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FoldTypography(c.raw), c.expected);
  }
}

TEST(NormaliseTest, CleansCharactersAndSpaces) {
  const Case cases[] = {
      {"typography folded inside a line",
       "The Cabinet\xC2\xA0"
       "agreed the \xEF\xAC\x81nal \xE2\x80\x9CLocal Plan\xE2\x80\x9D "
       "\xE2\x80\x93 subject to consultation.",
       "The Cabinet agreed the final \"Local Plan\" - subject to consultation."},
      {"runs of spaces and tabs collapse", "Item  5:\tBudget  monitoring",
       "Item 5: Budget monitoring"},
      {"leading and trailing spaces trimmed", "   \tApologies for absence  ",
       "Apologies for absence"},
      {"soft hyphen inside a word", "the agree\xC2\xADment was signed.",
       "the agreement was signed."},
      {"Windows line endings", "Apologies were received.\r\nNo interests were declared.\r\n",
       "Apologies were received.\nNo interests were declared."},
      {"blank lines dropped", "Apologies were received.\n\n\n\nNo interests were declared.",
       "Apologies were received.\nNo interests were declared."},
      // Seed 000: a ModernGov notice copied as text keeps each line break as
      // a run of three spaces.
      {"three spaces are a lost line break",
       "Resolved:   1. That the report be noted.   2. That the plan be approved.",
       "Resolved:\n1. That the report be noted.\n2. That the plan be approved."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, StripsMarkupFromTextFiles) {
  const Case cases[] = {
      {"bold markers", "**RESOLVED** that the minutes be signed.",
       "RESOLVED that the minutes be signed."},
      {"underscore emphasis", "__Item 4__ Finance", "Item 4 Finance"},
      {"HTML entities", "Parks &amp; Open Spaces &lt;draft&gt; &pound;5",
       "Parks & Open Spaces <draft> \xC2\xA3"
       "5"},
      {"no-break space entity", "Item&nbsp;5", "Item 5"},
      {"line break tag", "Apologies<br>Minutes", "Apologies\nMinutes"},
      {"paragraph tags", "<p>Apologies.</p><p>Minutes.</p>", "Apologies.\nMinutes."},
      {"inline tags removed", "The <b>Council</b> <em>agreed</em>.", "The Council agreed."},
      {"escaped punctuation", "1\\. That the report be noted\\.", "1. That the report be noted."},
      {"markdown heading kept apart", "## 5. Planning applications\nThe Council had no objection.",
       "## 5. Planning applications\nThe Council had no objection."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, NeverJoinsTextIntoAMarkdownHeading) {
  const Case cases[] = {
      {"lower-case paragraph after a heading",
       "## 5. Planning applications\napplication 24/0112 was considered.",
       "## 5. Planning applications\napplication 24/0112 was considered."},
      {"long heading",
       "# Minutes of the meeting of Little Harlow Parish Council held on 3 March 2025 at the "
       "Village Hall\nPresent: Cllr Odell (Chair), Cllr Grey and Cllr Mistry.\nApologies were "
       "received from Cllr Patel who was unwell and unable to attend the meeting.",
       "# Minutes of the meeting of Little Harlow Parish Council held on 3 March 2025 at the "
       "Village Hall\nPresent: Cllr Odell (Chair), Cllr Grey and Cllr Mistry.\nApologies were "
       "received from Cllr Patel who was unwell and unable to attend the meeting."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, DropsPageFurnitureLines) {
  const Case cases[] = {
      {"protective marking", "OFFICIAL\nMinutes of the meeting\nOFFICIAL-SENSITIVE",
       "Minutes of the meeting"},
      // Seed 003: web pages copied as text keep their navigation links.
      {"back-to-top link", "Minutes of the meeting\nGo to top\nItem 2",
       "Minutes of the meeting\nItem 2"},
      {"marking inside a sentence is text", "The official opening of the library was noted.",
       "The official opening of the library was noted."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, RejoinsWrappedLinesIntoParagraphs) {
  const Case cases[] = {
      {"word hyphenated across a line end",
       "The Council will im-\nplement the new scheme from April.",
       "The Council will implement the new scheme from April."},
      {"lines that filled the column",
       "The Committee considered a report of the Head of Planning which set out the\n"
       "proposed changes to the scheme of delegation and the responses received\n"
       "during the consultation period.",
       "The Committee considered a report of the Head of Planning which set out the proposed "
       "changes to the scheme of delegation and the responses received during the "
       "consultation period."},
      {"unfinished sentence continued in lower case",
       "Members discussed the proposal and\nagreed to defer it.",
       "Members discussed the proposal and agreed to defer it."},
      {"a numbered item that wraps",
       "1. That the Director of Place be authorised to award the highways maintenance\n"
       "contract to the preferred bidder following the evaluation.\n"
       "2. That the report be noted.",
       "1. That the Director of Place be authorised to award the highways maintenance "
       "contract to the preferred bidder following the evaluation.\n"
       "2. That the report be noted."},
      {"a label alone on its line joins its text",
       "1.\nThat the report be noted.\n2.\nThat the plan be approved.",
       "1. That the report be noted.\n2. That the plan be approved."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, KeepsListItemsAndParagraphsApart) {
  const Case cases[] = {
      {"numbered and lettered items",
       "2. That the following be approved:\n(a) the revised budget;\n(b) the capital programme; "
       "and\n(c) the fees and charges.",
       "2. That the following be approved:\n(a) the revised budget;\n(b) the capital programme; "
       "and\n(c) the fees and charges."},
      {"lettered items written a)", "a) the budget;\nb) the plan.", "a) the budget;\nb) the plan."},
      {"roman numerals", "(i) to note the risks;\n(ii) to agree the mitigations.",
       "(i) to note the risks;\n(ii) to agree the mitigations."},
      {"dotted numbers", "3.1 The cost is met from reserves.\n3.2 There is no impact.",
       "3.1 The cost is met from reserves.\n3.2 There is no impact."},
      {"bullets", "\xE2\x80\xA2 the rise in demand;\n\xE2\x80\xA2 the staffing position.",
       "\xE2\x80\xA2 the rise in demand;\n\xE2\x80\xA2 the staffing position."},
      {"items after long wrapped lines",
       "The Committee considered the report of the Director of Finance and Resources on\n"
       "the budget and RESOLVED that the following recommendations be approved in full:\n"
       "1. that the budget be approved;\n2. that the fees be increased.",
       "The Committee considered the report of the Director of Finance and Resources on the "
       "budget and RESOLVED that the following recommendations be approved in full:\n"
       "1. that the budget be approved;\n2. that the fees be increased."},
      {"a line ending in a colon", "Reasons for decision:\nthe scheme meets the priorities.",
       "Reasons for decision:\nthe scheme meets the priorities."},
      {"a heading then its first sentence", "Decision\nThe Cabinet agreed the plan.",
       "Decision\nThe Cabinet agreed the plan."},
      {"paragraphs separated by a blank line",
       "The meeting opened without a quorum\n\nmembers arriving later were noted.",
       "The meeting opened without a quorum\nmembers arriving later were noted."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NormalisedText(c.raw), c.expected);
  }
}

TEST(NormaliseTest, TextDocumentsHaveOnePageWithoutNumbers) {
  Document doc = Normalised(Format::kText, {"Apologies.\nMinutes."});
  EXPECT_TRUE(doc.raw_pages.empty());
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[0].span, (Span{0, doc.text.size()}));
  // SCHEMA.md: `page` is null for plain text.
  EXPECT_EQ(doc.PageAt(0), std::nullopt);
}

// A PDF page as poppler lays it out: running header, body, page number.
std::string PdfPageText(
    int number, int total, const std::vector<std::string>& body,
    const std::string& header = "Wexcombe District Council\nCabinet - 4 June 2024") {
  std::string page = header + "\n\n";
  for (const std::string& line : body) page += line + "\n";
  page += "\nPage " + std::to_string(number) + " of " + std::to_string(total) + "\n";
  return page;
}

const std::vector<std::vector<std::string>> kAgendaBodies = {
    {"1. Apologies for absence", "No apologies were received."},
    {"2. Declarations of interest", "None were declared."},
    {"3. Minutes of the last meeting", "The minutes were agreed."},
    {"4. Budget monitoring", "The report was noted."},
};
constexpr const char* kAgendaText =
    "1. Apologies for absence\nNo apologies were received.\n"
    "2. Declarations of interest\nNone were declared.\n"
    "3. Minutes of the last meeting\nThe minutes were agreed.\n"
    "4. Budget monitoring\nThe report was noted.";

std::vector<std::string> AgendaPages(const std::string& header) {
  std::vector<std::string> pages;
  for (int i = 0; i < 4; ++i) pages.push_back(PdfPageText(i + 1, 4, kAgendaBodies[i], header));
  return pages;
}

TEST(NormaliseTest, RemovesRunningHeadersAndFootersOfPdfs) {
  struct HeaderCase {
    const char* name;
    const char* header;
  };
  const HeaderCase cases[] = {
      {"two-line header", "Wexcombe District Council\nCabinet - 4 June 2024"},
      // Digits vary from page to page; the line is still the same furniture.
      {"header with the page number in it", "Cabinet 4 June 2024 - Agenda page 1"},
      {"header in capitals", "WEXCOMBE DISTRICT COUNCIL"},
  };
  for (const HeaderCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> pages;
    for (int i = 0; i < 4; ++i) {
      std::string header = c.header;
      size_t digit = header.rfind("page 1");
      if (digit != std::string::npos) header.replace(digit + 5, 1, std::to_string(i + 1));
      pages.push_back(PdfPageText(i + 1, 4, kAgendaBodies[i], header));
    }
    EXPECT_EQ(Normalised(Format::kPdf, pages).text, kAgendaText);
  }
}

TEST(NormaliseTest, KeepsRepeatedLinesAwayFromThePageEdges) {
  // "The Chair thanked officers." is in the middle of every page: text, not furniture.
  std::vector<std::string> pages;
  for (int i = 0; i < 4; ++i) {
    std::vector<std::string> body = {std::to_string(i + 1) + ". Item " + std::to_string(i + 1),
                                     "Officers presented the report.",
                                     "Members asked questions.",
                                     "Officers answered them.",
                                     "The Chair thanked officers.",
                                     "Members debated the item.",
                                     "A vote was taken.",
                                     "The motion was carried.",
                                     "The item closed."};
    pages.push_back(PdfPageText(i + 1, 4, body));
  }
  std::string text = Normalised(Format::kPdf, pages).text;
  size_t count = 0;
  for (const std::string& line : Lines(text)) count += line == "The Chair thanked officers.";
  EXPECT_EQ(count, 4u) << text;
  EXPECT_EQ(text.find("Wexcombe District Council"), std::string::npos) << text;
}

TEST(NormaliseTest, TwoPagePapersDropTheirLetterhead) {
  // A line printed word for word at the top of both pages of a two-page
  // paper is its letterhead (chicago SSA21 minutes), not content.
  std::vector<std::string> two = {PdfPageText(1, 2, kAgendaBodies[0]),
                                  PdfPageText(2, 2, kAgendaBodies[1])};
  std::string text = Normalised(Format::kPdf, two).text;
  EXPECT_EQ(text.find("Wexcombe District Council"), std::string::npos) << text;
  EXPECT_NE(text.find(kAgendaBodies[0][0]), std::string::npos) << text;
  // Page numbers go whatever the page count.
  EXPECT_EQ(text.find("Page 1 of 2"), std::string::npos) << text;

  // A line on 2 of 5 pages stays.
  const char* bodies[] = {"Apologies were received.", "The minutes were agreed.",
                          "No interests were declared.", "The budget was noted.",
                          "The meeting closed."};
  std::vector<std::string> five;
  for (int i = 0; i < 5; ++i) {
    std::string header = i < 2 ? "Supplementary agenda" : "Main agenda papers";
    five.push_back(PdfPageText(i + 1, 5, {bodies[i]}, header));
  }
  text = Normalised(Format::kPdf, five).text;
  EXPECT_NE(text.find("Supplementary agenda"), std::string::npos) << text;
  EXPECT_EQ(text.find("Main agenda papers"), std::string::npos) << text;
}

TEST(NormaliseTest, RunningLineRemovalCanBeTurnedOff) {
  NormaliseOptions options;
  options.remove_running_lines = false;
  std::string text =
      Normalised(Format::kPdf, AgendaPages("Wexcombe District Council"), options).text;
  EXPECT_NE(text.find("Wexcombe District Council"), std::string::npos) << text;
  EXPECT_NE(text.find("Page 2 of 4"), std::string::npos) << text;
}

TEST(NormaliseTest, RemovesPageNumberLines) {
  const char* numbers[] = {
      "Page 3 of 12", "page 3 of 12", "PAGE 3 OF 12", "Page 3", "3 of 12", "3/12", "3",
      "12",           "- 3 -",        "(3)"};
  for (const char* number : numbers) {
    for (bool at_top : {false, true}) {
      SCOPED_TRACE(std::string(number) + (at_top ? " at the top" : " at the bottom"));
      std::string body = "Minutes of the meeting\nThe report was noted.\n";
      std::string page = at_top ? std::string(number) + "\n" + body : body + "\n" + number + "\n";
      EXPECT_EQ(Normalised(Format::kPdf, {page, "Second page text."}).text,
                "Minutes of the meeting\nThe report was noted.\nSecond page text.");
    }
  }
}

TEST(NormaliseTest, KeepsTextThatOnlyLooksLikeAPageNumber) {
  const char* lines[] = {"Page 3 of the report", "2024 budget", "12 members voted for"};
  for (const char* line : lines) {
    SCOPED_TRACE(line);
    std::string text = Normalised(Format::kPdf, {std::string("Minutes\n") + line + "\n"}).text;
    EXPECT_EQ(text, std::string("Minutes\n") + line);
  }
}

TEST(NormaliseTest, PageSpansTileTheText) {
  Document doc = Normalised(Format::kPdf, AgendaPages("Wexcombe District Council"));
  ASSERT_EQ(doc.text, kAgendaText);
  ASSERT_EQ(doc.pages.size(), 4u);
  EXPECT_EQ(doc.pages.front().span.begin, 0u);
  EXPECT_EQ(doc.pages.back().span.end, doc.text.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    EXPECT_EQ(doc.pages[i].number, static_cast<int>(i + 1));
    if (i + 1 < doc.pages.size()) {
      EXPECT_EQ(doc.pages[i].span.end, doc.pages[i + 1].span.begin);
    }
    // Every character of a page's items maps back to that page.
    const std::string& first_line = kAgendaBodies[i][0];
    size_t at = doc.text.find(first_line);
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(doc.PageAt(at), static_cast<int>(i + 1));
    EXPECT_EQ(doc.PageAt(at + first_line.size() - 1), static_cast<int>(i + 1));
    size_t last = doc.text.find(kAgendaBodies[i][1]) + kAgendaBodies[i][1].size() - 1;
    EXPECT_EQ(doc.PageAt(last), static_cast<int>(i + 1));
  }
}

TEST(NormaliseTest, PageSpanStartsAtItsFirstCharacter) {
  Document doc = Normalised(Format::kPdf, AgendaPages("Wexcombe District Council"));
  ASSERT_EQ(doc.pages.size(), 4u);
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    std::string_view slice = doc.Slice(doc.pages[i].span);
    EXPECT_EQ(slice.substr(0, kAgendaBodies[i][0].size()), kAgendaBodies[i][0]) << slice;
  }
  EXPECT_EQ(doc.PageAt(doc.text.find("\n2. Declarations")), 1);
}

TEST(NormaliseTest, ParagraphContinuingOnTheNextPageStartsThatPageMidLine) {
  std::vector<std::string> pages = {
      "1. Budget monitoring\nThe Committee considered the quarterly budget monitoring report of\n",
      "the Director of Finance and noted the forecast overspend.\n2. Any other business\n",
  };
  Document doc = Normalised(Format::kPdf, pages);
  EXPECT_EQ(doc.text,
            "1. Budget monitoring\nThe Committee considered the quarterly budget monitoring "
            "report of the Director of Finance and noted the forecast overspend.\n2. Any other "
            "business");
  ASSERT_EQ(doc.pages.size(), 2u);
  size_t continued = doc.text.find("the Director of Finance");
  EXPECT_EQ(doc.pages[1].span.begin, continued);
  EXPECT_EQ(doc.PageAt(continued - 2), 1);
  EXPECT_EQ(doc.PageAt(continued), 2);
  EXPECT_EQ(doc.PageAt(doc.text.find("2. Any other")), 2);
}

TEST(NormaliseTest, KeepsEmptyPagesWithEmptySpans) {
  Document doc = MakeDocument(Format::kPdf, {"First page text.", "", "Third page text.", ""});
  doc.page_has_text = {true, false, true, false};
  ASSERT_TRUE(Normalise(Patterns(), {}, &doc).ok());
  EXPECT_EQ(doc.text, "First page text.\nThird page text.");
  ASSERT_EQ(doc.pages.size(), 4u);
  // Page 2 holds no text, at most the line break between pages 1 and 3.
  EXPECT_EQ(doc.Slice(doc.pages[1].span).find_first_not_of('\n'), std::string_view::npos);
  EXPECT_EQ(doc.pages[3].span.size(), 0u);
  EXPECT_EQ(doc.pages[3].span.begin, doc.text.size());
  EXPECT_FALSE(doc.pages[1].has_text);
  EXPECT_TRUE(doc.pages[2].has_text);
  EXPECT_FALSE(doc.pages[3].has_text);
  EXPECT_EQ(doc.PageAt(doc.text.find("Third")), 3);
}

TEST(NormaliseTest, CutsOverlongLines) {
  NormaliseOptions options;
  options.max_line_bytes = 100;
  std::string huge;
  while (huge.size() < 1000) huge += "word ";
  Document doc = Normalised(Format::kText, {huge}, options);
  for (const std::string& line : Lines(doc.text)) EXPECT_LE(line.size(), 100u);
}

TEST(NormaliseTest, ReportsMissingPatternRows) {
  StatusOr<PatternTable> empty = PatternTable::FromString("other", "");
  ASSERT_TRUE(empty.ok());
  Document doc = MakeDocument(Format::kText, {"Minutes"});
  Status status = Normalise(*empty, {}, &doc);
  EXPECT_EQ(status.code(), StatusCode::kSetup);
  EXPECT_NE(status.message().find("normalise.page_number"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace agendum
