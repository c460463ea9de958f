// 居民家庭经济状况核对授权书: every counted member (or a guardian for a minor) authorises the
// civil-affairs department to check the household's finances (最低生活保障审核确认办法 Arts. 9,
// 17; 特困人员认定办法 Art. 10). One signature row per counted member; long households paginate
// with the table header repeated.
#include "printing/doc_common.h"
#include "printing/documents.h"
#include "printing/labels.h"

namespace jiuzhu::printing {

Result<Layout> layout_verification_authorization(const PrintData& d, Paper paper,
                                                 std::shared_ptr<const TrueTypeFace> face) {
  const auto& a = d.application;
  auto members = counted_members(a.household);
  if (members.empty())
    return make_error("missing_field", "核对授权书需要至少一名共同生活的家庭成员", "household.members");
  const TypeSizes s = type_sizes(paper);
  Flow f(face, paper, "居民家庭经济状况核对授权书");
  document_header(f, d, "居民家庭经济状况核对授权书", s);
  if (!d.application_no.empty()) f.field("申请编号", d.application_no, s.body);
  f.field("申请人", a.applicant.name + "（身份证号 " + masked_id(a.applicant.id_number) + "）", s.body);
  f.field("申请项目", programs_text(a), s.body);
  f.space(4);
  f.text("本人及共同生活的家庭成员自愿申请社会救助，同意并授权民政部门通过有关部门和机构，"
         "依法核对本家庭成员的户籍、纳税、社会保险、不动产登记、市场主体登记、住房公积金、车船登记，"
         "以及银行存款、商业保险、证券、互联网金融资产等信息，并可核对水、电、燃气、通信等支出情况"
         "（《最低生活保障审核确认办法》第十七条）。",
         {s.body, Align::left, 0, 1.6});
  f.text("核对所得信息仅用于社会救助的审核确认，依法予以保密。本授权自签署之日起至救助终止之日止有效。",
         {s.body, Align::left, 0, 1.6});
  f.text("每位家庭成员本人签名（未成年人或无民事行为能力人由监护人代签并注明）：", {s.body, Align::left, 0, 1.8});
  std::vector<std::vector<std::string>> rows;
  int i = 0;
  for (const auto* m : members)
    rows.push_back({std::to_string(++i), m->name, model::label_zh(m->relation), masked_id(m->id_number), "", ""});
  f.table({"序号", "姓名", "关系", "身份证号", "本人签名", "指印"}, rows, {0.9, 1.8, 2.0, 3.2, 3, 1.4}, s.body,
          mm(14));
  f.signature_line("经办人：", s.body);
  return f.finish();
}

}  // namespace jiuzhu::printing
