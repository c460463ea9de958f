#include "backend/http/router.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/URI.h>

#include "backend/documents/document_store.h"

namespace jiuzhu::backend {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  if (path.empty() || path[0] != '/') return out;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path, std::vector<std::string>& captures) {
  if (pattern.size() != path.size()) return false;
  captures.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "{}") {
      if (path[i].empty()) return false;
      captures.push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

// Reads at most `limit` bytes; false when the stream holds more.
bool read_limited(std::istream& in, size_t limit, std::string& out) {
  out.clear();
  char buf[65536];
  while (in) {
    in.read(buf, sizeof buf);
    const auto n = static_cast<size_t>(in.gcount());
    if (out.size() + n > limit) return false;
    out.append(buf, n);
  }
  return true;
}


}  // namespace

void Router::add(Route route) {
  patterns_.push_back(split_path(route.pattern));
  routes_.push_back(std::move(route));
}

Response Router::dispatch(const RawRequest& raw, Services& services, std::string& route_name) const {
  route_name = "unmatched";
  Request req;
  req.method = raw.method;
  req.client_address = raw.client_address;
  req.loopback = raw.loopback;
  req.content_type = raw.content_type;
  try {
    Poco::URI uri(raw.uri);
    req.path = uri.getPath();
    for (const auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
  } catch (const Poco::Exception&) {
    return error_response(400, "bad_uri", "the request URI is malformed", "uri");
  }
  const auto segments = split_path(req.path);
  const Route* found = nullptr;
  bool path_known = false;
  std::vector<std::string> captures;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!match(patterns_[i], segments, captures)) continue;
    path_known = true;
    if (routes_[i].method == req.method) {
      found = &routes_[i];
      req.path_params = std::move(captures);
      break;
    }
  }
  if (!found) {
    if (path_known) return error_response(405, "method_not_allowed", "this path does not take " + req.method);
    return error_response(404, "not_found", "no such resource");
  }
  route_name = found->pattern;
  const Route& route = *found;
  if (route.loopback_only && !req.loopback) return error_response(403, "forbidden", "only from the server itself");

  auto principal = services.auth.authenticate(raw.authorization);
  if (!principal) return error_response(principal.error());
  req.principal = *principal;
  req.authorization = raw.authorization;
  if (!route.roles.empty()) {
    if (!req.principal.authenticated()) return error_response(401, "unauthenticated", "credentials required");
    if (!route.roles.count(req.principal.role)) {
      return error_response(403, "forbidden", std::string("a ") + to_string(req.principal.role) + " may not do this");
    }
  }

  const size_t limit = route.body == BodyKind::none ? size_t{64 * 1024}
                       : route.max_body ? route.max_body
                                        : services.config.max_json_bytes;
  if (route.body == BodyKind::json) {
    if (media_type(raw.content_type) != "application/json") {
      return error_response(415, "unsupported_media_type", "send the body as application/json", "Content-Type");
    }
  }
  // A body over the limit is refused before a byte of it is read (the server then closes the
  // connection after reading off, for a moment, what the client still sends).
  if (raw.content_length >= 0 && static_cast<unsigned long long>(raw.content_length) > limit) {
    return error_response(413, "body_too_large", "the body is larger than " + std::to_string(limit) + " bytes");
  }
  if (raw.body && (raw.content_length != 0)) {
    std::string body;
    if (!read_limited(*raw.body, limit, body)) {
      return error_response(413, "body_too_large", "the body is larger than " + std::to_string(limit) + " bytes");
    }
    // Fewer bytes than announced: the client stopped (or was cut off at its deadline). Never
    // act on a truncated body, even one that happens to parse.
    if (raw.content_length > 0 && body.size() != static_cast<size_t>(raw.content_length)) {
      return error_response(400, "incomplete_body", "the body ended before its Content-Length");
    }
    raw.body_read = true;
    if (route.body != BodyKind::none) req.body = std::move(body);
  } else {
    raw.body_read = true;
  }
  if (raw.on_body_read) raw.on_body_read();
  try {
    return route.handler(req, services);
  } catch (const std::exception& e) {
    // A handler bug must not take the server down or leak internals; log the type of fault only.
    Poco::Logger::get("http").error(std::string("event=handler_exception route=") + route.pattern);
    return error_response(500, "internal", "the server could not complete the request");
  }
}

}  // namespace jiuzhu::backend
