#include "core/policy/county_params.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/regions.h"

namespace jiuzhu::policy {
namespace {

// Header keys that are not numbers for rules.
bool is_header_key(const std::string& k) {
  return k == "county" || k == "county_name" || k == "year" || k == "sources" || k == "notes" || k == "valid_from";
}

Status flatten(const Json& j, const std::string& prefix, std::map<std::string, double>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (prefix.empty() && is_header_key(it.key())) continue;
    const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it.value().is_object()) {
      Status s = flatten(it.value(), name, out);
      if (!s) return s;
    } else if (it.value().is_number()) {
      const double v = it.value().get<double>();
      if (!std::isfinite(v) || v < 0) return make_error("wrong_value", "parameter " + name + " must be a non-negative number", name);
      out[name] = v;
    } else {
      return make_error("wrong_type", "parameter " + name + " must be a number (a missing number is an error, never a guess)", name);
    }
  }
  return Ok{};
}

// A source's "verified" flag. Absent or false: the number is the best available but has not
// been checked against a published document. True is accepted only with the citation a
// reviewer needs to check it again (issuer, title, date, URL and the exact quoted sentence):
// a bare `"verified": true` would be a claim nobody could check.
Result<bool> source_verified(const Json& s, const std::string& field) {
  if (!s.is_object() || !s.contains("verified")) return false;
  const Json& v = s.at("verified");
  if (!v.is_boolean()) return make_error("wrong_type", field + ".verified must be true or false", field + ".verified");
  if (!v.get<bool>()) return false;
  for (const char* key : {"issuer", "title", "date", "url", "quote"}) {
    if (!s.contains(key) || !s.at(key).is_string() || s.at(key).get<std::string>().empty()) {
      return make_error("missing_citation",
                        field + " is marked verified but has no \"" + std::string(key) + "\" (a verified number needs its citation)",
                        field + "." + key);
    }
  }
  return true;
}

}  // namespace

Result<CountyParams> CountyParams::from_json(const Catalog& catalog, const Json& j) {
  if (!j.is_object()) return make_error("wrong_type", "county parameters must be a JSON object");
  CountyParams p;
  if (!j.contains("county") || !j.at("county").is_string() || j.at("county").get<std::string>().size() != 6) {
    return make_error("missing_field", "county: the 6-digit county code is required", "county");
  }
  p.county_ = j.at("county").get<std::string>();
  if (!j.contains("year") || !j.at("year").is_number_integer()) {
    return make_error("missing_field", "year: the year the numbers apply to is required", "year");
  }
  p.year_ = j.at("year").get<int>();
  std::map<std::string, double> numbers;
  if (Status s = flatten(j, "", numbers); !s) return s.error();
  // `sources` is optional (contracts/eligibility.md): a file in exactly the contract's shape
  // loads, and every number is then unverified. When a file does carry `sources`, it has chosen
  // to cite, so a number left out of it is still missing_source (a typo, not a choice).
  const bool cited = j.contains("sources");
  const Json empty = Json::object();
  const Json& sources = cited ? j.at("sources") : empty;
  if (!sources.is_object()) return make_error("wrong_type", "sources must be an object keyed by parameter", "sources");

  const auto& declared = catalog.parameter_names();
  for (const auto& [name, value] : numbers) {
    (void)value;
    if (std::find(declared.begin(), declared.end(), name) == declared.end()) {
      return make_error("unknown_parameter", "parameter " + name + " is not declared by the policy catalog", name);
    }
  }
  for (const std::string& name : declared) {
    auto it = numbers.find(name);
    if (it == numbers.end()) {
      return make_error("missing_parameter", "parameter " + name + " is missing: a missing number is an error, never a guess", name);
    }
    // A source for the name or for any dotted prefix ("asset_limits" covers its members).
    bool sourced = false, verified = false;
    for (std::string key = name;;) {
      if (sources.contains(key)) {
        const Json& s = sources.at(key);
        const Json* text = s.is_string() ? &s : (s.is_object() && s.contains("source") ? &s.at("source") : nullptr);
        if (!text || !text->is_string() || text->get<std::string>().empty()) {
          return make_error("missing_source", "sources." + key + " needs a \"source\" text", "sources." + key);
        }
        Result<bool> v = source_verified(s, "sources." + key);
        if (!v) return v.error();
        verified = *v;
        sourced = true;
        break;
      }
      const size_t dot = key.rfind('.');
      if (dot == std::string::npos) break;
      key.resize(dot);
    }
    if (!sourced && cited) return make_error("missing_source", "parameter " + name + " has no source beside it", "sources." + name);
    p.values_.push_back(it->second);
    p.verified_.push_back(verified);
  }
  p.names_ = declared;
  p.bound_ = catalog.data().get();
  return p;
}

Result<CountyParams> CountyParams::load_file(const Catalog& catalog, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("file_not_found", "cannot open the parameter file " + path, "params");
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return make_error("malformed_json", "the parameter file " + path + " is not valid JSON", "params");
  return from_json(catalog, j);
}

Result<CountyParams> CountyParams::load_county(const Catalog& catalog, std::string_view county_code, const std::string& dir) {
  if (county_code.size() != 6 || county_code.find_first_not_of("0123456789") != std::string_view::npos) {
    return make_error("bad_county_code", "a county code is 6 digits", "params_county");
  }
  const std::string base = dir.empty() ? assets_dir() + "/params" : dir;
  const std::string path = base + "/" + std::string(county_code) + ".json";
  if (!std::ifstream(path)) return make_error("not_found", "no parameters for county " + std::string(county_code), "params_county");
  Result<CountyParams> p = load_file(catalog, path);
  if (p && p->county() != county_code) {
    return make_error("wrong_value", "the parameter file for " + std::string(county_code) + " names another county", "county");
  }
  return p;
}

bool CountyParams::is_verified(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return verified_[i];
  }
  return false;
}

double CountyParams::get(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return values_[i];
  }
  return std::nan("");
}

}  // namespace jiuzhu::policy
