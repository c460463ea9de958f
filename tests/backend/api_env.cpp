#include "api_env.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

namespace jiuzhu::test {

std::string add_kiosk(const std::string& db_url, const std::string& id, const std::string& township) {
  auto r = run_server_command({"kiosk", "add", "--id", id, "--township", township, "--db", db_url});
  if (r.exit_code != 0) throw std::runtime_error("kiosk add failed");
  std::string token = r.out.substr(0, r.out.find('\n'));
  return token;
}

void add_user(const std::string& db_url, const std::string& login, const std::vector<std::string>& role_args) {
  std::vector<std::string> args = {"user", "add", "--login", login, "--db", db_url};
  args.insert(args.end(), role_args.begin(), role_args.end());
  auto r = run_server_command(args, "pw-" + login + "-secret\n");
  if (r.exit_code != 0) throw std::runtime_error("user add failed for " + login);
}

std::string login(const ServerProcess& server, const std::string& name) {
  auto r = server.post("/api/v1/auth/login", Json{{"login", name}, {"password", "pw-" + name + "-secret"}});
  if (r.status != 200) throw std::runtime_error("login failed for " + name + ": " + r.body);
  return r.json()["token"].get<std::string>();
}

ApiEnv& ApiEnv::get(const std::string& backend) {
  static std::map<std::string, std::unique_ptr<ApiEnv>> envs;
  auto& slot = envs[backend];
  if (slot) return *slot;
  auto env = std::make_unique<ApiEnv>();
  env->dir = std::make_unique<TempDir>();
  env->url = database_url(backend, env->dir->path());
  env->token["kiosk"] = add_kiosk(env->url, "K-LJ-01", kTownship);
  env->token["kiosk2"] = add_kiosk(env->url, "K-BS-01", kOtherTownship);
  add_user(env->url, "hall", {"--role", "hall_staff", "--township", kTownship});
  add_user(env->url, "cw", {"--role", "caseworker", "--township", kTownship});
  add_user(env->url, "cw2", {"--role", "caseworker", "--township", kOtherTownship});
  add_user(env->url, "admin", {"--role", "county_admin", "--county", kCounty});
  add_user(env->url, "admin2", {"--role", "county_admin", "--county", kOtherCounty});
  add_user(env->url, "dept", {"--role", "department", "--department", "education", "--county", kCounty});
  add_user(env->url, "dept2", {"--role", "department", "--department", "housing", "--county", kCounty});
  {
    std::ofstream cfg(env->dir->path() + "/server.json");
    cfg << R"({"progress_burst": 1000, "progress_per_minute": 1000})";
  }
  env->server = std::make_unique<ServerProcess>(env->dir->path(), env->url,
                                                std::vector<std::string>{"--config", env->dir->path() + "/server.json"});
  for (const char* u : {"hall", "cw", "cw2", "admin", "admin2", "dept", "dept2"}) env->token[u] = login(*env->server, u);
  slot = std::move(env);
  return *slot;
}

}  // namespace jiuzhu::test
