// 社会救助申请书: the application pre-filled from the kiosk's data, for the applicant to check,
// sign and press a fingerprint on (最低生活保障审核确认办法 Art. 4: the application is in writing).
#include <cstdio>

#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {
namespace {

std::string money(const model::Known<double>& v) {
  if (!v) return "未填";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

std::string employment_zh(const model::Known<model::Employment>& e) {
  if (!e) return "未填";
  switch (*e) {
    case model::Employment::employed: return "就业";
    case model::Employment::unemployed: return "登记失业";
    case model::Employment::retired: return "退休";
    case model::Employment::none: return "无";
  }
  return "";
}

std::string yes_no(const model::Known<bool>& b) { return !b ? "未填" : (*b ? "是" : "否"); }

}  // namespace

Result<Layout> layout_application_form(const PrintData& d, Paper paper, std::shared_ptr<const TrueTypeFace> face) {
  const auto& a = d.application;
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "社会救助申请书");
  document_header(f, d, "社会救助申请书", s);
  if (!d.application_no.empty()) f.field("申请编号", d.application_no, s.body);
  f.field("申请项目", programs_text(a), s.body);

  f.text("一、申请人", {s.heading, Align::left, 0, 1.6});
  f.table({"姓名", "身份证号", "联系电话", "住址"},
          {{a.applicant.name, masked_id(a.applicant.id_number), a.applicant.phone.empty() ? "未填" : a.applicant.phone,
            a.applicant.address.empty() ? "未填" : a.applicant.address}},
          {2, 3.2, 2.4, 5}, s.body);
  if (a.proxy) {
    f.text("代办人", {s.heading, Align::left, 0, 1.6});
    f.table({"姓名", "与申请人关系", "身份证号", "联系电话"},
            {{a.proxy->name, relation_label(a.proxy->relation), masked_id(a.proxy->id_number),
              a.proxy->phone.empty() ? "未填" : a.proxy->phone}},
            {2, 2.4, 3.2, 2.4}, s.body);
  }

  f.text("二、家庭成员", {s.heading, Align::left, 0, 1.6});
  std::vector<std::vector<std::string>> rows;
  int i = 0;
  for (const auto& m : a.household.members) {
    rows.push_back({std::to_string(++i), m.name, model::label_zh(m.relation), masked_id(m.id_number),
                    yes_no(m.lives_together), money(m.monthly_income), employment_zh(m.employment)});
  }
  f.table({"序号", "姓名", "关系", "身份证号", "共同生活", "月收入（元）", "就业"}, rows, {0.9, 1.8, 2.0, 3.2, 1.5, 1.9, 1.4},
          s.body);

  f.text("三、家庭财产", {s.heading, Align::left, 0, 1.6});
  const auto& as = a.household.assets;
  f.table({"存款、有价证券等（元）", "机动车（辆）", "其他住房（套）"},
          {{money(as.deposits), as.vehicles ? std::to_string(*as.vehicles) : "未填",
            as.extra_housing ? std::to_string(*as.extra_housing) : "未填"}},
          {3, 2, 2}, s.body);

  f.text("四、申请理由", {s.heading, Align::left, 0, 1.6});
  f.text(a.statement.empty() ? "（未填写）" : a.statement, {s.body, Align::left, s.body, 1.5});

  f.text("五、承诺", {s.heading, Align::left, 0, 1.6});
  f.text("本人承诺以上所填内容及所交材料真实、完整，同意并配合调查核实。如有虚报、隐瞒、伪造，"
         "愿意承担相应法律责任（《社会救助暂行办法》第六十八条）。",
         {s.body, Align::left, s.body, 1.5});
  f.space(6);
  f.boxes({{"申请人签名", mm(80)}, {"指印", mm(30)}}, mm(26), s.small);
  f.signature_line("受理人：", s.body);
  return f.finish();
}

}  // namespace jiuzhu::printing
