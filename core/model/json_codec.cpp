// Decoding the JSON contracts (json_codec.h) strictly into the model; encoding back is
// json_encoder.cpp.
#include "core/model/json_codec.h"

#include <array>
#include <utility>

#include "core/id_number.h"
#include "core/regions.h"
#include "core/model/channel.h"
#include "core/model/json_decoder.h"
#include "core/model/programs.h"

namespace jiuzhu::model {
namespace {

using detail::Decoder;
using detail::ObjectReader;

template <typename E, size_t N>
std::optional<E> enum_from(const std::array<std::pair<const char*, E>, N>& table, const std::string& s) {
  for (const auto& [name, value] : table) {
    if (s == name) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<const char*, Hukou>, 2> kHukou = {{{"urban", Hukou::urban}, {"rural", Hukou::rural}}};
constexpr std::array<std::pair<const char*, Relation>, 8> kRelation = {{
    {"self", Relation::self}, {"spouse", Relation::spouse}, {"child", Relation::child},
    {"parent", Relation::parent}, {"grandparent", Relation::grandparent},
    {"grandchild", Relation::grandchild}, {"sibling", Relation::sibling}, {"other", Relation::other}}};
constexpr std::array<std::pair<const char*, DisabilityKind>, 7> kDisability = {{
    {"physical", DisabilityKind::physical}, {"visual", DisabilityKind::visual},
    {"hearing", DisabilityKind::hearing}, {"speech", DisabilityKind::speech},
    {"intellectual", DisabilityKind::intellectual}, {"mental", DisabilityKind::mental},
    {"multiple", DisabilityKind::multiple}}};
constexpr std::array<std::pair<const char*, Employment>, 4> kEmployment = {{
    {"employed", Employment::employed}, {"unemployed", Employment::unemployed},
    {"retired", Employment::retired}, {"none", Employment::none}}};
constexpr std::array<std::pair<const char*, StudentLevel>, 7> kStudent = {{
    {"primary", StudentLevel::primary}, {"junior", StudentLevel::junior}, {"senior", StudentLevel::senior},
    {"vocational", StudentLevel::vocational}, {"college", StudentLevel::college},
    {"bachelor", StudentLevel::bachelor}, {"postgraduate", StudentLevel::postgraduate}}};
constexpr std::array<std::pair<const char*, EmergencyKind>, 5> kEmergency = {{
    {"accident", EmergencyKind::accident}, {"sudden_illness", EmergencyKind::sudden_illness},
    {"disaster", EmergencyKind::disaster}, {"fire", EmergencyKind::fire}, {"other", EmergencyKind::other}}};

template <typename E, size_t N>
std::optional<E> read_enum(Decoder& d, ObjectReader& r, const char* key, bool required,
                           const std::array<std::pair<const char*, E>, N>& table) {
  auto s = r.string(key, required);
  if (!s) return std::nullopt;
  auto v = enum_from(table, *s);
  if (!v) d.fail("bad_enum", r.field(key) + " has an unknown value", r.field(key));
  return v;
}

std::optional<IdNumber> read_id(Decoder& d, ObjectReader& r, const char* key, bool required,
                                std::optional<Date> today) {
  auto s = r.string(key, required, 18);
  if (!s) return std::nullopt;
  auto id = IdNumber::parse(*s, nullptr, today);
  if (!id) {
    d.fail("invalid_id_number", id.error().message, r.field(key));
    return std::nullopt;
  }
  return id.value();
}

bool is_digits(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_hex(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

// RFC 3339 with an offset: YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM).
bool is_timestamp(const std::string& s) {
  if (s.size() < 20 || !Date::parse_iso(std::string_view(s).substr(0, 10)) || (s[10] != 'T' && s[10] != ' ')) return false;
  auto two = [&](size_t i, int max) {
    return i + 1 < s.size() && isdigit(static_cast<unsigned char>(s[i])) &&
           isdigit(static_cast<unsigned char>(s[i + 1])) && (s[i] - '0') * 10 + (s[i + 1] - '0') <= max;
  };
  if (!two(11, 23) || s[13] != ':' || !two(14, 59) || s[16] != ':' || !two(17, 60)) return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i == s.size() - 1 && (s[i] == 'Z' || s[i] == 'z')) return true;
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && two(i + 1, 23) && s[i + 3] == ':' && two(i + 4, 59);
}

// Township codes are 9 digits whose first 6 are a known county.
void check_township(Decoder& d, ObjectReader& r, const std::optional<std::string>& t) {
  if (!t) return;
  if (!is_digits(*t, 9) || !RegionTable::builtin().contains(std::string_view(*t).substr(0, 6))) {
    d.fail("bad_township", r.field("township") + " must be a 9-digit township code of a known county",
           r.field("township"));
  }
}

Member decode_member(Decoder& d, const Json& j, const std::string& path, std::optional<Date> today) {
  Member m;
  if (!d.expect_object(j, path)) return m;
  ObjectReader r(d, j, path);
  if (auto id = read_id(d, r, "id_number", true, today)) m.id_number = id->str();
  m.name = r.string("name", false, 50).value_or("");
  if (auto rel = read_enum(d, r, "relation", true, kRelation)) m.relation = *rel;
  m.lives_together = r.boolean("lives_together", false);
  m.monthly_income = r.money("monthly_income", false);
  m.pension_monthly = r.money("pension_monthly", false);
  if (r.present_null("disability")) {
    m.disability = std::optional<Disability>{};
    r.value("disability", false);
  } else if (const Json* dis = r.value("disability", false)) {
    const std::string p = r.field("disability");
    if (d.expect_object(*dis, p)) {
      ObjectReader dr(d, *dis, p);
      Disability value;
      if (auto k = read_enum(d, dr, "kind", true, kDisability)) value.kind = *k;
      if (auto g = dr.integer("grade", true, 1, 4)) value.grade = static_cast<int>(*g);
      dr.finish();
      m.disability = std::optional<Disability>{value};
    }
  }
  m.serious_illness = r.boolean("serious_illness", false);
  m.employment = read_enum(d, r, "employment", false, kEmployment);
  if (r.present_null("student")) {
    m.student = std::optional<Student>{};
    r.value("student", false);
  } else if (const Json* st = r.value("student", false)) {
    const std::string p = r.field("student");
    if (d.expect_object(*st, p)) {
      ObjectReader sr(d, *st, p);
      Student value;
      if (auto l = read_enum(d, sr, "level", true, kStudent)) value.level = *l;
      sr.finish();
      m.student = std::optional<Student>{value};
    }
  }
  m.in_prison = r.boolean("in_prison", false);
  r.finish();
  return m;
}

Household decode_household_in(Decoder& d, const Json& j, const std::string& path, std::optional<Date> today) {
  Household h;
  if (!d.expect_object(j, path)) return h;
  ObjectReader r(d, j, path);
  h.hukou = read_enum(d, r, "hukou", false, kHukou);
  if (const Json* members = r.value("members", true)) {
    const std::string p = r.field("members");
    if (d.expect_array(*members, p)) {
      if (members->empty()) d.fail("missing_field", p + " must list at least one member", p);
      if (members->size() > 30) d.fail("out_of_range", p + " lists more than 30 members", p);
      for (size_t i = 0; i < members->size() && d.ok(); ++i) {
        h.members.push_back(decode_member(d, (*members)[i], p + "[" + std::to_string(i) + "]", today));
      }
    }
  }
  if (const Json* a = r.value("assets", false)) {
    const std::string p = r.field("assets");
    if (d.expect_object(*a, p)) {
      ObjectReader ar(d, *a, p);
      h.assets.deposits = ar.money("deposits", false);
      if (auto v = ar.integer("vehicles", false, 0, 100)) h.assets.vehicles = static_cast<int>(*v);
      if (auto v = ar.integer("extra_housing", false, 0, 100)) h.assets.extra_housing = static_cast<int>(*v);
      ar.finish();
    }
  }
  if (const Json* e = r.value("rigid_expenses_12m", false)) {
    const std::string p = r.field("rigid_expenses_12m");
    if (d.expect_object(*e, p)) {
      ObjectReader er(d, *e, p);
      h.rigid_expenses_12m.medical_out_of_pocket = er.money("medical_out_of_pocket", false);
      h.rigid_expenses_12m.education = er.money("education", false);
      h.rigid_expenses_12m.rehabilitation = er.money("rehabilitation", false);
      er.finish();
    }
  }
  if (r.present_null("emergency")) {
    h.emergency = std::optional<Emergency>{};
    r.value("emergency", false);
  } else if (const Json* e = r.value("emergency", false)) {
    const std::string p = r.field("emergency");
    if (d.expect_object(*e, p)) {
      ObjectReader er(d, *e, p);
      Emergency em;
      if (auto k = read_enum(d, er, "kind", true, kEmergency)) em.kind = *k;
      if (auto s = er.string("date", true, 10)) {
        if (auto date = Date::parse_iso(*s)) {
          em.date = *date;
        } else {
          d.fail("bad_date", er.field("date") + " must be a date YYYY-MM-DD", er.field("date"));
        }
      }
      em.loss = er.money("loss", false);
      er.finish();
      h.emergency = std::optional<Emergency>{em};
    }
  }
  h.has_able_supporter = r.boolean("has_able_supporter", false);
  h.housing_hardship = r.boolean("housing_hardship", false);
  if (const Json* rec = r.value("receiving", false)) {
    const std::string p = r.field("receiving");
    if (d.expect_array(*rec, p)) {
      for (size_t i = 0; i < rec->size(); ++i) {
        const Json& v = (*rec)[i];
        const std::string pi = p + "[" + std::to_string(i) + "]";
        if (!v.is_string() || !is_program(v.get<std::string>())) {
          d.fail("bad_enum", pi + " is not a known program id", pi);
          break;
        }
        h.receiving.push_back(v.get<std::string>());
      }
    }
  }
  r.finish();
  return h;
}

}  // namespace

Result<Json> parse_json(std::string_view text, int max_depth, size_t max_bytes) {
  if (text.size() > max_bytes) return make_error("body_too_large", "the body is larger than allowed");
  // nlohmann's lexer takes a NUL byte for the end of input, so "{...}\0garbage" would parse. A
  // NUL is never valid JSON (inside a string it must be escaped), so refuse it outright.
  if (text.find('\0') != std::string_view::npos) return make_error("malformed_json", "the body is not valid JSON");
  // Measure nesting before building anything, so a hostile body costs O(n) and no allocation.
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return make_error("too_deep", "the JSON is nested too deeply");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error("malformed_json", "the body is not valid JSON");
  return j;
}

Result<Household> decode_household(const Json& j, std::optional<Date> today) {
  Decoder d;
  Household h = decode_household_in(d, j, "", today);
  if (!d.ok()) return d.error();
  return h;
}

Result<Application> decode_application(const Json& j, std::optional<Date> today) {
  Decoder d;
  Application a;
  if (!d.expect_object(j, "")) return d.error();
  ObjectReader r(d, j, "");
  if (auto s = r.string("client_id", true, 36)) {
    if (!is_uuid(*s)) d.fail("bad_client_id", "client_id must be a UUID", "client_id");
    a.client_id = *s;
  }
  auto township = r.string("township", true, 9);
  check_township(d, r, township);
  a.township = township.value_or("");
  if (auto s = r.string("channel", true, 20)) {
    if (!parse_channel(*s)) {  // the four names of channel.h
      d.fail("bad_enum", "channel must be kiosk, hall, online or visit", "channel");
    }
    a.channel = *s;
  }
  if (const Json* p = r.value("programs", true)) {
    if (d.expect_array(*p, "programs")) {
      if (p->empty()) d.fail("missing_field", "programs must name at least one program", "programs");
      for (size_t i = 0; i < p->size(); ++i) {
        const std::string pi = "programs[" + std::to_string(i) + "]";
        if (!(*p)[i].is_string() || !is_program((*p)[i].get<std::string>())) {
          d.fail("bad_enum", pi + " is not a known program id", pi);
          break;
        }
        a.programs.push_back((*p)[i].get<std::string>());
      }
    }
  }
  if (const Json* ap = r.value("applicant", true)) {
    if (d.expect_object(*ap, "applicant")) {
      ObjectReader ar(d, *ap, "applicant");
      if (auto id = read_id(d, ar, "id_number", true, today)) a.applicant.id_number = id->str();
      a.applicant.name = ar.string("name", true, 50).value_or("");
      if (d.ok() && a.applicant.name.empty()) d.fail("missing_field", "applicant.name is required", "applicant.name");
      a.applicant.phone = ar.string("phone", false, 20).value_or("");
      a.applicant.address = ar.string("address", false, 200).value_or("");
      a.applicant.card_read = ar.boolean("card_read", false).value_or(false);
      ar.finish();
    }
  }
  if (const Json* px = r.value("proxy", false)) {
    if (d.expect_object(*px, "proxy")) {
      ObjectReader pr(d, *px, "proxy");
      Proxy proxy;
      if (auto id = read_id(d, pr, "id_number", true, today)) proxy.id_number = id->str();
      proxy.name = pr.string("name", true, 50).value_or("");
      proxy.phone = pr.string("phone", false, 20).value_or("");
      proxy.relation = pr.string("relation", true, 30).value_or("");
      proxy.card_read = pr.boolean("card_read", false).value_or(false);
      if (auto s = pr.string("authorization_document", true, 64)) {
        if (!is_hex(*s, 64)) {
          d.fail("bad_sha256", "proxy.authorization_document must be a lowercase SHA-256 hex digest",
                 "proxy.authorization_document");
        }
        proxy.authorization_document = *s;
      }
      pr.finish();
      a.proxy = proxy;
    }
  }
  if (const Json* h = r.value("household", true)) a.household = decode_household_in(d, *h, "household", today);
  a.statement = r.string("statement", false, 2000).value_or("");
  if (const Json* docs = r.value("documents", false)) {
    if (d.expect_array(*docs, "documents")) {
      if (docs->size() > 50) d.fail("out_of_range", "documents lists more than 50 documents", "documents");
      for (size_t i = 0; i < docs->size() && d.ok(); ++i) {
        const std::string p = "documents[" + std::to_string(i) + "]";
        if (!d.expect_object((*docs)[i], p)) break;
        ObjectReader dr(d, (*docs)[i], p);
        DocumentRef doc;
        doc.kind = dr.string("kind", true, 40).value_or("");
        if (auto s = dr.string("sha256", true, 64)) {
          if (!is_hex(*s, 64)) d.fail("bad_sha256", p + ".sha256 must be a lowercase SHA-256 hex digest", p + ".sha256");
          doc.sha256 = *s;
        }
        doc.pages = static_cast<int>(dr.integer("pages", false, 1, 200).value_or(1));
        dr.finish();
        a.documents.push_back(doc);
      }
    }
  }
  if (const Json* c = r.value("consent", true)) {
    if (d.expect_object(*c, "consent")) {
      ObjectReader cr(d, *c, "consent");
      a.consent.verification_authorized = cr.boolean("verification_authorized", true).value_or(false);
      a.consent.truthfulness_promised = cr.boolean("truthfulness_promised", true).value_or(false);
      if (auto s = cr.string("signed_at", false, 40)) {
        if (!is_timestamp(*s)) d.fail("bad_timestamp", "consent.signed_at must be RFC 3339", "consent.signed_at");
        a.consent.signed_at = *s;
      }
      cr.finish();
    }
  }
  if (auto s = r.string("submitted_at", false, 40)) {
    if (!is_timestamp(*s)) d.fail("bad_timestamp", "submitted_at must be RFC 3339 with an offset", "submitted_at");
    a.submitted_at = *s;
  }
  r.finish();
  if (!d.ok()) return d.error();
  return a;
}

Result<Lead> decode_lead(const Json& j, std::optional<Date> today) {
  Decoder d;
  Lead lead;
  if (!d.expect_object(j, "")) return d.error();
  ObjectReader r(d, j, "");
  if (auto s = r.string("source", true, 20)) {
    if (*s != "kiosk" && *s != "hotline" && *s != "informant" && *s != "visit" && *s != "social_org") {
      d.fail("bad_enum", "source must be kiosk, hotline, informant, visit or social_org", "source");
    }
    lead.source = *s;
  }
  auto township = r.string("township", true, 9);
  check_township(d, r, township);
  lead.township = township.value_or("");
  if (const Json* s = r.value("subject", true)) {
    if (d.expect_object(*s, "subject")) {
      ObjectReader sr(d, *s, "subject");
      if (auto id = read_id(d, sr, "id_number", false, today)) lead.subject.id_number = id->str();
      lead.subject.name = sr.string("name", false, 50).value_or("");
      lead.subject.address = sr.string("address", false, 200).value_or("");
      lead.subject.phone = sr.string("phone", false, 20).value_or("");
      sr.finish();
      if (d.ok() && lead.subject.id_number.empty() && lead.subject.name.empty() && lead.subject.address.empty()) {
        d.fail("missing_field", "subject must name someone or somewhere to visit", "subject");
      }
    }
  }
  if (const Json* rep = r.value("reporter", false)) {
    if (d.expect_object(*rep, "reporter")) {
      ObjectReader rr(d, *rep, "reporter");
      lead.reporter.name = rr.string("name", false, 50).value_or("");
      lead.reporter.phone = rr.string("phone", false, 20).value_or("");
      if (auto rel = rr.string("relation", false, 20)) {
        if (*rel != "self" && *rel != "family" && *rel != "neighbour" && *rel != "village_cadre" && *rel != "other") {
          d.fail("bad_enum", "reporter.relation has an unknown value", "reporter.relation");
        }
        lead.reporter.relation = *rel;
      }
      rr.finish();
    }
  }
  lead.situation = r.string("situation", true, 2000).value_or("");
  lead.urgent = r.boolean("urgent", false).value_or(false);
  r.finish();
  if (!d.ok()) return d.error();
  return lead;
}

Result<Acknowledgement> decode_acknowledgement(const Json& j) {
  Decoder d;
  Acknowledgement a;
  if (!d.expect_object(j, "")) return d.error();
  ObjectReader r(d, j, "");
  a.application_no = r.string("application_no", true, 40).value_or("");
  a.status = r.string("status", true, 30).value_or("");
  a.received_at = r.string("received_at", true, 40).value_or("");
  a.due_date = r.string("due_date", false, 10).value_or("");
  r.finish();
  if (!d.ok()) return d.error();
  return a;
}

bool valid_uuid(const std::string& s) { return is_uuid(s); }
bool valid_timestamp(const std::string& s) { return is_timestamp(s); }

}  // namespace jiuzhu::model
