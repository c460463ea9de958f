// POST /api/v1/discovery/runs (county_admin, own county): runs the discovery engine
// (discovery/engine.h) over a feeds directory below the configured feeds root, or over feeds
// uploaded inline, compares with the county's previous run kept in the database (the engine's
// incremental mode), and stores the result: queue items upserted per household, resolved ones
// marked and kept, the key-group rosters replaced (store/queue_store.h).
//
//   {"feeds_dir": "NAME", "as_of": "YYYY-MM-DD"?}  or  {"feeds": {"population.csv": "csv text", ...}, "as_of"?}
//   → 201 {run_id, as_of, households, flagged, new, changed, resolved, row_errors, row_error_samples,
//          row_warnings, row_warning_samples, files: {file: {rows, errors, warnings}}}
//
// Runs are serialised (Services::discovery_runs): each compares with the one before it.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "backend/discovery/engine.h"
#include "backend/discovery/feed_schema.h"
#include "backend/discovery/roster.h"
#include "backend/http/handlers/handlers.h"
#include "backend/queue/cadence.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxRowErrorSamples = 20;

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

// Writes uploaded feeds into a fresh private directory, removed by the destructor.
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

Status write_uploads(const Json& feeds, const std::string& dir) {
  if (!feeds.is_object() || feeds.empty()) {
    return make_error("bad_feeds", "feeds is an object of file name → CSV text", "feeds");
  }
  for (const auto& [file, text] : feeds.items()) {
    if (!discovery::feed_by_file(file)) return make_error("unknown_feed", "not a feed file of feeds.md: " + file, "feeds." + file);
    if (!text.is_string()) return make_error("wrong_type", "a feed is CSV text", "feeds." + file);
    std::ofstream out(dir + "/" + file, std::ios::binary);
    const auto& csv = text.get_ref<const std::string&>();
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!out.good()) return make_error("io_error", "could not store the uploaded feeds");
  }
  return Ok{};
}

}  // namespace

Response discovery_run(Request& req, Services& s) {
  auto j = model::parse_json(req.body, 8, kMaxUploadedFeedBytes);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"feeds_dir", "feeds", "as_of"}); !st) return error_response(st.error());
  const bool by_dir = j->contains("feeds_dir");
  if (by_dir == j->contains("feeds")) {
    return error_response(400, "missing_field", "give either feeds_dir or feeds", "feeds_dir");
  }
  Date as_of = Date::today_china();
  if (auto a = string_field(*j, "as_of", false, 10); !a) {
    return error_response(a.error());
  } else if (!a->empty()) {
    auto d = Date::parse_iso(*a);
    if (!d) return error_response(400, "bad_date", "as_of must be YYYY-MM-DD", "as_of");
    as_of = *d;
  }
  if (!s.calendar().covers(as_of)) {
    return error_response(400, "bad_date", "as_of is outside the years of the working-day calendar", "as_of");
  }
  const std::string county = req.principal.county;
  std::optional<UploadDir> upload;
  std::string feeds_dir;
  if (by_dir) {
    auto name = string_field(*j, "feeds_dir", true, 100);
    if (!name) return error_response(name.error());
    if (!valid_dir_name(*name)) {
      return error_response(400, "bad_feeds_dir", "feeds_dir names a directory below the feeds root, not a path", "feeds_dir");
    }
    feeds_dir = s.config.feeds_root_dir() + "/" + *name;
    std::error_code ec;
    if (!fs::is_directory(feeds_dir, ec)) {
      return error_response(400, "feeds_dir_not_found", "no such feeds directory below the feeds root", "feeds_dir");
    }
  } else {
    std::error_code ec;
    fs::create_directories(s.config.data_dir + "/tmp", ec);
    upload.emplace(s.config.data_dir + "/tmp");
    if (!upload->ok()) return error_response(500, "io_error", "could not store the uploaded feeds");
    if (auto st = write_uploads((*j)["feeds"], upload->path()); !st) return error_response(st.error());
    feeds_dir = upload->path();
  }

  std::lock_guard lock(s.discovery_runs);
  auto rules = discovery::load_rules(discovery::default_rules_path(), as_of);
  if (!rules) return error_response(500, "internal", "discovery rules unavailable");
  std::set<std::string> rule_ids, group_ids;
  for (const auto& r : rules->rules) rule_ids.insert(r.id);
  for (const auto& g : discovery::roster_groups()) group_ids.insert(g.id);
  auto cadence = queue::load_cadence(queue::default_cadence_path(), rule_ids, group_ids);
  if (!cadence) return error_response(500, "internal", "visit cadence unavailable");

  auto run = discovery::run_discovery(discovery::RunOptions{feeds_dir, county, as_of, 2, false, {}}, *rules);
  if (!run) return error_response(run.error());
  auto latest = s.queue->latest_run(county);
  if (!latest) return error_response(latest.error());
  auto previous_text = s.queue->previous_run(county);
  if (!previous_text) return error_response(previous_text.error());
  const Json previous = Json::parse(*previous_text);
  const Json out = discovery::queue_json(*run, *rules, latest->has_value() ? &previous : nullptr);

  const auto entries = discovery::build_rosters(*run);
  std::map<std::string, std::vector<std::string>, std::less<>> groups_of;
  const auto& d = run->data;
  const auto& pop = d.table(discovery::Feed::population);
  RunImport imp;
  for (const auto& e : entries) {
    groups_of[e.household_id].push_back(e.group);
    const size_t p = static_cast<size_t>(e.person);
    const auto rel = pop.cols[discovery::pop::relation].ints[p];
    RosterRow row;
    row.township = e.township;
    row.category = e.group;
    row.household_id = e.household_id;
    row.id_number = discovery::id_string(pop.ids[p]);
    row.name = std::string(pop.cols[discovery::pop::name].text(p));
    row.age = d.age(e.person);
    row.relation = discovery::relation_zh(rel);
    row.detail = e.detail;
    imp.rosters.push_back(std::move(row));
  }

  size_t fresh = 0, changed = 0;
  for (const auto& h : out["households"]) {
    ImportedItem it;
    it.household_id = h["household_id"].get<std::string>();
    it.township = h["township"].get<std::string>();
    it.score = h["score"].get<double>();
    Json rule_ids_json = Json::array();
    std::vector<std::string> flag_ids;
    for (const auto& f : h["flags"]) {
      rule_ids_json.push_back(f["rule"]);
      flag_ids.push_back(f["rule"].get<std::string>());
      if (it.subject_id.empty() && !f["evidence"].empty()) it.subject_id = f["evidence"][0].value("id_number", "");
    }
    it.flags = rule_ids_json.dump();
    it.evidence = h["flags"].dump();
    it.suggested_programs = h["suggested_programs"].dump();
    it.change = h.value("change", std::string("new"));
    fresh += it.change == "new";
    changed += it.change == "changed";
    auto g = groups_of.find(it.household_id);
    const auto* cat = queue::classify(*cadence, flag_ids, g == groups_of.end() ? std::vector<std::string>{} : g->second);
    if (cat) {
      it.key_category = cat->id;
      it.cadence = queue::to_string(cat->cadence);
    }
    auto due = s.calendar().add_working_days(as_of, h.value("visit_within_working_days", 10));
    if (!due) return error_response(due.error());
    it.visit_due = due->iso();
    imp.items.push_back(std::move(it));
  }
  for (const auto& r : out.value("resolved", Json::array())) imp.resolved.push_back(r["household_id"].get<std::string>());

  auto samples_of = [&](const std::vector<discovery::RowError>& list) {
    Json samples = Json::array();
    for (const auto& e : list) {
      if (samples.size() >= kMaxRowErrorSamples) break;
      Json one = {{"file", scrub(e.file)}, {"line", e.line}, {"reason", scrub(e.reason)}};
      if (!e.column.empty()) one["column"] = e.column;
      samples.push_back(std::move(one));
    }
    return samples;
  };
  const Json samples = samples_of(run->row_errors);
  // discovery: per feed file, rows kept, dropped (errors) and warnings — in the run history too.
  Json files = Json::object();
  for (const auto& f : discovery::file_reports(*run)) {
    if (!f.present && f.errors == 0) continue;
    files[f.file] = {{"rows", f.rows}, {"errors", f.errors}, {"warnings", f.warnings}};
  }
  Json summary = {{"households", run->households}, {"residents", run->residents}, {"flagged", run->queue.size()},
                  {"new", fresh}, {"changed", changed}, {"resolved", imp.resolved.size()},
                  {"row_errors", run->row_errors.size()}, {"row_warnings", run->row_warnings.size()},
                  {"files", files}, {"source", by_dir ? "feeds_dir" : "upload"}};
  imp.county = county;
  imp.as_of = as_of.iso();
  imp.summary = summary.dump();
  imp.created_by = req.principal.actor();
  imp.created_at = now_rfc3339();
  imp.audit = audit_entry(req, "run", "discovery_run", "", county,
                          "flagged=" + std::to_string(run->queue.size()) + " new=" + std::to_string(fresh) +
                              " changed=" + std::to_string(changed) + " resolved=" + std::to_string(imp.resolved.size()));
  auto stored = s.queue->import_run(imp);
  if (!stored) return error_response(stored.error());
  return json_response(201, Json{{"run_id", stored->run_id},
                                 {"as_of", imp.as_of},
                                 {"households", run->households},
                                 {"flagged", run->queue.size()},
                                 {"new", fresh},
                                 {"changed", changed},
                                 {"resolved", imp.resolved.size()},
                                 {"row_errors", run->row_errors.size()},
                                 {"row_error_samples", samples},
                                 {"row_warnings", run->row_warnings.size()},
                                 {"row_warning_samples", samples_of(run->row_warnings)},
                                 {"files", files}});
}

}  // namespace jiuzhu::backend::handlers
