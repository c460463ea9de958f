// A small blocking HTTP/1.1 client (Poco Net) for the backend API. Called only from worker
// threads (the sync thread, request futures) — never from the UI thread.
//
// https:// backends are reached with Poco NetSSL (OpenSSL): the server's certificate must chain
// to the CA file given (--ca-file; the system's CAs when none is given) and name the host
// (Poco's extended verification: subjectAltName/CN against the URL's host); any failure is a
// network_error and nothing is sent — never a fallback to plain HTTP. Plain http:// stays for
// loopback tests and halls behind a TLS-terminating gateway.
//
// Thread-safety: each call uses its own session; BackendConfig is an immutable value (its TLS
// context is shared, reference-counted, and OpenSSL contexts may serve several threads).
#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include "core/result.h"

namespace jiuzhu::kiosk {

struct BackendConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  bool tls = false;                 // https://
  Poco::Net::Context::Ptr tls_context;  // set by parse_backend_url for https://
  std::string token;          // kiosk bearer token (jiuzhu-server kiosk add)
  int timeout_ms = 5000;
};

// "http://HOST[:PORT]" or "https://HOST[:PORT]" → config. For https, the client TLS context
// trusts the CA certificates in `ca_file` (PEM; "" = the system's CAs) and verifies the peer
// strictly. Errors: bad_backend_url, tls_ca_unreadable.
Result<BackendConfig> parse_backend_url(const std::string& url, const std::string& ca_file = {});

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
