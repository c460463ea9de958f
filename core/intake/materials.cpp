#include "core/intake/materials.h"

#include <algorithm>

#include "core/id_number.h"
#include "core/intake/labels.h"

namespace jiuzhu::intake {
namespace {

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

bool received(const model::Application& a, const MaterialNeed& need) {
  if (std::any_of(a.documents.begin(), a.documents.end(),
                  [&](const model::DocumentRef& d) { return d.kind == need.kind; }))
    return true;
  if (need.kind == "id_card") return a.applicant.card_read;
  if (need.kind == "proxy_id_card") return a.proxy && a.proxy->card_read;
  if (need.kind == "truthfulness_promise") return a.consent.truthfulness_promised;
  if (need.kind == "proxy_authorization") return a.proxy && !a.proxy->authorization_document.empty();
  return false;
}

}  // namespace

std::vector<MaterialNeed> required_materials(const model::Application& a) {
  std::vector<MaterialNeed> out;
  // Every program: identity, hukou and the promise of truthfulness (低保 Art. 9; 特困 Art. 10).
  add(out, "id_card", "所有申请");
  add(out, "hukou_booklet", "所有申请");
  add(out, "truthfulness_promise", "所有申请");
  if (a.proxy) {
    add(out, "proxy_authorization", "委托他人代办");
    add(out, "proxy_id_card", "委托他人代办");
  }
  bool disabled = false;
  for (const auto& m : a.household.members)
    if (m.disability && *m.disability) disabled = true;
  if (disabled && (has(a, "dibao") || has(a, "tekun") || has(a, "dibao_separate") || has(a, "dibao_edge")))
    add(out, "disability_certificate", "家庭成员有残疾");
  if (has(a, "dibao_separate")) add(out, "medical_diagnosis", "低保单独施保");
  if (has(a, "medical")) add(out, "medical_bills", "医疗救助");
  if (has(a, "education")) add(out, "student_certificate", "教育救助");
  if (has(a, "employment")) add(out, "unemployment_registration", "就业救助");
  if (has(a, "housing")) add(out, "housing_proof", "住房救助");
  if (has(a, "temporary_emergency")) add(out, "emergency_proof", "临时救助（急难型）");
  if (has(a, "temporary_expense")) add(out, "expense_receipts", "临时救助（支出型）");
  if (has(a, "rigid_expense")) add(out, "expense_receipts", "刚性支出困难家庭");
  return out;
}

std::vector<MaterialNeed> missing_materials(const model::Application& a) {
  std::vector<MaterialNeed> out;
  for (auto& need : required_materials(a))
    if (!received(a, need)) out.push_back(std::move(need));
  return out;
}

bool signs_authorization(const model::Member& m) {
  if (m.lives_together && !*m.lives_together) return false;
  if (m.in_prison && *m.in_prison) return false;
  return true;
}

std::vector<PaperSignature> signatures_on_paper(const model::Application& a, Date on) {
  // A signed paper already scanned at the kiosk needs no second signature.
  if (std::any_of(a.documents.begin(), a.documents.end(),
                  [](const model::DocumentRef& d) { return d.kind == "verification_authorization"; }))
    return {};
  int adults = 0;
  for (const auto& m : a.household.members) {
    if (!signs_authorization(m)) continue;
    auto id = IdNumber::parse(m.id_number, nullptr, on);
    // A member whose age cannot be told is counted: the office decides.
    if (!id) {
      ++adults;
      continue;
    }
    const Date b = id->birth_date();
    int age = on.year() - b.year();
    if (on.month() < b.month() || (on.month() == b.month() && on.day() < b.day())) --age;
    if (age >= 18) ++adults;
  }
  if (adults == 0) adults = 1;  // the applicant at least
  return {{"verification_authorization", document_label("verification_authorization"),
           "每位成年家庭成员（共" + std::to_string(adults) + "人）", "到乡镇（街道）社会救助窗口在纸上签字"}};
}

}  // namespace jiuzhu::intake
