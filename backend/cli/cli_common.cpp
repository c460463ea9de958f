#include "backend/cli/cli_common.h"

#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "backend/util/batched_log_channel.h"
#include "core/regions.h"

namespace jiuzhu::backend::cli {

Result<std::map<std::string, std::string>> parse_options(const Args& args, const std::set<std::string>& valued,
                                                         const std::set<std::string>& switches) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (switches.count(a)) {
      out[a] = "1";
    } else if (valued.count(a)) {
      if (i + 1 >= args.size()) return make_error("usage", a + " needs a value", a);
      out[a] = args[++i];
    } else {
      return make_error("usage", "unknown option " + a, a);
    }
  }
  return out;
}

std::string database_url(const std::map<std::string, std::string>& options) {
  if (auto it = options.find("--db"); it != options.end()) return it->second;
  std::string dir = "jiuzhu-data";
  if (auto it = options.find("--data-dir"); it != options.end()) dir = it->second;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return "sqlite:" + dir + "/jiuzhu.db";
}

namespace {

// The process's one batching channel, closed (its lines written) at exit by every command,
// including those that never shut Poco's loggers down.
Poco::AutoPtr<BatchedLogChannel>& log_channel() {
  static Poco::AutoPtr<BatchedLogChannel> channel;
  return channel;
}

}  // namespace

void setup_logging(const std::string& level) {
  Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter("ts=%Y-%m-%dT%H:%M:%S.%iZ level=%p logger=%s %t"));
  Poco::AutoPtr<BatchedLogChannel> batched(new BatchedLogChannel(STDERR_FILENO));
  if (!log_channel()) std::atexit([] { log_channel()->close(); });
  log_channel() = batched;
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, batched));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(level);
  // Loggers created before this call keep their old channel; set the ones we use.
  for (const char* name : {"http", "store", "auth", "server", "documents"}) {
    Poco::Logger::get(name).setChannel(channel);
    Poco::Logger::get(name).setLevel(level);
  }
}

int usage_error(const std::string& program, const std::string& message) {
  std::fprintf(stderr, "jiuzhu-server %s: %s (try --help)\n", program.c_str(), message.c_str());
  return 2;
}

bool valid_county(const std::string& code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         RegionTable::builtin().contains(code);
}

bool valid_township(const std::string& code) {
  return code.size() == 9 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         valid_county(code.substr(0, 6));
}

}  // namespace jiuzhu::backend::cli
