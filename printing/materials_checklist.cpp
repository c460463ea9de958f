// 申请材料清单: every material the application's programs call for, what has been received and
// what is still missing, in one list (一次性告知, 最低生活保障审核确认办法 Art. 10).
#include <algorithm>

#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {

Result<Layout> layout_materials_checklist(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  const auto& a = d.application;
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "申请材料清单");
  document_header(f, d, "申请材料清单（一次性告知）", s);
  if (!d.application_no.empty()) f.field("申请编号", d.application_no, s.body);
  f.field("申请人", a.applicant.name + "（身份证号 " + masked_id(a.applicant.id_number) + "）", s.body);
  f.field("申请项目", programs_text(a), s.body);
  f.space(4);

  auto required = required_materials(a);
  auto missing = missing_materials(a);
  std::vector<std::vector<std::string>> rows;
  int i = 0;
  for (const auto& need : required) {
    int pages = 0, count = 0;
    for (const auto& doc : a.documents)
      if (doc.kind == need.kind) pages += doc.pages, ++count;
    bool is_missing = std::any_of(missing.begin(), missing.end(), [&](const MaterialNeed& m) { return m.kind == need.kind; });
    const bool card = need.kind == "id_card" || need.kind == "proxy_id_card";
    std::string state = is_missing   ? "尚缺"
                        : count > 0  ? "已收 " + std::to_string(pages) + " 页"
                        : card       ? "已在自助机读卡"
                                     : "已在自助机签署";
    rows.push_back({std::to_string(++i), need.label, need.why, state});
  }
  for (const auto& doc : a.documents) {  // received papers no program asked for
    if (std::none_of(required.begin(), required.end(), [&](const MaterialNeed& n) { return n.kind == doc.kind; }))
      rows.push_back({std::to_string(++i), document_label(doc.kind), "补充材料", "已收 " + std::to_string(doc.pages) + " 页"});
  }
  const Date on = d.received_at.empty() ? Date::today_china() : Date::parse_iso(d.received_at.substr(0, 10)).value_or(Date::today_china());
  for (const auto& sig : signatures_on_paper(a, on))
    rows.push_back({std::to_string(++i), sig.label, sig.who, "到窗口签字"});
  f.table({"序号", "材料", "用于", "状态"}, rows, {0.9, 4, 3.6, 1.8}, s.body);

  if (missing.empty()) {
    f.text("所需材料已经齐全。", {s.body, Align::left, 0, 1.6});
  } else {
    f.text("以上标为“尚缺”的 " + std::to_string(missing.size()) +
               " 项是需要补交的全部材料，不会再要求其他材料。请在入户调查时交给工作人员，或送到窗口。",
           {s.body, Align::left, 0, 1.6});
  }
  f.text("户籍、社保、不动产、车辆、存款等可由政府部门共享查询的信息，由工作人员核对，不需要您开具证明"
         "（《最低生活保障审核确认办法》第十条）。",
         {s.small, Align::left, 0, 1.5});
  if (!d.hall.phone.empty()) f.field("咨询电话", d.hall.phone, s.body);
  return f.finish();
}

}  // namespace jiuzhu::printing
