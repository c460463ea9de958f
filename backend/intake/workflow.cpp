#include "backend/intake/workflow.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace jiuzhu::backend {
namespace {

constexpr EnumNames<CaseState, 8> kNames = {{
    {CaseState::received, "received"},
    {CaseState::investigating, "investigating"},
    {CaseState::under_review, "under_review"},
    {CaseState::public_notice, "public_notice"},
    {CaseState::approved, "approved"},
    {CaseState::rejected, "rejected"},
    {CaseState::withdrawn, "withdrawn"},
    {CaseState::referred, "referred"},
}};

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

const char* to_string(CaseState s) { return name_in(kNames, s, "received"); }

void to_json(nlohmann::json& j, CaseState s) { j = to_string(s); }

void from_json(const nlohmann::json& j, CaseState& s) {
  if (j.is_string()) {
    if (auto parsed = parse_case_state(j.get_ref<const std::string&>())) {
      s = *parsed;
      return;
    }
  }
  throw nlohmann::json::type_error::create(302, "a case state must be its workflow name", &j);
}

Result<CaseState> parse_case_state(std::string_view name) {
  if (auto state = value_in(kNames, name)) return *state;
  return make_error("unknown_state", "未知的办理状态", "to");
}

bool is_final(CaseState s) {
  return s == CaseState::approved || s == CaseState::rejected || s == CaseState::withdrawn;
}

std::vector<CaseState> allowed_transitions(CaseState from, bool urgent) {
  using S = CaseState;
  std::vector<S> out;
  switch (from) {
    case S::received: out = {S::investigating, S::referred}; break;
    case S::investigating: out = {S::under_review, S::referred}; break;
    case S::under_review: out = {S::public_notice, S::investigating}; break;
    case S::public_notice: out = {S::approved, S::under_review}; break;
    case S::referred: out = {S::investigating}; break;
    case S::approved:
    case S::rejected:
    case S::withdrawn: return out;
  }
  if (urgent && (from == S::received || from == S::investigating)) out.push_back(S::approved);
  out.push_back(S::rejected);
  out.push_back(S::withdrawn);
  return out;
}

Status check_transition(CaseState from, CaseState to, bool urgent, std::string_view note) {
  const auto allowed = allowed_transitions(from, urgent);
  if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
    return make_error("illegal_transition",
                      std::string("cannot move a case from ") + to_string(from) + " to " + to_string(to), "to");
  }
  if (to == CaseState::rejected && blank(note)) {
    return make_error("reason_required", "a rejection needs a written reason (note)", "note");
  }
  return Ok{};
}

const char* status_text_zh(CaseState s) {
  switch (s) {
    case CaseState::received: return "已受理，等待入户调查";
    case CaseState::investigating: return "正在入户调查和核对家庭经济状况";
    case CaseState::under_review: return "正在审核";
    case CaseState::public_notice: return "审核意见正在公示";
    case CaseState::approved: return "已批准";
    case CaseState::rejected: return "未批准";
    case CaseState::withdrawn: return "申请已撤回";
    case CaseState::referred: return "已转交相关部门协同办理";
  }
  return "";
}

const char* next_step_zh(CaseState s) {
  switch (s) {
    case CaseState::received: return "工作人员会联系您，安排入户调查，请保持电话畅通。";
    case CaseState::investigating: return "请配合工作人员调查，如需补充材料会一次性告知您。";
    case CaseState::under_review: return "请耐心等待审核结果，无需再次提交材料。";
    case CaseState::public_notice: return "公示期满无异议后将作出决定。";
    case CaseState::approved: return "救助金从批准后的次月起发放，请留意通知。";
    case CaseState::rejected: return "书面通知会说明理由；如有异议，可向乡镇（街道）或县民政局反映。";
    case CaseState::withdrawn: return "如仍需帮助，可以随时重新申请。";
    case CaseState::referred: return "相关部门会联系您办理专项救助。";
  }
  return "";
}

}  // namespace jiuzhu::backend
