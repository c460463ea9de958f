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
