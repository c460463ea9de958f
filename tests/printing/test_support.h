// Helpers for the printing tests: the sample data, and reading back what a PDF shows
// (pdftotext, pdftoppm, zbarimg).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/files.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace jiuzhu::printing::test {

// The shared helpers (tests/support), under this namespace's names.
using jiuzhu::test::have_tool;
using jiuzhu::test::quote;
using jiuzhu::test::read_file;
using jiuzhu::test::run;
using jiuzhu::test::RunResult;
using jiuzhu::test::TempDir;
using jiuzhu::test::write_file;

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
