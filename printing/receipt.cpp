// 申请回执: what the resident takes home — proof of receipt, every household member (masked),
// what is truly missing, what must still be signed on paper, each program's own due date, and
// how to check progress. The content is core/intake's ReceiptData, the same the kiosk's finish
// screen shows; this file only lays it out. On the 80 mm roll the page is as long as the
// content; large print (长辈模式) sets the body at 14 pt.
#include "core/intake/receipt.h"
#include "printing/doc_common.h"
#include "printing/documents.h"

namespace jiuzhu::printing {

Result<Layout> layout_receipt(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  if (auto st = require_answer(d); !st) return st.error();
  if (auto st = require_hall(d); !st) return st.error();
  model::Acknowledgement answer{d.application_no, d.status, d.received_at, d.due_date->iso()};
  auto made = intake::make_receipt(d.application, answer, d.calendar ? *d.calendar : WorkingCalendar::builtin());
  if (!made) return made.error();
  const intake::ReceiptData& r = *made;
  const TypeSizes s = type_sizes(paper, d.large_print);
  const TextStyle heading{s.heading, Align::left, 0, 1.4};
  const TextStyle body{s.body, Align::left, 0, 1.4};
  const TextStyle item{s.body, Align::left, s.body, 1.4};
  const TextStyle small{s.small, Align::left, 0, 1.4};
  Flow f(face, paper, "社会救助申请回执");

  document_header(f, d, "社会救助申请回执", s);
  if (r.pending_upload) {
    f.text("【待上传 (pending upload)】", {s.heading, Align::center, 0, 1.5});
    f.text("本机离线时开具，申请编号为本机编号", {s.small, Align::center, 0, 1.4});
    f.rule(0.5, true);
  }
  f.field("申请编号", r.application_no, s.body);
  f.field("受理时间", format_timestamp_zh(r.received_at), s.body);
  f.field("办理状态", r.status_label, s.body);
  std::string programs;
  for (const auto& p : r.programs) programs += (programs.empty() ? "" : "、") + p;
  f.field("申请项目", programs, s.body);
  f.field("申请人", r.applicant.name, s.body);
  f.field("身份证号", r.applicant.id_masked, s.body);
  if (r.proxy) {
    f.field("代办人", r.proxy->name + "（" + r.proxy->role + "）", s.body);
    f.field("代办人身份证号", r.proxy->id_masked, s.body);
  }
  f.rule(0.5, true);

  f.text("家庭成员（" + std::to_string(r.members.size()) + " 人）：", heading);
  for (const auto& m : r.members) f.text(m.role + "  " + m.name + "  " + m.id_masked, item);
  f.rule(0.5, true);

  int pages = 0;
  for (const auto& doc : r.received) pages += doc.pages;
  f.text("已收材料：" + std::to_string(r.received.size()) + " 份，共 " + std::to_string(pages) + " 页", heading);
  int i = 0;
  for (const auto& doc : r.received)
    f.text(std::to_string(++i) + ". " + doc.label + "（" + std::to_string(doc.pages) + "页）", item);
  if (r.received.empty()) f.text("（无）", item);

  f.text("还要补交的材料（一次性告知）：", heading);
  if (r.missing.empty()) {
    f.text("材料已经齐全。", item);
  } else {
    i = 0;
    for (const auto& m : r.missing) f.text(std::to_string(++i) + ". " + m.label + "（" + m.why + "）", item);
    f.text("以上是需要补交的全部材料，请在入户调查时交给工作人员或送到窗口。", small);
  }
  if (!r.to_sign.empty()) {
    f.text("还要到窗口签字：", heading);
    for (const auto& sig : r.to_sign) f.text(sig.label + "：" + sig.who + sig.where + "。", item);
  }
  f.rule(0.5, true);

  f.text("下一步：", heading);
  f.text(r.next_steps, body);
  f.text("最晚办结日期：", heading);
  for (const auto& dl : r.deadlines) {
    std::string line = dl.program_label + "：" + format_date_zh(dl.due) + "前";
    if (dl.working_days > 0) line += "（受理后" + std::to_string(dl.working_days) + "个工作日）";
    if (dl.provisional) line += "（预计，以通知为准）";
    f.text(line, item);
  }
  f.rule(0.5, true);

  f.text("查询办理进度", {s.heading, Align::center, 0, 1.4});
  f.qr(r.application_no, mm(30), r.application_no, s.small);
  f.text(r.progress_lookup, body);
  f.field("咨询电话", d.hall.phone, s.body);
  f.field("地址", d.hall.address, s.body);
  f.rule(0.5);
  f.text("本回执不显示完整身份证号码，请妥善保管。", {s.small, Align::center, 0, 1.4});
  return f.finish();
}

}  // namespace jiuzhu::printing
