#include "kiosk/outbox/http.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace jiuzhu::kiosk {

Result<BackendConfig> parse_backend_url(const std::string& url) {
  const std::string pre = "http://";
  if (url.rfind(pre, 0) != 0) return make_error("bad_backend_url", "backend URL must start with http://", "--backend");
  std::string rest = url.substr(pre.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  BackendConfig c;
  auto colon = rest.rfind(':');
  if (colon == std::string::npos) {
    c.host = rest;
    c.port = 80;
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
  return c;
}

Result<HttpResponse> http_request(const BackendConfig& cfg, const std::string& method, const std::string& path,
                                  const std::string& content_type, const std::string& body,
                                  const std::string& bearer) {
  try {
    Poco::Net::HTTPClientSession session(cfg.host, static_cast<Poco::UInt16>(cfg.port));
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
