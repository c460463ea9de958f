// HttpServer: HTTP/1.1 (HTTPS when the config names a certificate and key) in front of the
// Router. Connections are held by the ConnectionGate (connection_gate.h) until a request has
// arrived, so slow clients cost no thread; a worker then parses it with Poco's HTTP classes and
// answers it. Each request is timed into Metrics and logged as one key=value line without any
// personal data (the route pattern, never the concrete path or query).
//
// Thread-safety: start() and stop() from one controlling thread; requests run on Poco's pool.
#pragma once

#include <memory>
#include <string>

#include "backend/http/router.h"
#include "backend/http/services.h"

namespace jiuzhu::backend {

class ConnectionGate;

class HttpServer {
 public:
  HttpServer(const ServerConfig& config, Services& services, Router router);
  ~HttpServer();

  // Binds and starts accepting. Errors: listen_failed, tls_failed.
  Status start();
  // The bound port (useful with port 0).
  int port() const { return port_; }
  // Stops accepting, lets in-flight requests finish (up to `grace_seconds`), closes idle
  // keep-alive connections.
  void stop(int grace_seconds = 10);

 private:
  const ServerConfig& config_;
  Services& services_;
  Router router_;
  std::shared_ptr<void> worker_;  // what serves a connection (server.cpp)
  std::unique_ptr<ConnectionGate> gate_;
  int port_ = 0;
};

}  // namespace jiuzhu::backend
