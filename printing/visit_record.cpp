// 入户调查记录: the sheet two caseworkers take on a home visit (最低生活保障审核确认办法
// Arts. 15–16: investigation within 3 working days, at least 2 investigators), pre-filled with
// the household as declared and blank space for what they find.
#include <cstdio>

#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {

Result<Layout> layout_visit_record(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  const auto& a = d.application;
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "入户调查记录");
  document_header(f, d, "入户调查记录", s);
  if (!d.application_no.empty()) f.field("申请编号", d.application_no, s.body);
  f.field("申请项目", programs_text(a), s.body);
  f.field("申请人", a.applicant.name + "（身份证号 " + masked_id(a.applicant.id_number) + "）", s.body);
  if (!a.applicant.phone.empty()) f.field("联系电话", a.applicant.phone, s.body);
  f.field("住址", a.applicant.address.empty() ? "未填" : a.applicant.address, s.body);
  if (d.due_date) f.field("办结时限", format_date_zh(*d.due_date) + "前", s.body);
  f.signature_line("调查时间和地点：", s.body, false);

  f.text("一、家庭成员（申报情况与核查情况）", {s.heading, Align::left, 0, 1.6});
  std::vector<std::vector<std::string>> rows;
  int i = 0;
  for (const auto& m : a.household.members) {
    std::string income = "未填";
    if (m.monthly_income) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", *m.monthly_income);
      income = buf;
    }
    std::string together = !m.lives_together ? "未填" : *m.lives_together ? "是" : "否";
    rows.push_back({std::to_string(++i), m.name, model::label_zh(m.relation), masked_id(m.id_number), together, income, ""});
  }
  f.table({"序号", "姓名", "关系", "身份证号", "共同生活", "申报月收入", "核查情况"}, rows,
          {0.9, 1.7, 1.8, 3.3, 1.6, 1.9, 2.6}, s.body, mm(10));

  f.text("二、核查情况", {s.heading, Align::left, 0, 1.6});
  for (const char* topic : {"住房状况（面积、结构、产权）", "家庭财产与生活状况（家电、车辆、存款线索）",
                            "收入与就业情况", "健康与照护需要", "其他需要说明的情况"}) {
    f.boxes({{topic, f.content_width()}}, mm(19), s.small);
  }
  f.text("三、调查意见：□ 情况属实   □ 与申报不符（见上）   □ 需进一步核实", {s.body, Align::left, 0, 1.8});
  f.space(4);
  f.signature_line("调查人员签名（1）：", s.body);
  f.signature_line("调查人员签名（2）：", s.body);
  f.boxes({{"被调查人签名", mm(80)}, {"指印", mm(30)}}, mm(22), s.small);
  return f.finish();
}

}  // namespace jiuzhu::printing
