// 委托书: the applicant entrusts another person to apply (最低生活保障审核确认办法 Art. 6;
// 特困人员认定办法 Arts. 10, 12). Both sign; the hall keeps the signed copy.
#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {

Result<Layout> layout_proxy_authorization(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  const auto& a = d.application;
  if (!a.proxy) return make_error("missing_field", "委托书需要代办人（proxy）信息", "proxy");
  const auto& p = *a.proxy;
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "委托书");
  document_header(f, d, "委托书", s);
  if (!d.application_no.empty()) f.field("申请编号", d.application_no, s.body);

  f.text("委托人（申请人）", {s.heading, Align::left, 0, 1.6});
  f.field("姓名", a.applicant.name, s.body);
  f.field("身份证号", masked_id(a.applicant.id_number), s.body);
  if (!a.applicant.phone.empty()) f.field("联系电话", a.applicant.phone, s.body);
  if (!a.applicant.address.empty()) f.field("住址", a.applicant.address, s.body);

  f.text("受托人（代办人）", {s.heading, Align::left, 0, 1.6});
  f.field("姓名", p.name, s.body);
  f.field("身份证号", masked_id(p.id_number), s.body);
  f.field("与委托人关系", relation_label(p.relation), s.body);
  if (!p.phone.empty()) f.field("联系电话", p.phone, s.body);

  f.text("委托事项", {s.heading, Align::left, 0, 1.6});
  const bool named = !d.hall.name.empty() && d.hall.name != kNotRegistered;
  std::string where = named ? d.hall.name : "乡镇人民政府（街道办事处）";
  f.text("委托人因本人不便亲自办理，现委托受托人代为向" + where + "申请" + programs_text(a) +
             "，代为填写和提交申请材料、签收告知书和其他文书、查询办理进度。",
         {s.body, Align::left, s.body * 2, 1.6});
  f.text("委托期限：自签署之日起至本次申请办结之日止。", {s.body, Align::left, s.body * 2, 1.6});
  f.text("受托人在委托权限内办理的事项，委托人予以承认。委托人对所提交材料的真实性负责；"
         "家庭经济状况核对授权书须由委托人及共同生活的家庭成员本人签署。",
         {s.body, Align::left, s.body * 2, 1.6});
  f.text("依据：《最低生活保障审核确认办法》第六条。", {s.small, Align::left, s.body * 2, 1.5});
  f.space(10);
  f.boxes({{"委托人签名", mm(80)}, {"委托人指印", mm(30)}}, mm(24), s.small);
  f.boxes({{"受托人签名", mm(80)}, {"受托人指印", mm(30)}}, mm(24), s.small);
  f.signature_line("经办人：", s.body);
  return f.finish();
}

}  // namespace jiuzhu::printing
