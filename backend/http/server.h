// HttpServer: Poco::Net::HTTPServer (HTTPS when the config names a certificate and key) in
// front of the Router. A pool of request threads serves keep-alive connections; each request is
// timed into Metrics and logged as one key=value line without any personal data (the route
// pattern, never the concrete path or query).
//
// Thread-safety: start() and stop() from one controlling thread; requests run on Poco's pool.
#pragma once

#include <memory>
#include <string>

#include "backend/http/router.h"
#include "backend/http/services.h"

namespace Poco::Net {
class HTTPServer;
}
namespace Poco {
class ThreadPool;
}

namespace jiuzhu::backend {

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
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace jiuzhu::backend
