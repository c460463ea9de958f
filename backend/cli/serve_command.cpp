// `jiuzhu-server serve`: the intake service (contracts/cli.md, api.md).
#include <Poco/Logger.h>

#include <csignal>
#include <cstdio>
#include <filesystem>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/http/router.h"
#include "backend/http/server.h"
#include "backend/http/services.h"
#include "backend/service/config.h"
#include "backend/store/repository.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kServeUsage =
    "usage: jiuzhu-server serve [--config FILE] [--listen HOST:PORT] [--db URL] [--data-dir DIR]\n"
    "                           [--tls-cert FILE --tls-key FILE] [--params-dir DIR]\n"
    "                           [--feeds-root DIR]\n"
    "Runs the HTTP/JSON intake service (docs/api.md). Defaults: --listen 127.0.0.1:8080,\n"
    "--data-dir jiuzhu-data, --db sqlite:DATA_DIR/jiuzhu.db. The schema is created or migrated at\n"
    "start. Prints 'listening on HOST:PORT' once accepting; SIGTERM/SIGINT stop it cleanly.\n"
    "--feeds-root (default DATA_DIR/feeds) holds the feeds directories discovery runs may name.\n"
    "The config file is JSON (docs/operations.md lists its keys).\n";

}  // namespace

int serve_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kServeUsage, stdout);
      return 0;
    }
  }
  ServerConfig config;
  if (auto st = apply_flags(args, config); !st) {
    if (st.error().code == "usage") return cli::usage_error("serve", st.error().message);
    std::fprintf(stderr, "jiuzhu-server serve: %s\n", st.error().message.c_str());
    return 1;
  }
  cli::setup_logging(config.log_level);
  auto& log = Poco::Logger::get("server");

  // Block the stop signals in every thread (threads inherit the mask); this thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    std::fprintf(stderr, "jiuzhu-server serve: cannot create data directory %s\n", config.data_dir.c_str());
    return 1;
  }
  StorageHealth storage_health;
  DatabaseOptions db_options;
  db_options.health = &storage_health;
  db_options.max_group = config.group_commit_max;
  db_options.checkpoint_pages = config.checkpoint_pages;
  db_options.pool_max = config.pool_size;
  auto repo = open_repository(config.db_url(), db_options);
  if (!repo) {
    std::fprintf(stderr, "jiuzhu-server serve: %s\n", repo.error().message.c_str());
    return 1;
  }
  Services services(**repo, config, storage_health);
  HttpServer server(config, services, make_api_router());
  if (auto st = server.start(); !st) {
    std::fprintf(stderr, "jiuzhu-server serve: %s\n", st.error().message.c_str());
    return 1;
  }
  const bool sqlite = (*repo)->database().backend() == Backend::sqlite;
  log.information("event=started backend=" + std::string(sqlite ? "sqlite" : "postgresql") +
                  " port=" + std::to_string(server.port()) +
                  " tls=" + (config.tls_cert.empty() ? "0" : "1"));
  std::printf("listening on %s:%d\n", config.host.c_str(), server.port());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  log.information("event=stopping signal=" + std::to_string(sig));
  server.stop(10);
  (*repo)->database().close();
  log.information("event=stopped");
  Poco::Logger::shutdown();
  return 0;
}

}  // namespace jiuzhu::backend
