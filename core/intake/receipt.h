// The receipt's data (申请回执): everything the resident's paper and the kiosk's 提交好了 screen
// show, as one typed value. The kiosk fills it from the application and the backend's answer
// (or its own offline answer, 待上传); the backend's answer is made with the same deadlines
// (core/intake/deadlines.h); printing/ renders it (printing/receipt.cpp) and the kiosk's finish
// screen shows the same fields, so paper and screen say the same words.
//
// Personal data: ID numbers are masked here (450326********123X), on every member; names of
// members other than the applicant and the proxy are masked (张**). Nothing in a ReceiptData
// needs to be hidden further before it is shown or printed.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/intake/deadlines.h"
#include "core/intake/materials.h"
#include "core/model/application.h"
#include "core/result.h"

namespace jiuzhu::intake {

// How to look up progress — the same sentence on the paper and on the kiosk's screens.
inline constexpr const char* kProgressLookup =
    "查进度：用申请人的身份证在自助机上点“查询进度”，扫一下回执上的二维码，或者输入回执上申请编号的数字部分。";

struct ReceiptPerson {
  std::string role;       // 申请人, 代办人, 配偶, 子女 ...
  std::string name;       // applicant and proxy in full; other members masked
  std::string id_masked;  // 450326********123X
};

struct ReceiptDocument {
  std::string label;
  int pages = 1;
};

struct ReceiptDeadline {
  std::string program;        // id
  std::string program_label;  // 最低生活保障
  int working_days = 0;
  Date due;
  bool provisional = false;  // that year's 调休 days are not announced yet: the date may move
};

struct ReceiptData {
  std::string application_no;
  bool pending_upload = false;  // the kiosk's offline receipt: a local number, not yet submitted
  std::string status_label;     // 已受理
  std::string received_at;      // RFC 3339
  std::vector<std::string> programs;  // labels, in the application's order
  ReceiptPerson applicant;
  std::optional<ReceiptPerson> proxy;  // role: the proxy's relation to the applicant (子女)
  std::vector<ReceiptPerson> members;  // every household member, the applicant first
  std::vector<ReceiptDocument> received;
  std::vector<MaterialNeed> missing;          // only what is truly missing
  std::vector<PaperSignature> to_sign;        // signed on paper at the office, not "missing"
  std::vector<ReceiptDeadline> deadlines;     // one per program, earliest first
  std::string next_steps;
  std::string progress_lookup = kProgressLookup;
};

// The kiosk's own answer while the backend has not answered (待上传): the local number, the
// moment the application was saved, and the case's due date counted exactly as the backend
// will count it (application_deadlines from the saved day). Errors: bad_timestamp, and those
// of application_deadlines.
Result<model::Acknowledgement> offline_acknowledgement(const model::Application& app, const std::string& local_no,
                                                       const std::string& saved_at,
                                                       const WorkingCalendar& calendar = WorkingCalendar::builtin(),
                                                       const TimeLimits& limits = TimeLimits::builtin());

// Fills the receipt. `answer` is the backend's acknowledgement or the kiosk's offline one.
// The deadlines are computed from the answer's received day (China time) with the one function
// (application_deadlines); when the calendar or catalog cannot give them, the answer's
// due_date stands alone for every program. Errors: bad_timestamp (received_at), bad_date.
Result<ReceiptData> make_receipt(const model::Application& app, const model::Acknowledgement& answer,
                                 const WorkingCalendar& calendar = WorkingCalendar::builtin(),
                                 const TimeLimits& limits = TimeLimits::builtin());

}  // namespace jiuzhu::intake
