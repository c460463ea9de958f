// StorageHealth: whether the server can write what it must keep (the database, the document
// files), as the writes themselves found out. A write that fails for lack of space or an I/O
// error records a problem of its class ("database", "documents"); a later successful write of
// that class clears it. /healthz answers 503 with the reason while a problem is recorded, and
// the failing writes answer 503 storage_full / storage_failed (a kiosk keeps the item queued
// and retries), so an operator and the kiosks see a full disk instead of a stream of 500s.
//
// Each class's failure is logged with its cause at most once a minute (a full disk fails every
// write; one line per write would fill what is left of the log volume).
//
// probe() lets /healthz find out that space was freed without waiting for the next write:
// it writes, fsyncs and removes a small file in the data directory and, on success, clears the
// problems recorded by writers on that disk (`local`).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace jiuzhu::backend {

// The error code a failed write's driver or errno message calls for: "storage_full" (no space,
// quota), "storage_failed" (an I/O error), or "" (anything else: a bug, a constraint).
std::string classify_storage_failure(const std::string& message);

class StorageHealth {
 public:
  struct Problem {
    std::string kind;   // "database", "documents"
    std::string code;   // storage_full, storage_failed
    std::string cause;  // the driver's or the OS's words (no personal data)
  };

  // Records a failed write of `kind`; `local`: on the data directory's disk (probe() can clear it).
  void failed(const std::string& kind, const std::string& code, const std::string& cause, bool local = true);
  // A write of `kind` succeeded: clears its problem (logged once).
  void succeeded(const std::string& kind);
  // The first recorded problem, if any.
  std::optional<Problem> problem() const;
  // Writes, fsyncs and removes a 1 MiB file in `dir`; on success clears the local problems.
  // Returns whether the write succeeded (the cause otherwise in `cause`).
  bool probe(const std::string& dir, std::string* cause = nullptr);

 private:
  struct Entry {
    Problem problem;
    bool local = true;
    std::chrono::steady_clock::time_point last_logged{};
  };
  mutable std::mutex mu_;
  std::map<std::string, Entry> problems_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_logged_;
};

}  // namespace jiuzhu::backend
