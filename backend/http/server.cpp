#include "backend/http/server.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Timestamp.h>

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "backend/http/connection_gate.h"

namespace jiuzhu::backend {
namespace {

using Clock = std::chrono::steady_clock;
using After = ConnectionGate::After;

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// Poco's server session, with its read-ahead buffer visible: bytes in it after a response are a
// pipelined request, which must be served before the connection goes back to the gate.
class ServerSession final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  using HTTPSession::buffered;
};


// The checks of request_head.h on what Poco parsed, for heads the gate could not read itself
// (TLS, pipelined requests). Poco has already dropped header lines without a colon; everything
// else is checked as strictly.
bool check_parsed(const Poco::Net::HTTPServerRequest& request, HeadError& error) {
  const std::string& v = request.getVersion();
  if (v != "HTTP/1.1" && v != "HTTP/1.0") {
    error = {505, "version_not_supported", "this server speaks HTTP/1.0 and HTTP/1.1 only"};
    return false;
  }
  std::string head = request.getMethod() + " / " + v + "\r\n";
  for (const auto& [name, value] : request) head += name + ": " + value + "\r\n";
  head += "\r\n";
  RequestHead parsed;
  return parse_request_head(head, parsed, error);
}

class Worker {
 public:
  Worker(const ServerConfig& config, Services& services, const Router& router, Poco::Net::HTTPServerParams::Ptr params)
      : config_(config), services_(services), router_(router), params_(std::move(params)) {}

  After serve(GateConnection& c) {
    if (!c.server_state) c.server_state = std::make_shared<ServerSession>(c.socket, params_);
    auto& session = *static_cast<ServerSession*>(c.server_state.get());
    for (;;) {
      if (c.tls) {
        // The connection stays on this worker between its requests: wait for the next one.
        try {
          if (!c.socket.poll(Poco::Timespan(seconds_to_us(config_.keep_alive_seconds)), Poco::Net::Socket::SELECT_READ) ||
              c.stopping()) {
            return After::close;
          }
        } catch (const Poco::Exception&) {
          return After::close;
        }
      }
      // The head (already here when the gate checked it) and the body, at the agreed pace.
      const int64_t announced = c.head_checked && c.head.content_length > 0 ? c.head.content_length : 0;
      c.set_read_deadline(Clock::now() + seconds(config_.header_timeout_seconds +
                                                 static_cast<double>(announced) / config_.min_upload_bytes_per_second));
      After after = After::close;
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_);
        if (!c.head_checked) {
          HeadError error;
          if (!check_parsed(request, error)) return answer_and_close(c, error.status, error.code, error.message);
          if (request.hasContentLength()) {
            c.set_read_deadline(Clock::now() + seconds(config_.header_timeout_seconds +
                                                       static_cast<double>(request.getContentLength64()) /
                                                           config_.min_upload_bytes_per_second));
          }
        }
        c.head_checked = false;
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(request.getKeepAlive() && !c.stopping());
        if (request.getExpectContinue()) response.sendContinue();
        after = handle(c, request, response);
        if (after == After::keep && !response.getKeepAlive()) after = After::close;
      } catch (const Poco::Net::NoMessageException&) {
        return After::close;  // the client closed (or sent nothing in time)
      } catch (const Poco::Net::MessageException& e) {
        // Poco's own limits (field too long, too many fields) on heads the gate did not read.
        const bool size = e.message().find("long") != std::string::npos || e.message().find("many") != std::string::npos;
        return answer_and_close(c, size ? 431 : 400, size ? "header_too_large" : "bad_request",
                                size ? "the request headers are too large" : "the request is malformed");
      } catch (const Poco::Exception&) {
        return After::close;  // a network error, or the deadline cut the socket
      }
      if (after != After::keep) return after;
      if (session.buffered() > 0) continue;  // a pipelined request, already read ahead
      if (c.tls) continue;
      if (!c.may_linger()) return After::keep;
      switch (next_request_arrived(c)) {
        case Next::arrived: continue;
        case Next::closed: return After::close;
        case Next::not_yet: return After::keep;
      }
    }
  }

 private:
  enum class Next { arrived, closed, not_yet };

  // Waits up to kLingerMs for the client's next request and takes it only when it has arrived
  // whole, with a head the gate would accept; anything else (a partial request, a refused head)
  // goes back to the gate, which has the means to wait for it without a thread.
  Next next_request_arrived(GateConnection& c) {
    static constexpr int kLingerMs = 50;
    thread_local std::vector<char> peek(kMaxHeadBytes + kGateBodyBytes + 1);
    const int fd = static_cast<int>(c.socket.impl()->sockfd());
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kLingerMs) <= 0) return Next::not_yet;
    const ssize_t n = ::recv(fd, peek.data(), peek.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return Next::closed;
    if (n < 0) return Next::not_yet;
    const std::string_view bytes(peek.data(), static_cast<size_t>(n));
    const size_t end = head_end(bytes.substr(0, std::min(bytes.size(), kMaxHeadBytes)));
    if (end == 0) return Next::not_yet;
    HeadError error;
    if (!parse_request_head(bytes, c.head, error)) return Next::not_yet;
    const size_t body = c.head.content_length > 0 ? static_cast<size_t>(c.head.content_length) : 0;
    if (c.head.chunked || c.head.expect_continue || body > kGateBodyBytes || bytes.size() < end + body) {
      return Next::not_yet;
    }
    c.head_checked = true;
    return Next::arrived;
  }

  static Poco::Timespan::TimeDiff seconds_to_us(double s) { return static_cast<Poco::Timespan::TimeDiff>(s * 1e6); }

  After answer_and_close(GateConnection& c, int status, const std::string& code, const std::string& message) {
    const std::string bytes = error_response_bytes(status, code, message);
    try {
      c.set_read_deadline(Clock::now() + seconds(config_.header_timeout_seconds));
      c.socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    } catch (const Poco::Exception&) {
    }
    services_.metrics.observe("unmatched", "", status, 0);
    return After::drain_and_close;
  }

  After handle(GateConnection& c, Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const auto start = Clock::now();
    ++services_.in_flight;
    RawRequest raw;
    raw.method = request.getMethod();
    raw.uri = request.getURI();
    raw.content_type = request.getContentType();
    raw.authorization = request.get("Authorization", "");
    raw.client_address = c.address;
    raw.loopback = c.loopback;
    const bool chunked = request.getChunkedTransferEncoding();
    raw.content_length = request.hasContentLength() ? request.getContentLength64() : -1;
    if (raw.content_length < 0 && !chunked) raw.content_length = 0;
    raw.body = &request.stream();
    raw.on_body_read = [&c] { c.clear_read_deadline(); };  // ops: the handler's time is not the client's
    std::string route;
    services_.calendars.refresh_if_stale();  // discovery: notices entered by another process, within 5 s
    Response r = router_.dispatch(raw, services_, route);

    // What is left of an unread body must never be taken for the next request: skip it when it
    // is small and already here, close the connection otherwise.
    After after = After::keep;
    if (!raw.body_read && (chunked || raw.content_length > 0)) {
      if (!chunked && raw.content_length <= static_cast<long long>(kGateBodyBytes)) {
        raw.body->ignore(raw.content_length);
        if (!*raw.body && !raw.body->eof()) after = After::close;
      } else {
        after = After::drain_and_close;
      }
    }
    if (after != After::keep || r.status == 413) {
      response.setKeepAlive(false);
      if (after == After::keep) after = After::drain_and_close;
    }
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    response.setContentType(r.content_type);
    for (const auto& [k, v] : r.headers) response.set(k, v);
    response.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    // The answer must leave at the agreed pace too (a client that never reads cannot hold us).
    c.set_read_deadline(Clock::now() + seconds(config_.header_timeout_seconds +
                                               static_cast<double>(r.body.size()) / config_.min_upload_bytes_per_second));
    try {
      response.sendBuffer(r.body.data(), r.body.size());
    } catch (const Poco::Exception&) {
      after = After::close;  // the client went away; nothing to answer
    }
    c.clear_read_deadline();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    services_.metrics.observe(route, raw.method, r.status, secs);
    --services_.in_flight;
    // Logger::get takes a process-wide lock; the logger itself lives until shutdown.
    static Poco::Logger& log = Poco::Logger::get("http");
    if (log.information()) {
      char ms[32];
      std::snprintf(ms, sizeof ms, "%.2f", secs * 1000);
      log.information("event=request method=" + raw.method + " route=" + route + " status=" + std::to_string(r.status) +
                      " ms=" + ms);
    }
    return after;
  }

  const ServerConfig& config_;
  Services& services_;
  const Router& router_;
  Poco::Net::HTTPServerParams::Ptr params_;
};

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, Services& services, Router router)
    : config_(config), services_(services), router_(std::move(router)) {}

HttpServer::~HttpServer() {
  if (gate_) stop(0);
}

Status HttpServer::start() {
  const Poco::Net::SocketAddress address(config_.host, static_cast<Poco::UInt16>(config_.port));
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  const bool tls = !config_.tls_cert.empty() || !config_.tls_key.empty();
  try {
    if (tls) {
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config_.tls_key,
                                                               config_.tls_cert, "", Poco::Net::Context::VERIFY_NONE);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 1024, context);
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>(address, 1024);
    }
  } catch (const Poco::Net::SSLException& e) {
    return make_error("tls_failed", "cannot set up TLS: " + e.displayText());
  } catch (const Poco::Exception& e) {
    return make_error("listen_failed", "cannot listen on " + config_.host + ":" + std::to_string(config_.port) + ": " +
                                           e.displayText());
  }
  port_ = socket->address().port();
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);
  params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(config_.keep_alive_seconds), 0));
  params->setTimeout(Poco::Timespan(static_cast<long>(config_.header_timeout_seconds) + 1, 0));
  worker_ = std::make_shared<Worker>(config_, services_, router_, params);
  GateOptions options;
  options.tls = tls;
  options.workers = config_.max_threads;
  options.reserve = config_.reserve_threads >= 0 ? config_.reserve_threads : config_.max_threads / 8;
  options.header_timeout = config_.header_timeout_seconds;
  options.keep_alive = config_.keep_alive_seconds;
  options.min_upload_rate = config_.min_upload_bytes_per_second;
  options.max_connections = config_.max_connections;
  options.max_per_address = config_.max_connections_per_address;
  auto worker = std::static_pointer_cast<Worker>(worker_);
  gate_ = std::make_unique<ConnectionGate>(options, [worker](GateConnection& c) { return worker->serve(c); });
  try {
    gate_->start(std::move(socket));
  } catch (const Poco::Exception& e) {
    gate_.reset();
    return make_error("listen_failed", "cannot start serving: " + e.displayText());
  }
  return Ok{};
}

void HttpServer::stop(int grace_seconds) {
  if (!gate_) return;
  gate_->stop(grace_seconds);
  gate_.reset();
}

}  // namespace jiuzhu::backend
