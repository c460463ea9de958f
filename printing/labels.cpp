#include "printing/labels.h"

#include <algorithm>
#include <map>

#include "core/model/programs.h"

namespace jiuzhu::printing {
namespace {

const std::map<std::string_view, std::string_view>& document_labels() {
  static const std::map<std::string_view, std::string_view> m = {
      {"id_card", "申请人居民身份证"},
      {"hukou_booklet", "户口簿"},
      {"application_form", "社会救助申请书"},
      {"verification_authorization", "家庭经济状况核对授权书"},
      {"truthfulness_promise", "如实申报承诺书"},
      {"proxy_authorization", "委托书"},
      {"proxy_id_card", "受托人居民身份证"},
      {"disability_certificate", "残疾人证"},
      {"medical_diagnosis", "重特大疾病诊断证明"},
      {"medical_bills", "医疗费用票据及结算单"},
      {"student_certificate", "在学证明"},
      {"unemployment_registration", "失业登记证明"},
      {"housing_proof", "住房困难情况说明"},
      {"emergency_proof", "急难情况说明或证明"},
      {"expense_receipts", "刚性支出凭证（医疗、教育、康复）"},
      {"income_statement", "家庭收入情况说明"},
      {"marriage_certificate", "结婚证"},
      {"residence_permit", "居住证"},
      {"photo", "照片"},
      {"other", "其他材料"},
  };
  return m;
}

void add(std::vector<MaterialNeed>& out, std::string kind, std::string why) {
  for (auto& m : out) {
    if (m.kind == kind) {
      if (m.why.find(why) == std::string::npos) m.why += "、" + why;
      return;
    }
  }
  std::string label = document_label(kind);
  out.push_back({std::move(kind), std::move(label), std::move(why)});
}

bool has(const model::Application& a, std::string_view program) {
  return std::find(a.programs.begin(), a.programs.end(), program) != a.programs.end();
}

}  // namespace

std::string document_label(std::string_view kind) {
  auto& m = document_labels();
  auto it = m.find(kind);
  return std::string(it == m.end() ? kind : it->second);
}

std::string status_label(std::string_view status) {
  static const std::map<std::string_view, std::string_view> m = {
      {"received", "已受理"},          {"pending_upload", "待上传 (pending upload)"},
      {"investigating", "调查核实中"}, {"under_review", "审核中"},
      {"public_notice", "公示中"},     {"approved", "已批准"},
      {"rejected", "未批准"},          {"withdrawn", "已撤回"},
      {"referred", "已转介"},
  };
  auto it = m.find(status);
  return std::string(it == m.end() ? status : it->second);
}

std::string relation_label(std::string_view relation) {
  static const std::map<std::string_view, std::string_view> m = {
      {"self", "本人"},         {"spouse", "配偶"},         {"child", "子女"},
      {"parent", "父母"},       {"grandparent", "祖父母"},  {"grandchild", "孙子女"},
      {"sibling", "兄弟姐妹"},  {"other_relative", "其他亲属"}, {"village_cadre", "村（居）委会干部"},
      {"other", "其他"},
  };
  auto it = m.find(relation);
  return std::string(it == m.end() ? relation : it->second);
}

std::string program_label(std::string_view program) {
  auto name = model::program_name_zh(program);
  return std::string(name.empty() ? program : name);
}

std::vector<MaterialNeed> required_materials(const model::Application& a) {
  std::vector<MaterialNeed> out;
  // Every program: identity, hukou, the signed authorisation to check finances and the
  // promise of truthfulness (低保 Art. 9; 特困 Art. 10).
  add(out, "id_card", "所有申请");
  add(out, "hukou_booklet", "所有申请");
  add(out, "verification_authorization", "所有申请");
  add(out, "truthfulness_promise", "所有申请");
  if (a.proxy) {
    add(out, "proxy_authorization", "委托他人代办");
    add(out, "proxy_id_card", "委托他人代办");
  }
  bool disabled = false, student = false;
  for (const auto& m : a.household.members) {
    if (m.disability && *m.disability) disabled = true;
    if (m.student && *m.student) student = true;
  }
  if (disabled && (has(a, "dibao") || has(a, "tekun") || has(a, "dibao_separate") || has(a, "dibao_edge")))
    add(out, "disability_certificate", "家庭成员有残疾");
  if (has(a, "dibao_separate")) add(out, "medical_diagnosis", "低保单独施保");
  if (has(a, "medical")) add(out, "medical_bills", "医疗救助");
  if (has(a, "education") || (student && has(a, "education"))) add(out, "student_certificate", "教育救助");
  if (has(a, "employment")) add(out, "unemployment_registration", "就业救助");
  if (has(a, "housing")) add(out, "housing_proof", "住房救助");
  if (has(a, "temporary_emergency")) add(out, "emergency_proof", "临时救助（急难型）");
  if (has(a, "temporary_expense")) add(out, "expense_receipts", "临时救助（支出型）");
  if (has(a, "rigid_expense")) add(out, "expense_receipts", "刚性支出困难家庭");
  return out;
}

std::vector<MaterialNeed> missing_materials(const model::Application& a) {
  std::vector<MaterialNeed> out;
  for (auto& need : required_materials(a)) {
    bool got = std::any_of(a.documents.begin(), a.documents.end(), [&](const model::DocumentRef& d) {
      return d.kind == need.kind;
    });
    // The applicant's promise of truthfulness signed on the kiosk's screen stands for the paper
    // one. The verification authorisation does not: every counted member signs it on paper.
    if (need.kind == "truthfulness_promise" && a.consent.truthfulness_promised) got = true;
    if (!got) out.push_back(std::move(need));
  }
  return out;
}

int statutory_working_days(const model::Application& a) {
  // eligibility.md: 低保 30 (45 extended), 特困 township 15 + county 15, 刚性支出 30,
  // 临时救助 15 by local practice.
  int days = 0;
  for (const auto& p : a.programs) {
    int d = 0;
    if (p == "dibao" || p == "dibao_separate" || p == "dibao_edge" || p == "rigid_expense" || p == "tekun") d = 30;
    else if (p == "temporary_emergency" || p == "temporary_expense") d = 15;
    days = std::max(days, d);
  }
  return days;
}

}  // namespace jiuzhu::printing
