// One running server per database back end, shared by the API tests of that back end: kiosks
// and staff of two townships and two counties, logged in once.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "server_harness.h"
#include "test_support.h"

namespace jiuzhu::test {

struct ApiEnv {
  std::unique_ptr<TempDir> dir;
  std::string url;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> token;  // "kiosk", "kiosk2", "hall", "cw", "cw2", "admin", "admin2", "dept"

  // The environment for `backend`, created on first use.
  static ApiEnv& get(const std::string& backend);
};

// Creates a kiosk and returns its token (asserting success).
std::string add_kiosk(const std::string& db_url, const std::string& id, const std::string& township);
// Creates a user with password "pw-" + login + "-secret".
void add_user(const std::string& db_url, const std::string& login, const std::vector<std::string>& role_args);
std::string login(const ServerProcess& server, const std::string& login);

}  // namespace jiuzhu::test
