// The due-date promise (issue #14): for every program and every pair of programs, with and
// without a recent emergency (先行救助), the backend's answer, the kiosk's offline receipt and the
// printed paper give the same dates. The backend is the real jiuzhu-server over HTTP; the
// offline answer is core/intake's, as the kiosk makes it; the paper is printing's receipt layout.
#include <gtest/gtest.h>

#include "api_env.h"
#include "core/intake/deadlines.h"
#include "core/intake/labels.h"
#include "core/intake/receipt.h"
#include "core/model/json_codec.h"
#include "core/model/programs.h"
#include "core/timestamp.h"
#include "core/utf8.h"
#include "printing/documents.h"

using namespace jiuzhu;
using namespace jiuzhu::test;

namespace {

// Every character the receipt draws, in order: a date wrapped over two lines is still found.
std::string paper_text(const Json& data) {
  auto d = printing::decode_print_data(data);
  EXPECT_TRUE(d.ok()) << d.error().code << " " << d.error().field;
  if (!d) return {};
  auto face = printing::document_face();
  EXPECT_TRUE(face.ok());
  auto layout = printing::layout_document(printing::DocumentKind::receipt, *d, printing::PaperSize::roll80, *face);
  EXPECT_TRUE(layout.ok()) << layout.error().code << " " << layout.error().message;
  if (!layout) return {};
  std::u32string all;
  for (const auto& page : layout->pages)
    for (const auto& op : page.ops)
      if (auto* t = std::get_if<printing::TextOp>(&op)) all += t->text;
  return utf8::encode(all);
}

std::string date_zh(Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

class ReceiptAgreement : public ::testing::TestWithParam<std::string> {
 protected:
  ApiEnv& env() { return ApiEnv::get(GetParam()); }
};

TEST_P(ReceiptAgreement, BackendOfflineReceiptAndPaperAgreeForEveryPairOfPrograms) {
  std::vector<std::vector<std::string>> sets;
  for (size_t i = 0; i < model::kPrograms.size(); ++i) {
    sets.push_back({std::string(model::kPrograms[i].id)});
    for (size_t j = i + 1; j < model::kPrograms.size(); ++j)
      sets.push_back({std::string(model::kPrograms[i].id), std::string(model::kPrograms[j].id)});
  }
  const Json hall = {{"name", "罗锦镇社会救助服务大厅"}, {"address", "罗锦镇政府一楼"}, {"phone", "0773-8000000"}};
  int checked = 0;
  for (bool emergency : {false, true}) {
    for (const auto& programs : sets) {
      Json app = application(kTownship, uuid());
      app["programs"] = programs;
      if (emergency)
        app["household"]["emergency"] = {{"kind", "fire"}, {"date", Date::today_china().iso()}, {"loss", 5000}};
      auto reply = env().server->post("/api/v1/applications", app, env().token.at("kiosk"));
      ASSERT_EQ(reply.status, 201) << reply.body;
      const Json ack = reply.json();
      const std::string backend_due = ack.at("due_date");
      const std::string received_at = ack.at("received_at");

      auto decoded = model::decode_application(app);
      ASSERT_TRUE(decoded.ok());
      auto offline = intake::offline_acknowledgement(*decoded, "L450326101-0000ABCD", received_at);
      ASSERT_TRUE(offline.ok()) << offline.error().code;
      EXPECT_EQ(offline->due_date, backend_due) << programs[0] << (programs.size() > 1 ? "+" + programs[1] : "");

      auto per_program = intake::application_deadlines(*decoded, *china_date_of(received_at));
      ASSERT_TRUE(per_program.ok());
      EXPECT_EQ(per_program->case_due.iso(), backend_due);

      for (const std::string status : {"received", "pending_upload"}) {
        Json data = app;
        data["application_no"] = status == "received" ? ack.at("application_no").get<std::string>() : offline->application_no;
        data["status"] = status;
        data["received_at"] = received_at;
        data["due_date"] = status == "received" ? backend_due : offline->due_date;
        data["hall"] = hall;
        const std::string paper = paper_text(data);
        for (const auto& p : per_program->programs) {
          const std::string line = intake::program_label(p.program) + "：" + date_zh(p.due) + "前";
          EXPECT_NE(paper.find(line), std::string::npos) << status << " " << line;
        }
        // The first date on paper is the backend's.
        const std::string heading = "最晚办结日期：";
        const auto first = paper.find("：", paper.find(heading) + heading.size());
        EXPECT_EQ(paper.find(date_zh(*Date::parse_iso(backend_due)), first), first + std::string("：").size())
            << status << " " << programs[0];
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 2 * 2 * 66);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReceiptAgreement, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
