// GroupCommitWriter: the one writer thread of a Database, with group commit.
//
// Both back ends (sqlite_database.cpp, postgres_database.cpp) make writes durable the same way:
// callers queue jobs; one thread takes everything queued meanwhile (up to `max_group` jobs) and
// hands it to the back end as a group, which runs the jobs in one transaction and commits them
// with one flush. Many requests share one fsync; acknowledged still means committed and durable.
// This class is that queue and thread. How a group runs — savepoints or re-running jobs alone on
// a failure, the audit chain tail, checkpoints — is the back end's, behind GroupCommitter.
//
// Thread-safety: submit(), pending() and close() may be called from any thread. The committer's
// methods are called on the writer thread only, one at a time, so what they touch (the writer's
// session, its prepared statements) needs no lock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "backend/store/database.h"

namespace jiuzhu::backend {

// One queued write: its job and the caller waiting for its answer.
struct WriteItem {
  Job job;
  std::promise<Status> done;
};
using WriteGroup = std::vector<std::shared_ptr<WriteItem>>;

// The back end's part of group commit.
class GroupCommitter {
 public:
  virtual ~GroupCommitter() = default;
  // Runs every job of `group` and commits; must set every item's `done` exactly once, to Ok only
  // when that job's work is durable.
  virtual void commit_group(WriteGroup& group) = 0;
  // Called once on the writer thread after the last group, before the thread ends (closes what
  // the writer thread owns).
  virtual void writer_finished() {}
};

class GroupCommitWriter {
 public:
  // `committer` must outlive the writer (close() before destroying it).
  GroupCommitWriter(GroupCommitter& committer, size_t max_group);
  ~GroupCommitWriter() { close(); }
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Starts the writer thread (once).
  void start();
  // Queues `job` and waits for its group's answer. After close(): `db_closed`, nothing run.
  Status submit(Job job);
  // Jobs queued and not yet taken by the writer.
  size_t pending() const { return queued_.load(); }
  // The committer counts each commit it makes (for /metrics and the benchmark); read anywhere.
  void count_commit(size_t jobs) {
    groups_.fetch_add(1);
    jobs_.fetch_add(jobs);
  }
  uint64_t groups() const { return groups_.load(); }
  uint64_t jobs() const { return jobs_.load(); }
  // Refuses new jobs, lets the writer finish every queued one, and joins it. Idempotent.
  void close();

 private:
  void loop();

  GroupCommitter& committer_;
  const size_t max_group_;
  std::thread thread_;
  std::mutex join_mu_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<WriteItem>> queue_;
  bool closed_ = false;
  std::atomic<size_t> queued_{0};
  std::atomic<uint64_t> groups_{0}, jobs_{0};
};

// Database::ping() for both back ends: `SELECT 1` on a read session.
Status ping_by_select(Database& db);

}  // namespace jiuzhu::backend
