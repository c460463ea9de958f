#include "core/intake/receipt.h"

#include <algorithm>

#include "core/id_number.h"
#include "core/intake/labels.h"
#include "core/timestamp.h"

namespace jiuzhu::intake {
namespace {

bool has_any(const model::Application& a, std::initializer_list<std::string_view> programs) {
  return std::any_of(a.programs.begin(), a.programs.end(), [&](const std::string& p) {
    return std::find(programs.begin(), programs.end(), p) != programs.end();
  });
}

std::string next_steps(const model::Application& a, const std::string& status) {
  if (status == "pending_upload")
    return "本机暂时没联网，申请已经完整保存在本机，联网后自动交上去，不用再来申请一次。"
           "交上去以后可以凭本回执的编号查进度；3个工作日后还查不到，请带本回执到窗口。";
  if (status != "received") return "现在的办理状态：" + status_label(status) + "。";
  std::string s;
  if (has_any(a, {"dibao", "dibao_separate", "dibao_edge", "tekun", "rigid_expense", "temporary_expense"}))
    s += "乡镇人民政府（街道办事处）自受理之日起3个工作日内开始调查核实，由2名以上工作人员上门，"
         "请保持电话畅通（《最低生活保障审核确认办法》第十五、十六条）。";
  if (has_any(a, {"temporary_emergency"})) s += "情况紧急的，可以先行救助，手续事后补齐。";
  if (s.empty()) s = "工作人员会审核材料并和您联系。";
  return s;
}

}  // namespace

Result<model::Acknowledgement> offline_acknowledgement(const model::Application& app, const std::string& local_no,
                                                       const std::string& saved_at, const WorkingCalendar& calendar,
                                                       const TimeLimits& limits) {
  const auto day = china_date_of(saved_at);
  if (!day) return make_error("bad_timestamp", "saved_at 必须是 RFC 3339 时间", "received_at");
  auto deadlines = application_deadlines(app, *day, calendar, limits);
  if (!deadlines) return deadlines.error();
  return model::Acknowledgement{local_no, "pending_upload", saved_at, deadlines->case_due.iso()};
}

Result<ReceiptData> make_receipt(const model::Application& app, const model::Acknowledgement& answer,
                                 const WorkingCalendar& calendar, const TimeLimits& limits) {
  ReceiptData r;
  const auto received_day = china_date_of(answer.received_at);
  if (!received_day) return make_error("bad_timestamp", "received_at 必须是 RFC 3339 时间", "received_at");
  const auto answer_due = Date::parse_iso(answer.due_date);
  if (!answer_due) return make_error("bad_date", "due_date 必须是 YYYY-MM-DD 日期", "due_date");

  r.application_no = answer.application_no;
  r.pending_upload = answer.status == "pending_upload";
  r.status_label = status_label(answer.status);
  r.received_at = answer.received_at;
  for (const auto& p : app.programs) r.programs.push_back(program_label(p));

  r.applicant = {"申请人", app.applicant.name, mask_id_number(app.applicant.id_number)};
  if (app.proxy)
    r.proxy = ReceiptPerson{relation_label(app.proxy->relation), app.proxy->name,
                            mask_id_number(app.proxy->id_number)};
  for (const auto& m : app.household.members) {
    const bool is_applicant = m.id_number == app.applicant.id_number;
    r.members.push_back({is_applicant ? "申请人" : relation_label(m.relation),
                         is_applicant ? app.applicant.name : mask_name(m.name), mask_id_number(m.id_number)});
  }
  std::stable_partition(r.members.begin(), r.members.end(), [](const ReceiptPerson& p) { return p.role == "申请人"; });

  for (const auto& d : app.documents) r.received.push_back({document_label(d.kind), d.pages});
  r.missing = missing_materials(app);
  r.to_sign = signatures_on_paper(app, *received_day);

  if (auto dl = application_deadlines(app, *received_day, calendar, limits)) {
    for (const auto& p : dl->programs)
      r.deadlines.push_back({p.program, program_label(p.program), p.working_days, p.due,
                             calendar.provisional(p.due.year())});
  } else {
    // The calendar or catalog cannot count (a year past the holiday data): the answer's date
    // is the only one known, and it is the office's.
    for (const auto& p : app.programs)
      r.deadlines.push_back({p, program_label(p), 0, *answer_due, calendar.provisional(answer_due->year())});
  }
  r.next_steps = next_steps(app, answer.status);
  return r;
}

}  // namespace jiuzhu::intake
