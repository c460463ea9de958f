#include "kiosk/enrol/enrol.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "kiosk/outbox/fsutil.h"

namespace jiuzhu::kiosk {

Result<EnrolReply> exchange_enrolment_code(const BackendConfig& backend, const std::string& code) {
  const std::string body = nlohmann::json{{"code", code}}.dump();
  BackendConfig anonymous = backend;  // the code is the credential: no Authorization header
  anonymous.token.clear();
  auto r = http_request(anonymous, "POST", "/api/v1/kiosks/enrol", "application/json", body);
  if (!r) return r.error();
  if (r->status == 401)
    return make_error("invalid_enrolment_code",
                      "登记码错误、已使用或已过期（enrolment code wrong, used or expired）");
  if (r->status == 403)
    return make_error("kiosk_disabled", "此终端已被县里停用（the county has disabled this kiosk）");
  const auto j = nlohmann::json::parse(r->body, nullptr, false);
  if (r->status != 200 || !j.is_object() || !j.contains("token") || !j["token"].is_string()) {
    return make_error("backend_error",
                      "the backend answered " + std::to_string(r->status) + " to the enrolment");
  }
  return EnrolReply{j.value("kiosk_id", ""), j.value("township", ""), j["token"].get<std::string>()};
}

Status store_token(const std::string& path, const std::string& token) {
  const std::filesystem::path target(path);
  const std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return make_error("io_error", "cannot create " + tmp);
  const std::string line = token + "\n";
  const bool ok =
      ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0 || !fsync_dir(dir)) {
    ::unlink(tmp.c_str());
    return make_error("io_error", "cannot write the token to " + path);
  }
  return Ok{};
}

Result<int64_t> clock_skew_seconds(const std::string& date_header, int64_t local_sent,
                                   int64_t local_received) {
  // The one format servers must send (RFC 7231 IMF-fixdate), parsed strictly: Poco's parser
  // guesses its way through anything, and a wrong guess here would block receipts.
  std::tm tm{};
  const char* end = ::strptime(date_header.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0' || date_header.size() != 29) {
    return make_error("bad_date", "the server's Date header is not an HTTP date");
  }
  const int64_t server_unix = ::timegm(&tm);
  const int64_t local_mid = local_sent + (local_received - local_sent) / 2;
  return local_mid - server_unix;
}

bool clock_acceptable(int64_t skew_seconds) {
  return skew_seconds <= kMaxClockSkewSeconds && skew_seconds >= -kMaxClockSkewSeconds;
}

Standing check_standing(const BackendConfig& backend) {
  Standing s;
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (backend.tls) {
      session = std::make_unique<Poco::Net::HTTPSClientSession>(
          backend.host, static_cast<Poco::UInt16>(backend.port), backend.tls_context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(backend.host,
                                                               static_cast<Poco::UInt16>(backend.port));
    }
    session->setTimeout(Poco::Timespan(backend.timeout_ms / 1000, (backend.timeout_ms % 1000) * 1000));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/kiosks/self",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + backend.token);
    const int64_t sent = std::time(nullptr);
    session->sendRequest(request);
    Poco::Net::HTTPResponse response;
    session->receiveResponse(response);
    const int64_t received = std::time(nullptr);
    if (response.has("Date")) {
      if (auto skew = clock_skew_seconds(response.get("Date"), sent, received)) {
        s.clock_known = true;
        s.clock_skew = *skew;
      }
    }
    const int status = response.getStatus();
    if (status == 200) {
      s.kind = StandingKind::active;
    } else if (status == 401 || status == 403) {
      s.kind = StandingKind::refused;
      s.detail = "the backend refused this kiosk's token (HTTP " + std::to_string(status) +
                 "): it is disabled or not enrolled";
    } else {
      s.detail = "the backend answered HTTP " + std::to_string(status);
    }
  } catch (const Poco::Exception& e) {
    s.detail = "backend unreachable: " + e.displayText();
  }
  return s;
}

}  // namespace jiuzhu::kiosk
