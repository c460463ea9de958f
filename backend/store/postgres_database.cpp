// PostgreSQL back end: Poco session pool, one transaction per write job.
#include "backend/store/postgres_database.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace jiuzhu::backend {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// libpq keyword value, single-quoted with \\ and \' escaped.
std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

// Poco's PostgreSQL connector wants libpq's "key=value" form, not a URI: convert
// postgresql://user:password@host:port/dbname?key=value&... to it.
Result<std::string> postgres_keywords(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return make_error("bad_db_url", "PostgreSQL URL needs postgresql://", "db");
  std::string rest = url.substr(scheme + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = user.find(':'); colon != std::string::npos) {
      password = user.substr(colon + 1);
      user = user.substr(0, colon);
    }
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  std::string out;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    if (!out.empty()) out += ' ';
    out += k + "=" + quoted(url_decode(v));
  };
  try {
    add("host", host);
    add("port", port);
    add("user", user);
    add("password", password);
    add("dbname", dbname);
    size_t start = 0;
    while (start < query.size()) {
      size_t amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      const std::string kv = query.substr(start, amp - start);
      const auto eq = kv.find('=');
      if (eq == std::string::npos) return make_error("bad_db_url", "malformed query in the PostgreSQL URL", "db");
      add(kv.substr(0, eq), kv.substr(eq + 1));
      start = amp + 1;
    }
  } catch (const std::exception&) {
    return make_error("bad_db_url", "malformed escape in the PostgreSQL URL", "db");
  }
  return out;
}

namespace {

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const std::string& url, const DatabaseOptions& options)
      : capacity_(static_cast<int>(std::max(options.pool_max, options.read_sessions))),
        free_(capacity_),
        pool_("PostgreSQL", url, 1, capacity_, 60) {}
  ~PostgresDatabase() override { close(); }

  Backend backend() const override { return Backend::postgresql; }

  Status write(Job job) override { return run(std::move(job), true); }
  Status read(Job job) override { return run(std::move(job), false); }

  Status ping() override {
    return read([](Tx& tx) -> Status {
      int one = 0;
      tx.session() << "SELECT 1", into(one), now;
      return Ok{};
    });
  }
  size_t pending_writes() const override { return 0; }
  void close() override {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    cv_.notify_all();
    try { pool_.shutdown(); } catch (const Poco::Exception&) {}
  }

 private:
  Status run(Job job, bool write) {
    {
      std::lock_guard lock(mu_);
      if (closed_) return make_error("db_closed", "database is closed");
    }
    // Poco's pool throws when every session is busy; wait for one instead, so a burst of
    // requests queues here rather than failing.
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return free_ > 0 || closed_; });
      if (closed_) return make_error("db_closed", "database is closed");
      --free_;
    }
    struct Release {
      PostgresDatabase* self;
      ~Release() {
        {
          std::lock_guard lock(self->mu_);
          ++self->free_;
        }
        self->cv_.notify_one();
      }
    } release{this};
    Status st = Ok{};
    try {
      Poco::Data::Session s = pool_.get();
      bool open = false;
      // Session::begin/commit/rollback send the bare command (one round trip); as SQL statements
      // Poco would prepare and then execute each (two).
      try {
        s.begin();
        open = true;
        if (!write) s << "SET TRANSACTION READ ONLY", now;
        Tx tx(s, Backend::postgresql);
        st = job(tx);
        if (st.ok()) s.commit();
        else s.rollback();
        open = false;
      } catch (...) {
        if (open) {
          try { s.rollback(); } catch (...) {}
        }
        throw;
      }
    } catch (const Poco::Exception& e) {
      st = make_error("db_error", "database operation failed: " + e.displayText());
    } catch (const std::exception& e) {
      st = make_error("db_error", std::string("database operation failed: ") + e.what());
    }
    return st;
  }

  int capacity_;
  int free_;
  Poco::Data::SessionPool pool_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool closed_ = false;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url, const DatabaseOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  auto keywords = postgres_keywords(url);
  if (!keywords) return keywords.error();
  try {
    auto db = std::make_unique<PostgresDatabase>(*keywords, options);
    auto st = db->ping();
    if (!st) return make_error("db_unavailable", st.error().message);
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Exception& e) {
    return make_error("db_unavailable", "cannot connect to PostgreSQL: " + e.displayText());
  }
}

}  // namespace jiuzhu::backend
