// The kiosk sync tests' fixture: an outbox in a temporary folder (with its key), a loopback
// backend (loopback_http.h) answering through `respond` with the test's own `Backend` state,
// and the BackendConfig that points the sync code at it.
//
// Members are built in declaration order and torn down in reverse, so the server stops (and
// waits for requests in progress) before the Backend it answers from goes away.
//
// Thread-safety: owned by one test; `respond` runs on the server's threads (see loopback_http.h).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "loopback_http.h"
#include "support/temp_dir.h"

namespace jiuzhu::test {

template <typename Backend>
struct SyncFixture {
  using Respond = std::function<LoopbackReply(Backend& backend, const std::string& method, const std::string& path,
                                              const std::string& body)>;

  explicit SyncFixture(Respond respond)
      : server([this, respond](const std::string& m, const std::string& p, const std::string& b) {
          return respond(backend, m, p, b);
        }) {
    auto key = kiosk::load_or_create_key(dir.path());
    box = std::move(kiosk::Outbox::open(dir.path() + "/outbox", *key)).value();
    cfg.port = server.port();
    cfg.token = "t";
  }

  TempDir dir;
  std::unique_ptr<kiosk::Outbox> box;
  Backend backend;
  LoopbackHttp server;
  kiosk::BackendConfig cfg;
};

}  // namespace jiuzhu::test
