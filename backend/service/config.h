// The server's configuration: a JSON file (--config) overridden by flags. Every setting has a
// default that works on a developer's machine (listen on 127.0.0.1:8080, data in ./jiuzhu-data,
// SQLite inside it).
//
// Config file keys (all optional): listen, db, data_dir, tls_cert, tls_key, max_threads,
// max_queued, progress_per_minute, progress_burst, token_ttl_minutes, login_failures_burst,
// max_json_bytes, header_timeout_seconds, keep_alive_seconds, min_upload_bytes_per_second,
// max_connections, max_connections_per_address, reserve_threads, group_commit_max, checkpoint_pages,
// pool_size, params_dir, feeds_root, log_level, console_dir. Unknown keys are an error
// (a typo should not silently fall back to a default).
//
// Thread-safety: plain values, read-only once the server runs.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace jiuzhu::backend {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db;  // empty: sqlite:DATA_DIR/jiuzhu.db
  std::string data_dir = "jiuzhu-data";
  std::string tls_cert, tls_key;  // both set: HTTPS
  int max_threads = 128;          // request threads (keep-alive connections each hold one)
  int max_queued = 256;           // accepted for old config files; the connection gate queues instead
  // Bounds on a client (docs/operations.md, "Limits"): a request's line and headers must arrive
  // within header_timeout_seconds of its first byte; its body within that plus its size at
  // min_upload_bytes_per_second; an idle keep-alive connection is closed after keep_alive_seconds.
  double header_timeout_seconds = 5;
  double keep_alive_seconds = 15;
  double min_upload_bytes_per_second = 32 * 1024;
  int max_connections = 4096;            // open connections in all
  int max_connections_per_address = 128; // from one client address (0: no cap; behind a gateway, raise it)
  int reserve_threads = -1;              // threads kept for complete requests (-1: max_threads / 8)
  double progress_per_minute = 10;  // per client address
  double progress_burst = 10;
  int token_ttl_minutes = 480;
  double login_failures_burst = 5;
  size_t max_json_bytes = 1 << 20;
  size_t group_commit_max = 256;
  int64_t checkpoint_pages = 10000;  // SQLite WAL pages between checkpoints (about 40 MiB)
  size_t pool_size = 16;
  std::string params_dir;  // county parameters for /api/v1/eligibility; empty: assets/policies
  // Where POST /api/v1/discovery/runs finds feeds directories (a run names one directory below
  // it, never a path). Empty: DATA_DIR/feeds.
  std::string feeds_root;
  std::string log_level = "information";
  // The staff console's built files (index.html, app.js, app.css) served under /console/.
  // Empty: found beside the executable (http/handlers/console_files.cpp, docs/console.md).
  std::string console_dir;

  std::string feeds_root_dir() const { return feeds_root.empty() ? data_dir + "/feeds" : feeds_root; }

  std::string db_url() const { return db.empty() ? "sqlite:" + data_dir + "/jiuzhu.db" : db; }
};

// Applies a JSON config file. Errors: config_unreadable, config_invalid (field names the key).
Status load_config_file(const std::string& path, ServerConfig& config);
// Applies "--listen H:P", "--db", "--data-dir", "--config" (loaded first), "--tls-cert",
// "--tls-key", "--params-dir", "--feeds-root", "--console-dir". Errors: usage (message says which flag).
Status apply_flags(const std::vector<std::string>& args, ServerConfig& config);

}  // namespace jiuzhu::backend
