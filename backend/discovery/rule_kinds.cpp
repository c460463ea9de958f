// The parameterised rule kinds of rules.h.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "backend/discovery/json_text.h"
#include "backend/discovery/rules.h"

namespace jiuzhu::discovery {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

double num_param(const json& p, const char* key, std::optional<double> fallback = std::nullopt) {
  if (!p.contains(key)) {
    if (fallback) return *fallback;
    bad(std::string("missing parameter ") + key);
  }
  if (!p[key].is_number()) bad(std::string("parameter ") + key + " must be a number");
  return p[key].get<double>();
}

int int_param(const json& p, const char* key, std::optional<int> fallback = std::nullopt) {
  return static_cast<int>(num_param(p, key, fallback ? std::optional<double>(*fallback) : std::nullopt));
}

// Start (exclusive) of "the last N months" before `as_of`, as a yyyymmdd integer.
int32_t window_start(Date as_of, int months) { return date_int(as_of.plus_months(-months)); }

bool in_window(int32_t date, int32_t start, int32_t as_of) { return date > start && date <= as_of; }

// The calling thread's scratch string for one evidence's facts, emptied. Facts are written there
// and copied once at their exact size: written into the evidence itself, a facts string grew
// 15 → 30 → 60 → 120 → 240 bytes, an allocation and a copy at each step.
std::string& facts_scratch() {
  thread_local std::string scratch;
  scratch.clear();
  return scratch;
}

// Adds a feed cell to evidence facts, typed as in the feed (dates as YYYY-MM-DD).
void add_cell(JsonObjectWriter& w, const FeedTable& t, int col, size_t row) {
  const ColumnSpec& cs = feed_spec(t.feed).columns[static_cast<size_t>(col)];
  const Column& c = t.cols[static_cast<size_t>(col)];
  std::array<char, 24> date_buf;
  switch (cs.type) {
    case ColType::date:
    case ColType::opt_date:
      if (c.ints[row] == 0) w.add_null(cs.name);
      else w.add(cs.name, date_iso(c.ints[row], date_buf));
      return;
    case ColType::enumeration:
      if (c.ints[row] < 0) w.add_null(cs.name);
      else w.add(cs.name, c.dict[static_cast<size_t>(c.ints[row])]);
      return;
    case ColType::boolean:
      if (c.ints[row] < 0) w.add_null(cs.name);
      else w.add(cs.name, c.ints[row] != 0);
      return;
    case ColType::integer:
      if (c.ints[row] == kNoInt) w.add_null(cs.name);
      else w.add(cs.name, c.ints[row]);
      return;
    case ColType::number:
      if (std::isnan(c.numbers[row])) w.add_null(cs.name);
      else w.add(cs.name, c.numbers[row]);
      return;
    case ColType::text: w.add(cs.name, c.text(row)); return;
    case ColType::key: w.add(cs.name, c.dict[static_cast<size_t>(c.ints[row])]); return;
    case ColType::id: w.add_null(cs.name); return;
  }
}

// A numeric cell; NaN when unknown, so every comparison with it is false (like SQL's NULL).
double cell_number(const FeedTable& t, int col, size_t row) {
  const Column& c = t.cols[static_cast<size_t>(col)];
  if (c.type == ColType::number) return c.numbers[row];
  return c.ints[row] == kNoInt ? std::nan("") : static_cast<double>(c.ints[row]);
}

Feed source_param(const json& p) {
  if (!p.contains("source") || !p["source"].is_string()) bad("missing parameter source");
  auto f = feed_by_file(p["source"].get<std::string>());
  if (!f) bad("unknown source " + p["source"].get<std::string>());
  return *f;
}

int column_param(Feed f, const std::string& name, bool numeric = false) {
  const int c = column_index(f, name);
  if (c <= 0) bad("unknown column " + name + " in " + std::string(feed_spec(f).file));
  const ColType t = feed_spec(f).columns[static_cast<size_t>(c)].type;
  if (numeric && t != ColType::number && t != ColType::integer) bad("column " + name + " is not numeric");
  return c;
}

std::string fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// ---- member_row ------------------------------------------------------------------------------

struct Clause {
  std::vector<std::pair<int, std::vector<int32_t>>> in;
  std::vector<std::pair<int, double>> at_most, at_least, greater_than;
  std::string text;

  bool matches(const FeedTable& t, size_t row) const {
    for (const auto& [col, values] : in) {
      const int32_t v = t.cols[static_cast<size_t>(col)].ints[row];
      if (std::find(values.begin(), values.end(), v) == values.end()) return false;
    }
    for (const auto& [col, x] : at_most) if (!(cell_number(t, col, row) <= x)) return false;
    for (const auto& [col, x] : at_least) if (!(cell_number(t, col, row) >= x)) return false;
    for (const auto& [col, x] : greater_than) if (!(cell_number(t, col, row) > x)) return false;
    return true;
  }
};

Clause parse_clause(Feed f, const json& j) {
  if (!j.is_object()) bad("a clause must be an object");
  Clause c;
  std::vector<std::string> parts;
  for (const auto& [key, value] : j.items()) {
    if (key == "in") {
      for (const auto& [col_name, vals] : value.items()) {
        const int col = column_param(f, col_name);
        const ColumnSpec& cs = feed_spec(f).columns[static_cast<size_t>(col)];
        std::vector<int32_t> codes;
        std::string list;
        for (const auto& v : vals) {
          if (cs.type == ColType::boolean && v.is_boolean()) {
            codes.push_back(v.get<bool>() ? 1 : 0);
          } else if (cs.type == ColType::enumeration && v.is_string()) {
            const auto s = v.get<std::string>();
            auto it = std::find(cs.values.begin(), cs.values.end(), s);
            if (it == cs.values.end()) bad("unknown value " + s + " of " + col_name);
            codes.push_back(static_cast<int32_t>(it - cs.values.begin()));
          } else {
            bad("bad value list for " + col_name);
          }
          if (!list.empty()) list += '|';
          list += v.is_string() ? v.get<std::string>() : v.dump();
        }
        c.in.emplace_back(col, std::move(codes));
        parts.push_back(col_name + " in " + list);
      }
    } else if (key == "at_most" || key == "at_least" || key == "greater_than") {
      auto& target = key == "at_most" ? c.at_most : key == "at_least" ? c.at_least : c.greater_than;
      const char* op = key == "at_most" ? " <= " : key == "at_least" ? " >= " : " > ";
      for (const auto& [col_name, v] : value.items()) {
        if (!v.is_number()) bad(key + "." + col_name + " must be a number");
        target.emplace_back(column_param(f, col_name, true), v.get<double>());
        parts.push_back(col_name + op + fmt(v.get<double>()));
      }
    } else {
      bad("unknown clause key " + key);
    }
  }
  for (const auto& p : parts) c.text += (c.text.empty() ? "" : " and ") + p;
  return c;
}

class MemberRow : public RuleKind {
 public:
  MemberRow(const json& p, Date as_of) : feed_(source_param(p)), as_of_(date_int(as_of)) {
    if (p.contains("any_of")) {
      if (!p["any_of"].is_array()) bad("any_of must be a list of clauses");
      for (const auto& c : p["any_of"]) clauses_.push_back(parse_clause(feed_, c));
    }
    if (p.contains("window_months")) {
      const std::string dc = p.value("date_column", std::string());
      date_col_ = column_param(feed_, dc);
      const ColType t = feed_spec(feed_).columns[static_cast<size_t>(date_col_)].type;
      if (t != ColType::date && t != ColType::opt_date) bad("date_column " + dc + " is not a date");
      months_ = int_param(p, "window_months");
      start_ = window_start(as_of, months_);
    }
    if (p.contains("facts")) {
      for (const auto& f : p["facts"]) facts_.push_back(column_param(feed_, f.get<std::string>()));
    } else {
      for (int c = 1; c < static_cast<int>(feed_spec(feed_).columns.size()); ++c) facts_.push_back(c);
    }
    // The evidence's "threshold" text per clause (one, for a rule without clauses), made once.
    for (size_t k = 0; k < std::max<size_t>(clauses_.size(), 1); ++k) {
      std::string threshold = k < clauses_.size() ? clauses_[k].text : std::string();
      if (date_col_ > 0) {
        threshold += (threshold.empty() ? "" : " and ") +
                     std::string(feed_spec(feed_).columns[static_cast<size_t>(date_col_)].name) + " within " +
                     std::to_string(months_) + " months";
      }
      thresholds_.push_back(threshold.empty() ? std::string("listed") : threshold);
    }
  }
  std::vector<Feed> needs() const override { return {feed_}; }
  void reads(ColumnMask& mask) const override {
    for (const auto& c : clauses_) {
      for (const auto& in : c.in) mark(mask, feed_, in.first);
      for (const auto* bounds : {&c.at_most, &c.at_least, &c.greater_than}) {
        for (const auto& b : *bounds) mark(mask, feed_, b.first);
      }
    }
    if (date_col_ > 0) mark(mask, feed_, date_col_);
  }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    const FeedTable& t = d.table(feed_);
    const Csr& rows = d.rows_of_person[static_cast<size_t>(feed_)];
    bool fired = false;
    for (int32_t person : d.living.of(household)) {
      for (int32_t r32 : rows.of(static_cast<size_t>(person))) {
        const size_t r = static_cast<size_t>(r32);
        if (date_col_ > 0 && !in_window(t.cols[static_cast<size_t>(date_col_)].ints[r], start_, as_of_)) continue;
        const std::string* threshold = clauses_.empty() ? &thresholds_[0] : nullptr;
        for (size_t k = 0; k < clauses_.size() && !threshold; ++k) {
          if (clauses_[k].matches(t, r)) threshold = &thresholds_[k];
        }
        if (!threshold) continue;
        fired = true;
        std::string& facts = facts_scratch();
        JsonObjectWriter w(facts);
        for (int c : facts_) add_cell(w, t, c, r);
        w.add("threshold", *threshold);
        w.close();
        out.push_back({feed_, person, std::string(facts)});
      }
    }
    return fired;
  }

 private:
  Feed feed_;
  int32_t as_of_;
  std::vector<Clause> clauses_;
  int date_col_ = 0;
  int months_ = 0;
  int32_t start_ = 0;
  std::vector<int> facts_;
  std::vector<std::string> thresholds_;  // by clause
};

// ---- out_of_pocket_sum -----------------------------------------------------------------------

class OutOfPocketSum : public RuleKind {
 public:
  OutOfPocketSum(const json& p, Date as_of)
      : as_of_(date_int(as_of)), months_(int_param(p, "window_months", 12)),
        start_(window_start(as_of, months_)), min_amount_(num_param(p, "min_amount")),
        min_share_(num_param(p, "min_income_share")),
        by_amount_text_("household_out_of_pocket >= " + fmt(min_amount_)),
        by_share_text_("household_out_of_pocket >= " + fmt(min_share_) + " x household_annual_income") {}
  std::vector<Feed> needs() const override { return {Feed::medical_insurance}; }
  void reads(ColumnMask& mask) const override {
    mark(mask, Feed::medical_insurance, 1);  // settled_date
    mark(mask, Feed::medical_insurance, 3);  // out_of_pocket
  }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    const FeedTable& t = d.table(Feed::medical_insurance);
    const Csr& rows = d.rows_of_person[static_cast<size_t>(Feed::medical_insurance)];
    double total = 0, income = 0;
    const auto members = d.living.of(household);
    for (int32_t p : members) {
      income += d.annual_income[static_cast<size_t>(p)];
      for (int32_t r : rows.of(static_cast<size_t>(p))) {
        if (in_window(t.cols[1].ints[static_cast<size_t>(r)], start_, as_of_)) total += t.cols[3].numbers[static_cast<size_t>(r)];
      }
    }
    // The share test needs an income figure: it is used only when income.csv was supplied.
    const bool income_known = d.present(Feed::income);
    const bool by_amount = total >= min_amount_;
    const bool by_share = income_known && total > 0 && total >= min_share_ * income;
    if (!by_amount && !by_share) return false;
    for (int32_t p : members) {
      double own = 0;
      int settlements = 0;
      for (int32_t r : rows.of(static_cast<size_t>(p))) {
        if (in_window(t.cols[1].ints[static_cast<size_t>(r)], start_, as_of_)) {
          own += t.cols[3].numbers[static_cast<size_t>(r)];
          ++settlements;
        }
      }
      if (settlements == 0) continue;
      std::string& facts = facts_scratch();
      JsonObjectWriter w(facts);
      w.add("out_of_pocket", own).add("settlements", settlements).add("household_out_of_pocket", total);
      w.add("window_months", months_);
      if (income_known) w.add("household_annual_income", income);
      w.add("threshold", by_amount ? by_amount_text_ : by_share_text_);
      w.close();
      out.push_back({Feed::medical_insurance, p, std::string(facts)});
    }
    return true;
  }

 private:
  int32_t as_of_;
  int months_;
  int32_t start_;
  double min_amount_, min_share_;
  std::string by_amount_text_, by_share_text_;
};

// ---- elderly_alone ---------------------------------------------------------------------------

class ElderlyAlone : public RuleKind {
 public:
  explicit ElderlyAlone(const json& p)
      : min_age_(int_param(p, "min_age")), max_members_(int_param(p, "max_members", 1)),
        threshold_("living_members <= " + std::to_string(max_members_) + " and age >= " + std::to_string(min_age_) +
                   " and no pension") {}
  std::vector<Feed> needs() const override { return {Feed::hr}; }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    const auto members = d.living.of(household);
    if (members.empty() || static_cast<int>(members.size()) > max_members_) return false;
    for (int32_t p : members) {
      if (d.age(p) < min_age_ || d.has_pension[static_cast<size_t>(p)]) return false;
    }
    for (int32_t p : members) {
      std::string& facts = facts_scratch();
      JsonObjectWriter w(facts);
      w.add("age", d.age(p)).add("living_members", members.size()).add("pension", false);
      w.add("threshold", threshold_);
      w.close();
      out.push_back({Feed::population, p, std::string(facts)});
    }
    return true;
  }

 private:
  int min_age_, max_members_;
  std::string threshold_;
};

// ---- unemployed_with_dependents --------------------------------------------------------------

class UnemployedWithDependents : public RuleKind {
 public:
  explicit UnemployedWithDependents(const json& p)
      : child_under_(int_param(p, "child_under")), elder_from_(int_param(p, "elder_from")),
        threshold_("registered unemployed, no employed member, a member under " + std::to_string(child_under_) +
                   " or aged >= " + std::to_string(elder_from_)) {}
  std::vector<Feed> needs() const override { return {Feed::hr}; }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    int dependents = 0;
    bool unemployed = false;
    for (int32_t p : d.living.of(household)) {
      const size_t pp = static_cast<size_t>(p);
      if (d.employed[pp]) return false;
      unemployed |= d.unemployed[pp] != 0;
      const int age = d.age(p);
      dependents += (age < child_under_ || age >= elder_from_);
    }
    if (!unemployed || dependents == 0) return false;
    const FeedTable& t = d.table(Feed::hr);
    const Csr& rows = d.rows_of_person[static_cast<size_t>(Feed::hr)];
    for (int32_t p : d.living.of(household)) {
      if (!d.unemployed[static_cast<size_t>(p)]) continue;
      std::string& facts = facts_scratch();
      JsonObjectWriter w(facts);
      w.add("status", "unemployed_registered").add("employed_members", 0).add("dependents", dependents);
      int32_t since = 0;
      for (int32_t r : rows.of(static_cast<size_t>(p))) {
        const size_t rr = static_cast<size_t>(r);
        if (t.cols[1].ints[rr] == 0 && t.cols[2].ints[rr] > since) since = t.cols[2].ints[rr];
      }
      std::array<char, 24> date_buf;
      if (since) w.add("since", date_iso(since, date_buf));
      w.add("threshold", threshold_);
      w.close();
      out.push_back({Feed::hr, p, std::string(facts)});
    }
    return true;
  }

 private:
  int child_under_, elder_from_;
  std::string threshold_;
};

// ---- earner_died -----------------------------------------------------------------------------

class EarnerDied : public RuleKind {
 public:
  EarnerDied(const json& p, Date as_of)
      : min_age_(int_param(p, "min_age")), max_age_(int_param(p, "max_age")),
        child_under_(int_param(p, "child_under")), elder_from_(int_param(p, "elder_from")),
        months_(int_param(p, "window_months")), as_of_(date_int(as_of)), start_(window_start(as_of, months_)),
        threshold_("died within " + std::to_string(months_) + " months aged " + std::to_string(min_age_) + "-" +
                   std::to_string(max_age_) + " with a member under " + std::to_string(child_under_) +
                   " or aged >= " + std::to_string(elder_from_)) {}
  std::vector<Feed> needs() const override { return {}; }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    const auto dead = d.dead.of(household);
    if (dead.empty()) return false;
    int dependents = 0;
    for (int32_t p : d.living.of(household)) {
      const int age = d.age(p);
      dependents += (age < child_under_ || age >= elder_from_);
    }
    if (dependents == 0) return false;
    const FeedTable& pop_t = d.table(Feed::population);
    bool fired = false;
    for (int32_t p : dead) {
      const int32_t died = pop_t.cols[pop::deceased_date].ints[static_cast<size_t>(p)];
      if (!in_window(died, start_, as_of_)) continue;
      const int age = age_years(pop_t.cols[pop::birth_date].ints[static_cast<size_t>(p)], died);
      if (age < min_age_ || age > max_age_) continue;
      fired = true;
      std::string& facts = facts_scratch();
      JsonObjectWriter w(facts);
      std::array<char, 24> date_buf;
      w.add("deceased_date", date_iso(died, date_buf)).add("age_at_death", age).add("dependents", dependents);
      w.add("threshold", threshold_);
      w.close();
      out.push_back({Feed::population, p, std::string(facts)});
    }
    return fired;
  }

 private:
  int min_age_, max_age_, child_under_, elder_from_, months_;
  int32_t as_of_, start_;
  std::string threshold_;
};

// ---- no_working_age_adult --------------------------------------------------------------------

class NoWorkingAgeAdult : public RuleKind {
 public:
  explicit NoWorkingAgeAdult(const json& p)
      : child_under_(int_param(p, "child_under")), adult_min_(int_param(p, "adult_min")),
        adult_max_(int_param(p, "adult_max")),
        threshold_("age < " + std::to_string(child_under_) + " and no living member aged " +
                   std::to_string(adult_min_) + "-" + std::to_string(adult_max_)) {}
  std::vector<Feed> needs() const override { return {}; }
  bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const override {
    bool child = false;
    for (int32_t p : d.living.of(household)) {
      const int age = d.age(p);
      if (age >= adult_min_ && age <= adult_max_) return false;
      child |= age < child_under_;
    }
    if (!child) return false;
    for (int32_t p : d.living.of(household)) {
      if (d.age(p) >= child_under_) continue;
      std::string& facts = facts_scratch();
      JsonObjectWriter w(facts);
      w.add("age", d.age(p)).add("working_age_members", 0);
      w.add("threshold", threshold_);
      w.close();
      out.push_back({Feed::population, p, std::string(facts)});
    }
    return true;
  }

 private:
  int child_under_, adult_min_, adult_max_;
  std::string threshold_;
};

}  // namespace

std::shared_ptr<const RuleKind> make_rule_kind(const std::string& kind, const json& params, Date as_of) {
  if (!params.is_object()) bad("params must be an object");
  if (kind == "member_row") return std::make_shared<MemberRow>(params, as_of);
  if (kind == "out_of_pocket_sum") return std::make_shared<OutOfPocketSum>(params, as_of);
  if (kind == "elderly_alone") return std::make_shared<ElderlyAlone>(params);
  if (kind == "unemployed_with_dependents") return std::make_shared<UnemployedWithDependents>(params);
  if (kind == "earner_died") return std::make_shared<EarnerDied>(params, as_of);
  if (kind == "no_working_age_adult") return std::make_shared<NoWorkingAgeAdult>(params);
  return nullptr;
}

}  // namespace jiuzhu::discovery
