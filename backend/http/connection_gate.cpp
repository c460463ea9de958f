#include "backend/http/connection_gate.h"

#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace jiuzhu::backend {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// Best effort, never blocks: the answer to a refused connection is a few hundred bytes, which
// always fit in a fresh socket's send buffer.
void send_now(int fd, const std::string& bytes) {
  (void)::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

constexpr auto kScanEvery = std::chrono::milliseconds(50);
constexpr auto kDrainFor = std::chrono::seconds(2);

}  // namespace

struct ConnectionGate::Impl {
  GateOptions options;
  Serve serve;
  std::atomic<size_t>& open;
  std::unique_ptr<Poco::Net::ServerSocket> listener;
  int epoll_fd = -1;
  int wake_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> gate_done{false};
  std::atomic<int> idle_workers{0};

  std::mutex mu;  // guards everything below
  std::unordered_map<GateConnection*, std::unique_ptr<GateConnection>> connections;
  std::unordered_map<std::string, int> per_address;
  std::deque<GateConnection*> ready;       // complete requests, for any worker
  std::deque<GateConnection*> slow_ready;  // slow dispatches waiting for a slot
  int slow_running = 0;
  int serving = 0;
  std::condition_variable work_cv;
  std::condition_variable idle_cv;

  std::thread accept_thread, gate_thread;
  std::vector<std::thread> workers;
  std::vector<char> peek_buffer = std::vector<char>(kMaxHeadBytes + kGateBodyBytes + 1);

  Impl(GateOptions o, Serve s, std::atomic<size_t>& open_count) : options(o), serve(std::move(s)), open(open_count) {}

  int slow_slots() const { return std::max(1, options.workers - options.reserve); }

  void wake() {
    const uint64_t one = 1;
    (void)::write(wake_fd, &one, sizeof one);
  }

  // Arms the connection for its next readable event (EPOLLONESHOT: one event, then disarmed, so
  // only one thread ever looks at a connection at a time).
  void arm(GateConnection& c, bool add) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.ptr = &c;
    ::epoll_ctl(epoll_fd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c.fd_, &ev);
  }

  // Under mu.
  void destroy(GateConnection* c) {
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd_, nullptr);
    if (auto it = per_address.find(c->address); it != per_address.end() && --it->second <= 0) per_address.erase(it);
    try {
      c->socket.close();
    } catch (const Poco::Exception&) {
    }
    connections.erase(c);
    open.store(connections.size());
  }

  // Under mu: answers and closes, reading what the client still sends for a moment so that it
  // sees the answer rather than a reset.
  void refuse(GateConnection* c, int status, const std::string& code, const std::string& message) {
    send_now(c->fd_, error_response_bytes(status, code, message));
    linger_close(c);
  }

  void linger_close(GateConnection* c) {
    if (c->lowat_ != 1) {
      const int one = 1;
      ::setsockopt(c->fd_, SOL_SOCKET, SO_RCVLOWAT, &one, sizeof one);
      c->lowat_ = 1;
    }
    ::shutdown(c->fd_, SHUT_WR);
    c->state_ = GateConnection::State::closing;
    c->deadline_ = Clock::now() + kDrainFor;
    arm(*c, false);
  }

  // Under mu.
  void dispatch(GateConnection* c, bool slow) {
    if (c->lowat_ != 1) {  // the worker reads normally
      const int one = 1;
      ::setsockopt(c->fd_, SOL_SOCKET, SO_RCVLOWAT, &one, sizeof one);
      c->lowat_ = 1;
    }
    c->state_ = GateConnection::State::ready;
    c->slow_ = slow;
    if (slow) {
      slow_ready.push_back(c);
      start_slow();
    } else {
      ready.push_back(c);
      work_cv.notify_one();
    }
  }

  // Under mu: moves waiting slow dispatches to the workers while slots are free.
  void start_slow() {
    while (!slow_ready.empty() && slow_running < slow_slots()) {
      ++slow_running;
      ready.push_back(slow_ready.front());
      slow_ready.pop_front();
      work_cv.notify_one();
    }
  }

  // Wakes the gate for this connection only once `bytes` are there (SO_RCVLOWAT): a peek does
  // not consume, so without it a partial head would make the connection readable again at once.
  void wait_for_bytes(GateConnection* c, size_t bytes) {
    const int want = static_cast<int>(std::max<size_t>(1, bytes));
    if (want != c->lowat_) {
      ::setsockopt(c->fd_, SOL_SOCKET, SO_RCVLOWAT, &want, sizeof want);
      c->lowat_ = want;
    }
    arm(*c, false);
  }

  // Gate thread, under mu: a waiting connection became readable (`hangup`: the peer closed its
  // side or the connection failed).
  void on_readable(GateConnection* c, bool hangup) {
    if (c->state_ == GateConnection::State::closing) {
      char sink[16384];
      for (;;) {
        const ssize_t n = ::recv(c->fd_, sink, sizeof sink, MSG_DONTWAIT);
        if (n > 0) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
          arm(*c, false);
          return;
        }
        destroy(c);
        return;
      }
    }
    if (stopping.load()) {
      destroy(c);
      return;
    }
    if (c->tls) {  // nothing to see inside TLS: a worker reads it, under deadlines
      dispatch(c, true);
      return;
    }
    const ssize_t n = ::recv(c->fd_, peek_buffer.data(), peek_buffer.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      destroy(c);
      return;
    }
    if (n < 0) {
      arm(*c, false);
      return;
    }
    const auto now = Clock::now();
    if (!c->bytes_seen_) {
      c->bytes_seen_ = true;
      c->deadline_ = now + seconds(options.header_timeout);
    }
    const std::string_view bytes(peek_buffer.data(), static_cast<size_t>(n));
    const size_t end = head_end(bytes.substr(0, std::min(bytes.size(), kMaxHeadBytes)));
    if (end == 0) {
      if (bytes.size() >= kMaxHeadBytes) {
        refuse(c, 431, "header_too_large", "the request line and headers are larger than 16 KiB");
        return;
      }
      if (hangup) {  // gone before its request was complete
        destroy(c);
        return;
      }
      wait_for_bytes(c, bytes.size() + 1);
      return;
    }
    HeadError error;
    if (!parse_request_head(bytes, c->head, error)) {
      refuse(c, error.status, error.code, error.message);
      return;
    }
    c->head_checked = true;
    const int64_t body = c->head.content_length > 0 ? c->head.content_length : 0;
    const bool small = !c->head.chunked && end + static_cast<size_t>(body) <= kMaxHeadBytes + kGateBodyBytes &&
                       static_cast<size_t>(body) <= kGateBodyBytes;
    if (!small || c->head.expect_continue) {
      dispatch(c, true);
      return;
    }
    if (bytes.size() >= end + static_cast<size_t>(body)) {
      dispatch(c, false);
      return;
    }
    if (hangup) {
      destroy(c);
      return;
    }
    // The head is complete, the body is on its way: allow for its size.
    c->deadline_ = std::max(c->deadline_, now + seconds(options.header_timeout + static_cast<double>(body) /
                                                                                  options.min_upload_rate));
    wait_for_bytes(c, end + static_cast<size_t>(body));
  }

  // Gate thread, under mu: ends waits that took too long, cuts reads that overran.
  void scan_deadlines() {
    const auto now = Clock::now();
    const int64_t now_ns = now.time_since_epoch().count();
    std::vector<GateConnection*> expired;
    for (auto& [ptr, c] : connections) {
      switch (c->state_) {
        case GateConnection::State::waiting:
        case GateConnection::State::closing:
          if (now >= c->deadline_) expired.push_back(ptr);
          break;
        case GateConnection::State::serving: {
          const int64_t d = c->deadline_ns_.load();
          if (d != 0 && now_ns >= d) {
            c->deadline_ns_.store(0);
            ::shutdown(c->fd_, SHUT_RDWR);  // the worker's read fails; it closes the connection
          }
          break;
        }
        case GateConnection::State::ready:
          break;
      }
    }
    for (GateConnection* c : expired) {
      if (c->state_ == GateConnection::State::waiting && c->bytes_seen_) {
        refuse(c, 408, "request_timeout", "the request did not arrive in time");
      } else {
        destroy(c);
      }
    }
  }

  void gate_loop() {
    std::vector<epoll_event> events(256);
    auto last_scan = Clock::now();
    while (!gate_done.load()) {
      const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 50);
      std::lock_guard lock(mu);
      for (int i = 0; i < n; ++i) {
        if (events[static_cast<size_t>(i)].data.ptr == nullptr) {
          uint64_t v;
          (void)::read(wake_fd, &v, sizeof v);
          continue;
        }
        auto* c = static_cast<GateConnection*>(events[static_cast<size_t>(i)].data.ptr);
        if (connections.count(c)) on_readable(c, (events[static_cast<size_t>(i)].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
      }
      if (Clock::now() - last_scan >= kScanEvery) {
        scan_deadlines();
        last_scan = Clock::now();
      }
    }
  }

  void accept_loop() {
    while (!stopping.load()) {
      Poco::Net::StreamSocket socket;
      Poco::Net::SocketAddress peer;
      try {
        if (!listener->poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) continue;
        socket = listener->acceptConnection(peer);
      } catch (const Poco::Exception&) {
        if (stopping.load()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // EMFILE and the like: back off
        continue;
      }
      auto c = std::make_unique<GateConnection>();
      c->socket = socket;
      c->fd_ = static_cast<int>(socket.impl()->sockfd());
      c->address = peer.host().toString();
      c->loopback = peer.host().isLoopback();
      c->tls = options.tls;
      c->stopping_ = &stopping;
      c->idle_workers_ = &idle_workers;
      c->reserve_ = options.reserve;
      c->deadline_ = Clock::now() + seconds(options.keep_alive);
      try {
        socket.setNoDelay(true);
      } catch (const Poco::Exception&) {
      }
      std::lock_guard lock(mu);
      if (static_cast<int>(connections.size()) >= options.max_connections) {
        send_now(c->fd_, error_response_bytes(503, "too_many_connections", "the server has too many open connections"));
        continue;  // the socket closes as `c` goes
      }
      int& mine = per_address[c->address];
      if (options.max_per_address > 0 && mine >= options.max_per_address) {
        if (mine == 0) per_address.erase(c->address);
        send_now(c->fd_, error_response_bytes(429, "too_many_connections",
                                              "too many connections from this address; close some and retry"));
        continue;
      }
      ++mine;
      GateConnection* raw = c.get();
      connections.emplace(raw, std::move(c));
      open.store(connections.size());
      arm(*raw, true);
    }
  }

  void worker_loop() {
    for (;;) {
      GateConnection* c = nullptr;
      {
        std::unique_lock lock(mu);
        ++idle_workers;
        work_cv.wait(lock, [&] { return !ready.empty() || gate_done.load(); });
        --idle_workers;
        if (ready.empty()) return;
        c = ready.front();
        ready.pop_front();
        c->state_ = GateConnection::State::serving;
        ++serving;
      }
      After after = After::close;
      try {
        after = serve(*c);
      } catch (const std::exception& e) {
        Poco::Logger::get("http").warning(std::string("event=connection_failed what=\"") + e.what() + "\"");
      }
      c->clear_read_deadline();
      std::lock_guard lock(mu);
      --serving;
      if (c->slow_) {
        c->slow_ = false;
        --slow_running;
        start_slow();
      }
      c->head_checked = false;
      c->bytes_seen_ = false;
      if (stopping.load() && after == After::keep) after = After::close;
      switch (after) {
        case After::keep:
          c->state_ = GateConnection::State::waiting;
          c->deadline_ = Clock::now() + seconds(options.keep_alive);
          arm(*c, false);
          break;
        case After::drain_and_close:
          linger_close(c);
          break;
        case After::close:
          destroy(c);
          break;
      }
      idle_cv.notify_all();
    }
  }
};

ConnectionGate::ConnectionGate(GateOptions options, Serve serve)
    : impl_(std::make_unique<Impl>(options, std::move(serve), open_)) {}

ConnectionGate::~ConnectionGate() { stop(0); }

void ConnectionGate::start(std::unique_ptr<Poco::Net::ServerSocket> listener) {
  auto& m = *impl_;
  m.listener = std::move(listener);
  m.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  m.wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (m.epoll_fd < 0 || m.wake_fd < 0) throw Poco::Net::NetException("cannot create epoll or eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.wake_fd, &ev);
  for (int i = 0; i < std::max(1, m.options.workers); ++i) m.workers.emplace_back([&m] { m.worker_loop(); });
  m.gate_thread = std::thread([&m] { m.gate_loop(); });
  m.accept_thread = std::thread([&m] { m.accept_loop(); });
}

void ConnectionGate::stop(int grace_seconds) {
  auto& m = *impl_;
  if (!m.accept_thread.joinable()) return;
  m.stopping.store(true);
  m.accept_thread.join();
  try {
    m.listener->close();
  } catch (const Poco::Exception&) {
  }
  {
    std::unique_lock lock(m.mu);
    // Idle connections go now; requests being served (or ready) may finish.
    std::vector<GateConnection*> idle;
    for (auto& [ptr, c] : m.connections) {
      if (c->state_ == GateConnection::State::waiting || c->state_ == GateConnection::State::closing) idle.push_back(ptr);
    }
    for (auto* c : idle) m.destroy(c);
    m.idle_cv.wait_for(lock, std::chrono::seconds(grace_seconds),
                       [&] { return m.serving == 0 && m.ready.empty() && m.slow_ready.empty(); });
    for (auto& [ptr, c] : m.connections) ::shutdown(c->fd_, SHUT_RDWR);
    m.slow_ready.clear();
    m.gate_done.store(true);
  }
  m.work_cv.notify_all();
  m.wake();
  for (auto& t : m.workers) t.join();
  m.workers.clear();
  m.gate_thread.join();
  {
    std::lock_guard lock(m.mu);
    std::vector<GateConnection*> all;
    for (auto& [ptr, c] : m.connections) all.push_back(ptr);
    for (auto* c : all) m.destroy(c);
  }
  ::close(m.epoll_fd);
  ::close(m.wake_fd);
}

}  // namespace jiuzhu::backend
