// GET /api/v1/registry?category=C&format=json|csv|pdf&township=T&limit=N (caseworker, county_admin):
// the key-group rosters (重点人群信息库, 分类造册) of the caller's area from the county's latest
// discovery run, plus — when C is a program — the approved cases that receive it, as before.
// Lists carry masked ID numbers only; CSV (RFC 4180, with a header) and PDF (printing/roster.h;
// names masked too, because paper leaves the office) hold the roster rows. Every read is audited.
#include "backend/discovery/roster.h"
#include "backend/http/handlers/handlers.h"
#include "core/id_number.h"
#include "core/model/programs.h"
#include "printing/roster.h"

namespace jiuzhu::backend::handlers {

Json case_summary(const ApplicationRecord& r, Date today);  // intake.cpp

namespace {

constexpr size_t kMaxPdfRows = 20000;

const char* group_title(const std::string& id) {
  for (const auto& g : discovery::roster_groups()) {
    if (id == g.id) return g.title_zh;
  }
  return "";
}

void csv_field(std::string& out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string roster_csv(const std::vector<RosterRow>& rows) {
  std::string csv = "category,category_name,township,household_id,id_number,name,age,relation,detail\r\n";
  for (const auto& r : rows) {
    const std::string fields[] = {r.category, group_title(r.category), r.township, r.household_id,
                                  mask_id_number(r.id_number), r.name, std::to_string(r.age), r.relation, r.detail};
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i) csv.push_back(',');
      csv_field(csv, fields[i]);
    }
    csv += "\r\n";
  }
  return csv;
}

Result<std::string> roster_pdf(const std::vector<RosterRow>& rows, const std::string& area, const std::string& category,
                               const std::string& as_of) {
  printing::TableDocument doc;
  doc.title = "重点人群信息库 分类花名册";
  doc.subtitle = {"区域：" + area, "类别：" + (category.empty() ? std::string("全部") : std::string(group_title(category))),
                  "数据日期：" + as_of + "　依据：永民发〔2022〕3号 分类造册"};
  doc.headers = {"类别", "乡镇", "户编号", "身份证号", "姓名", "年龄", "与户主关系", "说明"};
  doc.weights = {1.6, 1.2, 1.6, 2.2, 0.8, 0.6, 1.0, 2.0};
  doc.landscape = true;
  for (const auto& r : rows) {
    doc.rows.push_back({group_title(r.category), r.township, r.household_id, mask_id_number(r.id_number), mask_name(r.name),
                        std::to_string(r.age), r.relation, r.detail});
  }
  if (doc.rows.empty()) doc.rows.push_back({"（无）", "", "", "", "", "", "", ""});
  return printing::render_table_document(doc);
}

}  // namespace

Response registry(Request& req, Services& s) {
  std::string category;
  if (auto it = req.query.find("category"); it != req.query.end()) category = it->second;
  const bool is_program = model::is_program(category);
  const bool is_group = !category.empty() && group_title(category)[0] != '\0';
  if (!category.empty() && !is_program && !is_group) {
    return error_response(400, "bad_parameter", "category must be a program id (dibao, tekun, ...) or a roster group",
                          "category");
  }
  std::string format = "json";
  if (auto it = req.query.find("format"); it != req.query.end()) format = it->second;
  if (format != "json" && format != "csv" && format != "pdf") {
    return error_response(400, "bad_parameter", "format must be json, csv or pdf", "format");
  }
  auto limit = int_param(req, "limit", 200, 1, 1000);
  if (!limit) return error_response(limit.error());
  const Scope scope = req.principal.scope();
  const std::string county = scope.county.empty() ? scope.township.substr(0, 6) : scope.county;
  std::string township = scope.township;
  if (auto it = req.query.find("township"); it != req.query.end() && !it->second.empty()) {
    const std::string& t = it->second;
    const bool inside = scope.township.empty() ? t.size() == 9 && t.rfind(county, 0) == 0 : t == scope.township;
    if (!inside) return error_response(403, "forbidden", "township is outside the caller's area", "township");
    township = t;
  }
  const std::string area = township.empty() ? county : township;

  auto run = s.queue->latest_run(county);
  if (!run) return error_response(run.error());
  const std::string as_of = run->has_value() ? (*run)->as_of : std::string();
  const AuditEntry audit = audit_entry(req, "list", "registry", area, area,
                                       "category=" + (category.empty() ? std::string("all") : category) + " format=" + format);
  // A program that is no roster group (medical, education ...) has approved cases only.
  Result<std::vector<RosterRow>> rows = std::vector<RosterRow>{};
  if (category.empty() || is_group) {
    rows = s.queue->roster(county, township, category, audit);
  } else if (auto st = s.audit.append_audit(audit); !st) {
    return error_response(st.error());
  }
  if (!rows) return error_response(rows.error());

  if (format == "csv") {
    Response r;
    r.status = 200;
    r.content_type = "text/csv; charset=utf-8";
    r.body = roster_csv(*rows);
    r.headers.push_back({"Content-Disposition", "attachment; filename=\"roster_" + area + ".csv\""});
    return r;
  }
  if (format == "pdf") {
    // Paper is per township and group; a whole county's every group is a database export.
    if (rows->size() > kMaxPdfRows) {
      return error_response(400, "too_many_rows", "narrow the printed roster by township or category", "township");
    }
    auto pdf = roster_pdf(*rows, area, category, as_of);
    if (!pdf) return error_response(500, "internal", "the roster could not be laid out");
    Response r;
    r.status = 200;
    r.content_type = "application/pdf";
    r.body = std::move(*pdf);
    return r;
  }

  Json roster = Json::array();
  for (const auto& row : *rows) {
    if (static_cast<int>(roster.size()) >= *limit) break;
    roster.push_back({{"category", row.category}, {"category_name", group_title(row.category)},
                      {"township", row.township}, {"household_id", row.household_id},
                      {"id_number", mask_id_number(row.id_number)}, {"name", mask_name(row.name)},
                      {"age", row.age}, {"relation", row.relation}, {"detail", row.detail}});
  }
  Json items = Json::array();
  if (is_program) {
    IntakeQuery q;
    q.scope = township.empty() ? scope : Scope{township, ""};
    q.status = CaseState::approved;
    q.limit = 1000;
    const Date today = Date::today_china();
    for (;;) {
      auto apps = s.applications.intake(q);
      if (!apps) return error_response(apps.error());
      for (const auto& r : *apps) {
        for (const auto& p : r.programs) {
          if (p == category && static_cast<int>(items.size()) < *limit) items.push_back(case_summary(r, today));
        }
      }
      if (static_cast<int>(apps->size()) < q.limit || static_cast<int>(items.size()) >= *limit) break;
      q.after = std::make_pair(apps->back().priority, apps->back().id);
    }
  }
  Json groups = Json::array();
  for (const auto& g : discovery::roster_groups()) groups.push_back({{"id", g.id}, {"title", g.title_zh}});
  return json_response(200, Json{{"category", category},
                                 {"as_of", run->has_value() ? Json(as_of) : Json(nullptr)},
                                 {"items", items},
                                 {"roster", roster},
                                 {"roster_total", rows->size()},
                                 {"groups", groups}});
}

}  // namespace jiuzhu::backend::handlers
