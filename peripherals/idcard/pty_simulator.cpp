#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "peripherals/idcard/simulator.h"

namespace jiuzhu::idcard {
namespace {

Error pty_error(const char* what) {
  return make_error("pty_open", std::string("无法打开模拟读卡器（") + what + "：" + std::strerror(errno) + "）");
}

}  // namespace

Result<std::unique_ptr<PtyReaderSimulator>> PtyReaderSimulator::start(SimulatorOptions options) {
  const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return pty_error("posix_openpt");
  char name[128];
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
    const Error e = pty_error("grantpt");
    ::close(master);
    return e;
  }
  // Hold the slave open ourselves: the master then never sees a hangup between clients, and
  // the line is raw before any client opens it (no echo of commands back to the host).
  const int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    const Error e = pty_error("open slave");
    ::close(master);
    return e;
  }
  termios tio{};
  tcgetattr(slave, &tio);
  cfmakeraw(&tio);
  tcsetattr(slave, TCSANOW, &tio);
  int stop[2];
  if (pipe2(stop, O_CLOEXEC | O_NONBLOCK) != 0) {
    const Error e = pty_error("pipe");
    ::close(slave);
    ::close(master);
    return e;
  }
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<PtyReaderSimulator>(
      new PtyReaderSimulator(master, slave, stop[0], stop[1], name, options));
}

PtyReaderSimulator::PtyReaderSimulator(int master, int slave, int stop_read, int stop_write, std::string path,
                                       SimulatorOptions options)
    : master_(master), slave_(slave), stop_read_(stop_read), stop_write_(stop_write), path_(std::move(path)),
      sim_(options) {
  thread_ = std::thread([this] { serve(); });
}

PtyReaderSimulator::~PtyReaderSimulator() {
  stopping_ = true;
  const char b = 1;
  [[maybe_unused]] ssize_t n = ::write(stop_write_, &b, 1);
  thread_.join();
  for (int fd : {master_, slave_, stop_read_, stop_write_}) ::close(fd);
}

Status PtyReaderSimulator::present(const Card& card) {
  std::lock_guard lock(mu_);
  return sim_.present(card);
}

void PtyReaderSimulator::remove() {
  std::lock_guard lock(mu_);
  sim_.remove();
}

std::uint64_t PtyReaderSimulator::commands_seen() const {
  std::lock_guard lock(mu_);
  return sim_.commands_seen();
}

bool PtyReaderSimulator::pause(std::chrono::milliseconds d) {
  if (d.count() <= 0) return !stopping_;
  pollfd p{stop_read_, POLLIN, 0};
  ::poll(&p, 1, static_cast<int>(d.count()));
  return !stopping_;
}

void PtyReaderSimulator::serve() {
  std::uint8_t buf[4096];
  while (!stopping_) {
    pollfd fds[2] = {{master_, POLLIN, 0}, {stop_read_, POLLIN, 0}};
    if (::poll(fds, 2, 500) < 0 && errno != EINTR) return;
    if (stopping_) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n <= 0) continue;
    std::vector<ReaderSimulator::Chunk> chunks;
    {
      std::lock_guard lock(mu_);
      chunks = sim_.on_bytes(ByteView(buf, static_cast<std::size_t>(n)));
    }
    for (const auto& chunk : chunks) {
      if (!pause(chunk.delay_before)) return;
      std::size_t sent = 0;
      while (sent < chunk.bytes.size()) {
        const ssize_t w = ::write(master_, chunk.bytes.data() + sent, chunk.bytes.size() - sent);
        if (w > 0) {
          sent += static_cast<std::size_t>(w);
        } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
          break;
        } else {
          pollfd p[2] = {{master_, POLLOUT, 0}, {stop_read_, POLLIN, 0}};
          ::poll(p, 2, 100);
          if (stopping_) return;
        }
      }
    }
  }
}

}  // namespace jiuzhu::idcard
