// Session: everything the kiosk knows about the resident in front of it, and its wipe.
//
// One session runs from the card (or typed number) to 完成, a timeout or 退出. It holds the
// card data, the application being built, scans and the questionnaire answers. wipe()
// overwrites every string's bytes before releasing them, zeroes scan buffers and deletes the
// session's temp directory, so the next resident cannot see — and a memory dump does not
// hold — the previous one's data. Submitted applications live on only in the encrypted outbox.
//
// Thread-safety: UI thread only. Workers receive copies of what they need.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/intake/answers.h"
#include "core/model/application.h"

namespace jiuzhu::kiosk {

// A person as read from a card or typed in.
struct Person {
  std::string id_number;  // validated 18 characters
  std::string name;       // empty when typed and not yet given
  std::string sex;        // "male"/"female"
  std::string nation;
  std::string birth_date; // YYYY-MM-DD
  std::string address;
  bool card_read = false;
};

struct MemberEntry {
  Person person;
  model::Relation relation = model::Relation::other;
  std::optional<double> monthly_income;  // yuan/month; nullopt = not given yet
  bool consent = false;                  // 同意核查 for this member
};

struct ScannedDoc {
  std::string kind;                 // "hukou_booklet", "proxy_authorization", ...
  std::vector<unsigned char> png;   // encoded page
  std::string sha256;
};

// Answers of the 看看我能申请什么 questionnaire: each may be 不知道 (unset).
using CheckAnswers = intake::SelfCheckAnswers;

struct Session {
  std::optional<Person> user;             // who placed the card (the proxy in 代人申请)
  std::optional<Person> applicant;        // set for 代人申请
  std::string proxy_relation;             // contract word ("child", ...)
  std::string phone;
  std::vector<std::string> programs;      // chosen program ids
  std::vector<MemberEntry> members;       // [0] is the applicant
  std::optional<bool> rural;
  std::optional<double> deposits;
  std::optional<int> vehicles;
  std::optional<bool> extra_housing;
  std::string statement;
  std::vector<ScannedDoc> documents;
  CheckAnswers check;
  int check_index = 0;
  std::string selected_policy;            // program id on the detail screen
  std::string why_open;                   // check result: the program whose 为什么 is open
  std::string client_id;                  // made once when the application is submitted
  std::optional<model::Acknowledgement> receipt;  // what the receipt shows
  std::string local_no;                   // the offline receipt's local number
  std::string receipt_pdf;                // path of the printed receipt (sim printer)
  // Progress query.
  std::string progress_no, progress_check;
  std::string progress_text;              // status text shown
  // Lead.
  std::string lead_name, lead_address, lead_situation, lead_phone;
  std::string lead_relation;              // self|family|neighbour|village_cadre|other
  std::optional<bool> lead_urgent;
  // Adding a household member.
  std::optional<Person> pending_member;
  std::optional<model::Relation> pending_relation;
  // Sub-steps of multi-question screens.
  int income_index = 0;
  int assets_index = 0;
  bool check_answered_assets = false;     // the self-check answered some assets questions: skip them
  std::string scanning_kind;              // document being scanned now, or empty
  // Free-text and numeric input buffer shared by the keypad and handwriting board.
  std::string input;
  std::string temp_dir;                   // scans in progress; deleted by wipe()

  // The applicant: the typed/read applicant for 代人申请, else the user.
  const Person* applicant_person() const;
  bool is_proxy() const { return applicant.has_value(); }

  // Builds the contract Application from the session. `now_rfc3339` stamps consent and
  // submission. Requires members non-empty.
  model::Application to_application(const std::string& township, const std::string& now_rfc3339) const;
  // The household part only (also used for the eligibility check).
  model::Household to_household() const;

  void wipe();
};

void wipe_person(Person& p);

}  // namespace jiuzhu::kiosk
