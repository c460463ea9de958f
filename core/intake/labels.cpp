#include "core/intake/labels.h"

#include <map>

#include "core/model/programs.h"

namespace jiuzhu::intake {
namespace {

std::string lookup(const std::map<std::string_view, std::string_view>& m, std::string_view key) {
  auto it = m.find(key);
  return std::string(it == m.end() ? key : it->second);
}

}  // namespace

std::string_view relation_word(std::string_view relation) {
  static const std::map<std::string_view, std::string_view> m = {
      {"head", "户主"},
      {"self", "本人"},
      {"spouse", "配偶"},
      {"child", "子女"},
      {"parent", "父母"},
      {"grandparent", "祖父母、外祖父母"},
      {"grandchild", "孙子女、外孙子女"},
      {"sibling", "兄弟姐妹"},
      {"other_relative", "其他亲属"},
      {"village_cadre", "村（居）委会干部"},
      {"child_in_law", "儿媳/女婿"},
      {"other", "其他"},
  };
  auto it = m.find(relation);
  return it == m.end() ? std::string_view() : it->second;
}

std::string relation_label(std::string_view relation) {
  const std::string_view word = relation_word(relation);
  return std::string(word.empty() ? relation : word);
}

std::string relation_label(model::Relation relation) { return relation_label(model::to_string(relation)); }

std::string document_label(std::string_view kind) {
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
  return lookup(m, kind);
}

std::string status_label(std::string_view status) {
  static const std::map<std::string_view, std::string_view> m = {
      {"received", "已受理"},          {"pending_upload", "待上传"},
      {"investigating", "调查核实中"}, {"under_review", "审核中"},
      {"public_notice", "公示中"},     {"approved", "已批准"},
      {"rejected", "未批准"},          {"withdrawn", "已撤回"},
      {"referred", "已转介"},
  };
  return lookup(m, status);
}

std::string program_label(std::string_view program) {
  auto name = model::program_name_zh(program);
  return std::string(name.empty() ? program : name);
}

}  // namespace jiuzhu::intake
