#include "core/policy/catalog.h"

#include <fstream>
#include <functional>
#include <initializer_list>
#include <set>
#include <sstream>

#include "core/regions.h"

namespace jiuzhu::policy {
namespace {

// Strict reading of one JSON object: unknown keys and missing or mistyped fields are errors
// naming "file: path". Collects the first error only.
class Reader {
 public:
  Reader(std::string file) : file_(std::move(file)) {}
  bool ok() const { return error_.code.empty(); }
  const Error& error() const { return error_; }

  void fail(const std::string& code, const std::string& path, const std::string& message) {
    if (ok()) error_ = make_error(code, file_ + ": " + (path.empty() ? "" : path + ": ") + message, file_ + ":" + path);
  }

  bool object(const Json& j, const std::string& path, std::initializer_list<const char*> required,
              std::initializer_list<const char*> optional) {
    if (!ok()) return false;
    if (!j.is_object()) { fail("wrong_type", path, "expected an object"); return false; }
    std::set<std::string> allowed;
    for (const char* k : required) {
      allowed.insert(k);
      if (!j.contains(k)) { fail("missing_field", join(path, k), "required field is missing"); return false; }
    }
    for (const char* k : optional) allowed.insert(k);
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!allowed.count(it.key())) { fail("unknown_key", join(path, it.key()), "unknown key"); return false; }
    }
    return true;
  }

  std::string string(const Json& j, const std::string& path, const char* key, bool required = true) {
    if (!ok()) return {};
    if (!j.contains(key) || j.at(key).is_null()) {
      if (required) fail("missing_field", join(path, key), "required text is missing");
      return {};
    }
    const Json& v = j.at(key);
    if (!v.is_string() || (required && v.get_ref<const std::string&>().empty())) {
      fail("wrong_type", join(path, key), "expected a non-empty string");
      return {};
    }
    return v.get<std::string>();
  }

  std::optional<int> integer(const Json& j, const std::string& path, const char* key) {
    if (!ok() || !j.contains(key) || j.at(key).is_null()) return std::nullopt;
    const Json& v = j.at(key);
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000) {
      fail("wrong_type", join(path, key), "expected a non-negative whole number");
      return std::nullopt;
    }
    return v.get<int>();
  }

  const Json* array(const Json& j, const std::string& path, const char* key, bool required = true) {
    if (!ok()) return nullptr;
    if (!j.contains(key)) {
      if (required) fail("missing_field", join(path, key), "required list is missing");
      return nullptr;
    }
    if (!j.at(key).is_array()) { fail("wrong_type", join(path, key), "expected a list"); return nullptr; }
    return &j.at(key);
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

  // Compiles an expression, turning its error into one that names the field.
  Expr compile(ExprPool& pool, const Environment& env, Scope scope, const std::string& text,
               const std::string& path, std::optional<ValueType> want = std::nullopt) {
    if (!ok()) return {};
    Result<Expr> e = pool.compile(text, scope, env);
    if (!e) { fail(e.error().code, path, e.error().message); return {}; }
    if (want && e->type != *want) {
      fail("type_error", path, "expected a boolean condition");
      return {};
    }
    return *e;
  }

  TextTemplate text(ExprPool& pool, const Environment& env, Scope scope, const std::string& text,
                    const std::string& path, std::vector<Expr>& values) {
    if (!ok()) return {};
    Result<TextTemplate> t = TextTemplate::compile(text, scope, env, pool, values);
    if (!t) { fail(t.error().code, path, t.error().message); return {}; }
    return *t;
  }

 private:
  std::string file_;
  Error error_;
};

Result<Json> read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("file_not_found", "cannot open " + path, path);
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error("malformed_json", path + " is not valid JSON", path);
  return j;
}

bool load_derived(Reader& r, const Json& list, const std::string& path, Scope scope, CatalogData& d,
                  std::vector<Derived>& out) {
  for (size_t i = 0; i < list.size() && r.ok(); ++i) {
    const Json& item = list[i];
    const std::string p = Reader::at(path, i);
    if (!r.object(item, p, {"name", "expr", "label"}, {"source", "unit"})) return false;
    Derived def;
    def.name = r.string(item, p, "name");
    def.label = r.string(item, p, "label");
    r.string(item, p, "source", false);
    def.expr = r.compile(d.pool, d.env, scope, r.string(item, p, "expr"), p + ".expr");
    if (!r.ok()) return false;
    if (def.expr.type == ValueType::enumeration) { r.fail("type_error", p, "a derived value is a number or a boolean"); return false; }
    def.slot = scope == Scope::household ? d.env.declare_household(def.name, def.expr.type)
                                         : d.env.declare_person(def.name, def.expr.type);
    if (def.slot < 0) { r.fail("duplicate_name", p + ".name", "'" + def.name + "' is already defined"); return false; }
    out.push_back(std::move(def));
  }
  return r.ok();
}

bool load_program(Reader& r, const Json& j, CatalogData& d, Program& p) {
  if (!r.object(j, "", {"id", "name", "who", "explanation", "who_qualifies", "materials", "where_to_apply",
                        "how_to_apply", "steps", "time_limit_working_days", "sources", "rules", "next_steps"},
                {"short_name", "time_limit_extended_working_days", "time_limit_note", "flags", "notes"})) {
    return false;
  }
  p.id = r.string(j, "", "id");
  p.name = r.string(j, "", "name");
  const std::string who = r.string(j, "", "who");
  if (r.ok() && who != "household" && who != "person") r.fail("wrong_value", "who", "must be \"household\" or \"person\"");
  p.per_person = who == "person";
  r.string(j, "", "explanation");
  r.string(j, "", "where_to_apply");
  r.string(j, "", "how_to_apply");
  p.time_limit_working_days = r.integer(j, "", "time_limit_working_days");
  r.integer(j, "", "time_limit_extended_working_days");
  if (r.ok() && !j.at("time_limit_working_days").is_null() && !p.time_limit_working_days) return false;
  if (r.ok() && j.at("time_limit_working_days").is_null() && !j.contains("time_limit_note")) {
    r.fail("missing_field", "time_limit_note", "a program without a statutory time limit says why");
  }
  if (const Json* q = r.array(j, "", "who_qualifies")) {
    for (size_t i = 0; i < q->size(); ++i) {
      if (!(*q)[i].is_string()) r.fail("wrong_type", Reader::at("who_qualifies", i), "expected text");
    }
  }
  if (const Json* m = r.array(j, "", "materials")) {
    for (size_t i = 0; i < m->size() && r.ok(); ++i) {
      const std::string path = Reader::at("materials", i);
      if (!r.object((*m)[i], path, {"name", "office_fetches"}, {"note"})) break;
      if (!(*m)[i].at("office_fetches").is_boolean()) { r.fail("wrong_type", path + ".office_fetches", "expected true or false"); break; }
      p.materials.push_back(Material{r.string((*m)[i], path, "name"), (*m)[i].at("office_fetches").get<bool>(),
                                     r.string((*m)[i], path, "note", false)});
    }
  }
  if (const Json* s = r.array(j, "", "steps")) {
    for (size_t i = 0; i < s->size() && r.ok(); ++i) {
      const std::string path = Reader::at("steps", i);
      if (!r.object((*s)[i], path, {"step"}, {"time_limit_working_days", "time_limit_days", "source"})) break;
      p.steps.push_back(ProcessStep{r.string((*s)[i], path, "step"), r.integer((*s)[i], path, "time_limit_working_days"),
                                    r.integer((*s)[i], path, "time_limit_days"), r.string((*s)[i], path, "source", false)});
    }
  }
  if (const Json* s = r.array(j, "", "sources")) {
    if (s->empty()) r.fail("missing_field", "sources", "a program names its legal sources");
    for (size_t i = 0; i < s->size() && r.ok(); ++i) {
      const std::string path = Reader::at("sources", i);
      if (!r.object((*s)[i], path, {"title"}, {"articles", "issuer", "year", "note"})) break;
      r.string((*s)[i], path, "title");
    }
  }
  if (r.ok() && r.object(j.at("next_steps"), "next_steps", {"likely_eligible", "needs_review", "not_eligible"}, {})) {
    p.next_likely_eligible = r.string(j.at("next_steps"), "next_steps", "likely_eligible");
    p.next_needs_review = r.string(j.at("next_steps"), "next_steps", "needs_review");
    p.next_not_eligible = r.string(j.at("next_steps"), "next_steps", "not_eligible");
  }
  if (!r.ok()) return false;

  const Scope scope = p.per_person ? Scope::person : Scope::household;
  std::set<std::string> ids;
  const Json* rules = r.array(j, "", "rules");
  if (rules && rules->empty()) r.fail("missing_field", "rules", "a program has at least one rule");
  for (size_t i = 0; rules && i < rules->size() && r.ok(); ++i) {
    const Json& rj = (*rules)[i];
    const std::string path = Reader::at("rules", i);
    if (!r.object(rj, path, {"id", "test", "source", "pass", "fail"}, {"unknown", "note", "applies"})) break;
    Rule rule;
    rule.id = r.string(rj, path, "id");
    if (r.ok() && rule.id.rfind(p.id + ".", 0) != 0) { r.fail("wrong_value", path + ".id", "rule ids start with the program id and a dot"); break; }
    if (r.ok() && !ids.insert(rule.id).second) { r.fail("duplicate_name", path + ".id", "duplicate rule id " + rule.id); break; }
    rule.source = r.string(rj, path, "source");
    rule.test_text = r.string(rj, path, "test");
    rule.test = r.compile(d.pool, d.env, scope, rule.test_text, path + ".test", ValueType::boolean);
    const std::string applies = r.string(rj, path, "applies", false);
    if (!applies.empty()) rule.applies = r.compile(d.pool, d.env, scope, applies, path + ".applies", ValueType::boolean);
    rule.pass = r.text(d.pool, d.env, scope, r.string(rj, path, "pass"), path + ".pass", rule.values);
    rule.fail = r.text(d.pool, d.env, scope, r.string(rj, path, "fail"), path + ".fail", rule.values);
    const std::string unknown = r.string(rj, path, "unknown", false);
    if (!unknown.empty()) rule.unknown = r.text(d.pool, d.env, scope, unknown, path + ".unknown", rule.values);
    p.rules.push_back(std::move(rule));
  }
  if (const Json* flags = r.array(j, "", "flags", false)) {
    for (size_t i = 0; i < flags->size() && r.ok(); ++i) {
      const Json& fj = (*flags)[i];
      const std::string path = Reader::at("flags", i);
      if (!r.object(fj, path, {"id", "when", "next_steps", "source"}, {"note"})) break;
      Flag f;
      f.id = r.string(fj, path, "id");
      f.next_steps = r.string(fj, path, "next_steps");
      f.source = r.string(fj, path, "source");
      f.when = r.compile(d.pool, d.env, scope, r.string(fj, path, "when"), path + ".when", ValueType::boolean);
      p.flags.push_back(std::move(f));
    }
  }
  if (!r.ok()) return false;
  p.description = j;
  p.description.erase("rules");
  Json rules_public = Json::array();
  for (const Rule& rule : p.rules) {
    Json rj = {{"id", rule.id}, {"test", rule.test_text}, {"source", rule.source}};
    if (rule.applies.valid()) rj["applies"] = j.at("rules").at(static_cast<size_t>(&rule - p.rules.data())).at("applies");
    rules_public.push_back(std::move(rj));
  }
  p.description["rules"] = std::move(rules_public);
  return true;
}

// CatalogData::node_params: what each node may read, following derived values to their
// definitions and eligible(p) to p's rules (tests, guards and sentence values). Memoised; the
// graph is acyclic because names and programs can only refer to earlier ones.
std::vector<uint64_t> node_params(const CatalogData& d) {
  const auto& nodes = d.pool.nodes();
  constexpr uint64_t kUnset = ~uint64_t{0};
  std::vector<uint64_t> memo(nodes.size(), kUnset);
  std::vector<uint64_t> program_memo(d.programs.size(), kUnset);
  const size_t household_facts_n = household_facts().size();
  std::function<uint64_t(int32_t)> node;
  std::function<uint64_t(int)> program = [&](int index) -> uint64_t {
    uint64_t& m = program_memo[static_cast<size_t>(index)];
    if (m != kUnset) return m;
    uint64_t r = 0;
    for (const Rule& rule : d.programs[static_cast<size_t>(index)].rules) {
      r |= node(rule.applies.root) | node(rule.test.root);
      for (const Expr& v : rule.values) r |= node(v.root);
    }
    return m = r;
  };
  node = [&](int32_t i) -> uint64_t {
    if (i < 0) return 0;
    uint64_t& m = memo[static_cast<size_t>(i)];
    if (m != kUnset) return m;
    const Node& n = nodes[static_cast<size_t>(i)];
    uint64_t r = 0;
    switch (n.op) {
      case Op::param: r = n.slot < 64 ? uint64_t{1} << n.slot : 0; break;
      case Op::household_slot:
        if (static_cast<size_t>(n.slot) >= household_facts_n) {
          r = node(d.household_derived[static_cast<size_t>(n.slot) - household_facts_n].expr.root);
        }
        break;
      case Op::person_slot:
        if (n.slot == d.counted_slot) r = node(d.member_counted.root);
        else if (n.slot > d.counted_slot) r = node(d.person_derived[static_cast<size_t>(n.slot - d.counted_slot - 1)].expr.root);
        break;
      case Op::program: r = program(n.slot); break;
      default: r = node(n.a) | node(n.b) | node(n.c); break;
    }
    return m = r;
  };
  for (size_t i = 0; i < nodes.size(); ++i) node(static_cast<int32_t>(i));
  return memo;
}

}  // namespace

Result<Catalog> Catalog::from_json(const Json& catalog, const std::vector<std::pair<std::string, Json>>& programs) {
  auto d = std::make_shared<CatalogData>();
  Reader r("catalog.json");
  if (!r.object(catalog, "", {"version", "parameters", "member_counted", "derived", "person_derived", "programs"},
                {"description", "notes"})) {
    return r.error();
  }
  d->version = r.string(catalog, "", "version");

  // Parameters: declared with a label; the county file must give each one a number and a source.
  const Json& params = catalog.at("parameters");
  if (!params.is_object() || params.empty()) r.fail("wrong_type", "parameters", "expected a non-empty object");
  // The engine tracks which parameters a verdict read in a 64-bit mask (unverified numbers).
  if (params.is_object() && params.size() > 64) r.fail("too_many_parameters", "parameters", "at most 64 county parameters");
  for (auto it = params.begin(); r.ok() && it != params.end(); ++it) {
    const std::string path = "parameters." + it.key();
    if (!r.object(it.value(), path, {"label"}, {"unit", "note"})) break;
    d->env.declare_param(it.key());
    d->parameter_labels.emplace_back(it.key(), r.string(it.value(), path, "label"));
  }

  // Art. 7: who counts as a household member. Person scope, person facts only.
  if (r.ok() && r.object(catalog.at("member_counted"), "member_counted", {"expr", "source"}, {"label"})) {
    r.string(catalog.at("member_counted"), "member_counted", "source");
    d->member_counted = r.compile(d->pool, d->env, Scope::person, r.string(catalog.at("member_counted"), "member_counted", "expr"),
                                  "member_counted.expr", ValueType::boolean);
    d->counted_slot = d->env.declare_person("counted", ValueType::boolean);
  }
  const Json* derived = r.array(catalog, "", "derived");
  if (derived) load_derived(r, *derived, "derived", Scope::household, *d, d->household_derived);
  const Json* person_derived = r.array(catalog, "", "person_derived");
  if (person_derived) load_derived(r, *person_derived, "person_derived", Scope::person, *d, d->person_derived);
  if (!r.ok()) return r.error();
  if (const auto* s = d->env.find("per_capita_monthly_income"); s && s->kind == Environment::Symbol::household &&
                                                                 s->type == ValueType::number) {
    d->per_capita_slot = s->slot;
  } else {
    return make_error("missing_field", "catalog.json: derived: per_capita_monthly_income must be defined (it is reported)",
                      "catalog.json:derived");
  }

  // Programs: all ids known up front (receiving() may name any), evaluated in listed order.
  const Json* list = r.array(catalog, "", "programs");
  if (!r.ok()) return r.error();
  if (list->size() != programs.size() || list->size() > 63) {
    return make_error("missing_field", "catalog.json: programs: each listed file must be supplied (at most 63)", "catalog.json:programs");
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < programs.size(); ++i) {
    if (!(*list)[i].is_string() || (*list)[i].get<std::string>() != programs[i].first) {
      return make_error("missing_field", "catalog.json: programs[" + std::to_string(i) + "] does not match its file",
                        "catalog.json:programs");
    }
    const Json& pj = programs[i].second;
    if (!pj.is_object() || !pj.contains("id") || !pj.at("id").is_string()) {
      return make_error("missing_field", programs[i].first + ": id is missing", programs[i].first + ":id");
    }
    const std::string id = pj.at("id").get<std::string>();
    if (d->env.program_index(id) >= 0) {
      return make_error("duplicate_name", programs[i].first + ": program id " + id + " appears twice", programs[i].first + ":id");
    }
    d->env.declare_program(id, static_cast<int>(i));
  }
  d->programs.reserve(programs.size());
  for (size_t i = 0; i < programs.size(); ++i) {
    Reader pr(programs[i].first);
    Program p;
    p.index = static_cast<int>(i);
    if (!load_program(pr, programs[i].second, *d, p)) return pr.error();
    d->env.mark_program_evaluated(p.id);
    d->programs.push_back(std::move(p));
  }
  d->node_params = node_params(*d);
  return Catalog(std::move(d));
}

Result<Catalog> Catalog::load_dir(const std::string& dir) {
  Result<Json> catalog = read_json_file(dir + "/catalog.json");
  if (!catalog) return catalog.error();
  if (!catalog->is_object() || !catalog->contains("programs") || !catalog->at("programs").is_array()) {
    return make_error("missing_field", "catalog.json: programs: expected the list of program files", "catalog.json:programs");
  }
  std::vector<std::pair<std::string, Json>> programs;
  for (const Json& name : catalog->at("programs")) {
    if (!name.is_string()) return make_error("wrong_type", "catalog.json: programs: expected file names", "catalog.json:programs");
    const std::string file = name.get<std::string>();
    if (file.find('/') != std::string::npos || file.find("..") != std::string::npos) {
      return make_error("wrong_value", "catalog.json: programs: a file name, not a path: " + file, "catalog.json:programs");
    }
    Result<Json> p = read_json_file(dir + "/" + file);
    if (!p) return p.error();
    programs.emplace_back(file, std::move(p).value());
  }
  return from_json(*catalog, programs);
}

Result<Catalog> Catalog::load_builtin() { return load_dir(assets_dir() + "/policies"); }

const Program* Catalog::find(std::string_view id) const {
  for (const Program& p : data_->programs) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

Json Catalog::public_json() const {
  Json programs = Json::array();
  for (const Program& p : data_->programs) programs.push_back(p.description);
  Json params = Json::object();
  for (const auto& [name, label] : data_->parameter_labels) params[name] = label;
  return Json{{"version", data_->version}, {"parameters", std::move(params)}, {"programs", std::move(programs)}};
}

}  // namespace jiuzhu::policy
