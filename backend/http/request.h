// The HTTP layer's own request and response values, independent of Poco, so handlers are plain
// functions that tests could call directly and the router can do the shared work (auth,
// content type, body limits, metrics) once.
//
// Thread-safety: plain values, one per request.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "backend/auth/principal.h"
#include "core/result.h"

namespace jiuzhu::backend {

using Json = nlohmann::json;

struct Request {
  std::string method;
  std::string path;                           // without the query string
  std::map<std::string, std::string> query;   // decoded query parameters (last one wins)
  std::vector<std::string> path_params;       // the {} captures of the route, in order
  std::string content_type;
  std::string body;
  std::string client_address;                 // "127.0.0.1"
  bool loopback = false;
  Principal principal;
  std::string authorization;  // console: the Authorization header as sent (logout ends that session)
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

Response json_response(int status, const Json& body);
// {"error":{"code","message"}} (plus "field" when known) with `status`.
Response error_response(int status, const std::string& code, const std::string& message, const std::string& field = {});
// An Error from a lower layer, with the status its code calls for (unknown codes: 500).
Response error_response(const Error& e);
// The HTTP status for an error code (contracts/api.md).
int status_for(const std::string& code);

}  // namespace jiuzhu::backend
