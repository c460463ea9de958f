// bench_intake [--seconds N] [--rounds N] [--clients N] [--pg-url URL] [--server BIN]
//              [--only bare|sqlite|postgresql]
//
// Measures, with N concurrent keep-alive clients on loopback:
//   bare        a bare Poco HTTPServer whose handler reads the body and answers 201 "{}"
//               (run as a child process, like the real server) — the floor for this client;
//   sqlite      jiuzhu-server serve on SQLite (WAL, synchronous=FULL, group commit): every
//               counted request is a 201 for a new, durable application;
//   postgresql  the same on PostgreSQL when --pg-url (or JIUZHU_TEST_PG_URL) is given.
// All targets run from the start; the load visits them in turn, --rounds times, each turn
// --seconds/--rounds long (after a short warm-up). On a shared or virtual machine the speed drifts
// by a fifth within a minute; alternating short turns makes the drift reach every target alike,
// and the ratio of neighbouring turns is reported too.
// Prints one JSON object on the last line of stdout: per target requests/s, p50 and p99 in ms,
// errors, the server process's CPU time per answered request (user + system, from
// /proc/PID/stat over the measured windows), and the overhead of the server against the bare
// handler. The client runs on the same machine and takes CPU from the server.
//
// How to run (Release build):
//   SQLite only:     build/bin/bench_intake
//   with PostgreSQL: URL=$(deploy/postgres-test-server start)
//                    build/bin/bench_intake --pg-url "$URL"
//                    deploy/postgres-test-server stop "$URL"
// --only runs one target (bare, sqlite or postgresql); the overhead ratios need bare and sqlite.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/id_number.h"

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// ---- the bare handler -------------------------------------------------------------------
class Bare final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    Poco::NullOutputStream null;
    Poco::StreamCopier::copyStream(req.stream(), null);
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_CREATED);
    resp.setContentType("application/json");
    resp.sendBuffer("{}", 2);
  }
};
class BareFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Bare; }
};

int serve_bare() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 256);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(128);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);
  Poco::ThreadPool pool(2, 132);
  Poco::Net::HTTPServer server(new BareFactory, pool, socket, params);
  server.start();
  std::printf("listening on 127.0.0.1:%d\n", socket.address().port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  server.stopAll(true);
  return 0;
}

// ---- processes ------------------------------------------------------------------------------
struct Child {
  pid_t pid = -1;
  int port = 0;
};

Child spawn(const std::vector<std::string>& args, const std::string& log) {
  int out[2];
  if (pipe(out) != 0) std::exit(1);
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  Child c;
  c.pid = fork();
  if (c.pid == 0) {
    dup2(out[1], 1);
    const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err >= 0) dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char buf[256];
  for (ssize_t n; line.find('\n') == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0;) line.append(buf, n);
  close(out[0]);
  const auto colon = line.rfind(':');
  if (line.rfind("listening on", 0) != 0) {
    std::fprintf(stderr, "bench_intake: child did not start: %s (log %s)\n", line.c_str(), log.c_str());
    std::exit(1);
  }
  c.port = std::stoi(line.substr(colon + 1));
  return c;
}

void stop(Child& c) {
  if (c.pid <= 0) return;
  kill(c.pid, SIGTERM);
  int st = 0;
  waitpid(c.pid, &st, 0);
  c.pid = -1;
}

std::string run(const std::vector<std::string>& args) {
  std::string cmd;
  for (const auto& a : args) cmd += "'" + a + "' ";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// ---- load ---------------------------------------------------------------------------------------
// A client_id as the kiosk makes it: a UUID v7 (RFC 9562), milliseconds since the epoch first,
// so that the server's client_id index grows at its end like the kiosk's real traffic.
std::string make_uuid(std::mt19937_64& rng) {
  const auto ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  const uint64_t r1 = rng(), r2 = rng();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-7%03llx-%04llx-%012llx",
                static_cast<unsigned long long>((ms >> 16) & 0xffffffffULL),
                static_cast<unsigned long long>(ms & 0xffff), static_cast<unsigned long long>(r1 & 0xfff),
                static_cast<unsigned long long>(0x8000 | ((r1 >> 12) & 0x3fff)),
                static_cast<unsigned long long>(r2 & 0xffffffffffffULL));
  return buf;
}

std::string application(std::mt19937_64& rng) {
  char seq[8];
  std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(rng() % 1000));
  std::string id17 = std::string("450326") + "19500315" + seq;
  const std::string id = id17 + jiuzhu::IdNumber::check_character(id17);
  Json app = {
      {"client_id", make_uuid(rng)},
      {"township", "450326101"},
      {"channel", "kiosk"},
      {"programs", {"dibao"}},
      {"applicant", {{"id_number", id}, {"name", "张三"}, {"phone", "13800000000"}, {"address", "罗锦镇某村"}, {"card_read", true}}},
      {"household",
       {{"hukou", "rural"},
        {"members", {{{"id_number", id}, {"name", "张三"}, {"relation", "self"}, {"lives_together", true},
                      {"monthly_income", 200}, {"disability", nullptr}, {"employment", "none"}}}},
        {"assets", {{"deposits", 0}, {"vehicles", 0}, {"extra_housing", 0}}},
        {"has_able_supporter", false}}},
      {"statement", "年老体弱，无固定收入"},
      {"consent", {{"verification_authorized", true}, {"truthfulness_promised", true}}}};
  return app.dump();
}

struct Figures {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  uint64_t ok = 0, errors = 0;
  double cpu_us_per_request = 0;  // server process, user + system, over the measured windows
  double mean_group = 0;          // SQLite: write jobs per group commit (from /metrics)
  std::map<std::string, uint64_t> error_kinds;  // "status 500", "exception: ..." → count
  Json json() const {
    Json j = {{"rps", rps}, {"p50_ms", p50_ms}, {"p99_ms", p99_ms}, {"ok", ok}, {"errors", errors},
              {"server_cpu_us_per_request", cpu_us_per_request}};
    if (mean_group > 0) j["jobs_per_commit"] = mean_group;
    if (!error_kinds.empty()) j["error_kinds"] = error_kinds;
    return j;
  }
};

// What one target's measured windows add up to, over all rounds.
struct Tally {
  std::vector<double> latencies_ms;  // acknowledged requests
  std::map<std::string, uint64_t> error_kinds;
  double seconds = 0, cpu_us = 0;
  std::vector<double> round_rps;

  Figures figures() {
    Figures f;
    std::sort(latencies_ms.begin(), latencies_ms.end());
    f.ok = latencies_ms.size();
    for (const auto& [k, n] : error_kinds) f.errors += n;
    f.error_kinds = error_kinds;
    f.rps = seconds > 0 ? static_cast<double>(f.ok) / seconds : 0;
    if (!latencies_ms.empty()) {
      f.p50_ms = latencies_ms[latencies_ms.size() / 2];
      f.p99_ms = latencies_ms[std::min(latencies_ms.size() - 1, latencies_ms.size() * 99 / 100)];
    }
    if (f.ok + f.errors > 0) f.cpu_us_per_request = cpu_us / static_cast<double>(f.ok + f.errors);
    return f;
  }
};

// CPU time (user + system, all threads) the process has used so far, in microseconds.
double process_cpu_us(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) utime = std::stoull(f);
    if (i == 15) {
      stime = std::stoull(f);
      break;
    }
  }
  return static_cast<double>(utime + stime) * 1e6 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// A counter from the server's /metrics text (0 when absent).
double metric(int port, const std::string& name) {
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest req("GET", "/metrics", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), text);
    const auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? 0 : std::stod(text.substr(at + name.size() + 2));
  } catch (const std::exception&) {
    return 0;
  }
}

// A server under test: a running process, its port, and the kiosk token to submit with.
struct Target {
  std::string name;
  Child process;
  std::string token;
  Tally tally;
};

// Runs `clients` keep-alive clients against `t` for `warmup` seconds (new connections, caches)
// and then `seconds` measured, adding the measured window to t.tally; a request counts when its
// answer has `expect_status`.
void load(Target& t, int clients, double warmup, double seconds, int expect_status) {
  const pid_t pid = t.process.pid;
  const int port = t.process.port;
  const std::string& token = t.token;
  std::atomic<bool> go{false}, measuring{false}, done{false};
  std::vector<std::vector<double>> lat(clients);
  std::vector<std::map<std::string, uint64_t>> errors(clients);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937_64 rng(1234567 + c + static_cast<uint64_t>(getpid()) * 1000 + t.tally.round_rps.size() * 100000);
      Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
      session.setKeepAlive(true);
      session.setTimeout(Poco::Timespan(30, 0));
      while (!go) std::this_thread::yield();
      while (!done) {
        const std::string body = application(rng);
        Poco::Net::HTTPRequest req("POST", "/api/v1/applications", Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        req.setKeepAlive(true);
        if (!token.empty()) req.set("Authorization", "Bearer " + token);
        const auto t0 = Clock::now();
        try {
          session.sendRequest(req) << body;
          Poco::Net::HTTPResponse resp;
          auto& in = session.receiveResponse(resp);
          std::string answer;
          Poco::StreamCopier::copyToString(in, answer);
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
          if (!measuring) continue;
          if (resp.getStatus() == expect_status) {
            lat[c].push_back(ms);
          } else {
            // The error code names the cause without any personal data.
            const Json j = Json::parse(answer, nullptr, false);
            std::string code = j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
            ++errors[c]["status " + std::to_string(resp.getStatus()) + (code.empty() ? "" : " " + code)];
          }
        } catch (const Poco::Exception& e) {
          if (measuring) ++errors[c][std::string("exception: ") + e.className()];
          session.reset();
        }
      }
    });
  }
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
  const double cpu0 = process_cpu_us(pid);
  measuring = true;
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  measuring = false;
  const double cpu1 = process_cpu_us(pid);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  for (auto& th : threads) th.join();
  size_t acked = 0;
  for (int c = 0; c < clients; ++c) {
    t.tally.latencies_ms.insert(t.tally.latencies_ms.end(), lat[c].begin(), lat[c].end());
    acked += lat[c].size();
    for (const auto& [k, n] : errors[c]) t.tally.error_kinds[k] += n;
  }
  t.tally.seconds += elapsed;
  t.tally.cpu_us += cpu1 - cpu0;
  t.tally.round_rps.push_back(static_cast<double>(acked) / elapsed);
}

// Starts jiuzhu-server serve on `db_url` with a kiosk registered for the load.
Target start_server(const std::string& name, const std::string& bin, const std::string& db_url, const std::string& dir) {
  Target t;
  t.name = name;
  t.token = run({bin, "kiosk", "add", "--id", "BENCH-" + std::to_string(getpid()), "--township", "450326101", "--db",
                 db_url});
  if (t.token.rfind("jzk_", 0) != 0) {
    std::fprintf(stderr, "bench_intake: kiosk add failed\n");
    std::exit(1);
  }
  t.process = spawn({bin, "serve", "--listen", "127.0.0.1:0", "--data-dir", dir, "--db", db_url}, dir + "/server.log");
  return t;
}

void report(const char* name, const Figures& f) {
  std::fprintf(stderr, "%s: %.0f req/s p50 %.2f ms p99 %.2f ms errors %llu server cpu %.0f us/req\n", name, f.rps,
               f.p50_ms, f.p99_ms, static_cast<unsigned long long>(f.errors), f.cpu_us_per_request);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

constexpr const char* kUsage =
    "usage: bench_intake [--seconds N] [--rounds N] [--clients N] [--pg-url URL] [--server BIN]\n"
    "                    [--only bare|sqlite|postgresql]\n"
    "  SQLite:     bench_intake --seconds 12 --rounds 6\n"
    "  PostgreSQL: URL=$(deploy/postgres-test-server start); bench_intake --pg-url \"$URL\";\n"
    "              deploy/postgres-test-server stop \"$URL\"   (or set JIUZHU_TEST_PG_URL)\n"
    "Each target gets --seconds of measured load in all, in --rounds turns that alternate between\n"
    "the targets, so that a change in the machine's speed reaches every target alike.\n"
    "Prints one JSON line: per target req/s, p50/p99 ms, errors by kind, server CPU us per request.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--serve-bare") return serve_bare();
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  double seconds = 12;
  int rounds = 6;
  int clients = 64;
  std::string bin = JIUZHU_SERVER_BIN;
  std::string pg = std::getenv("JIUZHU_TEST_PG_URL") ? std::getenv("JIUZHU_TEST_PG_URL") : "";
  std::string only;
  if (args.size() % 2 != 0) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--seconds") seconds = std::stod(args[i + 1]);
    else if (args[i] == "--rounds") rounds = std::max(1, std::stoi(args[i + 1]));
    else if (args[i] == "--clients") clients = std::stoi(args[i + 1]);
    else if (args[i] == "--pg-url") pg = args[i + 1];
    else if (args[i] == "--server") bin = args[i + 1];
    else if (args[i] == "--only") only = args[i + 1];
    else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  auto wanted = [&](const std::string& target) { return only.empty() || only == target; };
  const auto dir = std::filesystem::temp_directory_path() / ("jiuzhu-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::signal(SIGPIPE, SIG_IGN);

  // All targets run from the start; a target without load uses no CPU.
  std::vector<Target> targets;
  if (wanted("bare")) {
    Target t;
    t.name = "bare";
    t.process = spawn({std::filesystem::canonical("/proc/self/exe").string(), "--serve-bare"}, (dir / "bare.log").string());
    targets.push_back(std::move(t));
  }
  if (wanted("sqlite")) {
    const auto d = dir / "sqlite";
    std::filesystem::create_directories(d);
    targets.push_back(start_server("sqlite", bin, "sqlite:" + (d / "jiuzhu.db").string(), d.string()));
  }
  if (!pg.empty() && wanted("postgresql")) {
    const auto d = dir / "pg";
    std::filesystem::create_directories(d);
    targets.push_back(start_server("postgresql", bin, pg, d.string()));
  }
  const double turn = seconds / rounds;
  for (int r = 0; r < rounds; ++r) {
    for (auto& t : targets) load(t, clients, r == 0 ? 1.0 : 0.3, turn, 201);
  }

  Json out = {{"benchmark", "intake_submissions"}, {"clients", clients}, {"seconds", seconds}, {"rounds", rounds}};
  for (auto& t : targets) {
    Figures f = t.tally.figures();
    if (t.name != "bare") {
      const double groups = metric(t.process.port, "jiuzhu_db_commit_groups_total");
      if (groups > 0) f.mean_group = metric(t.process.port, "jiuzhu_db_committed_jobs_total") / groups;
    }
    stop(t.process);
    out[t.name] = f.json();
    report(t.name.c_str(), f);
  }
  const Target* bare = nullptr;
  const Target* sqlite = nullptr;
  for (const auto& t : targets) {
    if (t.name == "bare") bare = &t;
    if (t.name == "sqlite") sqlite = &t;
  }
  if (bare && sqlite) {
    const double bare_rps = out["bare"]["rps"], sqlite_rps = out["sqlite"]["rps"];
    const double bare_p50 = out["bare"]["p50_ms"], sqlite_p50 = out["sqlite"]["p50_ms"];
    const double bare_cpu = out["bare"]["server_cpu_us_per_request"];
    const double sqlite_cpu = out["sqlite"]["server_cpu_us_per_request"];
    // Per round: the bare turn and the SQLite turn next to it, under the same machine state.
    std::vector<double> round_ratios;
    for (size_t r = 0; r < bare->tally.round_rps.size() && r < sqlite->tally.round_rps.size(); ++r) {
      if (sqlite->tally.round_rps[r] > 0) round_ratios.push_back(bare->tally.round_rps[r] / sqlite->tally.round_rps[r]);
    }
    out["overhead_vs_bare"] = {{"throughput_ratio", sqlite_rps > 0 ? bare_rps / sqlite_rps : 0},
                               {"throughput_ratio_median_round", median(round_ratios)},
                               {"p50_ratio", bare_p50 > 0 ? sqlite_p50 / bare_p50 : 0},
                               {"cpu_per_request_ratio", bare_cpu > 0 ? sqlite_cpu / bare_cpu : 0}};
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
