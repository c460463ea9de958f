// The generic table document: long rosters paginate with headers and page numbers.
#include <gtest/gtest.h>

#include "printing/roster.h"
#include "test_support.h"

namespace jiuzhu::printing {
namespace {

TEST(Roster, LongListPaginatesAndReadsBack) {
  TableDocument doc;
  doc.title = "重点人群花名册";
  doc.subtitle = {"永福县 · 2026年11月"};
  doc.headers = {"序号", "姓名", "身份证号", "类别", "住址"};
  doc.weights = {0.8, 1.5, 3, 2, 5};
  for (int i = 1; i <= 300; ++i)
    doc.rows.push_back({std::to_string(i), "张*", "450326********" + std::to_string(1000 + i), "低保边缘",
                        "永福镇凤山村委会下岭屯" + std::to_string(i) + "号"});
  doc.landscape = true;
  auto pdf = render_table_document(doc);
  ASSERT_TRUE(pdf) << pdf.error().message;
  if (!test::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext not installed";
  test::TempDir dir;
  test::write_file(dir.file("r.pdf"), *pdf);
  auto boxes = test::word_boxes(dir.file("r.pdf"));
  ASSERT_GT(boxes.size(), 5u);
  EXPECT_GT(boxes[0].width, boxes[0].height);  // landscape
  std::string text = test::pdf_text(dir.file("r.pdf"));
  EXPECT_NE(text.find("下岭屯300号"), std::string::npos);
  EXPECT_NE(text.find("第 1 页 / 共 " + std::to_string(boxes.size()) + " 页"), std::string::npos);
  for (const auto& page : boxes)
    for (const auto& w : page.words) {
      EXPECT_LE(w.x1, page.width);
      EXPECT_LE(w.y1, page.height);
    }
}

// The title in the PDF's Info dictionary is a PDF text string (PDF 32000-1 §7.9.2.2): UTF-16BE
// with the byte order mark, so that viewers (Chromium's title bar, pdfinfo) show the Chinese,
// not the UTF-8 bytes read as PDFDocEncoding (mojibake).
TEST(Roster, TitleMetadataReadsBackInChinese) {
  TableDocument doc;
  doc.title = "重点人群花名册（2026年11月）";
  doc.headers = {"序号", "姓名"};
  doc.rows = {{"1", "张*"}};
  auto pdf = render_table_document(doc);
  ASSERT_TRUE(pdf) << pdf.error().message;
  // BOM then 重 (U+91CD) in UTF-16BE, written by libharu as a hex string; no raw UTF-8 title.
  EXPECT_NE(pdf->find("/Title <FEFF91CD"), std::string::npos) << "Title not UTF-16BE with BOM";
  EXPECT_EQ(pdf->find(doc.title), std::string::npos) << "Title written as raw UTF-8";
  if (!test::have_tool("pdfinfo")) GTEST_SKIP() << "pdfinfo not installed (poppler-utils)";
  test::TempDir dir;
  test::write_file(dir.file("t.pdf"), *pdf);
  const auto info = test::run("pdfinfo -enc UTF-8 " + test::quote(dir.file("t.pdf")));
  ASSERT_EQ(info.exit_code, 0);
  // "Title:          value" — the value after the padding, to the end of the line.
  const std::string out = "\n" + info.out;
  auto field = [&](const std::string& key) {
    const size_t at = out.find("\n" + key + ":");
    if (at == std::string::npos) return std::string();
    const size_t begin = out.find_first_not_of(' ', at + key.size() + 2);
    return out.substr(begin, out.find('\n', begin) - begin);
  };
  EXPECT_EQ(field("Title"), "重点人群花名册（2026年11月）") << info.out;
  EXPECT_EQ(field("Creator"), "Jiuzhu") << info.out;
}

TEST(Roster, BadTablesAreErrors) {
  TableDocument doc;
  doc.title = "名单";
  auto r = render_table_document(doc);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "bad_table");
  doc.headers = {"a", "b"};
  doc.rows = {{"1"}};
  r = render_table_document(doc);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "rows[0]");
  doc.rows = {{"1", "2"}};
  doc.weights = {1};
  EXPECT_FALSE(render_table_document(doc));
  doc.weights = {};
  doc.title.clear();
  EXPECT_EQ(render_table_document(doc).error().code, "missing_field");
}

}  // namespace
}  // namespace jiuzhu::printing
