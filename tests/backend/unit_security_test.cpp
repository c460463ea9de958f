// Passwords, the audit chain, the rate limiter and the document store.
#include <gtest/gtest.h>

#include <filesystem>

#include "backend/audit/audit_chain.h"
#include "backend/auth/password.h"
#include "backend/documents/document_store.h"
#include "backend/util/crypto.h"
#include "backend/util/rate_limiter.h"
#include "test_support.h"

using namespace jiuzhu::backend;

TEST(Password, VerifiesOnlyTheRightPassword) {
  const auto h = hash_password("correct horse", 1000);
  EXPECT_TRUE(verify_password("correct horse", h));
  EXPECT_FALSE(verify_password("correct horsf", h));
  EXPECT_FALSE(verify_password("", h));
  EXPECT_EQ(h.rfind("pbkdf2-sha256$1000$", 0), 0u);
}

TEST(Password, SaltedSoSamePasswordHashesDiffer) {
  EXPECT_NE(hash_password("same password", 1000), hash_password("same password", 1000));
}

TEST(Password, DefaultCostIsHighAndMalformedHashesFail) {
  const auto h = hash_password("pw-12345678");
  EXPECT_NE(h.find("$210000$"), std::string::npos);
  EXPECT_TRUE(verify_password("pw-12345678", h));
  EXPECT_FALSE(verify_password("x", "plain"));
  EXPECT_FALSE(verify_password("x", "pbkdf2-sha256$abc$00$00"));
  EXPECT_FALSE(verify_password("x", "md5$1$00$00"));
}

namespace {
std::vector<AuditRow> chain(int n) {
  std::vector<AuditRow> rows;
  std::string prev = audit_genesis_hash();
  for (int i = 1; i <= n; ++i) {
    AuditRow r;
    r.seq = i;
    r.at = "2026-11-24T10:00:0" + std::to_string(i % 10) + "+08:00";
    r.entry = AuditEntry{"user:wang", "caseworker", "read", "case", "450326101-20261124-000" + std::to_string(i),
                         "450326101", ""};
    r.prev_hash = prev;
    r.hash = audit_row_hash(prev, r.seq, r.at, r.entry);
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}
}  // namespace

TEST(AuditChain, IntactChainVerifies) {
  auto v = verify_audit_chain(chain(5));
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.rows, 5);
}

TEST(AuditChain, DetectsEditedField) {
  auto rows = chain(5);
  rows[2].entry.actor = "user:someone_else";
  auto v = verify_audit_chain(rows);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST(AuditChain, DetectsDeletedAndReorderedRows) {
  auto rows = chain(5);
  rows.erase(rows.begin() + 1);
  EXPECT_EQ(verify_audit_chain(rows).first_bad_seq, 3);
  auto swapped = chain(4);
  std::swap(swapped[1], swapped[2]);
  EXPECT_FALSE(verify_audit_chain(swapped).ok);
}

TEST(AuditChain, DetectsRehashedRowWithoutFollowingRows) {
  // Someone edits row 2 and recomputes its hash: row 3's prev_hash no longer matches.
  auto rows = chain(4);
  rows[1].entry.action = "transition";
  rows[1].hash = audit_row_hash(rows[1].prev_hash, rows[1].seq, rows[1].at, rows[1].entry);
  EXPECT_EQ(verify_audit_chain(rows).first_bad_seq, 3);
}

TEST(RateLimiter, BurstThenRefill) {
  RateLimiter rl(60, 3);  // one a second
  const auto t0 = RateLimiter::Clock::now();
  EXPECT_TRUE(rl.take("a", t0));
  EXPECT_TRUE(rl.take("a", t0));
  EXPECT_TRUE(rl.take("a", t0));
  EXPECT_FALSE(rl.take("a", t0));
  EXPECT_TRUE(rl.take("b", t0));  // keys are independent
  EXPECT_GT(rl.retry_after_seconds("a", t0), 0);
  EXPECT_TRUE(rl.take("a", t0 + std::chrono::milliseconds(1100)));
}

TEST(DocumentStore, StoresVerifiesAndDeduplicates) {
  jiuzhu::test::TempDir dir;
  DocumentStore store(dir.path());
  const std::string pdf = "%PDF-1.4\n%test document\n";
  const std::string h = sha256_hex(pdf);
  auto first = store.put(h, "application/pdf", pdf);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  EXPECT_TRUE(store.exists(h));
  auto again = store.put(h, "application/pdf", pdf);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  // No temp files are left behind.
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos);
  }
}

TEST(DocumentStore, RejectsBadInput) {
  jiuzhu::test::TempDir dir;
  DocumentStore store(dir.path());
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "rest";
  EXPECT_EQ(store.put(sha256_hex("other"), "image/png", png).error().code, "hash_mismatch");
  EXPECT_EQ(store.put("ABC", "image/png", png).error().code, "bad_hash");
  EXPECT_EQ(store.put(sha256_hex(png), "text/plain", png).error().code, "unsupported_media_type");
  EXPECT_EQ(store.put(sha256_hex(png), "image/jpeg", png).error().code, "unsupported_media_type");
  EXPECT_TRUE(store.put(sha256_hex(png), "image/png; charset=binary", png).ok());
  const std::string big(kMaxDocumentBytes + 1, 'x');
  EXPECT_EQ(store.put(sha256_hex(big), "application/pdf", big).error().code, "body_too_large");
  EXPECT_EQ(store.missing({sha256_hex(png), sha256_hex("nope")}), std::vector<std::string>{sha256_hex("nope")});
}
