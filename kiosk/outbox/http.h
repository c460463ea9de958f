// A small blocking HTTP/1.1 client (Poco Net) for the backend API. Called only from worker
// threads (the sync thread, request futures) — never from the UI thread.
//
// Plain http:// is supported (loopback tests, a hall network behind a TLS-terminating
// gateway); production kiosks reach the county backend over TLS, see docs/kiosk.md.
//
// Thread-safety: each call uses its own session; BackendConfig is an immutable value.
#pragma once

#include <string>

#include "core/result.h"

namespace jiuzhu::kiosk {

struct BackendConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;          // kiosk bearer token (jiuzhu-server kiosk add)
  int timeout_ms = 5000;
};

// "http://HOST:PORT" → config. Errors: bad_backend_url.
Result<BackendConfig> parse_backend_url(const std::string& url);

struct HttpResponse {
  int status = 0;
  std::string body;
};

// One request. `bearer` overrides the kiosk token when non-empty. Network failures (refused,
// timeout, reset) are errors with code network_error; any HTTP status is a response.
Result<HttpResponse> http_request(const BackendConfig& cfg, const std::string& method, const std::string& path,
                                  const std::string& content_type = {}, const std::string& body = {},
                                  const std::string& bearer = {});

}  // namespace jiuzhu::kiosk
