// Drives the real jiuzhu-server binary for integration tests: runs its admin commands, starts
// `serve` on a free loopback port (port 0; the port is read from "listening on HOST:PORT"),
// stops it with SIGTERM or kills it with SIGKILL, and speaks HTTP to it with
// Poco::Net::HTTPClientSession.
#pragma once

#include <sys/types.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jiuzhu::test {

using Json = nlohmann::json;

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs jiuzhu-server with `args`, feeding `input` on stdin; stderr goes to `log_file`.
CommandResult run_server_command(const std::vector<std::string>& args, const std::string& input = {},
                                 const std::string& log_file = "/dev/null");

struct HttpReply {
  int status = 0;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;
  Json json() const;  // null when the body is not JSON
};

// The "items" array of a reply, by value (safe to iterate over directly).
inline Json items(const HttpReply& r) { return r.json()["items"]; }

class ServerProcess {
 public:
  // Starts `jiuzhu-server serve --listen 127.0.0.1:0 --data-dir DIR --db URL` plus `extra`.
  ServerProcess(const std::string& data_dir, const std::string& db_url, const std::vector<std::string>& extra = {});
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  // The server's stderr (its log), DATA_DIR/server.log.
  const std::string& log_file() const { return log_; }
  // SIGTERM and wait; returns the exit status (or -1).
  int terminate();
  void kill9();

  HttpReply request(const std::string& method, const std::string& path, const std::string& body = {},
                    const std::string& token = {}, const std::string& content_type = "application/json") const;
  HttpReply get(const std::string& path, const std::string& token = {}) const { return request("GET", path, {}, token); }
  HttpReply post(const std::string& path, const Json& body, const std::string& token = {}) const {
    return request("POST", path, body.dump(), token);
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_;
};

}  // namespace jiuzhu::test
