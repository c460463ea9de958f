// The CUPS print path. Classification is unit-tested; the rest runs against a private cupsd
// that this test starts in a temporary directory (its own config, port, spool and logs) with
// a cups-pdf queue, and stops again. It never touches a system cupsd.
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "core/regions.h"
#include "printing/print_queue.h"
#include "test_support.h"

namespace jiuzhu::printing {
namespace {

using test::quote;
using test::run;

TEST(PrinterStateClassify, ReasonsToStates) {
  EXPECT_EQ(PrintQueue::classify(3, "", true), PrinterState::ready);
  EXPECT_EQ(PrintQueue::classify(4, "", true), PrinterState::ready);
  EXPECT_EQ(PrintQueue::classify(3, "media-empty-error", true), PrinterState::out_of_paper);
  EXPECT_EQ(PrintQueue::classify(5, "media-needed-warning,paused", true), PrinterState::out_of_paper);
  EXPECT_EQ(PrintQueue::classify(3, "offline-report", true), PrinterState::offline);
  EXPECT_EQ(PrintQueue::classify(4, "connecting-to-device", true), PrinterState::offline);
  EXPECT_EQ(PrintQueue::classify(5, "paused", true), PrinterState::offline);
  EXPECT_EQ(PrintQueue::classify(3, "", false), PrinterState::offline);
  EXPECT_EQ(PrintQueue::classify(3, "media-jam-error", true), PrinterState::error);
  EXPECT_EQ(PrintQueue::classify(3, "cover-open-warning", true), PrinterState::error);
  EXPECT_EQ(PrintQueue::classify(3, "toner-low-report", true), PrinterState::ready);
  EXPECT_EQ(PrintQueue::classify(3, "marker-supply-low-warning", true), PrinterState::ready);
  EXPECT_EQ(to_string(PrinterState::out_of_paper), "out_of_paper");
}

TEST(PrintQueueUnreachable, NamesTheServer) {
  PrintQueue q("127.0.0.1:1");
  auto st = q.status("any");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "cups_unreachable");
}

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

// A cupsd of our own: config, spool, cache, state and logs in a temporary directory, listening
// on a free loopback port, run in the foreground as a child we stop in TearDown.
class PrivateCups : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "a private cupsd must run as root (it drops to lp for filters)";
    for (const char* p : {"/usr/sbin/cupsd", "/usr/sbin/lpadmin", "/usr/lib/cups/backend/cups-pdf",
                          "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"})
      if (!std::filesystem::exists(p)) GTEST_SKIP() << p << " missing (Debian cups, printer-driver-cups-pdf)";
    for (const char* t : {"pdftoppm", "zbarimg"})
      if (!test::have_tool(t)) GTEST_SKIP() << t << " not installed";
    dir_ = std::make_unique<test::TempDir>();
    const std::string d = dir_->path();
    std::filesystem::permissions(d, std::filesystem::perms(0755));
    for (const char* sub : {"etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log"})
      std::filesystem::create_directories(d + "/" + sub);
    std::filesystem::permissions(d + "/spool/tmp", std::filesystem::perms(01777));
    // Our own ServerBin: the system's filters and backends, plus a backend for a printer that
    // is out of paper (it reports media-empty the way real backends do, via STATE: lines).
    std::filesystem::create_directories(d + "/bin/backend");
    for (const auto& e : std::filesystem::directory_iterator("/usr/lib/cups"))
      if (e.path().filename() != "backend") std::filesystem::create_symlink(e.path(), d + "/bin/" + e.path().filename().string());
    for (const auto& e : std::filesystem::directory_iterator("/usr/lib/cups/backend"))
      std::filesystem::create_symlink(e.path(), d + "/bin/backend/" + e.path().filename().string());
    test::write_file(d + "/bin/backend/jiuzhu-nopaper",
                     "#!/bin/sh\n[ $# -eq 0 ] && exit 0\necho 'STATE: +media-empty-error' >&2\n"
                     "echo 'ERROR: no paper' >&2\nsleep 60\nexit 1\n");
    std::filesystem::permissions(d + "/bin/backend/jiuzhu-nopaper", std::filesystem::perms(0700));
    port_ = free_port();
    ASSERT_GT(port_, 0);
    test::write_file(d + "/cups-files.conf",
                     "ServerRoot " + d + "/etc\nServerBin " + d + "/bin\nRequestRoot " + d + "/spool\nTempDir " + d + "/spool/tmp\n"
                     "CacheDir " + d + "/cache\nStateDir " + d + "/state\nAccessLog " + d + "/log/access_log\n"
                     "ErrorLog " + d + "/log/error_log\nPageLog " + d + "/log/page_log\nFileDevice No\n");
    test::write_file(d + "/etc/cupsd.conf",
                     "Listen 127.0.0.1:" + std::to_string(port_) + "\nLogLevel warn\nWebInterface No\n"
                     "Browsing Off\nDefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n"
                     "</Location>\n<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      const std::string conf = d + "/etc/cupsd.conf", files = d + "/cups-files.conf";
      ::execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    server_ = "127.0.0.1:" + std::to_string(port_);
    bool up = false;
    for (int i = 0; i < 100 && !up; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      up = run("CUPS_SERVER=" + server_ + " lpstat -r").out.find("is running") != std::string::npos;
    }
    ASSERT_TRUE(up) << "private cupsd did not start: " << test::read_file(d + "/log/error_log");
    auto add = run("CUPS_SERVER=" + server_ + " lpadmin -p jiuzhu-test -v cups-pdf:/ -P " +
                       "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E",
                   true);
    ASSERT_EQ(add.exit_code, 0) << add.out;
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 50; ++i) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = 0;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    for (const auto& f : outputs_) std::filesystem::remove(f);
    dir_.reset();
  }

  // cups-pdf reads only /etc/cups/cups-pdf.conf (not the server's ServerRoot), whose Debian
  // default writes to ~/PDF of the submitting user (anonymous jobs: /var/spool/cups-pdf/ANONYMOUS).
  // We find our file there by its unique job title and delete it afterwards.
  std::vector<std::string> output_dirs() const {
    std::vector<std::string> dirs;
    if (const passwd* pw = ::getpwuid(::geteuid())) dirs.push_back(std::string(pw->pw_dir) + "/PDF");
    dirs.push_back("/var/spool/cups-pdf/ANONYMOUS");
    return dirs;
  }
  std::string find_output(const std::string& stem) {
    for (int i = 0; i < 50; ++i) {
      for (const auto& d : output_dirs()) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(d, ec))
          if (e.path().filename().string().rfind(stem, 0) == 0) {
            outputs_.push_back(e.path().string());
            return e.path().string();
          }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {};
  }

  std::unique_ptr<test::TempDir> dir_;
  int port_ = 0;
  pid_t pid_ = 0;
  std::string server_;
  std::vector<std::string> outputs_;
};

TEST_F(PrivateCups, SendsAReceiptThatArrives) {
  const std::string bin = JIUZHU_PRINT_BIN;
  std::mt19937_64 rng(std::random_device{}());
  const std::string stem = "jiuzhu-cups-test-" + std::to_string(rng() % 1000000000);
  const std::string pdf = dir_->file(stem + ".pdf");
  auto render = run(quote(bin) + " receipt --data " + quote(assets_dir() + "/samples/print-receipt.json") +
                    " --out " + quote(pdf));
  ASSERT_EQ(render.exit_code, 0);

  PrintQueue queue(server_);
  auto st = queue.status("jiuzhu-test");
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->state, PrinterState::ready);
  EXPECT_TRUE(st->accepting);

  auto sent = run("CUPS_SERVER=" + server_ + " " + quote(bin) + " send " + quote(pdf) + " --printer jiuzhu-test", true);
  ASSERT_EQ(sent.exit_code, 0) << sent.out;
  auto j = nlohmann::json::parse(sent.out);
  EXPECT_EQ(j["state"], "completed");
  EXPECT_EQ(j["printer"], "jiuzhu-test");

  std::string arrived = find_output(stem);
  ASSERT_FALSE(arrived.empty()) << "cups-pdf wrote nothing for " << stem;
  // cups-pdf re-distils through Ghostscript, so check the pixels: the QR still reads.
  test::TempDir pages;
  auto pngs = test::render_pages(arrived, pages.path(), 150);
  ASSERT_FALSE(pngs.empty());
  auto codes = test::decode_qr(pngs[0]);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], "JZ450326100-20261124-0007");
}

TEST_F(PrivateCups, StoppedPrinterFailsNamingItsState) {
  const std::string bin = JIUZHU_PRINT_BIN;
  const std::string pdf = dir_->file("r.pdf");
  ASSERT_EQ(run(quote(bin) + " receipt --data " + quote(assets_dir() + "/samples/print-receipt.json") + " --out " +
                quote(pdf))
                .exit_code,
            0);
  ASSERT_EQ(run("CUPS_SERVER=" + server_ + " cupsdisable jiuzhu-test").exit_code, 0);
  PrintQueue queue(server_);
  auto st = queue.status("jiuzhu-test");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, PrinterState::offline);

  auto t0 = std::chrono::steady_clock::now();
  auto sent = run("CUPS_SERVER=" + server_ + " " + quote(bin) + " send " + quote(pdf) +
                      " --printer jiuzhu-test --timeout 30",
                  true);
  EXPECT_EQ(sent.exit_code, 1);
  EXPECT_NE(sent.out.find("offline"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("jiuzhu-test"), std::string::npos) << sent.out;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));  // the grace period, not the timeout

  ASSERT_EQ(run("CUPS_SERVER=" + server_ + " cupsreject jiuzhu-test").exit_code, 0);
  auto refused = queue.submit("jiuzhu-test", pdf, "r");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "printer_offline");
  // Cancel what the disabled queue still holds, so nothing prints after the test.
  run("CUPS_SERVER=" + server_ + " cancel -a jiuzhu-test");
}

TEST_F(PrivateCups, OutOfPaperFailsNamingItAndCancelsTheJob) {
  auto add = run("CUPS_SERVER=" + server_ + " lpadmin -p nopaper -v jiuzhu-nopaper:/ -P " +
                     "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E",
                 true);
  ASSERT_EQ(add.exit_code, 0) << add.out;
  const std::string bin = JIUZHU_PRINT_BIN;
  const std::string pdf = dir_->file("r.pdf");
  ASSERT_EQ(run(quote(bin) + " receipt --data " + quote(assets_dir() + "/samples/print-receipt.json") + " --out " +
                quote(pdf))
                .exit_code,
            0);
  auto sent = run("CUPS_SERVER=" + server_ + " " + quote(bin) + " send " + quote(pdf) + " --printer nopaper --timeout 30",
                  true);
  EXPECT_EQ(sent.exit_code, 1);
  EXPECT_NE(sent.out.find("out_of_paper"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("media-empty"), std::string::npos) << sent.out;
  // Nothing is left to print when paper comes back.
  EXPECT_EQ(run("CUPS_SERVER=" + server_ + " lpstat -o nopaper").out, "");
}

TEST_F(PrivateCups, UnknownQueue) {
  PrintQueue queue(server_);
  auto st = queue.status("no-such-printer");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "no_printer");
}

}  // namespace
}  // namespace jiuzhu::printing
