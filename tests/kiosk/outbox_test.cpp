#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/fsutil.h"
#include "kiosk/outbox/outbox.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace jiuzhu::kiosk;

namespace {

using jiuzhu::test::TempDir;

std::unique_ptr<Outbox> open_box(const std::string& dir) {
  auto key = load_or_create_key(dir);
  EXPECT_TRUE(key.ok());
  auto ob = Outbox::open(dir + "/outbox", *key);
  EXPECT_TRUE(ob.ok());
  return std::move(ob).value();
}

OutboxDocument doc(const std::string& content) {
  Bytes b(content.begin(), content.end());
  return {sha256_hex(b.data(), b.size()), "image/png", b};
}

}  // namespace

TEST(OutboxCrypto, SealRoundTripAndTamperDetection) {
  TempDir d;
  auto key = load_or_create_key(d.path());
  ASSERT_TRUE(key.ok());
  struct stat st {};
  ASSERT_EQ(::stat((d.path() + "/outbox.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The same key comes back on the next start.
  auto again = load_or_create_key(d.path());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, key->bytes);

  Bytes s = seal(*key, "韦秀英 450326194803150021", "a.item");
  std::string as_text(s.begin(), s.end());
  EXPECT_EQ(as_text.find("450326194803150021"), std::string::npos) << "plaintext on disk";
  auto pt = unseal(*key, s, "a.item");
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(*pt, "韦秀英 450326194803150021");
  EXPECT_EQ(unseal(*key, s, "b.item").error().code, "sealed_auth_failed");  // renamed file
  s[s.size() / 2] ^= 1;
  EXPECT_EQ(unseal(*key, s, "a.item").error().code, "sealed_auth_failed");
  EXPECT_EQ(unseal(*key, Bytes{1, 2, 3}, "a.item").error().code, "sealed_truncated");
}

TEST(Outbox, EnqueueReadCompleteInOrder) {
  TempDir d;
  auto ob = open_box(d.path());
  auto a = doc("page one");
  auto r1 = ob->enqueue("application", "id-1", "L1", {{"client_id", "id-1"}}, {a});
  auto r2 = ob->enqueue("lead", "id-2", "", {{"situation", "x"}}, {});
  ASSERT_TRUE(r1.ok());
  ASSERT_TRUE(r2.ok());
  auto p = ob->pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], *r1);  // oldest first
  auto it = ob->read(p[0]);
  ASSERT_TRUE(it.ok());
  EXPECT_EQ(it->kind, "application");
  EXPECT_EQ(it->payload["client_id"], "id-1");
  ASSERT_EQ(it->documents.size(), 1u);
  auto dd = ob->read_document(a.sha256);
  ASSERT_TRUE(dd.ok());
  EXPECT_EQ(std::string(dd->bytes.begin(), dd->bytes.end()), "page one");
  ASSERT_TRUE(ob->complete(*it, {{"application_no", "N1"}}).ok());
  EXPECT_EQ(ob->pending().size(), 1u);
  EXPECT_EQ((*ob->ack("id-1"))["application_no"], "N1");
  EXPECT_FALSE(ob->read_document(a.sha256).ok()) << "document no longer needed is removed";
}

TEST(Outbox, SharedDocumentKeptWhileAnotherItemNeedsIt) {
  TempDir d;
  auto ob = open_box(d.path());
  auto a = doc("same page");
  ASSERT_TRUE(ob->enqueue("application", "one", "", {}, {a}).ok());
  ASSERT_TRUE(ob->enqueue("application", "two", "", {}, {a}).ok());
  auto first = ob->read(ob->pending()[0]);
  ASSERT_TRUE(ob->complete(*first, {}).ok());
  EXPECT_TRUE(ob->read_document(a.sha256).ok());
}

TEST(Outbox, CrashBetweenWriteAndRenameLeavesNoItemAndIsCleanedUp) {
  TempDir d;
  {
    auto ob = open_box(d.path());
    // A write that died before its rename: bytes in tmp/, nothing in items/.
    std::ofstream(d.path() + "/outbox/tmp/123-x.item.999.tmp") << "partial";
  }
  auto ob = open_box(d.path());  // restart
  EXPECT_TRUE(ob->pending().empty());
  EXPECT_TRUE(fs::is_empty(d.path() + "/outbox/tmp"));
}

TEST(Outbox, CorruptItemIsQuarantinedNotLostAndQueueContinues) {
  TempDir d;
  auto ob = open_box(d.path());
  auto r1 = ob->enqueue("application", "bad", "", {{"n", 1}}, {});
  auto r2 = ob->enqueue("application", "good", "", {{"n", 2}}, {});
  ASSERT_TRUE(r1.ok() && r2.ok());
  {
    std::fstream f(d.path() + "/outbox/items/" + *r1, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    f.put('\x7f');
  }
  auto bad = ob->read(*r1);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "outbox_corrupt");
  EXPECT_TRUE(fs::exists(d.path() + "/outbox/quarantine/" + *r1)) << "kept for staff";
  auto p = ob->pending();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], *r2);
  EXPECT_EQ(ob->counts().quarantined, 1u);
}

TEST(Outbox, ItemsSurviveRestartAndWrongKeyCannotRead) {
  TempDir d;
  std::string file;
  {
    auto ob = open_box(d.path());
    file = *ob->enqueue("application", "persist", "L9", {{"x", "y"}}, {});
  }
  {
    auto ob = open_box(d.path());  // kill -9 and restart: same key file, same item
    auto it = ob->read(file);
    ASSERT_TRUE(it.ok());
    EXPECT_EQ(it->local_no, "L9");
  }
  Key other{Bytes(32, 7)};
  auto ob = Outbox::open(d.path() + "/outbox", other);
  ASSERT_TRUE(ob.ok());
  EXPECT_FALSE((*ob)->read(file).ok());
}

TEST(Outbox, RejectMovesTheItemAside) {
  TempDir d;
  auto ob = open_box(d.path());
  auto f = ob->enqueue("application", "rej", "", {}, {});
  auto it = ob->read(*f);
  ASSERT_TRUE(ob->reject(*it, "400 bad").ok());
  EXPECT_TRUE(ob->pending().empty());
  EXPECT_EQ(ob->counts().rejected, 1u);
}

TEST(Outbox, UnsafeIdsAreRefused) {
  TempDir d;
  auto ob = open_box(d.path());
  EXPECT_FALSE(ob->enqueue("lead", "../../etc", "", {}, {}).ok());
  EXPECT_FALSE(ob->enqueue("lead", "", "", {}, {}).ok());
}

TEST(Outbox, TimeOrderedUuidIsV7WithTheClockFirst) {
  const uint64_t ms = 0x0193'5a6b'7c8dULL;  // 2024-11-23 19:06:53.965 UTC
  const std::string a = time_ordered_uuid(ms), b = time_ordered_uuid(ms + 1);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a.substr(0, 13), "01935a6b-7c8d");
  EXPECT_EQ(a[14], '7');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);  // RFC 9562 variant
  EXPECT_LT(a, b);                                                 // later ones sort after
  EXPECT_NE(a.substr(24), time_ordered_uuid(ms).substr(24));       // the tail is random
}

TEST(Outbox, UuidIsV4) {
  std::string u = random_uuid();
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_NE(u, random_uuid());
}

#include "kiosk/outbox/sync.h"

TEST(Sync, LeadBodyCarriesTheItemIdAsClientId) {
  OutboxItem lead;
  lead.kind = "lead";
  lead.id = random_uuid();
  lead.payload = {{"source", "kiosk"}, {"township", "450326101"}, {"situation", "x"}, {"urgent", false}};
  auto body = request_body(lead);
  EXPECT_EQ(body.value("client_id", ""), lead.id);
  // Everything else is the stored payload, unchanged; and the same item gives the same body
  // on every retry (the id is made once, when the lead is queued).
  auto without = body;
  without.erase("client_id");
  EXPECT_EQ(without, lead.payload);
  EXPECT_EQ(request_body(lead), body);

  // A payload that already names its client_id keeps it.
  OutboxItem named = lead;
  named.payload["client_id"] = "abc-123";
  EXPECT_EQ(request_body(named).value("client_id", ""), "abc-123");
  // An id the backend would refuse (it allows 1-64 of [A-Za-z0-9-]) is not sent: the lead goes
  // at least once, as before, instead of being rejected.
  OutboxItem odd = lead;
  odd.id = "bad_id";
  EXPECT_FALSE(request_body(odd).contains("client_id"));
  odd.id = std::string(65, 'a');
  EXPECT_FALSE(request_body(odd).contains("client_id"));
}

TEST(Sync, ApplicationBodyIsThePayloadAsStored) {
  OutboxItem app;
  app.kind = "application";
  app.id = random_uuid();
  app.payload = {{"client_id", app.id}, {"programs", {"dibao"}}};
  EXPECT_EQ(request_body(app), app.payload);
}
