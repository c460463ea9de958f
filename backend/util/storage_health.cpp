#include "backend/util/storage_health.h"

#include <Poco/Logger.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace jiuzhu::backend {
namespace {

bool contains(const std::string& s, const char* needle) { return s.find(needle) != std::string::npos; }

constexpr auto kLogEvery = std::chrono::seconds(60);

}  // namespace

std::string classify_storage_failure(const std::string& m) {
  // SQLite: SQLITE_FULL "database or disk is full"; errno ENOSPC/EDQUOT; PostgreSQL: SQLSTATE
  // 53100 "could not extend file … No space left on device".
  if (contains(m, "disk is full") || contains(m, "No space left") || contains(m, "Disk quota exceeded") ||
      contains(m, "could not extend file") || contains(m, "53100")) {
    return "storage_full";
  }
  if (contains(m, "disk I/O error") || contains(m, "Input/output error") || contains(m, "could not write") ||
      contains(m, "could not fsync") || contains(m, "Read-only file system")) {
    return "storage_failed";
  }
  return "";
}

void StorageHealth::failed(const std::string& kind, const std::string& code, const std::string& cause, bool local) {
  const auto now = std::chrono::steady_clock::now();
  bool log = false;
  {
    std::lock_guard lock(mu_);
    auto& e = problems_[kind];
    e.problem = Problem{kind, code, cause};
    e.local = local;
    auto& last = last_logged_[kind + "/" + code];
    if (last == std::chrono::steady_clock::time_point{} || now - last >= kLogEvery) {
      last = now;
      log = true;
    }
  }
  if (log) {
    Poco::Logger::get("store").error("event=write_failed kind=" + kind + " code=" + code + " cause=\"" + cause +
                                     "\" (logged at most once a minute)");
  }
}

void StorageHealth::succeeded(const std::string& kind) {
  {
    std::lock_guard lock(mu_);
    if (problems_.empty() || problems_.erase(kind) == 0) return;
  }
  Poco::Logger::get("store").warning("event=write_recovered kind=" + kind);
}

std::optional<StorageHealth::Problem> StorageHealth::problem() const {
  std::lock_guard lock(mu_);
  if (problems_.empty()) return std::nullopt;
  return problems_.begin()->second.problem;
}

bool StorageHealth::probe(const std::string& dir, std::string* cause) {
  const std::string path = dir + "/.health-probe";
  std::string why;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    why = std::strerror(errno);
  } else {
    const std::vector<char> block(1 << 20, 0);
    size_t done = 0;
    while (done < block.size()) {
      const ssize_t n = ::write(fd, block.data() + done, block.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        why = n < 0 ? std::strerror(errno) : "short write";
        break;
      }
      done += static_cast<size_t>(n);
    }
    if (why.empty() && ::fsync(fd) != 0) why = std::strerror(errno);
    ::close(fd);
    ::unlink(path.c_str());
  }
  if (!why.empty()) {
    if (cause) *cause = why;
    return false;
  }
  std::vector<std::string> cleared;
  {
    std::lock_guard lock(mu_);
    for (auto it = problems_.begin(); it != problems_.end();) {
      if (it->second.local) {
        cleared.push_back(it->first);
        it = problems_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& k : cleared) Poco::Logger::get("store").warning("event=write_recovered kind=" + k + " by=probe");
  return true;
}

}  // namespace jiuzhu::backend
