// Encoding the model into the JSON contracts (json_codec.h), and the stored form of an
// application. Decoding is json_codec.cpp.
#include "core/model/json_codec.h"

namespace jiuzhu::model {

namespace {

template <typename T>
void put(Json& j, const char* key, const Known<T>& v) {
  if (v) j[key] = *v;
}

Json encode_member(const Member& m) {
  Json j;
  j["id_number"] = m.id_number;
  j["name"] = m.name;
  j["relation"] = to_string(m.relation);
  put(j, "lives_together", m.lives_together);
  put(j, "monthly_income", m.monthly_income);
  put(j, "pension_monthly", m.pension_monthly);
  if (m.disability) {
    j["disability"] = *m.disability ? Json{{"kind", to_string((*m.disability)->kind)}, {"grade", (*m.disability)->grade}}
                                    : Json(nullptr);
  }
  put(j, "serious_illness", m.serious_illness);
  if (m.employment) j["employment"] = to_string(*m.employment);
  if (m.student) j["student"] = *m.student ? Json{{"level", to_string((*m.student)->level)}} : Json(nullptr);
  put(j, "in_prison", m.in_prison);
  return j;
}

}  // namespace

Json encode(const Household& h) {
  Json j = Json::object();
  if (h.hukou) j["hukou"] = to_string(*h.hukou);
  j["members"] = Json::array();
  for (const auto& m : h.members) j["members"].push_back(encode_member(m));
  Json assets = Json::object();
  put(assets, "deposits", h.assets.deposits);
  put(assets, "vehicles", h.assets.vehicles);
  put(assets, "extra_housing", h.assets.extra_housing);
  j["assets"] = assets;
  Json rigid = Json::object();
  put(rigid, "medical_out_of_pocket", h.rigid_expenses_12m.medical_out_of_pocket);
  put(rigid, "education", h.rigid_expenses_12m.education);
  put(rigid, "rehabilitation", h.rigid_expenses_12m.rehabilitation);
  j["rigid_expenses_12m"] = rigid;
  if (h.emergency) {
    if (*h.emergency) {
      const Emergency& e = **h.emergency;
      Json em = {{"kind", to_string(e.kind)}, {"date", e.date.iso()}};
      put(em, "loss", e.loss);
      j["emergency"] = em;
    } else {
      j["emergency"] = nullptr;
    }
  }
  put(j, "has_able_supporter", h.has_able_supporter);
  put(j, "housing_hardship", h.housing_hardship);
  j["receiving"] = h.receiving;
  return j;
}

Json encode(const Application& a) {
  Json j;
  j["client_id"] = a.client_id;
  j["township"] = a.township;
  j["channel"] = a.channel;
  j["programs"] = a.programs;
  j["applicant"] = {{"id_number", a.applicant.id_number}, {"name", a.applicant.name},
                    {"phone", a.applicant.phone},         {"address", a.applicant.address},
                    {"card_read", a.applicant.card_read}};
  if (a.proxy) {
    j["proxy"] = {{"id_number", a.proxy->id_number}, {"name", a.proxy->name},
                  {"phone", a.proxy->phone},         {"relation", a.proxy->relation},
                  {"card_read", a.proxy->card_read}, {"authorization_document", a.proxy->authorization_document}};
  } else {
    j["proxy"] = nullptr;
  }
  j["household"] = encode(a.household);
  j["statement"] = a.statement;
  j["documents"] = Json::array();
  for (const auto& d : a.documents) j["documents"].push_back({{"kind", d.kind}, {"sha256", d.sha256}, {"pages", d.pages}});
  j["consent"] = {{"verification_authorized", a.consent.verification_authorized},
                  {"truthfulness_promised", a.consent.truthfulness_promised}};
  if (!a.consent.signed_at.empty()) j["consent"]["signed_at"] = a.consent.signed_at;
  if (!a.submitted_at.empty()) j["submitted_at"] = a.submitted_at;
  return j;
}

namespace {

void put_canonical_id(Json& object, const std::string& canonical) {
  if (!object.is_object()) return;
  auto it = object.find("id_number");
  if (it != object.end() && it->is_string() && it->get_ref<const std::string&>() != canonical) *it = canonical;
}

Json* member_of(Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace

std::string stored_form(Json& document, const Application& decoded) {
  if (Json* applicant = member_of(document, "applicant")) put_canonical_id(*applicant, decoded.applicant.id_number);
  if (Json* proxy = member_of(document, "proxy"); proxy && decoded.proxy) put_canonical_id(*proxy, decoded.proxy->id_number);
  if (Json* household = member_of(document, "household"); household && household->is_object()) {
    if (Json* members = member_of(*household, "members"); members && members->is_array()) {
      for (size_t i = 0; i < members->size() && i < decoded.household.members.size(); ++i) {
        put_canonical_id((*members)[i], decoded.household.members[i].id_number);
      }
    }
  }
  return document.dump();
}

Json encode(const Lead& l) {
  Json subject = Json::object();
  if (!l.subject.id_number.empty()) subject["id_number"] = l.subject.id_number;
  if (!l.subject.name.empty()) subject["name"] = l.subject.name;
  if (!l.subject.address.empty()) subject["address"] = l.subject.address;
  if (!l.subject.phone.empty()) subject["phone"] = l.subject.phone;
  Json reporter = Json::object();
  if (!l.reporter.name.empty()) reporter["name"] = l.reporter.name;
  if (!l.reporter.phone.empty()) reporter["phone"] = l.reporter.phone;
  if (!l.reporter.relation.empty()) reporter["relation"] = l.reporter.relation;
  return {{"source", l.source},   {"township", l.township},   {"subject", subject},
          {"reporter", reporter}, {"situation", l.situation}, {"urgent", l.urgent}};
}

Json encode(const Acknowledgement& a) {
  Json j = {{"application_no", a.application_no}, {"status", a.status}, {"received_at", a.received_at}};
  if (!a.due_date.empty()) j["due_date"] = a.due_date;
  return j;
}

}  // namespace jiuzhu::model
