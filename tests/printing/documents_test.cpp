// Every document kind, read back as a person and a machine would: pdftotext finds the expected
// words and never a full ID number, pdftoppm renders every page, the receipt's QR decodes to the
// application number, and every word pdftotext reports lies inside the page.
#include <gtest/gtest.h>

#include "core/calendar.h"
#include "printing/documents.h"
#include "printing/pdf_render.h"
#include "test_support.h"

namespace jiuzhu::printing {

// Found by argument-dependent lookup, so it must live in the enum's namespace.
void PrintTo(PaperSize p, std::ostream* os) { *os << (p == PaperSize::roll80 ? "80mm" : "a4"); }

namespace {

using test::TempDir;

struct Case {
  DocumentKind kind;
  PaperSize paper;
  std::vector<std::string> expect;
};

// Readable, stable names for ctest (gtest_discover_tests shows the parameter's printout).
void PrintTo(const Case& c, std::ostream* os) {
  *os << document_kind_name(c.kind) << (c.paper == PaperSize::roll80 ? "/80mm" : "/a4");
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n(document_kind_name(info.param.kind));
  for (auto& c : n)
    if (c == '-') c = '_';
  return n + (info.param.paper == PaperSize::roll80 ? "_80mm" : "_a4");
}

// pdftotext puts text of one line together; strip spaces and newlines for robust matching.
std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  return out;
}

class DocumentTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    for (const char* tool : {"pdftotext", "pdftoppm", "zbarimg"})
      if (!test::have_tool(tool)) GTEST_SKIP() << tool << " is not installed (poppler-utils, zbar-tools)";
  }
};

TEST_P(DocumentTest, ReadsBackCompleteAndMasked) {
  const Case& c = GetParam();
  auto json = test::sample_data();
  auto data = decode_print_data(json, Date(2026, 11, 24));
  ASSERT_TRUE(data) << data.error().message << " " << data.error().field;
  auto pdf = render_document(c.kind, *data, c.paper);
  ASSERT_TRUE(pdf) << pdf.error().message;
  TempDir dir;
  const std::string path = dir.file("doc.pdf");
  test::write_file(path, *pdf);

  const std::string text = squeeze(test::pdf_text(path));
  ASSERT_FALSE(text.empty());
  for (const auto& want : c.expect) EXPECT_NE(text.find(squeeze(want)), std::string::npos) << "missing: " << want;
  for (const auto& id : test::sample_id_numbers(json)) {
    EXPECT_EQ(text.find(id), std::string::npos) << "full ID number printed";
    EXPECT_EQ(pdf->find(id), std::string::npos) << "full ID number in the PDF bytes";
  }

  auto pages = test::render_pages(path, dir.path(), 100);
  ASSERT_FALSE(pages.empty());
  for (const auto& png : pages) EXPECT_GT(test::read_file(png).size(), 1000u);

  auto boxes = test::word_boxes(path);
  ASSERT_EQ(boxes.size(), pages.size());
  for (const auto& page : boxes) {
    ASSERT_FALSE(page.words.empty());
    for (const auto& w : page.words) {
      EXPECT_GE(w.x0, 0) << w.word;
      EXPECT_GE(w.y0, 0) << w.word;
      EXPECT_LE(w.x1, page.width) << w.word;
      EXPECT_LE(w.y1, page.height) << w.word;
    }
  }
}

const std::string kNo = "JZ450326100-20261124-0007";

INSTANTIATE_TEST_SUITE_P(
    AllKinds, DocumentTest,
    ::testing::Values(
        Case{DocumentKind::receipt, PaperSize::roll80,
             {"社会救助申请回执", kNo, "永福县永福镇社会救助服务窗口", "0773-8512345", "2026年11月24日 10:15",
              "最低生活保障、医疗救助", "韦德明", "450326********1236", "韦建华（子女）", "450326********3414",
              "户口簿（4 页）", "已收材料：4 份，共 9 页", "还要补交的材料（一次性告知）", "残疾人证",
              "2027年1月6日前", "30 个工作日", "查询办理进度"}},
        Case{DocumentKind::receipt, PaperSize::a4, {"社会救助申请回执", kNo, "450326********1236", "一次性告知"}},
        Case{DocumentKind::application_form, PaperSize::a4,
             {"社会救助申请书", "韦德明", "覃秀英", "韦浩然", "450326********102X", "申请人签名", "指印",
              "老伴腿脚不便", "3000.00"}},
        Case{DocumentKind::proxy_authorization, PaperSize::a4,
             {"委托书", "委托人", "受托人", "韦德明", "韦建华", "子女", "委托人签名", "受托人签名"}},
        Case{DocumentKind::verification_authorization, PaperSize::a4,
             {"居民家庭经济状况核对授权书", "韦德明", "覃秀英", "韦浩然", "本人签名", "第十七条"}},
        Case{DocumentKind::materials_checklist, PaperSize::a4,
             {"申请材料清单", "户口簿", "已收 4 页", "尚缺", "残疾人证", "受托人居民身份证"}},
        Case{DocumentKind::visit_record, PaperSize::a4,
             {"入户调查记录", "韦德明", "覃秀英", "调查人员签名", "住房状况", "被调查人签名"}}),
    case_name);

class ReceiptQr : public ::testing::TestWithParam<PaperSize> {};

std::string paper_name(const ::testing::TestParamInfo<PaperSize>& info) {
  return info.param == PaperSize::roll80 ? "roll80" : "a4";
}

TEST_P(ReceiptQr, DecodesToTheApplicationNumber) {
  if (!test::have_tool("zbarimg") || !test::have_tool("pdftoppm")) GTEST_SKIP() << "zbarimg/pdftoppm not installed";
  auto data = decode_print_data(test::sample_data(), Date(2026, 11, 24));
  ASSERT_TRUE(data);
  auto pdf = render_document(DocumentKind::receipt, *data, GetParam());
  ASSERT_TRUE(pdf) << pdf.error().message;
  TempDir dir;
  test::write_file(dir.file("r.pdf"), *pdf);
  auto pages = test::render_pages(dir.file("r.pdf"), dir.path(), 150);
  ASSERT_EQ(pages.size(), 1u);
  auto codes = test::decode_qr(pages[0]);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], kNo);
}

INSTANTIATE_TEST_SUITE_P(BothPapers, ReceiptQr, ::testing::Values(PaperSize::roll80, PaperSize::a4), paper_name);

TEST(Receipt, PendingUploadIsMarked) {
  auto json = test::sample_data();
  json["status"] = "pending_upload";
  auto data = decode_print_data(json, Date(2026, 11, 24));
  ASSERT_TRUE(data);
  auto layout = layout_document(DocumentKind::receipt, *data, PaperSize::roll80, *document_face());
  ASSERT_TRUE(layout) << layout.error().message;
  auto pdf = render_pdf(*layout, **document_face());
  ASSERT_TRUE(pdf);
  if (!test::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext not installed";
  TempDir dir;
  test::write_file(dir.file("p.pdf"), *pdf);
  std::string text = test::pdf_text(dir.file("p.pdf"));
  EXPECT_NE(text.find("待上传"), std::string::npos);
  EXPECT_NE(text.find("pending upload"), std::string::npos);
}

TEST(Receipt, RollIsOnePageOf80mmAndFitsTheContent) {
  auto data = decode_print_data(test::sample_data(), Date(2026, 11, 24));
  ASSERT_TRUE(data);
  auto layout = layout_document(DocumentKind::receipt, *data, PaperSize::roll80, *document_face());
  ASSERT_TRUE(layout);
  ASSERT_EQ(layout->pages.size(), 1u);
  EXPECT_NEAR(layout->pages[0].width, mm(80), 0.01);
  EXPECT_GT(layout->pages[0].height, mm(150));
  EXPECT_LT(layout->pages[0].height, mm(400));
  EXPECT_TRUE(layout->check_bounds(mm(4) - 0.5));  // the 72 mm the print head reaches
}

TEST(Receipt, SmallEnough) {
  auto data = decode_print_data(test::sample_data(), Date(2026, 11, 24));
  ASSERT_TRUE(data);
  auto pdf = render_document(DocumentKind::receipt, *data, PaperSize::roll80);
  ASSERT_TRUE(pdf);
  EXPECT_LE(pdf->size(), 60u * 1024u);  // the target with the font embedded
  EXPECT_NE(pdf->find("/FontFile2"), std::string::npos);  // and the font is embedded
}

// 2027's make-up working days are not announced yet (assets/data/holidays.csv marks the year
// provisional), so a due date then is an estimate and the paper must say so; 2026's is firm.
TEST(Receipt, DueDateInAProvisionalYearIsMarked) {
  if (!test::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext not installed";
  ASSERT_TRUE(WorkingCalendar::builtin().provisional(2027));
  // Each program's date is counted from the day of receipt (core/intake): 低保's 30 working
  // days from 2026-11-24 end in 2027, 医疗救助's 15 in 2026.
  auto text_for = [](const char* program) {
    auto json = test::sample_data();
    json["programs"] = {program};
    auto data = decode_print_data(json, Date(2026, 11, 24));
    EXPECT_TRUE(data) << data.error().message;
    auto pdf = render_document(DocumentKind::receipt, *data, PaperSize::a4);
    EXPECT_TRUE(pdf) << pdf.error().message;
    TempDir dir;
    test::write_file(dir.file("r.pdf"), *pdf);
    return test::pdf_text(dir.file("r.pdf"));
  };
  EXPECT_NE(text_for("dibao").find("预计"), std::string::npos);
  EXPECT_EQ(text_for("medical").find("预计"), std::string::npos);
}

TEST(VerificationAuthorization, LongHouseholdPaginatesWithALinePerMember) {
  auto json = test::sample_data();
  auto members = json["household"]["members"];
  // 30 counted members (the most the codec accepts), reusing valid ID numbers.
  nlohmann::json many = nlohmann::json::array();
  for (int i = 0; i < 30; ++i) {
    auto m = members[size_t(i % 3)];
    m["name"] = "成员" + std::to_string(i + 1);
    m["relation"] = i == 0 ? "self" : "other";
    many.push_back(m);
  }
  json["household"]["members"] = many;
  auto data = decode_print_data(json, Date(2026, 11, 24));
  ASSERT_TRUE(data) << data.error().message << " " << data.error().field;
  auto layout = layout_document(DocumentKind::verification_authorization, *data, PaperSize::a4, *document_face());
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_GE(layout->pages.size(), 2u);
  size_t names = 0;
  for (auto& p : layout->pages)
    for (auto& op : p.ops)
      if (auto* t = std::get_if<TextOp>(&op); t && t->text.rfind(U"成员", 0) == 0) ++names;
  EXPECT_EQ(names, 30u);
}

TEST(Documents, ErrorsInsteadOfPages) {
  auto face = *document_face();
  auto json = test::sample_data();
  auto base = decode_print_data(json, Date(2026, 11, 24));
  ASSERT_TRUE(base);

  PrintData no_proxy = *base;
  no_proxy.application.proxy.reset();
  auto r1 = layout_document(DocumentKind::proxy_authorization, no_proxy, PaperSize::a4, face);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, "missing_field");
  EXPECT_EQ(r1.error().field, "proxy");

  PrintData no_answer = *base;
  no_answer.due_date.reset();
  auto r2 = layout_document(DocumentKind::receipt, no_answer, PaperSize::roll80, face);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().field, "due_date");

  PrintData no_hall = *base;
  no_hall.hall = {};
  auto r3 = layout_document(DocumentKind::receipt, no_hall, PaperSize::a4, face);
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().field, "hall");

  auto r4 = layout_document(DocumentKind::application_form, *base, PaperSize::roll80, face);
  ASSERT_FALSE(r4);
  EXPECT_EQ(r4.error().code, "unsupported_paper");

  PrintData nobody = *base;
  for (auto& m : nobody.application.household.members) m.lives_together = false;
  auto r5 = layout_document(DocumentKind::verification_authorization, nobody, PaperSize::a4, face);
  ASSERT_FALSE(r5);
  EXPECT_EQ(r5.error().code, "missing_field");
}

TEST(Documents, KindAndPaperNames) {
  for (auto k : {DocumentKind::receipt, DocumentKind::application_form, DocumentKind::proxy_authorization,
                 DocumentKind::verification_authorization, DocumentKind::materials_checklist, DocumentKind::visit_record})
    EXPECT_EQ(parse_document_kind(document_kind_name(k)), k);
  EXPECT_FALSE(parse_document_kind("invoice"));
  EXPECT_EQ(parse_paper("80mm"), PaperSize::roll80);
  EXPECT_EQ(parse_paper("a4"), PaperSize::a4);
  EXPECT_FALSE(parse_paper("58mm"));
}

}  // namespace
}  // namespace jiuzhu::printing
