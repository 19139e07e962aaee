// RecommendationExtractor (issue 3): report recommendation sections and
// recommendations in prose, with their source when stated.
#include "extractors/recommendation_extractor.h"

#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::RunText;

TEST(RecommendationExtractorTest, ReportSectionItems) {
  Document doc = RunText(
      "From: Cllr P Shah, Cabinet Member for Housing\nTo: Cabinet - 12 March 2025\n"
      "Subject: Tenancy Strategy 2025-2030\nKey Decision: Yes\n\n"
      "Recommendation(s):\nCabinet is asked to:\nA. APPROVE the Tenancy Strategy 2025-2030;\n"
      "B. DELEGATE authority to the Director of Housing to make minor changes.\n\n"
      "1. Introduction\n1.1 The strategy sets out how tenancies are offered.\n"
      "9. Recommendation(s):\nCabinet is asked to:\nA. APPROVE the Tenancy Strategy 2025-2030;\n"
      "B. DELEGATE authority to the Director of Housing to make minor changes.\n");
  EXPECT_EQ(doc.doc_type, DocType::kReport);
  auto found = OfKind(doc, Kind::kRecommendation);
  // The block printed twice yields each recommendation once.
  ASSERT_EQ(found.size(), 2u) << Dump(doc, Kind::kRecommendation);
  EXPECT_EQ(found[0]->label.value_or(""), "A");
  EXPECT_EQ(found[0]->text, "APPROVE the Tenancy Strategy 2025-2030;");
  EXPECT_EQ(found[1]->label.value_or(""), "B");
}

TEST(RecommendationExtractorTest, ProseRecommendationsWithSource) {
  Document doc = RunText(
      "Corporate Peer Challenge - progress review\n\nGovernance\n\n"
      "The peer team recommended that the council should publish a clear plan for its "
      "companies. It also recommended that the council should review its scrutiny "
      "arrangements. Peers heard that work is under way.\n\n"
      "Another recommendation made at the time was the need to refresh the workforce strategy.\n");
  EXPECT_EQ(doc.doc_type, DocType::kPeerReview);
  auto found = OfKind(doc, Kind::kRecommendation);
  ASSERT_EQ(found.size(), 3u) << Dump(doc, Kind::kRecommendation);
  EXPECT_EQ(found[0]->text,
            "The peer team recommended that the council should publish a clear plan for its "
            "companies.");
  EXPECT_EQ(found[1]->text.substr(0, 17), "It also recommend");
  EXPECT_EQ(found[2]->text.substr(0, 22), "Another recommendation");
}

TEST(RecommendationExtractorTest, PointersAreNotRecommendations) {
  Document doc = RunText(
      "Report to Council\n\nPurpose of report\nTo agree the events programme.\n\n"
      "Council is recommended to approve the recommendations set out in section 2 of this "
      "report.\n");
  EXPECT_TRUE(OfKind(doc, Kind::kRecommendation).empty()) << Dump(doc, Kind::kRecommendation);
}

}  // namespace
}  // namespace agendum

namespace agendum {
namespace {

// "X's recommendation would be that ..." names its source in full
// (souldern_pc minutes style).
TEST(RecommendationExtractorTest, PossessiveSourceKeepsTheFullName) {
  Document doc = testing_support::RunText(
      "MINUTES OF THE ASHWELL PARISH COUNCIL MEETING\nHeld on 12th March 2025\n"
      "03.25.04 Playing field\n\xE2\x80\xA2 Mary Jones's recommendation would be that the "
      "next phase should be a path around the field.\n");
  auto found = testing_support::OfKind(doc, Kind::kRecommendation);
  ASSERT_EQ(found.size(), 1u) << testing_support::Dump(doc, Kind::kRecommendation);
  EXPECT_EQ(found[0]->source.value_or(""), "Mary Jones");
}

}  // namespace
}  // namespace agendum
