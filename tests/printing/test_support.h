// Helpers for the printing tests: running external tools, temporary directories, the sample
// data, and reading back what a PDF shows (pdftotext, pdftoppm, zbarimg).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jiuzhu::printing::test {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout (stderr too when asked)
};
// Runs a shell command; captures stdout (and stderr with merge_stderr).
RunResult run(const std::string& command, bool merge_stderr = false);
// True when `tool` is on PATH.
bool have_tool(const std::string& tool);
std::string quote(const std::string& s);

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

// assets/samples/print-receipt.json as JSON.
nlohmann::json sample_data();
// Every full ID number in the sample (applicant, proxy, members).
std::vector<std::string> sample_id_numbers(const nlohmann::json& data);

// pdftotext output (UTF-8, layout order).
std::string pdf_text(const std::string& pdf_path);
// Number of pages pdftoppm rendered to PNG at `dpi` into `dir`, and the PNG paths.
std::vector<std::string> render_pages(const std::string& pdf_path, const std::string& dir, int dpi);
// zbarimg's QR payloads ("QR-Code:" stripped), one per symbol found.
std::vector<std::string> decode_qr(const std::string& png_path);

struct WordBox {
  double x0, y0, x1, y1;
  std::string word;
};
struct PageBoxes {
  double width = 0, height = 0;
  std::vector<WordBox> words;
};
// pdftotext -bbox: every word's box per page, with the page size.
std::vector<PageBoxes> word_boxes(const std::string& pdf_path);

}  // namespace jiuzhu::printing::test
