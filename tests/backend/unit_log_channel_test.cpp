// BatchedLogChannel: routine lines are batched, warnings go out at once and in order, nothing
// is lost or duplicated under concurrent logging, and close() writes what is left.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <Poco/AutoPtr.h>
#include <Poco/Message.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "backend/util/batched_log_channel.h"
#include "support/files.h"
#include "support/temp_dir.h"

using jiuzhu::backend::BatchedLogChannel;

namespace {

Poco::Message line(const std::string& text, Poco::Message::Priority p = Poco::Message::PRIO_INFORMATION) {
  return Poco::Message("test", text, p);
}

class LogFile {
 public:
  LogFile() : path_(dir_.file("log")), fd_(::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600)) {}
  ~LogFile() { ::close(fd_); }
  int fd() const { return fd_; }
  std::string text() const { return jiuzhu::test::read_file(path_); }

 private:
  jiuzhu::test::TempDir dir_;  // first: path_ is made from it
  std::string path_;
  int fd_;
};

TEST(BatchedLogChannel, RoutineLinesWaitForTheIntervalAndCloseWritesThem) {
  LogFile f;
  Poco::AutoPtr<BatchedLogChannel> ch(new BatchedLogChannel(f.fd(), std::chrono::seconds(60)));
  ch->log(line("event=request route=/a"));
  ch->log(line("event=request route=/b"));
  EXPECT_EQ(f.text(), "");  // the thread would write them after 60 s
  ch->close();
  EXPECT_EQ(f.text(), "event=request route=/a\nevent=request route=/b\n");
  ch->log(line("after close"));  // written directly, not lost
  EXPECT_EQ(f.text(), "event=request route=/a\nevent=request route=/b\nafter close\n");
}

TEST(BatchedLogChannel, AWarningIsWrittenAtOnceAfterTheLinesBeforeIt) {
  LogFile f;
  Poco::AutoPtr<BatchedLogChannel> ch(new BatchedLogChannel(f.fd(), std::chrono::seconds(60)));
  ch->log(line("first"));
  ch->log(line("event=commit_failed", Poco::Message::PRIO_WARNING));
  EXPECT_EQ(f.text(), "first\nevent=commit_failed\n");
  ch->log(line("later"));
  ch->log(line("event=db_error", Poco::Message::PRIO_ERROR));
  EXPECT_EQ(f.text(), "first\nevent=commit_failed\nlater\nevent=db_error\n");
}

TEST(BatchedLogChannel, TheThreadWritesWithinTheInterval) {
  LogFile f;
  Poco::AutoPtr<BatchedLogChannel> ch(new BatchedLogChannel(f.fd(), std::chrono::milliseconds(20)));
  ch->log(line("soon"));
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (f.text().empty() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(f.text(), "soon\n");
}

TEST(BatchedLogChannel, ConcurrentLinesAreEachWrittenOnceAndWhole) {
  LogFile f;
  Poco::AutoPtr<BatchedLogChannel> ch(new BatchedLogChannel(f.fd(), std::chrono::milliseconds(1)));
  constexpr int kThreads = 4, kLines = 5000;  // > 64 KiB in all: the size trigger runs too
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kLines; ++i) {
        ch->log(line("t=" + std::to_string(t) + " i=" + std::to_string(i),
                     i % 1000 == 999 ? Poco::Message::PRIO_WARNING : Poco::Message::PRIO_INFORMATION));
      }
    });
  }
  for (auto& t : threads) t.join();
  ch->close();
  std::istringstream in(f.text());
  std::set<std::string> seen;
  std::vector<int> last(kThreads, -1);
  for (std::string l; std::getline(in, l);) {
    ASSERT_TRUE(seen.insert(l).second) << "duplicate " << l;
    int t = -1, i = -1;
    ASSERT_EQ(std::sscanf(l.c_str(), "t=%d i=%d", &t, &i), 2) << "torn line " << l;
    ASSERT_TRUE(t >= 0 && t < kThreads);
    EXPECT_EQ(i, last[t] + 1) << "thread " << t << " out of order";  // each thread's lines in order
    last[t] = i;
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kThreads * kLines));
}

}  // namespace
