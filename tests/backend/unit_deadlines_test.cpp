#include <gtest/gtest.h>

#include "backend/intake/deadlines.h"

using namespace jiuzhu;
using namespace jiuzhu::backend;

// The due dates themselves are core/intake's, tested in tests/core/intake_test.cpp and, against
// the running server and the printed receipt, in api_receipt_agreement_test.cpp.
TEST(Deadlines, Overdue) {
  EXPECT_TRUE(is_overdue("2026-11-20", false, Date(2026, 11, 21)));
  EXPECT_FALSE(is_overdue("2026-11-20", false, Date(2026, 11, 20)));
  EXPECT_FALSE(is_overdue("2026-11-20", true, Date(2026, 12, 21)));
}
