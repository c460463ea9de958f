#include "backend/http/server.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace jiuzhu::backend {
namespace {

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ApiHandler(const Router& router, Services& services) : router_(router), services_(services) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    const auto start = std::chrono::steady_clock::now();
    ++services_.in_flight;
    RawRequest raw;
    raw.method = request.getMethod();
    raw.uri = request.getURI();
    raw.content_type = request.getContentType();
    raw.authorization = request.get("Authorization", "");
    const auto host = request.clientAddress().host();
    raw.client_address = host.toString();
    raw.loopback = host.isLoopback();
    raw.content_length = request.hasContentLength() ? request.getContentLength64() : -1;
    if (raw.content_length < 0 && !request.getChunkedTransferEncoding()) raw.content_length = 0;
    raw.body = &request.stream();
    std::string route;
    Response r = router_.dispatch(raw, services_, route);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    response.setContentType(r.content_type);
    for (const auto& [k, v] : r.headers) response.set(k, v);
    // The unread rest of a refused body would be parsed as the next request: close instead.
    if (r.status == 413) response.setKeepAlive(false);
    response.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    try {
      response.sendBuffer(r.body.data(), r.body.size());
    } catch (const Poco::Exception&) {
      // The client went away; nothing to answer.
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    services_.metrics.observe(route, raw.method, r.status, seconds);
    --services_.in_flight;
    // Logger::get takes a process-wide lock; the logger itself lives until shutdown.
    static Poco::Logger& log = Poco::Logger::get("http");
    if (log.information()) {
      char ms[32];
      std::snprintf(ms, sizeof ms, "%.2f", seconds * 1000);
      log.information("event=request method=" + raw.method + " route=" + route + " status=" + std::to_string(r.status) +
                      " ms=" + ms);
    }
  }

 private:
  const Router& router_;
  Services& services_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const Router& router, Services& services) : router_(router), services_(services) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new ApiHandler(router_, services_);
  }

 private:
  const Router& router_;
  Services& services_;
};

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, Services& services, Router router)
    : config_(config), services_(services), router_(std::move(router)) {}

HttpServer::~HttpServer() {
  if (server_) stop(0);
}

Status HttpServer::start() {
  const Poco::Net::SocketAddress address(config_.host, static_cast<Poco::UInt16>(config_.port));
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  try {
    if (!config_.tls_cert.empty() || !config_.tls_key.empty()) {
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config_.tls_key,
                                                               config_.tls_cert, "", Poco::Net::Context::VERIFY_NONE);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    }
  } catch (const Poco::Net::SSLException& e) {
    return make_error("tls_failed", "cannot set up TLS: " + e.displayText());
  } catch (const Poco::Exception& e) {
    return make_error("listen_failed", "cannot listen on " + config_.host + ":" + std::to_string(config_.port) + ": " +
                                           e.displayText());
  }
  port_ = socket->address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config_.max_threads);
  params->setMaxQueued(config_.max_queued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);
  params->setKeepAliveTimeout(Poco::Timespan(15, 0));
  params->setTimeout(Poco::Timespan(30, 0));
  pool_ = std::make_unique<Poco::ThreadPool>(2, config_.max_threads + 4);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(router_, services_), *pool_, *socket, params);
  server_->start();
  return Ok{};
}

void HttpServer::stop(int grace_seconds) {
  if (!server_) return;
  // Stop accepting; keep-alive connections close after the request they are serving.
  server_->stopAll(false);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
  while ((server_->currentConnections() > 0 || services_.in_flight.load() > 0) &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pool_->joinAll();
  server_.reset();
}

}  // namespace jiuzhu::backend
