// jiuzhu-print as a program: exit codes, output files only on success, JSON on stdout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/regions.h"
#include "test_support.h"

namespace jiuzhu::printing {
namespace {

using test::quote;
using test::run;

const std::string kBin = JIUZHU_PRINT_BIN;

std::string sample_path() { return assets_dir() + "/samples/print-receipt.json"; }

TEST(Cli, HelpAndUsageErrors) {
  auto help = run(quote(kBin) + " --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("jiuzhu-print KIND --data"), std::string::npos);
  EXPECT_EQ(run(quote(kBin)).exit_code, 2);
  EXPECT_EQ(run(quote(kBin) + " invoice --data x --out y").exit_code, 2);
  EXPECT_EQ(run(quote(kBin) + " receipt --data x").exit_code, 2);
  EXPECT_EQ(run(quote(kBin) + " receipt --data x --out y --paper 58mm").exit_code, 2);
  std::string cmd = quote(kBin) + " receipt --bogus >/dev/null";
  cmd.insert(cmd.begin(), '(');  // not "(" + string: GCC 12 warns falsely (-Wrestrict) on that
  auto one_line = run(cmd + ") 2>&1 | cat");
  EXPECT_EQ(std::count(one_line.out.begin(), one_line.out.end(), '\n'), 1);
}

TEST(Cli, RendersEveryKindFromTheSamples) {
  test::TempDir dir;
  for (const char* kind : {"receipt", "application-form", "proxy-authorization", "verification-authorization",
                           "materials-checklist", "visit-record"}) {
    std::string data = assets_dir() + "/samples/print-" + kind + ".json";
    ASSERT_TRUE(std::filesystem::exists(data)) << data;
    std::string out = dir.file(std::string(kind) + ".pdf");
    auto r = run(quote(kBin) + " " + kind + " --data " + quote(data) + " --out " + quote(out));
    ASSERT_EQ(r.exit_code, 0) << kind;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["kind"], kind);
    EXPECT_EQ(test::read_file(out).substr(0, 5), "%PDF-");
    EXPECT_EQ(j["bytes"].get<size_t>(), std::filesystem::file_size(out));
  }
}

TEST(Cli, BadDataFailsWithoutWritingAFile) {
  test::TempDir dir;
  auto j = test::sample_data();
  j["applicant"].erase("name");
  test::write_file(dir.file("bad.json"), j.dump());
  std::string out = dir.file("bad.pdf");
  auto r = run(quote(kBin) + " receipt --data " + quote(dir.file("bad.json")) + " --out " + quote(out), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("applicant.name"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(out));
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().extension(), ".json") << "left behind: " << e.path();

  test::write_file(dir.file("broken.json"), "{\"client_id\": ");
  r = run(quote(kBin) + " receipt --data " + quote(dir.file("broken.json")) + " --out " + quote(out), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(out));

  r = run(quote(kBin) + " application-form --paper 80mm --data " + quote(sample_path()) + " --out " + quote(out), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("unsupported_paper"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(Cli, SendRefusesWhatIsNotAPdf) {
  test::TempDir dir;
  test::write_file(dir.file("x.pdf"), "not a pdf");
  auto r = run("CUPS_SERVER=127.0.0.1:1 " + quote(kBin) + " send " + quote(dir.file("x.pdf")) + " --printer none", true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(run(quote(kBin) + " send").exit_code, 2);
}

}  // namespace
}  // namespace jiuzhu::printing
