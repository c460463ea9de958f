#include "backend/discovery/synth.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_set>
#include <vector>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/feed_table.h"
#include "core/csv_lines.h"
#include "core/id_number.h"
#include "core/regions.h"

namespace jiuzhu::discovery {
namespace {

// xoshiro256** seeded by splitmix64: fixed output on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Integer in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  template <size_t N>
  size_t pick(const std::array<double, N>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = uniform() * total;
    for (size_t i = 0; i < N; ++i) {
      if ((x -= weights[i]) < 0) return i;
    }
    return N - 1;
  }
  // Log-uniform amount in [lo, hi]: medical costs and losses are heavy-tailed.
  double log_uniform(double lo, double hi) { return lo * std::exp(uniform() * std::log(hi / lo)); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

// China 7th census (2020), share of population by 5-year age band 0–4 … 95–99 (percent).
constexpr std::array<double, 20> kPyramid = {5.49, 6.35, 5.86, 5.25, 5.30, 6.21, 8.76, 6.99, 6.66, 8.28,
                                             8.68, 7.18, 5.24, 5.09, 3.46, 2.21, 1.43, 0.72, 0.22, 0.04};
// Household sizes 1…7 (7th census shape, mean ≈ 2.7).
constexpr std::array<double, 7> kHouseholdSize = {22, 29, 22, 14, 7.5, 3.5, 2};

constexpr std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏",
    "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖"};
constexpr std::array<const char*, 64> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "文", "辉", "建", "国", "志", "红",
    "梅", "海", "林", "春", "云", "珍", "荣", "德", "福", "宁", "凤", "金", "晶", "鹏", "宇", "欣",
    "怡", "佳", "浩", "思", "雨", "子", "梓", "涵", "轩", "婷", "琳", "倩", "斌", "亮", "成", "燕"};
constexpr std::array<const char*, 24> kVillageChars = {"山", "水", "石", "桥", "塘", "岭", "坪", "江",
                                                       "东", "西", "南", "北", "新", "龙", "凤", "寿",
                                                       "福", "安", "和", "平", "溪", "田", "村", "源"};
constexpr std::array<const char*, 8> kSerious = {"恶性肿瘤", "尿毒症", "白血病", "脑卒中后遗症",
                                                 "重性精神病", "耐多药肺结核", "心脏瓣膜置换", "终末期肝病"};
constexpr std::array<const char*, 6> kCommon = {"高血压", "糖尿病", "慢性支气管炎", "骨折", "肺炎", "胃炎"};

struct Person {
  uint64_t key = 0;  // 17 digits
  std::string name;
  int32_t birth = 0, died = 0;
  int relation = 0;  // index into kRelationNames
  int household = 0;
};
constexpr std::array<const char*, 6> kRelationNames = {"head", "spouse", "child", "parent", "grandchild", "sibling"};

struct Household {
  int township = 0;
  std::string village;
  bool rural = true;
  uint32_t first = 0, count = 0;
};

int32_t shift_days(Date d, int days) { return date_int(d.plus_days(days)); }

class Generator {
 public:
  Generator(const SynthOptions& o, std::vector<std::string> townships)
      : o_(o), rng_(o.seed), towns_(std::move(townships)), as_of_(date_int(o.as_of)) {}

  Result<SynthStats> run();

 private:
  int age_from_pyramid(int min_age, int max_age);
  int32_t birth_for_age(int age);
  uint64_t new_id(int32_t birth, bool male);
  std::string name(const std::string& surname);
  void add_person(int household, int relation, int age, const std::string& surname, bool male);
  void make_households();
  void write_feeds(SynthStats& stats);
  bool write(const char* file, const std::string& body);
  std::string id(const Person& p) const { return id_string(p.key); }
  int age(const Person& p) const { return age_years(p.birth, as_of_); }
  std::string date(int32_t v) const { return date_from_int(v).iso(); }
  // A date within the last `days` days (up to and including the reference date).
  int32_t recent(int days) { return shift_days(o_.as_of, -rng_.range(0, days - 1)); }

  const SynthOptions& o_;
  Rng rng_;
  std::vector<std::string> towns_;
  std::vector<std::vector<std::string>> villages_;
  int32_t as_of_;
  std::vector<Person> people_;
  std::vector<Household> households_;
  std::unordered_set<uint64_t> used_;
};

int Generator::age_from_pyramid(int min_age, int max_age) {
  for (;;) {
    const size_t band = rng_.pick(kPyramid);
    const int a = static_cast<int>(band) * 5 + rng_.range(0, 4);
    if (a >= min_age && a <= max_age) return a;
  }
}

int32_t Generator::birth_for_age(int age) {
  // A birthday uniformly within the year of age.
  return shift_days(o_.as_of, -(age * 365 + age / 4) - rng_.range(1, 364));
}

uint64_t Generator::new_id(int32_t birth, bool male) {
  const uint64_t region = std::stoull(o_.county);
  for (;;) {
    int seq = rng_.range(0, 499) * 2 + (male ? 1 : 0);
    const uint64_t key = region * 100000000000ULL + static_cast<uint64_t>(birth) * 1000ULL + static_cast<uint64_t>(seq);
    if (used_.insert(key).second) return key;
  }
}

std::string Generator::name(const std::string& surname) {
  std::string n = surname;
  n += kGiven[rng_.next() % kGiven.size()];
  if (rng_.chance(0.75)) n += kGiven[rng_.next() % kGiven.size()];
  return n;
}

void Generator::add_person(int household, int relation, int age, const std::string& surname, bool male) {
  Person p;
  p.birth = birth_for_age(std::clamp(age, 0, 104));
  p.key = new_id(p.birth, male);
  p.name = name(surname);
  p.relation = relation;
  p.household = household;
  // Deaths in the last two years stay in the registry with their date (older people more often).
  const int a = age;
  const double p_died = a >= 80 ? 0.10 : a >= 70 ? 0.04 : a >= 60 ? 0.015 : a >= 18 ? 0.004 : 0.0005;
  if (rng_.chance(p_died)) {
    p.died = recent(730);
    if (p.died < p.birth) p.died = 0;
  }
  people_.push_back(std::move(p));
}

void Generator::make_households() {
  villages_.resize(towns_.size());
  for (auto& vs : villages_) {
    const int n = rng_.range(8, 20);
    for (int i = 0; i < n; ++i) {
      // Each draw in its own statement: argument order is unspecified, bytes must not be.
      const char* a = kVillageChars[rng_.next() % kVillageChars.size()];
      const char* b = kVillageChars[rng_.next() % kVillageChars.size()];
      const bool village = rng_.chance(0.8);
      vs.push_back(std::string(a) + b + (village ? "村" : "社区"));
    }
  }
  while (people_.size() < o_.residents) {
    Household h;
    h.township = static_cast<int>(rng_.next() % towns_.size());
    const auto& vs = villages_[static_cast<size_t>(h.township)];
    h.village = vs[rng_.next() % vs.size()];
    h.rural = h.village.size() >= 3 && h.village.compare(h.village.size() - 3, 3, "村") == 0 ? rng_.chance(0.9)
                                                                                           : rng_.chance(0.2);
    h.first = static_cast<uint32_t>(people_.size());
    const int hid = static_cast<int>(households_.size());
    size_t size = rng_.pick(kHouseholdSize) + 1;
    size = std::min(size, o_.residents - people_.size());
    size_t surname_index = rng_.next() % kSurnames.size();
    if (rng_.chance(0.5)) surname_index /= 2;  // the commonest surnames are commoner still
    const std::string surname = kSurnames[surname_index];
    const bool head_male = rng_.chance(0.7);
    if (size == 1) {
      // One-person households are young migrants or, more often, older people living alone.
      const int age = rng_.chance(0.35) ? age_from_pyramid(60, 104) : age_from_pyramid(18, 104);
      add_person(hid, 0, age, surname, head_male);
    } else if (size <= 4 && rng_.chance(0.01)) {
      // Skip-generation households (隔代家庭): grandparents raising grandchildren.
      const int grandparent_age = rng_.range(60, 82);
      add_person(hid, 0, grandparent_age, surname, head_male);
      for (size_t i = 1; i < size; ++i) {
        const int grandchild_age = rng_.range(2, 16);
        const bool male = rng_.chance(0.52);
        add_person(hid, 4, grandchild_age, surname, male);
      }
    } else {
      // Households with a child are headed by people 22–60; larger ones add the head's parents.
      const int head_age = size >= 3            ? age_from_pyramid(24, 56)
                           : rng_.chance(0.35) ? age_from_pyramid(55, 100)
                                               : age_from_pyramid(20, 100);
      add_person(hid, 0, head_age, surname, head_male);
      size_t left = size - 1;
      if (size == 2 && rng_.chance(0.3) && head_age >= 38) {
        const int child_age = std::max(0, head_age - rng_.range(22, 36));
        const bool male = rng_.chance(0.5);
        add_person(hid, 2, child_age, surname, male);
        left = 0;
      } else {
        const int spouse_age = std::clamp(head_age + rng_.range(-4, 4), 18, 104);
        const std::string spouse_surname = kSurnames[rng_.next() % kSurnames.size()];
        add_person(hid, 1, spouse_age, spouse_surname, !head_male);
        --left;
      }
      size_t parents = 0;
      if (size >= 5) parents = std::min<size_t>(left, rng_.chance(0.6) ? 2 : 1);
      else if (size >= 3 && rng_.chance(0.25)) parents = 1;
      for (size_t i = 0; i < parents; ++i) {
        const int parent_age = std::min(104, head_age + rng_.range(22, 34));
        const std::string parent_surname = i == 0 ? surname : kSurnames[rng_.next() % kSurnames.size()];
        add_person(hid, 3, parent_age, parent_surname, i == 0);
      }
      left -= parents;
      for (size_t i = 0; i < left; ++i) {
        const int child_age = head_age - rng_.range(22, 38);
        const bool male = rng_.chance(0.52);
        if (child_age >= 0) {
          add_person(hid, 2, child_age, surname, male);
        } else {
          const int grandchild_age = std::max(0, head_age - rng_.range(44, 56));
          add_person(hid, 4, grandchild_age, surname, male);
        }
      }
    }
    h.count = static_cast<uint32_t>(people_.size()) - h.first;
    households_.push_back(std::move(h));
  }
}

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

Result<SynthStats> Generator::run() {
  make_households();
  SynthStats stats;
  stats.residents = people_.size();
  stats.households = households_.size();
  ::mkdir(o_.out_dir.c_str(), 0755);
  write_feeds(stats);
  if (stats.rows[0] == static_cast<size_t>(-1)) {
    return make_error("write_failed", "cannot write feeds into " + o_.out_dir);
  }
  return stats;
}

}  // namespace

Result<SynthStats> synthesize_county(const SynthOptions& options) {
  if (options.residents == 0 || options.residents > 50'000'000) {
    return make_error("bad_size", "residents must be between 1 and 50,000,000", "residents");
  }
  const std::string path =
      options.townships_csv.empty() ? assets_dir() + "/data/townships.csv" : options.townships_csv;
  std::string text;
  if (!detail::read_file(path, text)) return make_error("unknown_county", "cannot read " + path);
  std::vector<std::string> towns;
  for (const auto& line : detail::split_data_lines(text)) {
    if (!line.fields.empty() && line.fields[0].size() == 9 && line.fields[0].substr(0, 6) == options.county) {
      towns.emplace_back(line.fields[0]);
    }
  }
  if (options.county.size() != 6 || towns.empty()) {
    return make_error("unknown_county", "no townships listed for county " + options.county, "county");
  }
  Generator g(options, std::move(towns));
  return g.run();
}

}  // namespace jiuzhu::discovery
