// ConnectionGate: accepts the server's connections and holds each one, without a thread, until a
// whole request has arrived; only then does a worker thread serve it. A client that trickles its
// request a byte at a time, or opens a connection and says nothing, costs a file descriptor and
// a few hundred bytes, never a thread, so it cannot starve the people using the kiosks.
//
// How (Linux epoll, plain HTTP): the gate peeks (MSG_PEEK) at each readable connection. Once the
// request head is complete it is checked strictly (request_head.h: refused heads get their
// 4xx/505 JSON answer and the connection is closed); once the body is there too (bodies up to
// kGateBodyBytes) the connection goes to a worker, which reads the same bytes with Poco's
// parser without ever waiting. Larger or chunked bodies go to a worker as soon as the head is
// complete: those are "slow" dispatches, of which at most workers − reserve run at once, so
// complete small requests (/healthz, logins, submissions) always find a thread.
//
// Bounds (GateOptions): a head must complete within header_timeout of its first byte (408); a
// body within header_timeout + its size at min_upload_rate (the gate shuts the socket down under
// a worker that is still reading when that passes); an idle keep-alive connection closes after
// keep_alive; max_connections in all and max_per_address from one address (beyond: 429/503 at
// once). After a response the worker hands the connection back to the gate.
//
// TLS: the gate cannot read inside TLS, so a TLS connection is a slow dispatch for its whole
// life: its worker runs requests one after another, each bounded by the same deadlines.
//
// Thread-safety: start() and stop() from one controlling thread; everything else is internal.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "backend/http/request_head.h"

namespace jiuzhu::backend {

// Requests whose head and body together fit in this many bytes are read whole by the gate
// before a worker takes them (below any socket's receive buffer, so the client can always send it).
inline constexpr size_t kGateBodyBytes = 64 * 1024;

struct GateOptions {
  bool tls = false;
  int workers = 128;
  int reserve = 16;                   // workers never given to slow dispatches
  double header_timeout = 5;          // seconds from a head's first byte to its end
  double keep_alive = 15;             // seconds an idle connection is kept
  double min_upload_rate = 32 * 1024; // bytes per second a body must at least arrive at
  int max_connections = 4096;
  int max_per_address = 128;          // 0: no cap
};

// A connection as a worker sees it.
class GateConnection {
 public:
  using Clock = std::chrono::steady_clock;
  Poco::Net::StreamSocket socket;
  std::string address;  // the peer's IP address
  bool loopback = false;
  bool tls = false;
  // Plain HTTP: the gate read and accepted the head of the request about to be served.
  bool head_checked = false;
  RequestHead head;
  // What the server keeps with the connection between its requests (its HTTP session: Poco's
  // closes the socket when destroyed, so it must live as long as the connection).
  std::shared_ptr<void> server_state;

  // Bounds the worker's reads: past `t` the gate shuts the socket down (reads then fail).
  void set_read_deadline(Clock::time_point t) { deadline_ns_.store(t.time_since_epoch().count()); }
  void clear_read_deadline() { deadline_ns_.store(0); }
  // Whether the server is stopping (finish the request, then close).
  bool stopping() const { return stopping_ && stopping_->load(); }
  // Whether the worker may keep this connection for a moment after an answer, waiting for the
  // client's next request itself (saves the hand-over to the gate and back, which costs as much
  // CPU as a quarter of a submission): only while more workers are idle than the reserve.
  bool may_linger() const { return idle_workers_ && idle_workers_->load() > reserve_; }

 private:
  friend class ConnectionGate;
  enum class State { waiting, ready, serving, closing };
  State state_ = State::waiting;
  int fd_ = -1;
  bool slow_ = false;                 // holds a slow-dispatch slot
  bool bytes_seen_ = false;           // part of a head has arrived
  int lowat_ = 1;                     // the socket's SO_RCVLOWAT
  Clock::time_point deadline_{};      // gate-side: when waiting or closing ends
  std::atomic<int64_t> deadline_ns_{0};
  const std::atomic<bool>* stopping_ = nullptr;
  const std::atomic<int>* idle_workers_ = nullptr;
  int reserve_ = 0;
};

class ConnectionGate {
 public:
  // What happens to a connection after serve(): handed back to the gate for its next request,
  // closed, or closed after the gate has read and discarded what the client still sends (so an
  // early answer — a 413 — reaches a client that is still uploading, instead of a reset).
  enum class After { keep, close, drain_and_close };
  using Serve = std::function<After(GateConnection&)>;

  ConnectionGate(GateOptions options, Serve serve);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Starts accepting on `listener` (already bound and listening).
  void start(std::unique_ptr<Poco::Net::ServerSocket> listener);
  // Stops accepting, closes idle connections, lets requests being served finish for up to
  // `grace_seconds`, then cuts the rest and joins every thread.
  void stop(int grace_seconds);

  size_t open_connections() const { return open_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<size_t> open_{0};
};

}  // namespace jiuzhu::backend
