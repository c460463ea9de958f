// The departmental feed files of the synthetic county (synth.h): rates and dates per feed.
#include <algorithm>
#include <cstdio>
#include <string>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/synth_generator.h"

namespace jiuzhu::discovery::synth_internal {

bool Generator::write(const char* file, const std::string& body) {
  const std::string path = o_.out_dir + "/" + file;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(body.data(), 1, body.size(), f) == body.size();
  return std::fclose(f) == 0 && ok;
}

void Generator::write_feeds(SynthStats& stats) {
  std::array<std::string, 11> out;
  out[0] = "id_number,name,household_id,relation,birth_date,hukou_type,township,village,deceased_date\n";
  out[1] = "id_number,program,since,until\n";
  out[2] = "id_number,kind,grade,issued\n";
  out[3] = "id_number,settled_date,total_cost,out_of_pocket,inpatient\n";
  out[4] = "id_number,diagnosis,date,serious\n";
  out[5] = "id_number,status,since,pension_monthly\n";
  out[6] = "id_number,school,level,status,date\n";
  out[7] = "id_number,status,since\n";
  out[8] = "id_number,event,date,loss\n";
  out[9] = "id_number,category,since\n";
  out[10] = "id_number,year,annual_income\n";
  char buf[256];
  auto row = [&](int feed, const std::string& line) {
    out[static_cast<size_t>(feed)] += line;
    out[static_cast<size_t>(feed)] += '\n';
    ++stats.rows[feed];
  };
  const int year = o_.as_of.year();
  for (size_t hi = 0; hi < households_.size(); ++hi) {
    const Household& h = households_[hi];
    const std::string& town = towns_[static_cast<size_t>(h.township)];
    std::snprintf(buf, sizeof buf, "%s%06zu", town.c_str(), hi + 1);
    const std::string hid = buf;
    // Household-level hardship drives recipients, so current recipients look like real ones.
    double hardship = 0;
    const bool monitored = h.rural && rng_.chance(0.012);
    int event_kind = -1, housing = -1;
    if (rng_.chance(0.012)) event_kind = static_cast<int>(rng_.pick(std::array<double, 5>{60, 15, 15, 5, 5}));
    if (rng_.chance(0.02)) housing = static_cast<int>(rng_.pick(std::array<double, 3>{45, 35, 20}));
    for (uint32_t i = h.first; i < h.first + h.count; ++i) {
      const Person& p = people_[i];
      const std::string pid = id(p);
      const int a = age(p);
      std::string line = pid;
      line += ',';
      append_csv_field(line, p.name);
      line += ',' + hid + ',' + kRelationNames[static_cast<size_t>(p.relation)] + ',' + date(p.birth) + ',' +
              (h.rural ? "rural" : "urban") + ',' + town + ',';
      append_csv_field(line, h.village);
      line += ',';
      if (p.died) line += date(p.died);
      row(0, line);
      if (p.died && p.died <= as_of_) continue;
      // 残联: disability rises with age (≈ 6 % overall).
      const double p_dis = a >= 65 ? 0.21 : a >= 45 ? 0.08 : a >= 18 ? 0.035 : 0.015;
      if (rng_.chance(p_dis)) {
        const size_t kind = rng_.pick(std::array<double, 7>{45, 12, 15, 2, 8, 10, 8});
        const int grade = static_cast<int>(rng_.pick(std::array<double, 4>{12, 20, 30, 38})) + 1;
        static constexpr std::array<const char*, 7> kinds = {"physical", "visual", "hearing", "speech",
                                                             "intellectual", "mental", "multiple"};
        const int32_t issued = std::max(p.birth, recent(3650));
        std::snprintf(buf, sizeof buf, "%s,%s,%d,%s", pid.c_str(), kinds[kind], grade, date(issued).c_str());
        row(2, buf);
        hardship += grade <= 2 ? 2 : 0.5;
      }
      // 医保 settlements over the last 18 months.
      const double mean = a >= 65 ? 1.6 : a >= 45 ? 0.7 : 0.3;
      const int n = static_cast<int>(rng_.uniform() * mean * 2 + 0.5);
      for (int k = 0; k < n; ++k) {
        const bool inpatient = rng_.chance(0.2);
        const double total = inpatient ? rng_.log_uniform(3000, 150000) : rng_.log_uniform(50, 3000);
        const double oop = total * (inpatient ? 0.25 + rng_.uniform() * 0.35 : 0.4 + rng_.uniform() * 0.5);
        const int32_t settled = recent(540);
        std::snprintf(buf, sizeof buf, "%s,%s,%.2f,%.2f,%s", pid.c_str(), date(settled).c_str(), total, oop,
                      inpatient ? "true" : "false");
        row(3, buf);
      }
      // 卫健 diagnoses: serious ≈ 1.5 %, common ones more often.
      if (rng_.chance(a >= 50 ? 0.03 : 0.008)) {
        const char* diagnosis = kSerious[rng_.next() % kSerious.size()];
        const int32_t when = recent(730);
        std::snprintf(buf, sizeof buf, "%s,%s,%s,true", pid.c_str(), diagnosis, date(when).c_str());
        row(4, buf);
        hardship += 1.5;
      }
      if (rng_.chance(0.05)) {
        const char* diagnosis = kCommon[rng_.next() % kCommon.size()];
        const int32_t when = recent(730);
        std::snprintf(buf, sizeof buf, "%s,%s,%s,false", pid.c_str(), diagnosis, date(when).c_str());
        row(4, buf);
      }
      // 人社: employment, registered unemployment, employee pensions; 税务 wages for earners.
      if (a >= 18 && a < 60) {
        const double u = rng_.uniform();
        if (u < 0.025) {
          std::snprintf(buf, sizeof buf, "%s,unemployed_registered,%s,0", pid.c_str(), date(recent(700)).c_str());
          row(5, buf);
          hardship += 1;
        } else if (u < (h.rural ? 0.30 : 0.55)) {
          std::snprintf(buf, sizeof buf, "%s,employed,%s,0", pid.c_str(), date(recent(3000)).c_str());
          row(5, buf);
          const double wage = rng_.log_uniform(24000, 120000);
          for (int y = year - 2; y < year; ++y) {
            const double amount = wage * (0.9 + 0.2 * rng_.uniform());
            std::snprintf(buf, sizeof buf, "%s,%d,%.2f", pid.c_str(), y, amount);
            row(10, buf);
          }
        } else if (rng_.chance(0.7)) {
          // Farm and casual income reported through social insurance.
          const double amount = rng_.log_uniform(4000, 40000);
          std::snprintf(buf, sizeof buf, "%s,%d,%.2f", pid.c_str(), year - 1, amount);
          row(10, buf);
        }
      } else if (a >= 60 && a < 75 && rng_.chance(0.35)) {
        // Older people still earning a little (灵活就业, village posts).
        const double amount = rng_.log_uniform(3000, 15000);
        std::snprintf(buf, sizeof buf, "%s,%d,%.2f", pid.c_str(), year - 1, amount);
        row(10, buf);
      }
      if (a >= 60 && rng_.chance(h.rural ? 0.12 : 0.6)) {
        const double monthly = rng_.log_uniform(1500, 5000);
        std::snprintf(buf, sizeof buf, "%s,pension,%s,%.2f", pid.c_str(),
                      date(shift_days(o_.as_of, -(a - 59) * 365)).c_str(), monthly);
        row(5, buf);
      }
      // 教育: pupils 6–18, rare dropouts and suspensions in the last 18 months.
      if (a >= 6 && a <= 18 && rng_.chance(0.93)) {
        static constexpr std::array<const char*, 4> levels = {"primary", "junior", "senior", "vocational"};
        const size_t level = a <= 11 ? 0 : a <= 14 ? 1 : rng_.chance(0.6) ? 2 : 3;
        const char* status = "enrolled";
        int32_t when = shift_days(o_.as_of, -rng_.range(60, 420));
        if (a >= 12 && rng_.chance(0.012)) {
          status = rng_.chance(0.7) ? "dropped_out" : "suspended";
          when = recent(540);
          hardship += 0.5;
        }
        std::snprintf(buf, sizeof buf, "%s,%s%s,%s,%s,%s", pid.c_str(), town.c_str() + 6,
                      level == 0 ? "中心小学" : level == 1 ? "初级中学" : level == 2 ? "高级中学" : "职业学校",
                      levels[level], status, date(when).c_str());
        row(6, buf);
      }
      if (monitored) {
        static constexpr std::array<const char*, 3> cats = {"unstable_lifted", "edge_vulnerable", "sudden_hardship"};
        const char* category = cats[rng_.pick(std::array<double, 3>{50, 40, 10})];
        const int32_t since = recent(1500);
        std::snprintf(buf, sizeof buf, "%s,%s,%s", pid.c_str(), category, date(since).c_str());
        row(9, buf);
      }
      if (i == h.first) {
        if (housing >= 0) {
          static constexpr std::array<const char*, 3> st = {"public_rental", "dilapidated", "hardship_registered"};
          const int32_t since = recent(2000);
          std::snprintf(buf, sizeof buf, "%s,%s,%s", pid.c_str(), st[static_cast<size_t>(housing)], date(since).c_str());
          row(7, buf);
          hardship += housing == 0 ? 0.3 : 1;
        }
        if (event_kind >= 0) {
          static constexpr std::array<const char*, 5> ev = {"disaster", "fire", "accident", "sudden_illness", "other"};
          const int32_t when = recent(365);
          const double loss = rng_.chance(0.9) ? rng_.log_uniform(800, 120000) : 0.0;
          std::snprintf(buf, sizeof buf, "%s,%s,%s,%.2f", pid.c_str(), ev[static_cast<size_t>(event_kind)],
                        date(when).c_str(), loss);
          row(8, buf);
          hardship += 1;
        }
      }
    }
    if (monitored) hardship += 1.5;
    // 民政 recipients (≈ 4 % of residents): dibao households, tekun people, some ended.
    const double p_dibao = std::min(0.5, 0.015 + 0.06 * hardship);
    if (rng_.chance(p_dibao)) {
      const int32_t since = recent(2500);
      const bool ended = rng_.chance(0.12);
      for (uint32_t i = h.first; i < h.first + h.count; ++i) {
        const Person& p = people_[i];
        if (p.died && p.died <= as_of_) continue;
        std::string until;
        if (ended) until = date(recent(300));
        else if (rng_.chance(0.3)) until = date(shift_days(o_.as_of, 180));
        std::snprintf(buf, sizeof buf, "%s,dibao,%s,%s", id(p).c_str(), date(since).c_str(), until.c_str());
        row(1, buf);
      }
    } else if (h.count == 1 && age(people_[h.first]) >= 60 && rng_.chance(0.25)) {
      const Person& p = people_[h.first];
      if (!(p.died && p.died <= as_of_)) {
        std::snprintf(buf, sizeof buf, "%s,tekun,%s,", id(p).c_str(), date(recent(3000)).c_str());
        row(1, buf);
      }
    }
  }
  static constexpr std::array<const char*, 11> files = {
      "population.csv", "civil_affairs.csv", "disability.csv", "medical_insurance.csv", "health.csv", "hr.csv",
      "education.csv", "housing.csv", "emergency.csv", "rural_revitalization.csv", "income.csv"};
  for (size_t f = 0; f < files.size(); ++f) {
    if (!write(files[f], out[f])) {
      stats.rows[0] = static_cast<size_t>(-1);
      return;
    }
  }
}

}  // namespace jiuzhu::discovery::synth_internal
