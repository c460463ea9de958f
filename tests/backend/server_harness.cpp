#include "server_harness.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace jiuzhu::test {
namespace {

pid_t spawn(const std::vector<std::string>& args, int stdin_fd, int stdout_fd, const std::string& log_file) {
  std::vector<char*> argv;
  std::string bin = JIUZHU_SERVER_BIN;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(stdin_fd, 0);
    ::dup2(stdout_fd, 1);
    const int err = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (err >= 0) ::dup2(err, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

CommandResult run_server_command(const std::vector<std::string>& args, const std::string& input,
                                 const std::string& log_file) {
  int in[2], out[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe");
  const pid_t pid = spawn(args, in[0], out[1], log_file);
  ::close(in[0]);
  ::close(out[1]);
  if (!input.empty()) (void)!::write(in[1], input.data(), input.size());
  ::close(in[1]);
  CommandResult r;
  char buf[4096];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) r.out.append(buf, static_cast<size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Json HttpReply::json() const { return Json::parse(body, nullptr, false); }

ServerProcess::ServerProcess(const std::string& data_dir, const std::string& db_url, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir, "--db", db_url};
  args.insert(args.end(), extra.begin(), extra.end());
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe");
  const int devnull = ::open("/dev/null", O_RDONLY);
  log_ = data_dir + "/server.log";
  pid_ = spawn(args, devnull, out[1], log_);
  ::close(devnull);
  ::close(out[1]);
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  ::close(out[0]);
  const auto colon = line.rfind(':');
  if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
    kill9();
    throw std::runtime_error("server did not start: '" + line + "' (see " + log_ + ")");
  }
  port_ = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate();
}

int ServerProcess::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

HttpReply ServerProcess::request(const std::string& method, const std::string& path, const std::string& body,
                                 const std::string& token, const std::string& content_type) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  if (!body.empty() || method == "POST" || method == "PUT") {
    req.setContentType(content_type);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  auto& os = session.sendRequest(req);
  os.write(body.data(), static_cast<std::streamsize>(body.size()));
  Poco::Net::HTTPResponse resp;
  auto& is = session.receiveResponse(resp);
  HttpReply r;
  r.status = resp.getStatus();
  r.content_type = resp.getContentType();
  for (const auto& [k, v] : resp) r.headers[k] = v;
  Poco::StreamCopier::copyToString(is, r.body);
  return r;
}

}  // namespace jiuzhu::test
