// Run discovery: the engine half shared with the CLI, and the server's whole use case
// (services/run_discovery.h).
#include "backend/services/run_discovery.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <vector>

#include "backend/discovery/feed_schema.h"
#include "backend/discovery/roster.h"
#include "backend/queue/cadence.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::services {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr size_t kMaxRowSamples = 20;

// A directory name below the feeds root: no path, no "..", nothing hidden.
bool valid_dir_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return name.find("..") == std::string::npos;
}

// Row error reasons are stable codes, but a feed could carry an ID number into one: any run of
// six or more digits is cut out before it leaves the server.
std::string scrub(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == 'X' || text[j] == 'x')) ++j;
    if (j - i >= 6) {
      out += "***";
      i = j;
    } else if (j > i) {
      out.append(text, i, j - i);
      i = j;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::vector<RowSample> samples_of(const std::vector<discovery::RowError>& list) {
  std::vector<RowSample> out;
  for (const auto& e : list) {
    if (out.size() >= kMaxRowSamples) break;
    out.push_back(RowSample{scrub(e.file), scrub(e.reason), e.column, e.line});
  }
  return out;
}

// Uploaded feeds in a fresh private directory, removed by the destructor.
class UploadDir {
 public:
  explicit UploadDir(const std::string& parent) {
    std::random_device rd;
    path_ = parent + "/upload-" + std::to_string(rd()) + std::to_string(rd());
    std::error_code ec;
    fs::create_directories(path_, ec);
    ok_ = !ec;
    if (ok_) fs::permissions(path_, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  ~UploadDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  UploadDir(const UploadDir&) = delete;
  UploadDir& operator=(const UploadDir&) = delete;
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool ok_ = false;
};

Status write_uploads(const std::map<std::string, std::string>& feeds, const std::string& dir) {
  if (feeds.empty()) return make_error("bad_feeds", "feeds is an object of file name → CSV text", "feeds");
  for (const auto& [file, csv] : feeds) {
    if (!discovery::feed_by_file(file)) return make_error("unknown_feed", "not a feed file of feeds.md: " + file, "feeds." + file);
    std::ofstream out(dir + "/" + file, std::ios::binary);
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!out.good()) return make_error("io_error", "could not store the uploaded feeds");
  }
  return Ok{};
}

// The 低保 standard's citation in a parameters document: "issuer document_number《title》".
std::string dibao_citation(const Json& doc) {
  if (!doc.is_object() || !doc.contains("sources") || !doc["sources"].is_object()) return "";
  const Json& sources = doc["sources"];
  Json s;
  for (const char* key : {"dibao_standard_monthly", "dibao_standard_monthly.rural", "dibao_standard_monthly.urban"}) {
    if (sources.contains(key) && sources[key].is_object() && sources[key].value("verified", false)) {
      s = sources[key];
      break;
    }
  }
  if (!s.is_object()) return "";
  auto text = [&](const char* key) { return s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : ""; };
  std::string out = text("issuer");
  if (!text("document_number").empty()) out += (out.empty() ? "" : " ") + text("document_number");
  if (!text("title").empty()) out += "《" + text("title") + "》";
  return out;
}

// Key-group rosters of a run, with the relation label of each member.
std::vector<RosterRow> roster_rows(const discovery::RunResult& run,
                                   std::map<std::string, std::vector<std::string>, std::less<>>& groups_of) {
  std::vector<RosterRow> rows;
  for (const auto& e : discovery::build_rosters(run)) {
    groups_of[e.household_id].push_back(e.group);
    const discovery::RosterPerson who = discovery::roster_person(run, e);
    RosterRow row;
    row.township = e.township;
    row.category = e.group;
    row.household_id = e.household_id;
    row.id_number = who.id_number;
    row.name = who.name;
    row.age = who.age;
    row.relation = discovery::relation_zh(who.relation);
    row.detail = e.detail;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Json ParamsUsed::to_json() const {
  Json j = {{"source", source}, {"verified", {{"rural", rural_verified}, {"urban", urban_verified}}}};
  if (version > 0) j["version"] = version;
  if (!effective_from.empty()) j["effective_from"] = effective_from;
  if (!citation.empty()) j["citation"] = citation;
  if (source == "shipped" && !rural_verified && !urban_verified) j["note"] = "shipped example, unverified";
  if (!params) j["note"] = "no parameters for the county: suggestions from the rule mapping alone";
  return j;
}

ParamsUsed params_used(const ParamsInForce& in_force) {
  ParamsUsed u;
  u.source = in_force.source;
  u.version = in_force.version;
  u.effective_from = in_force.effective_from;
  u.citation = dibao_citation(in_force.document);
  u.rural_verified = in_force.params.is_verified("dibao_standard_monthly.rural");
  u.urban_verified = in_force.params.is_verified("dibao_standard_monthly.urban");
  u.params = std::make_shared<const policy::CountyParams>(in_force.params);
  return u;
}

ParamsUsed params_used_from_file(std::shared_ptr<const policy::CountyParams> params) {
  ParamsUsed u;
  u.source = "file";
  u.rural_verified = params && params->is_verified("dibao_standard_monthly.rural");
  u.urban_verified = params && params->is_verified("dibao_standard_monthly.urban");
  u.params = std::move(params);
  return u;
}

Result<EngineRun> run_discovery_engine(const EngineInput& in) {
  auto rules = discovery::load_rules(in.rules_path.empty() ? discovery::default_rules_path() : in.rules_path, in.as_of);
  if (!rules) return make_error("rules_unavailable", rules.error().message);
  discovery::RunOptions options{in.feeds_dir, in.county, in.as_of, in.threads, in.prescreen, in.params.params};
  auto run = discovery::run_discovery(options, *rules);
  if (!run) return run.error();
  return EngineRun{std::move(rules).value(), std::move(run).value()};
}

Result<DiscoveryRunOutcome> run_discovery(DiscoveryRunContext& ctx, const DiscoveryRunRequest& req) {
  if (req.feeds_dir.empty() == req.uploaded.empty()) {
    return make_error("missing_field", "give either feeds_dir or feeds", "feeds_dir");
  }
  if (!ctx.calendar.covers(req.as_of)) {
    return make_error("bad_date", "as_of is outside the years of the working-day calendar", "as_of");
  }
  std::optional<UploadDir> upload;
  std::string feeds_dir;
  if (!req.feeds_dir.empty()) {
    if (!valid_dir_name(req.feeds_dir)) {
      return make_error("bad_feeds_dir", "feeds_dir names a directory below the feeds root, not a path", "feeds_dir");
    }
    feeds_dir = ctx.feeds_root + "/" + req.feeds_dir;
    std::error_code ec;
    if (!fs::is_directory(feeds_dir, ec)) {
      return make_error("feeds_dir_not_found", "no such feeds directory below the feeds root", "feeds_dir");
    }
  } else {
    std::error_code ec;
    fs::create_directories(ctx.scratch_dir, ec);
    upload.emplace(ctx.scratch_dir);
    if (!upload->ok()) return make_error("io_error", "could not store the uploaded feeds");
    if (auto st = write_uploads(req.uploaded, upload->path()); !st) return st.error();
    feeds_dir = upload->path();
  }

  // The parameters in force on the run's date: the county's entered version, else the shipped file.
  ParamsUsed params;
  if (req.prescreen) {
    auto in_force = county_params_in_force(ctx.county_params, ctx.catalog, ctx.shipped, "", req.county, req.as_of, true);
    if (in_force) {
      params = params_used(*in_force);
    } else if (in_force.error().code == "db_error" || in_force.error().code == "params_invalid") {
      return in_force.error();
    } else {
      params.source = "none";  // no shipped file and nothing entered: the rule mapping alone
    }
  }

  std::lock_guard lock(ctx.serial);
  EngineInput input{feeds_dir, req.county, req.as_of, 2, req.prescreen && params.params != nullptr, "", params};
  auto engine = run_discovery_engine(input);
  if (!engine) {
    if (engine.error().code == "rules_unavailable") return make_error("internal", "discovery rules unavailable");
    return engine.error();
  }
  const auto& rules = engine->rules;
  const auto& run = engine->run;
  std::set<std::string> rule_ids, group_ids;
  for (const auto& r : rules.rules) rule_ids.insert(r.id);
  for (const auto& g : discovery::roster_groups()) group_ids.insert(g.id);
  auto cadence = queue::load_cadence(queue::default_cadence_path(), rule_ids, group_ids);
  if (!cadence) return make_error("internal", "visit cadence unavailable");

  auto latest = ctx.queue.latest_run(req.county);
  if (!latest) return latest.error();
  auto previous_text = ctx.queue.previous_run(req.county);
  if (!previous_text) return previous_text.error();
  const Json previous = latest->has_value() ? Json::parse(*previous_text, nullptr, false) : Json();
  const Json out = discovery::queue_json(run, rules, latest->has_value() ? &previous : nullptr);

  RunImport imp;
  std::map<std::string, std::vector<std::string>, std::less<>> groups_of;
  imp.rosters = roster_rows(run, groups_of);

  DiscoveryRunOutcome o;
  for (const auto& h : out["households"]) {
    ImportedItem it;
    it.household_id = h["household_id"].get<std::string>();
    it.township = h["township"].get<std::string>();
    it.score = h["score"].get<double>();
    std::vector<std::string> flag_ids;
    for (const auto& f : h["flags"]) {
      flag_ids.push_back(f["rule"].get<std::string>());
      if (it.subject_id.empty() && !f["evidence"].empty()) it.subject_id = f["evidence"][0].value("id_number", "");
    }
    it.flags = flag_ids;
    it.evidence = h["flags"];
    it.suggested_programs = h["suggested_programs"].get<std::vector<std::string>>();
    // The engine writes one of the four names (queue_output); anything else is its bug, not data.
    auto change = queue::parse_change_kind(h.value("change", std::string("new")));
    it.change = change ? *change : queue::ChangeKind::fresh;
    o.fresh += it.change == queue::ChangeKind::fresh;
    o.changed += it.change == queue::ChangeKind::changed;
    auto g = groups_of.find(it.household_id);
    const auto* cat = queue::classify(*cadence, flag_ids, g == groups_of.end() ? std::vector<std::string>{} : g->second);
    if (cat) {
      it.key_category = cat->id;
      it.cadence = queue::to_string(cat->cadence);
    }
    auto due = ctx.calendar.add_working_days(req.as_of, h.value("visit_within_working_days", 10));
    if (!due) return due.error();
    it.visit_due = due->iso();
    imp.items.push_back(std::move(it));
  }
  for (const auto& r : out.value("resolved", Json::array())) imp.resolved.push_back(r["household_id"].get<std::string>());

  o.as_of = req.as_of.iso();
  o.households = run.households;
  o.residents = run.residents;
  o.flagged = run.queue.size();
  o.resolved = imp.resolved.size();
  o.row_errors = run.row_errors.size();
  o.row_warnings = run.row_warnings.size();
  o.row_error_samples = samples_of(run.row_errors);
  o.row_warning_samples = samples_of(run.row_warnings);
  for (const auto& f : discovery::file_reports(run)) {
    if (!f.present && f.errors == 0) continue;
    o.files[f.file] = FileCounts{f.rows, f.errors, f.warnings};
  }
  o.prescreen_used = run.prescreen_used;
  o.params = params;

  Json files = Json::object();
  for (const auto& [file, c] : o.files) files[file] = {{"rows", c.rows}, {"errors", c.errors}, {"warnings", c.warnings}};
  Json summary = {{"households", o.households}, {"residents", o.residents}, {"flagged", o.flagged},
                  {"new", o.fresh}, {"changed", o.changed}, {"resolved", o.resolved},
                  {"row_errors", o.row_errors}, {"row_warnings", o.row_warnings},
                  {"files", files}, {"source", req.feeds_dir.empty() ? "upload" : "feeds_dir"},
                  {"prescreen", o.prescreen_used}};
  if (req.prescreen) summary["params"] = params.to_json();
  imp.county = req.county;
  imp.as_of = o.as_of;
  imp.summary = summary.dump();
  const Principal& by = *req.by;
  imp.created_by = by.actor();
  imp.created_at = now_rfc3339();
  std::string detail = "flagged=" + std::to_string(o.flagged) + " new=" + std::to_string(o.fresh) +
                       " changed=" + std::to_string(o.changed) + " resolved=" + std::to_string(o.resolved);
  if (params.version > 0) detail += " params_version=" + std::to_string(params.version);
  imp.audit = AuditEntry{by.actor(), to_string(by.role), "run", "discovery_run", "", req.county, detail};
  auto stored = ctx.queue.import_run(imp);
  if (!stored) return stored.error();
  o.run_id = stored->run_id;
  return o;
}

}  // namespace jiuzhu::backend::services
