#include "kiosk/outbox/http.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <sstream>

namespace jiuzhu::kiosk {
namespace {

// An untrusted certificate is refused, never asked about: without a handler Poco's SSLManager
// would build its default one from configuration (a console prompt).
void init_ssl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), nullptr);
  });
}

}  // namespace

Result<BackendConfig> parse_backend_url(const std::string& url, const std::string& ca_file) {
  BackendConfig c;
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    rest = url.substr(8);
    c.tls = true;
  } else {
    return make_error("bad_backend_url", "backend URL must start with http:// or https://", "--backend");
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  auto colon = rest.rfind(':');
  if (colon == std::string::npos) {
    c.host = rest;
    c.port = c.tls ? 443 : 80;
  } else {
    c.host = rest.substr(0, colon);
    try {
      c.port = std::stoi(rest.substr(colon + 1));
    } catch (...) {
      return make_error("bad_backend_url", "backend port is not a number", "--backend");
    }
  }
  if (c.host.empty() || c.port <= 0 || c.port > 65535)
    return make_error("bad_backend_url", "backend host or port invalid", "--backend");
  if (c.tls) {
    std::error_code ec;
    if (!ca_file.empty() && !std::filesystem::is_regular_file(ca_file, ec))
      return make_error("tls_ca_unreadable", "the CA file does not exist", "--ca-file");
    init_ssl_once();
    try {
      // VERIFY_STRICT: the server must present a certificate that chains to the CA; extended
      // verification (on by default) checks that it names the host.
      c.tls_context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, ca_file,
                                             Poco::Net::Context::VERIFY_STRICT, 9, ca_file.empty());
      c.tls_context->enableExtendedCertificateVerification(true);
      c.tls_context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                      Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    } catch (const Poco::Exception& e) {
      return make_error("tls_ca_unreadable", "the CA file cannot be used: " + e.displayText(), "--ca-file");
    }
  } else if (!ca_file.empty()) {
    return make_error("bad_backend_url", "--ca-file needs an https:// backend", "--ca-file");
  }
  return c;
}

Result<HttpResponse> http_request(const BackendConfig& cfg, const std::string& method, const std::string& path,
                                  const std::string& content_type, const std::string& body,
                                  const std::string& bearer) {
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> owned;
    if (cfg.tls) {
      if (!cfg.tls_context) return make_error("network_error", "no TLS context for an https backend");
      owned = std::make_unique<Poco::Net::HTTPSClientSession>(cfg.host, static_cast<Poco::UInt16>(cfg.port),
                                                              cfg.tls_context);
    } else {
      owned = std::make_unique<Poco::Net::HTTPClientSession>(cfg.host, static_cast<Poco::UInt16>(cfg.port));
    }
    Poco::Net::HTTPClientSession& session = *owned;
    session.setTimeout(Poco::Timespan(0, cfg.timeout_ms * 1000));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    const std::string& tok = bearer.empty() ? cfg.token : bearer;
    if (!tok.empty()) req.set("Authorization", "Bearer " + tok);
    if (!content_type.empty()) req.setContentType(content_type);
    if (method == "POST" || method == "PUT") req.setContentLength(static_cast<std::streamsize>(body.size()));
    std::ostream& os = session.sendRequest(req);
    if (!body.empty()) os.write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse resp;
    std::istream& is = session.receiveResponse(resp);
    HttpResponse out;
    out.status = static_cast<int>(resp.getStatus());
    std::ostringstream ss;
    Poco::StreamCopier::copyStream(is, ss);
    out.body = ss.str();
    return out;
  } catch (const Poco::Exception& e) {
    return make_error("network_error", e.displayText());
  } catch (const std::exception& e) {
    return make_error("network_error", e.what());
  }
}

}  // namespace jiuzhu::kiosk
