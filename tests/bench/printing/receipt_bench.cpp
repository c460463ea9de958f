// Receipt benchmark: the 80 mm receipt of assets/samples/print-receipt.json rendered N times
// (layout + subset + PDF, data decoded once, font face loaded once), median and p95 in ms, and
// the PDF size. For comparison the same layout is drawn the naive way — libharu loading and
// embedding WenQuanYi from its file per document — which is what the issue measured (~50 ms,
// ~90 KB). Wall-clock median and p95, and the median CPU time of the rendering thread (the
// work itself, without waiting for a core). Prints one JSON object on the last line.
#include <hpdf.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/regions.h"
#include "printing/documents.h"
#include "printing/pdf_render.h"
#include "core/utf8.h"

using namespace jiuzhu;
using namespace jiuzhu::printing;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of this thread: on a shared, loaded machine wall time also counts waiting for a core.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = size_t(p * double(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void on_error(HPDF_STATUS, HPDF_STATUS, void*) {}

// The naive way: libharu loads the TTC itself and embeds it (its own partial subsetting).
size_t naive_render(const Layout& layout) {
  HPDF_Doc pdf = HPDF_New(on_error, nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  const char* name = HPDF_LoadTTFontFromFile2(pdf, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, HPDF_TRUE);
  HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
  for (const auto& lp : layout.pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, HPDF_REAL(lp.width));
    HPDF_Page_SetHeight(page, HPDF_REAL(lp.height));
    HPDF_Page_BeginText(page);
    for (const auto& op : lp.ops)
      if (auto* t = std::get_if<TextOp>(&op)) {
        HPDF_Page_SetFontAndSize(page, font, HPDF_REAL(t->size));
        HPDF_Page_TextOut(page, HPDF_REAL(t->x), HPDF_REAL(lp.height - t->baseline), utf8::encode(t->text).c_str());
      }
    HPDF_Page_EndText(page);
  }
  HPDF_SaveToStream(pdf);
  size_t size = HPDF_GetStreamSize(pdf);
  HPDF_Free(pdf);
  return size;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
  auto data = load_print_data(assets_dir() + "/samples/print-receipt.json");
  if (!data) {
    std::cerr << data.error().message << "\n";
    return 1;
  }
  auto t0 = Clock::now();
  auto first = render_document(DocumentKind::receipt, *data, PaperSize::roll80);
  double cold = ms_since(t0);
  if (!first) {
    std::cerr << first.error().message << "\n";
    return 1;
  }
  std::vector<double> times, cpu_times;
  size_t bytes = first->size();
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    double c = thread_cpu_ms();
    auto pdf = render_document(DocumentKind::receipt, *data, PaperSize::roll80);
    cpu_times.push_back(thread_cpu_ms() - c);
    times.push_back(ms_since(t));
    if (!pdf) return 1;
    bytes = pdf->size();
  }

  auto face = *document_face();
  auto layout = layout_document(DocumentKind::receipt, *data, PaperSize::roll80, face);
  std::vector<double> naive_times;
  size_t naive_bytes = 0;
  for (int i = 0; i < std::max(5, runs / 10); ++i) {
    auto t = Clock::now();
    naive_bytes = naive_render(*layout);
    naive_times.push_back(ms_since(t));
  }

  nlohmann::json j = {
      {"bench", "printing_receipt_80mm"},
      {"renders", runs},
      {"median_ms", percentile(times, 0.5)},
      {"p95_ms", percentile(times, 0.95)},
      {"median_cpu_ms", percentile(cpu_times, 0.5)},
      {"cold_first_ms", cold},
      {"bytes", bytes},
      {"naive_renders", naive_times.size()},
      {"naive_median_ms", percentile(naive_times, 0.5)},
      {"naive_bytes", naive_bytes},
      {"target_ms", 20},
      {"target_bytes", 60 * 1024},
      {"meets_targets", percentile(times, 0.5) <= 20 && bytes <= 60 * 1024},
  };
  std::cout << j.dump() << std::endl;
  return 0;
}
