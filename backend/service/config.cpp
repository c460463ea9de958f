#include "backend/service/config.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace jiuzhu::backend {
namespace {

Status parse_listen(const std::string& v, ServerConfig& c) {
  const auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return make_error("usage", "--listen needs HOST:PORT", "listen");
  try {
    size_t used = 0;
    const int port = std::stoi(v.substr(colon + 1), &used);
    if (used != v.size() - colon - 1 || port < 0 || port > 65535) throw std::out_of_range("port");
    c.host = v.substr(0, colon);
    c.port = port;
  } catch (const std::exception&) {
    return make_error("usage", "--listen needs HOST:PORT with a port 0-65535", "listen");
  }
  return Ok{};
}

}  // namespace

Status load_config_file(const std::string& path, ServerConfig& c) {
  std::ifstream in(path);
  if (!in) return make_error("config_unreadable", "cannot read config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error("config_invalid", "config file is not a JSON object");
  try {
    for (const auto& [key, v] : j.items()) {
      if (key == "listen") {
        if (auto st = parse_listen(v.get<std::string>(), c); !st) return st;
      } else if (key == "db") c.db = v.get<std::string>();
      else if (key == "data_dir") c.data_dir = v.get<std::string>();
      else if (key == "tls_cert") c.tls_cert = v.get<std::string>();
      else if (key == "tls_key") c.tls_key = v.get<std::string>();
      else if (key == "max_threads") c.max_threads = v.get<int>();
      else if (key == "max_queued") c.max_queued = v.get<int>();
      else if (key == "header_timeout_seconds") c.header_timeout_seconds = v.get<double>();
      else if (key == "keep_alive_seconds") c.keep_alive_seconds = v.get<double>();
      else if (key == "min_upload_bytes_per_second") c.min_upload_bytes_per_second = v.get<double>();
      else if (key == "max_connections") c.max_connections = v.get<int>();
      else if (key == "max_connections_per_address") c.max_connections_per_address = v.get<int>();
      else if (key == "reserve_threads") c.reserve_threads = v.get<int>();
      else if (key == "progress_per_minute") c.progress_per_minute = v.get<double>();
      else if (key == "progress_burst") c.progress_burst = v.get<double>();
      else if (key == "token_ttl_minutes") c.token_ttl_minutes = v.get<int>();
      else if (key == "login_failures_burst") c.login_failures_burst = v.get<double>();
      else if (key == "max_json_bytes") c.max_json_bytes = v.get<size_t>();
      else if (key == "group_commit_max") c.group_commit_max = v.get<size_t>();
      else if (key == "checkpoint_pages") c.checkpoint_pages = v.get<int64_t>();
      else if (key == "pool_size") c.pool_size = v.get<size_t>();
      else if (key == "params_dir") c.params_dir = v.get<std::string>();
      else if (key == "feeds_root") c.feeds_root = v.get<std::string>();
      else if (key == "log_level") c.log_level = v.get<std::string>();
      else if (key == "console_dir") c.console_dir = v.get<std::string>();
      else return make_error("config_invalid", "unknown config key '" + key + "'", key);
    }
  } catch (const nlohmann::json::exception&) {
    return make_error("config_invalid", "a config value has the wrong type");
  }
  if (c.max_threads < 1 || c.group_commit_max < 1 || c.pool_size < 1 || c.checkpoint_pages < 1) {
    return make_error("config_invalid", "max_threads, group_commit_max, checkpoint_pages and pool_size must be positive");
  }
  if (!(c.header_timeout_seconds > 0) || !(c.keep_alive_seconds > 0) || !(c.min_upload_bytes_per_second > 0) ||
      c.max_connections < 1 || c.max_connections_per_address < 0 || c.reserve_threads < -1 ||
      c.reserve_threads >= c.max_threads) {
    return make_error("config_invalid",
                      "header_timeout_seconds, keep_alive_seconds, min_upload_bytes_per_second and max_connections must "
                      "be positive, max_connections_per_address at least 0 (0: no cap), reserve_threads below max_threads");
  }
  return Ok{};
}

Status apply_flags(const std::vector<std::string>& args, ServerConfig& c) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) return make_error("usage", "--config needs a file");
      if (auto st = load_config_file(args[i + 1], c); !st) return st;
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (a == "--config") { ++i; continue; }
    const std::string* v = nullptr;
    if (a == "--listen" || a == "--db" || a == "--data-dir" || a == "--tls-cert" || a == "--tls-key" ||
        a == "--params-dir" || a == "--feeds-root" || a == "--console-dir") {
      v = value();
      if (!v) return make_error("usage", a + " needs a value");
    } else {
      return make_error("usage", "unknown option " + a);
    }
    if (a == "--listen") {
      if (auto st = parse_listen(*v, c); !st) return st;
    } else if (a == "--db") c.db = *v;
    else if (a == "--data-dir") c.data_dir = *v;
    else if (a == "--tls-cert") c.tls_cert = *v;
    else if (a == "--tls-key") c.tls_key = *v;
    else if (a == "--params-dir") c.params_dir = *v;
    else if (a == "--feeds-root") c.feeds_root = *v;
    else if (a == "--console-dir") c.console_dir = *v;
  }
  return Ok{};
}

}  // namespace jiuzhu::backend
