// A loopback HTTP server for the kiosk's sync tests: Poco's HTTPServer — a second HTTP
// implementation, not the kiosk's own client — on 127.0.0.1 at a free port, answering every
// request with what `respond` returns for its method, path and body.
//
// Thread-safety: `respond` runs on the server's threads, possibly several at once; it must guard
// whatever it shares with the test. The server stops (and waits for its threads) on destruction.
#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace jiuzhu::test {

struct LoopbackReply {
  int status = 404;
  nlohmann::json body = {{"error", {{"code", "not_found"}}}};
};

using LoopbackRespond =
    std::function<LoopbackReply(const std::string& method, const std::string& path, const std::string& body)>;

class LoopbackHttp {
 public:
  explicit LoopbackHttp(LoopbackRespond respond)
      : respond_(std::move(respond)),
        socket_(Poco::Net::SocketAddress("127.0.0.1", 0)),
        server_(new Factory(respond_), socket_, new Poco::Net::HTTPServerParams) {
    server_.start();
  }
  ~LoopbackHttp() { server_.stop(); }
  LoopbackHttp(const LoopbackHttp&) = delete;
  LoopbackHttp& operator=(const LoopbackHttp&) = delete;

  uint16_t port() const { return socket_.address().port(); }
  // Stops answering and waits for requests in progress (the destructor does the same).
  void stop() { server_.stop(); }

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(const LoopbackRespond& respond) : respond_(respond) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
      std::string body;
      Poco::StreamCopier::copyToString(req.stream(), body);
      const LoopbackReply reply = respond_(req.getMethod(), req.getURI(), body);
      res.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
      res.setContentType("application/json");
      res.send() << reply.body.dump();
    }

   private:
    const LoopbackRespond& respond_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(const LoopbackRespond& respond) : respond_(respond) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(respond_);
    }

   private:
    const LoopbackRespond& respond_;
  };

  LoopbackRespond respond_;
  Poco::Net::ServerSocket socket_;
  Poco::Net::HTTPServer server_;
};

}  // namespace jiuzhu::test
