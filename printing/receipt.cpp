// 申请回执: what the resident takes home — proof of receipt, what is missing, what happens next
// and by when, and how to check progress. On the 80 mm roll the page is as long as the content.
#include "core/calendar.h"
#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {
namespace {

bool has_any(const model::Application& a, std::initializer_list<std::string_view> programs) {
  for (const auto& p : a.programs)
    for (auto q : programs)
      if (p == q) return true;
  return false;
}

std::string next_step(const PrintData& d) {
  const auto& a = d.application;
  if (d.status == "pending_upload")
    return "本机暂未联网，申请已完整保存在本机，联网后自动提交，无需重复申请。提交后可凭本回执的申请编号查询；"
           "如3个工作日后仍查询不到，请带本回执到窗口。";
  if (d.status != "received") return "当前办理状态：" + status_label(d.status) + "。";
  std::string s;
  if (has_any(a, {"dibao", "dibao_separate", "dibao_edge", "tekun", "rigid_expense", "temporary_expense"}))
    s += "乡镇人民政府（街道办事处）自受理之日起3个工作日内启动调查核实，由2名以上工作人员入户调查，"
         "请保持电话畅通（《最低生活保障审核确认办法》第十五、十六条）。";
  if (has_any(a, {"temporary_emergency"}))
    s += "情况紧急的，可先行救助，手续事后补齐。";
  if (s.empty()) s = "工作人员将审核材料并与您联系。";
  return s;
}

}  // namespace

Result<Layout> layout_receipt(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  if (auto st = require_answer(d); !st) return st.error();
  if (auto st = require_hall(d); !st) return st.error();
  const auto& a = d.application;
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "社会救助申请回执");

  document_header(f, d, "社会救助申请回执", s);
  if (d.status == "pending_upload") {
    f.text("【待上传 (pending upload)】", {s.heading, Align::center, 0, 1.5});
    f.text("本机离线时开具，申请编号为本机编号", {s.small, Align::center, 0, 1.4});
    f.rule(0.5, true);
  }
  f.field("申请编号", d.application_no, s.body);
  f.field("受理时间", format_timestamp_zh(d.received_at), s.body);
  f.field("办理状态", status_label(d.status), s.body);
  f.field("申请项目", programs_text(a), s.body);
  f.field("申请人", a.applicant.name, s.body);
  f.field("身份证号", masked_id(a.applicant.id_number), s.body);
  if (a.proxy) {
    f.field("代办人", a.proxy->name + "（" + relation_label(a.proxy->relation) + "）", s.body);
    f.field("代办人身份证号", masked_id(a.proxy->id_number), s.body);
  }
  f.rule(0.5, true);

  int pages = 0;
  for (const auto& doc : a.documents) pages += doc.pages;
  f.text("已收材料：" + std::to_string(a.documents.size()) + " 份，共 " + std::to_string(pages) + " 页",
         {s.heading, Align::left, 0, 1.4});
  int i = 0;
  for (const auto& doc : a.documents)
    f.text(std::to_string(++i) + ". " + document_label(doc.kind) + "（" + std::to_string(doc.pages) + " 页）",
           {s.body, Align::left, s.body, 1.4});
  if (a.documents.empty()) f.text("（无）", {s.body, Align::left, s.body, 1.4});

  auto missing = missing_materials(a);
  f.text("尚缺材料（一次性告知）：", {s.heading, Align::left, 0, 1.4});
  if (missing.empty()) {
    f.text("材料已齐全。", {s.body, Align::left, s.body, 1.4});
  } else {
    i = 0;
    for (const auto& m : missing)
      f.text(std::to_string(++i) + ". " + m.label + "（" + m.why + "）", {s.body, Align::left, s.body, 1.4});
    f.text("以上是需要补交的全部材料，请在入户调查时交给工作人员或送到窗口。", {s.small, Align::left, s.body, 1.4});
  }
  f.rule(0.5, true);

  f.text("下一步：", {s.heading, Align::left, 0, 1.4});
  f.text(next_step(d), {s.body, Align::left, s.body, 1.4});
  std::string due = "办结时限：" + format_date_zh(*d.due_date) + "前";
  const auto& cal = WorkingCalendar::builtin();
  if (auto received = Date::parse_iso(std::string_view(d.received_at).substr(0, 10))) {
    if (cal.covers(*received) && cal.covers(*d.due_date)) {
      if (auto n = cal.working_days_between(*received, *d.due_date); n && *n > 0)
        due += "（自受理之日起 " + std::to_string(*n) + " 个工作日）";
    }
  }
  // That year's make-up working days are not announced yet: the date may still move.
  if (cal.provisional(d.due_date->year())) due += "（预计，以通知为准）";
  f.text(due, {s.body, Align::left, 0, 1.4});
  f.rule(0.5, true);

  f.text("查询办理进度", {s.heading, Align::center, 0, 1.4});
  f.qr(d.application_no, paper.is_roll() ? mm(30) : mm(40), d.application_no, s.small);
  f.text("在自助机“查询进度”扫描上方二维码，或输入申请编号和身份证号后4位查询。", {s.small, Align::left, 0, 1.4});
  f.field("咨询电话", d.hall.phone, s.body);
  f.field("地址", d.hall.address, s.body);
  f.rule(0.5);
  f.text("本回执不显示完整身份证号码，请妥善保管。", {s.small, Align::center, 0, 1.4});
  return f.finish();
}

}  // namespace jiuzhu::printing
