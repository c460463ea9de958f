// GroupCommitWriter on its own, with an in-memory committer: what it promises the two back ends
// (store/group_commit_writer.h) — jobs queued while a group runs form the next group, no group
// exceeds max_group, every job gets its committer's answer, close() finishes what was queued and
// refuses what comes after.
#include "backend/store/group_commit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace jiuzhu::backend {
namespace {

// Answers each job without running it: Ok, or the error `fail_code` names; records group sizes.
// The first group waits on `gate` so that the test can queue jobs behind it.
class RecordingCommitter : public GroupCommitter {
 public:
  void commit_group(WriteGroup& group) override {
    if (first_) {
      first_ = false;
      entered = true;
      gate.get_future().wait();
    }
    {
      std::lock_guard lock(mu);
      sizes.push_back(group.size());
    }
    for (auto& item : group) item->done.set_value(Ok{});
  }
  void writer_finished() override { finished = true; }

  std::promise<void> gate;
  std::atomic<bool> entered{false};
  std::mutex mu;
  std::vector<size_t> sizes;
  bool finished = false;

 private:
  bool first_ = true;
};

Job noop() {
  return [](Tx&) -> Status { return Ok{}; };
}

TEST(GroupCommitWriter, JobsQueuedMeanwhileShareAGroupOfAtMostMaxGroup) {
  RecordingCommitter committer;
  GroupCommitWriter writer(committer, 4);
  writer.start();
  std::vector<std::future<Status>> answers;
  answers.push_back(std::async(std::launch::async, [&] { return writer.submit(noop()); }));
  // The first job is taken alone and held at the gate; ten more queue behind it.
  while (!committer.entered) std::this_thread::yield();
  for (int i = 0; i < 10; ++i) {
    answers.push_back(std::async(std::launch::async, [&] { return writer.submit(noop()); }));
  }
  while (writer.pending() < 10) std::this_thread::yield();
  committer.gate.set_value();
  for (auto& a : answers) EXPECT_TRUE(a.get().ok());
  writer.close();
  EXPECT_TRUE(committer.finished);
  std::lock_guard lock(committer.mu);
  ASSERT_EQ(committer.sizes.size(), 4u);  // 1, then 10 queued jobs as 4 + 4 + 2
  EXPECT_EQ(committer.sizes[0], 1u);
  EXPECT_EQ(committer.sizes[1], 4u);
  EXPECT_EQ(committer.sizes[2], 4u);
  EXPECT_EQ(committer.sizes[3], 2u);
}

TEST(GroupCommitWriter, CloseFinishesQueuedJobsAndRefusesLaterOnes) {
  RecordingCommitter committer;
  GroupCommitWriter writer(committer, 256);
  writer.start();
  auto first = std::async(std::launch::async, [&] { return writer.submit(noop()); });
  while (!committer.entered) std::this_thread::yield();
  auto second = std::async(std::launch::async, [&] { return writer.submit(noop()); });
  while (writer.pending() < 1) std::this_thread::yield();
  auto closing = std::async(std::launch::async, [&] { writer.close(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  committer.gate.set_value();
  closing.get();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(second.get().ok());  // queued before close(): still committed
  const Status late = writer.submit(noop());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "db_closed");
  EXPECT_TRUE(committer.finished);
  writer.close();  // idempotent
}

}  // namespace
}  // namespace jiuzhu::backend
