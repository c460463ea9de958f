#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/regions.h"

namespace jiuzhu::printing::test {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

RunResult run(const std::string& command, bool merge_stderr) {
  RunResult r;
  std::string cmd = command + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool have_tool(const std::string& tool) { return run("command -v " + quote(tool)).exit_code == 0; }

TempDir::TempDir() {
  char tmpl[] = "/tmp/jiuzhu-print-test.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

nlohmann::json sample_data() {
  return nlohmann::json::parse(read_file(assets_dir() + "/samples/print-receipt.json"));
}

std::vector<std::string> sample_id_numbers(const nlohmann::json& d) {
  std::vector<std::string> ids{d["applicant"]["id_number"].get<std::string>()};
  if (d.contains("proxy") && d["proxy"].is_object()) ids.push_back(d["proxy"]["id_number"].get<std::string>());
  for (const auto& m : d["household"]["members"]) ids.push_back(m["id_number"].get<std::string>());
  return ids;
}

std::string pdf_text(const std::string& pdf_path) {
  return run("pdftotext -enc UTF-8 " + quote(pdf_path) + " -").out;
}

std::vector<std::string> render_pages(const std::string& pdf_path, const std::string& dir, int dpi) {
  run("pdftoppm -png -r " + std::to_string(dpi) + " " + quote(pdf_path) + " " + quote(dir + "/page"));
  std::vector<std::string> pages;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (name.rfind("page", 0) == 0 && e.path().extension() == ".png") pages.push_back(e.path().string());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::vector<std::string> decode_qr(const std::string& png_path) {
  auto r = run("zbarimg -q --raw " + quote(png_path));
  std::vector<std::string> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<PageBoxes> word_boxes(const std::string& pdf_path) {
  std::string html = run("pdftotext -bbox -enc UTF-8 " + quote(pdf_path) + " -").out;
  std::vector<PageBoxes> pages;
  static const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
  static const std::regex word_re(R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>)re");
  std::istringstream in(html);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, page_re)) {
      pages.push_back({std::stod(m[1]), std::stod(m[2]), {}});
    } else if (std::regex_search(line, m, word_re) && !pages.empty()) {
      pages.back().words.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
  }
  return pages;
}

}  // namespace jiuzhu::printing::test
