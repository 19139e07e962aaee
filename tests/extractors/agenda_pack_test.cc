// Agenda packs (issue 5): a generated multi-report PDF with a front sheet,
// running header, page-number footers, a two-column page, a table and an
// appendix splits into exactly the items of its front sheet, and every
// record cites the page where its text starts.
#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::SharedPipeline;

std::string MakePack() {
  using fixtures::PdfLine;
  using fixtures::PdfPage;
  fixtures::PdfOptions options;
  options.running_header = "Harrowdale Borough Council - Cabinet - 12 March 2025";
  options.page_numbers = true;
  std::vector<PdfPage> pages = {
      PdfPage({"Dear Member", "CABINET - WEDNESDAY, 12 MARCH 2025",
               "Please find enclosed the following reports.", "Agenda Item No",
               "5     Library Opening Hours (Pages 3 - 6)",
               "6     Fees and Charges 2025-26 (Pages 7 - 8)", "Yours sincerely",
               "Head of Democratic Services"}),
      PdfPage({"Agenda Item 5", "From: Cllr Ruth Amis, Cabinet Member for Communities",
               "To: Cabinet - 12 March 2025", "Subject: Library Opening Hours",
               "Key Decision: Yes", "Recommendation(s):", "Cabinet is asked to:",
               "A. APPROVE the revised opening hours for the six branch libraries;",
               "B. NOTE the results of the public consultation."}),
      fixtures::TwoColumnPage(
          {"The consultation ran for eight weeks", "and drew 1,240 responses from", "library users across the borough."},
          {"Most respondents asked that evening", "opening be kept at the two largest", "branches in the town centre."}),
      PdfPage({PdfLine("Appendix A - Branch opening hours"),
               PdfLine("Branch\tCurrent hours\tProposed hours"), PdfLine("Central\t52\t48"),
               PdfLine("Northgate\t36\t32")}),
      PdfPage({"Appendix A - Branch opening hours (continued)", "Eastfield\t30\t30"}),
      PdfPage({"Agenda Item 6", "From: Cllr Dev Mehta, Cabinet Member for Finance",
               "Subject: Fees and Charges 2025-26", "Options considered",
               "Option 1: Freeze all fees. This option is not recommended as costs are rising.",
               "Option 2: Raise fees in line with inflation. This is the preferred option.",
               "Recommendation(s):", "Cabinet is asked to APPROVE the fees in Appendix B."}),
  };
  return fixtures::MakePdf(pages, options);
}

class AgendaPackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Write("pack.pdf", MakePack());
    Status st = SharedPipeline().Process(path_, &doc_);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  fixtures::TempDir dir_;
  std::string path_;
  Document doc_;
};

TEST_F(AgendaPackTest, SplitsIntoTheFrontSheetItems) {
  auto items = OfKind(doc_, Kind::kItem);
  std::vector<std::string> seen;
  for (const Record* r : items) {
    seen.push_back(r->number.value_or("") + " | " + r->title.value_or("") + " | " +
                   std::to_string(r->page_start.value_or(0)) + "-" +
                   std::to_string(r->page_end.value_or(0)));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "5 | Library Opening Hours | 2-5",
                      "5 Appendix A | Branch opening hours | 4-5",
                      "6 | Fees and Charges 2025-26 | 6-6",
                  }))
      << Dump(doc_, Kind::kItem);
}

TEST_F(AgendaPackTest, RecordsBelongToTheirReportAndCiteTheirPage) {
  auto items = OfKind(doc_, Kind::kItem);
  ASSERT_EQ(items.size(), 3u) << Dump(doc_, Kind::kItem);
  auto recommendations = OfKind(doc_, Kind::kRecommendation);
  ASSERT_EQ(recommendations.size(), 3u) << Dump(doc_, Kind::kRecommendation);
  EXPECT_EQ(recommendations[0]->text.substr(0, 12), "APPROVE the ");
  EXPECT_EQ(recommendations[0]->page, 2);
  EXPECT_EQ(recommendations[0]->parent_id, items[0]->id);
  EXPECT_EQ(recommendations[2]->page, 6);
  EXPECT_EQ(recommendations[2]->parent_id, items[2]->id);
  auto options = OfKind(doc_, Kind::kOption);
  ASSERT_EQ(options.size(), 2u) << Dump(doc_, Kind::kOption);
  EXPECT_EQ(options[0]->disposition, Disposition::kRejected);
  EXPECT_EQ(options[1]->disposition, Disposition::kChosen);
  for (const Record* o : options) {
    EXPECT_EQ(o->page, 6);
    EXPECT_EQ(o->parent_id, items[2]->id);
  }
}

TEST_F(AgendaPackTest, LayoutIsReadInOrder) {
  const std::string& text = doc_.text;
  // Running header and page numbers are gone.
  EXPECT_EQ(text.find("Harrowdale Borough Council - Cabinet"), std::string::npos) << text;
  EXPECT_EQ(text.find("Page 3 of 6"), std::string::npos) << text;
  // The two columns read one after the other, each re-flowed.
  size_t left = text.find("The consultation ran for eight weeks and drew 1,240 responses");
  size_t right = text.find("Most respondents asked that evening opening");
  ASSERT_NE(left, std::string::npos) << text;
  ASSERT_NE(right, std::string::npos) << text;
  EXPECT_LT(left, right);
  // The table keeps one row per line, cells in order.
  EXPECT_NE(text.find("Central | 52 | 48"), std::string::npos) << text;
  EXPECT_NE(text.find("Northgate | 36 | 32"), std::string::npos) << text;
}

}  // namespace
}  // namespace agendum
