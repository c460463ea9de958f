// The outbox: the durable, encrypted queue between the resident pressing 提交 and the backend
// answering. An application is "submitted" for the resident the moment enqueue() returns: from
// then on no crash, kill -9, power loss or network outage may lose it, and retries may not
// duplicate it (the backend deduplicates on client_id).
//
// Layout under DIR (the kiosk's data dir + "/outbox"):
//   items/<seq>-<id>.item     one sealed JSON per submission {kind, id, local_no, created_at,
//                             payload, documents:[{sha256, content_type}]}
//   docs/<sha256>.doc         sealed document bytes (content type inside)
//   done/<id>.ack             sealed backend answer, kept for reprints and the receipt
//   quarantine/               files that fail to open or parse: kept for staff, never deleted
//   rejected/                 items the backend refused as invalid (4xx): kept for staff
//   tmp/                      in-flight writes; emptied at open (nobody was told about them)
// Every write is write_atomic() (fsync file, rename, fsync directory). Items are processed in
// <seq> order (a nanosecond timestamp), one file per item so that one bad file cannot hide
// the others.
//
// Thread-safety: all methods may be called from the UI thread (enqueue, counts) and the sync
// thread (the rest) at once: an internal mutex orders directory changes.
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "kiosk/outbox/crypto.h"

namespace jiuzhu::kiosk {

struct OutboxDocument {
  std::string sha256;
  std::string content_type;  // image/png, image/jpeg, application/pdf
  Bytes bytes;
};

struct OutboxItem {
  std::string file;        // items/ file name
  std::string kind;        // "application" | "lead"
  std::string id;          // client_id (application) or a local UUID (lead)
  std::string local_no;    // shown on an offline receipt
  std::string created_at;  // RFC 3339
  nlohmann::json payload;  // exactly the request body
  std::vector<std::pair<std::string, std::string>> documents;  // sha256, content type
};

struct OutboxCounts {
  size_t pending = 0, quarantined = 0, rejected = 0, done = 0;
};

class Outbox {
 public:
  // Creates the directories, removes leftovers in tmp/. Errors: outbox_unavailable.
  static Result<std::unique_ptr<Outbox>> open(const std::string& dir, Key key);

  // Stores the documents (idempotent by hash), then the item. Returns the item's file name
  // once both are durable. Errors: outbox_write_failed.
  Result<std::string> enqueue(const std::string& kind, const std::string& id, const std::string& local_no,
                              const nlohmann::json& payload, const std::vector<OutboxDocument>& docs);

  // Pending item files, oldest first.
  std::vector<std::string> pending() const;
  // Opens one item. A file that fails to open or parse is moved to quarantine/ and the
  // error (outbox_corrupt) returned: it is never deleted and never blocks the queue.
  Result<OutboxItem> read(const std::string& file);
  Result<OutboxDocument> read_document(const std::string& sha256);

  // The backend accepted the item: stores `ack`, removes the item and documents no pending
  // item still needs. Idempotent.
  Status complete(const OutboxItem& item, const nlohmann::json& ack);
  // The backend refused the item as invalid: moves it to rejected/ with the reason.
  Status reject(const OutboxItem& item, const std::string& reason);
  // True when the item file was moved to rejected/ (the backend refused it).
  bool is_rejected(const std::string& file) const;
  // A stored answer by id.
  std::optional<nlohmann::json> ack(const std::string& id) const;

  OutboxCounts counts() const;
  const std::string& dir() const { return dir_; }

 private:
  Outbox(std::string dir, Key key) : dir_(std::move(dir)), key_(std::move(key)) {}
  void quarantine(const std::string& path);
  Status write_sealed(const std::string& sub, const std::string& name, const std::string& text);
  std::string dir_;
  Key key_;
  mutable std::mutex mu_;
  long long last_seq_ = 0;
};

}  // namespace jiuzhu::kiosk
