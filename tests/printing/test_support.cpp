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
