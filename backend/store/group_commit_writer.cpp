#include "backend/store/group_commit_writer.h"

#include <Poco/Data/Session.h>

#include <algorithm>

namespace jiuzhu::backend {

GroupCommitWriter::GroupCommitWriter(GroupCommitter& committer, size_t max_group)
    : committer_(committer), max_group_(std::max<size_t>(1, max_group)) {}

void GroupCommitWriter::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || closed_) return;
  thread_ = std::thread([this] { loop(); });
}

Status GroupCommitWriter::submit(Job job) {
  auto item = std::make_shared<WriteItem>();
  item->job = std::move(job);
  auto answer = item->done.get_future();
  {
    std::lock_guard lock(mu_);
    if (closed_) return make_error("db_closed", "database is closed");
    queue_.push_back(std::move(item));
    queued_.store(queue_.size());
  }
  cv_.notify_one();
  return answer.get();
}

void GroupCommitWriter::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
  std::lock_guard join_lock(join_mu_);  // two closing threads: one joins, the other waits for it
  if (thread_.joinable()) thread_.join();
}

void GroupCommitWriter::loop() {
  WriteGroup group;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || closed_; });
      if (queue_.empty() && closed_) break;
      while (!queue_.empty() && group.size() < max_group_) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      queued_.store(queue_.size());
    }
    committer_.commit_group(group);
    group.clear();
  }
  committer_.writer_finished();
}

Status ping_by_select(Database& db) {
  return db.read([](Tx& tx) -> Status {
    int one = 0;
    tx.session() << "SELECT 1", Poco::Data::Keywords::into(one), Poco::Data::Keywords::now;
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
