#include "pipeline/status.h"

#include <gtest/gtest.h>

#include <string>

namespace agendum {
namespace {

TEST(StatusTest, ToStringNamesTheCode) {
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  EXPECT_EQ(Status::Corrupt("no PDF header").ToString(), "corrupt: no PDF header");
  EXPECT_EQ(Status::Encrypted("needs a password").ToString(), "encrypted: needs a password");
  EXPECT_EQ(Status::Setup("bad row").code(), StatusCode::kSetup);
  EXPECT_FALSE(Status::Empty("zero-byte file").ok());
}

StatusOr<int> Parse(const std::string& s) {
  if (s.empty()) return Status::Empty("nothing to parse");
  return static_cast<int>(s.size());
}

Status Twice(const std::string& s, int* out) {
  AGENDUM_ASSIGN_OR_RETURN(int n, Parse(s));
  AGENDUM_RETURN_IF_ERROR(n > 3 ? Status::TooLarge("over 3") : Status::Ok());
  *out = 2 * n;
  return Status::Ok();
}

TEST(StatusTest, MacrosReturnTheFirstError) {
  int out = 0;
  EXPECT_TRUE(Twice("ab", &out).ok());
  EXPECT_EQ(out, 4);
  EXPECT_EQ(Twice("", &out).code(), StatusCode::kEmpty);
  EXPECT_EQ(Twice("abcd", &out).code(), StatusCode::kTooLarge);
  EXPECT_EQ(out, 4);
}

TEST(StatusOrTest, HoldsAValueOrAnError) {
  StatusOr<std::string> value(std::string("minutes"));
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, "minutes");
  EXPECT_EQ(value->size(), 7u);
  StatusOr<std::string> error(Status::NotFound("no such file"));
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().ToString(), "not found: no such file");
}

}  // namespace
}  // namespace agendum
