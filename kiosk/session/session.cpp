#include "kiosk/session/session.h"

#include <filesystem>

#include "kiosk/text/wipe.h"

namespace jiuzhu::kiosk {

const Person* Session::applicant_person() const {
  if (applicant) return &*applicant;
  if (user) return &*user;
  return nullptr;
}

model::Household Session::to_household() const {
  model::Household h;
  if (rural) h.hukou = *rural ? model::Hukou::rural : model::Hukou::urban;
  for (const auto& m : members) {
    model::Member mm;
    mm.id_number = m.person.id_number;
    mm.name = m.person.name;
    mm.relation = m.relation;
    mm.lives_together = true;
    if (m.monthly_income) mm.monthly_income = *m.monthly_income;
    h.members.push_back(std::move(mm));
  }
  if (deposits) h.assets.deposits = *deposits;
  if (vehicles) h.assets.vehicles = *vehicles;
  if (extra_housing) h.assets.extra_housing = *extra_housing ? 1 : 0;
  // One questionnaire: what the self-check asked is not asked again, and not lost either.
  intake::fill_from_answers(h, check, Date::today_china());
  return h;
}

model::Application Session::to_application(const std::string& township,
                                           const std::string& now) const {
  model::Application a;
  a.client_id = client_id;
  a.township = township;
  a.channel = "kiosk";
  a.programs = programs;
  const Person* ap = applicant_person();
  if (ap) {
    a.applicant.id_number = ap->id_number;
    a.applicant.name = ap->name;
    a.applicant.address = ap->address;
    a.applicant.card_read = ap->card_read;
  }
  a.applicant.phone = phone;
  if (applicant && user) {
    model::Proxy p;
    p.id_number = user->id_number;
    p.name = user->name;
    p.relation = proxy_relation;
    p.card_read = user->card_read;
    for (const auto& d : documents)
      if (d.kind == "proxy_authorization") p.authorization_document = d.sha256;
    a.proxy = p;
  }
  a.household = to_household();
  a.statement = statement;
  for (const auto& d : documents) a.documents.push_back({d.kind, d.sha256, 1});
  bool all = !members.empty();
  for (const auto& m : members) all = all && m.consent;
  a.consent.verification_authorized = all;
  a.consent.truthfulness_promised = all;
  a.consent.signed_at = now;
  a.submitted_at = now;
  return a;
}

void wipe_person(Person& p) {
  wipe_string(p.id_number);
  wipe_string(p.name);
  wipe_string(p.sex);
  wipe_string(p.nation);
  wipe_string(p.birth_date);
  wipe_string(p.address);
  p.card_read = false;
}

void Session::wipe() {
  if (user) wipe_person(*user);
  if (applicant) wipe_person(*applicant);
  for (auto& m : members) wipe_person(m.person);
  if (pending_member) wipe_person(*pending_member);
  for (auto& d : documents) {
    volatile unsigned char* p = d.png.data();
    for (size_t i = 0; i < d.png.size(); ++i) p[i] = 0;
    wipe_string(d.sha256);
  }
  for (std::string* s : {&proxy_relation, &phone, &statement, &client_id, &local_no, &receipt_pdf,
                         &progress_no, &progress_check, &progress_text, &lead_name, &lead_address,
                         &lead_situation, &lead_phone, &lead_relation, &input, &selected_policy})
    wipe_string(*s);
  if (receipt) {
    wipe_string(receipt->application_no);
  }
  if (!temp_dir.empty()) {
    std::error_code ec;
    // Scans in progress are overwritten before removal: a deleted file's blocks would
    // otherwise still hold the page until reused.
    for (auto& e : std::filesystem::recursive_directory_iterator(temp_dir, ec)) {
      if (!e.is_regular_file()) continue;
      auto size = e.file_size(ec);
      if (FILE* f = std::fopen(e.path().c_str(), "r+b")) {
        std::vector<char> zeros(4096, 0);
        for (uintmax_t done = 0; done < size; done += zeros.size())
          std::fwrite(zeros.data(), 1, std::min<uintmax_t>(zeros.size(), size - done), f);
        std::fflush(f);
        std::fclose(f);
      }
    }
    std::filesystem::remove_all(temp_dir, ec);
  }
  std::string keep_temp = temp_dir;
  *this = Session{};
  temp_dir = keep_temp;
}

}  // namespace jiuzhu::kiosk
