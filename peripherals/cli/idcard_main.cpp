// jiuzhu-idcard: read a card from a SAM reader, parse a raw reply frame, or simulate a reader
// on a pseudo-terminal (cli.md). Exit codes: 0 ok, 1 runtime failure (the reader's status on
// stderr), 2 usage error, 3 no card before the timeout.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/reader_status.h"
#include "peripherals/idcard/serial_reader.h"
#include "peripherals/idcard/simulator.h"

namespace {

using namespace jiuzhu;
using namespace jiuzhu::idcard;

constexpr const char* kUsage =
    "usage: jiuzhu-idcard read --device PATH [--timeout SECONDS] [--baud N] [--fingerprint] [--photo FILE]\n"
    "       jiuzhu-idcard parse FILE\n"
    "       jiuzhu-idcard simulate --card FILE.json [--no-card] [--fail-reads] [--noise BYTES]\n"
    "                              [--chunk-size BYTES] [--chunk-delay-ms MS] [--reply-delay-ms MS]\n"
    "                              [--represent-after-ms MS]\n"
    "\n"
    "read      finds, selects and reads the card on the reader and prints it as JSON.\n"
    "          Exit 1 with the reader's status on failure, 3 when no card came before the\n"
    "          timeout (default 10 s).\n"
    "parse     decodes a raw read-base-info response frame (a binary file) the same way.\n"
    "simulate  opens a pseudo-terminal, prints its path, and answers there as a reader holding\n"
    "          the card until killed. After a read the card is halted (as on a real reader)\n"
    "          until it is put back: --represent-after-ms puts it back that long after a read\n"
    "          (default 1000; -1 never).\n";

int usage_error(const std::string& msg) {
  std::cerr << "jiuzhu-idcard: " << msg << " (see --help)\n";
  return 2;
}

int fail(const Error& e) {
  std::cerr << "jiuzhu-idcard: " << e.code << ": " << e.message << "\n";
  return 1;
}

struct Args {
  std::vector<std::string> rest;
  bool ok = true;
  std::string error;
};

// Parses a whole-number option value; returns false on anything else.
bool to_long(const std::string& s, long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtol(s.c_str(), &end, 10);
  return errno == 0 && end && *end == '\0';
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return static_cast<bool>(in) || in.eof();
}

int cmd_read(const std::vector<std::string>& args) {
  SerialOptions serial;
  WaitOptions wait;
  std::string photo_path;
  bool have_device = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    long n = 0;
    if (a == "--device") {
      if (!value(serial.device)) return usage_error("--device needs a path");
      have_device = true;
    } else if (a == "--timeout") {
      if (!value(v)) return usage_error("--timeout needs seconds");
      char* end = nullptr;
      const double s = std::strtod(v.c_str(), &end);
      if (!end || *end != '\0' || !(s >= 0) || s > 86400) return usage_error("--timeout needs seconds");
      wait.timeout = std::chrono::milliseconds(static_cast<long long>(s * 1000));
    } else if (a == "--baud") {
      if (!value(v) || !to_long(v, n)) return usage_error("--baud needs a number");
      serial.baud = static_cast<int>(n);
    } else if (a == "--fingerprint") {
      wait.with_fingerprint = true;
    } else if (a == "--photo") {
      if (!value(photo_path)) return usage_error("--photo needs a file");
    } else {
      return usage_error("unknown argument " + a);
    }
  }
  if (!have_device) return usage_error("read needs --device PATH");
  auto reader = SerialReader::open(serial);
  if (!reader) return fail(reader.error());
  auto card = wait_for_card(**reader, wait);
  if (!card) {
    if (card.error().code == codes::no_card) {
      std::cerr << "jiuzhu-idcard: no_card: " << card.error().message << "\n";
      return 3;
    }
    return fail(card.error());
  }
  if (!photo_path.empty()) {
    std::ofstream out(photo_path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(card->photo_wlt.data()), static_cast<std::streamsize>(card->photo_wlt.size()));
    if (!out) return fail(make_error("write_failed", "cannot write " + photo_path));
  }
  std::cout << card_to_json(*card).dump() << std::endl;
  return 0;
}

int cmd_parse(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage_error("parse needs exactly one FILE");
  std::string bytes;
  if (!read_file(args[0], bytes)) return fail(make_error("read_failed", "cannot read " + args[0]));
  auto card = parse_read_reply(ByteView(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  if (!card) return fail(card.error());
  std::cout << card_to_json(*card).dump() << std::endl;
  return 0;
}

int cmd_simulate(const std::vector<std::string>& args) {
  SimulatorOptions options;
  options.represent_after = std::chrono::milliseconds(1000);
  std::string card_path;
  bool no_card = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    long n = 0;
    auto number = [&](long lo, long hi) {
      return i + 1 < args.size() && to_long(args[++i], n) && n >= lo && n <= hi;
    };
    if (a == "--card") {
      if (i + 1 >= args.size()) return usage_error("--card needs a file");
      card_path = args[++i];
    } else if (a == "--no-card") {
      no_card = true;
    } else if (a == "--fail-reads") {
      options.fail_reads = true;
    } else if (a == "--noise") {
      if (!number(0, 65536)) return usage_error("--noise needs a byte count");
      options.noise_bytes = static_cast<std::size_t>(n);
    } else if (a == "--chunk-size") {
      if (!number(0, 65536)) return usage_error("--chunk-size needs a byte count");
      options.chunk_size = static_cast<std::size_t>(n);
    } else if (a == "--chunk-delay-ms") {
      if (!number(0, 60000)) return usage_error("--chunk-delay-ms needs milliseconds");
      options.chunk_delay = std::chrono::milliseconds(n);
    } else if (a == "--reply-delay-ms") {
      if (!number(0, 60000)) return usage_error("--reply-delay-ms needs milliseconds");
      options.reply_delay = std::chrono::milliseconds(n);
    } else if (a == "--represent-after-ms") {
      if (!number(-1, 3600000)) return usage_error("--represent-after-ms needs milliseconds or -1");
      if (n < 0) options.represent_after.reset();
      else options.represent_after = std::chrono::milliseconds(n);
    } else {
      return usage_error("unknown argument " + a);
    }
  }
  if (card_path.empty() && !no_card) return usage_error("simulate needs --card FILE.json (or --no-card)");
  std::optional<Card> card;
  if (!card_path.empty()) {
    std::string text;
    if (!read_file(card_path, text)) return fail(make_error("read_failed", "cannot read " + card_path));
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return fail(make_error("malformed_json", card_path + " is not JSON"));
    auto c = card_from_json(j);
    if (!c) return fail(Error{c.error().code, c.error().message + " (" + c.error().field + ")", c.error().field});
    card = std::move(*c);
  }
  // Block the stop signals before the server thread starts, so only sigwait() sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  auto sim = PtyReaderSimulator::start(options);
  if (!sim) return fail(sim.error());
  if (card && !no_card) {
    auto st = (*sim)->present(*card);
    if (!st) return fail(st.error());
  }
  std::cout << (*sim)->path() << std::endl;  // endl flushes: the caller waits for this line
  int sig = 0;
  sigwait(&stop, &sig);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("a command is needed: read, parse or simulate");
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "read") return cmd_read(args);
  if (command == "parse") return cmd_parse(args);
  if (command == "simulate") return cmd_simulate(args);
  return usage_error("unknown command " + command);
}
