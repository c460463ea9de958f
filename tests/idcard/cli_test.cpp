// jiuzhu-idcard as a program: exit codes and output, with the simulator as a child process.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/frame.h"
#include "test_cards.h"

extern char** environ;

namespace jiuzhu::idcard {
namespace {

const std::string kBin = JIUZHU_IDCARD_BIN;

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Runs the program with arguments; captures stdout and stderr (small outputs).
Run run(std::vector<std::string> args) {
  char out_path[] = "/tmp/jiuzhu-idcard-out-XXXXXX";
  char err_path[] = "/tmp/jiuzhu-idcard-err-XXXXXX";
  const int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  args.insert(args.begin(), kBin);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  Run r;
  if (posix_spawn(&pid, kBin.c_str(), &fa, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&fa);
  close(out_fd);
  close(err_fd);
  r.out = testing::read_text_file(out_path);
  r.err = testing::read_text_file(err_path);
  unlink(out_path);
  unlink(err_path);
  return r;
}

// `jiuzhu-idcard simulate ...` in the background; the pty path is its first stdout line.
class Simulator {
 public:
  explicit Simulator(std::vector<std::string> args) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    args.insert(args.begin(), {kBin, "simulate"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, kBin.c_str(), &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') path_ += c;
    close(fds[0]);
  }
  ~Simulator() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_on_term_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& path() const { return path_; }

 private:
  pid_t pid_ = 0;
  std::string path_;
  int exit_code_on_term_ = -1;
};

std::string card_file(const char* name) { return assets_dir() + "/cards/" + name; }

TEST(IdcardCli, HelpAndUsageErrors) {
  auto help = run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage: jiuzhu-idcard read"), std::string::npos);
  EXPECT_EQ(run({}).exit_code, 2);
  EXPECT_EQ(run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run({"read"}).exit_code, 2);
  EXPECT_EQ(run({"read", "--device", "/dev/null", "--timeout", "soon"}).exit_code, 2);
  EXPECT_EQ(run({"parse"}).exit_code, 2);
  EXPECT_EQ(run({"simulate"}).exit_code, 2);
  auto bad = run({"read", "--bogus"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << "one line on stderr";
}

TEST(IdcardCli, SimulateThenReadPrintsTheCard) {
  for (const char* name : {"resident_elder.json", "foreigner_2023.json"}) {
    Simulator sim({"--card", card_file(name)});
    ASSERT_EQ(sim.path().rfind("/dev/pts/", 0), 0u) << sim.path();
    auto r = run({"read", "--device", sim.path(), "--timeout", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(testing::read_text_file(card_file(name))));
  }
}

TEST(IdcardCli, NoCardExitsThree) {
  Simulator sim({"--no-card"});
  auto r = run({"read", "--device", sim.path(), "--timeout", "0.4"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no_card"), std::string::npos);
  EXPECT_TRUE(r.out.empty());
}

TEST(IdcardCli, ReadFailureExitsOneWithStatus) {
  Simulator sim({"--card", card_file("resident_proxy.json"), "--fail-reads"});
  auto r = run({"read", "--device", sim.path(), "--timeout", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("card_read_failed"), std::string::npos) << r.err;
  EXPECT_EQ(run({"read", "--device", "/nonexistent/tty"}).exit_code, 1);
}

TEST(IdcardCli, NoisySlowLineStillReads) {
  Simulator sim({"--card", card_file("hkmo_tw_permit.json"), "--noise", "200", "--chunk-size", "64",
                 "--chunk-delay-ms", "10"});
  auto r = run({"read", "--device", sim.path(), "--timeout", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["card_type"], "hkmo_tw_permit");
}

TEST(IdcardCli, ParseAFrameFile) {
  const Card card = testing::sample_card("resident_elder.json");
  const Bytes frame = encode_response(0, 0, 0x90, encode_base_info(*encode_card_text(card), Bytes(kPhotoSize, 3), std::nullopt));
  char path[] = "/tmp/jiuzhu-frame-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_EQ(write(fd, frame.data(), frame.size()), static_cast<ssize_t>(frame.size()));
  close(fd);
  auto ok = run({"parse", path});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out), card_to_json(card));
  // A damaged frame: exit 1 naming the problem.
  Bytes damaged = frame;
  damaged[600] ^= 0x40;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(damaged.data()), static_cast<std::streamsize>(damaged.size()));
  auto bad = run({"parse", path});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("frame_checksum"), std::string::npos) << bad.err;
  unlink(path);
  EXPECT_EQ(run({"parse", "/nonexistent/frame.bin"}).exit_code, 1);
}

}  // namespace
}  // namespace jiuzhu::idcard
