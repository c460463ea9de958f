// Router: matches method and path to a handler and does the work every route shares, in order:
// authenticate (401 for a bad token), check the role (401 without credentials, 403 for a role
// the route does not admit), check the content type (415) and body size (413) of routes that take
// a body, then call the handler. Unknown paths get 404, known paths with another method 405.
// Patterns are literal segments and "{}" for one captured segment.
//
// Thread-safety: routes are added before serving; dispatch() is then safe to call concurrently.
#pragma once

#include <functional>
#include <istream>
#include <set>
#include <string>
#include <vector>

#include "backend/http/request.h"
#include "backend/http/services.h"
#include "core/model/role.h"

namespace jiuzhu::backend {

using Handler = std::function<Response(Request&, Services&)>;

enum class BodyKind { none, json, raw };

struct Route {
  std::string method;
  std::string pattern;            // "/api/v1/cases/{}/transitions"
  std::set<model::Role> roles;           // empty: anyone, credentials optional
  BodyKind body = BodyKind::none;
  size_t max_body = 0;            // bytes; 0 → the config's JSON limit
  bool loopback_only = false;
  Handler handler;
};

// The incoming request before routing: what the server read from the wire.
struct RawRequest {
  std::string method, uri, content_type, authorization, client_address;
  bool loopback = false;
  long long content_length = -1;  // -1 unknown (chunked)
  std::istream* body = nullptr;
  // Set by dispatch() once it has read the whole body: the server must otherwise skip what is
  // left of it (or close the connection), never parse it as the next request.
  mutable bool body_read = false;
  // ops: called once the body is read, before the handler runs: the server lifts the read
  // deadline then, which bounds the client's sending, not the handler's work (a discovery run
  // takes seconds; under the deadline its connection was cut after 5 s without an answer).
  std::function<void()> on_body_read;
};

class Router {
 public:
  void add(Route route);
  // Handles one request; never throws. `route_name` receives the matched pattern (or "unmatched")
  // for metrics and logs, which must not carry path values.
  Response dispatch(const RawRequest& raw, Services& services, std::string& route_name) const;

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // routes_[i].pattern split once, at add()
};

// All routes of API v1 (http/routes.cpp).
Router make_api_router();

}  // namespace jiuzhu::backend
