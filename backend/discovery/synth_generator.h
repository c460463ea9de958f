// Internal to the discovery library: the synthetic county generator shared by synth.cpp (people
// and households) and synth_feeds.cpp (the departmental feed files). See synth.h.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "backend/discovery/feed_table.h"
#include "backend/discovery/synth.h"
#include "core/date.h"

namespace jiuzhu::discovery::synth_internal {


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
inline constexpr std::array<double, 20> kPyramid = {5.49, 6.35, 5.86, 5.25, 5.30, 6.21, 8.76, 6.99, 6.66, 8.28,
                                             8.68, 7.18, 5.24, 5.09, 3.46, 2.21, 1.43, 0.72, 0.22, 0.04};
// Household sizes 1…7 (7th census shape, mean ≈ 2.7).
inline constexpr std::array<double, 7> kHouseholdSize = {22, 29, 22, 14, 7.5, 3.5, 2};

inline constexpr std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏",
    "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖"};
inline constexpr std::array<const char*, 64> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "文", "辉", "建", "国", "志", "红",
    "梅", "海", "林", "春", "云", "珍", "荣", "德", "福", "宁", "凤", "金", "晶", "鹏", "宇", "欣",
    "怡", "佳", "浩", "思", "雨", "子", "梓", "涵", "轩", "婷", "琳", "倩", "斌", "亮", "成", "燕"};
inline constexpr std::array<const char*, 24> kVillageChars = {"山", "水", "石", "桥", "塘", "岭", "坪", "江",
                                                       "东", "西", "南", "北", "新", "龙", "凤", "寿",
                                                       "福", "安", "和", "平", "溪", "田", "村", "源"};
inline constexpr std::array<const char*, 8> kSerious = {"恶性肿瘤", "尿毒症", "白血病", "脑卒中后遗症",
                                                 "重性精神病", "耐多药肺结核", "心脏瓣膜置换", "终末期肝病"};
inline constexpr std::array<const char*, 6> kCommon = {"高血压", "糖尿病", "慢性支气管炎", "骨折", "肺炎", "胃炎"};

struct Person {
  uint64_t key = 0;  // 17 digits
  std::string name;
  int32_t birth = 0, died = 0;
  int relation = 0;  // index into kRelationNames
  int household = 0;
};
inline constexpr std::array<const char*, 6> kRelationNames = {"head", "spouse", "child", "parent", "grandchild", "sibling"};

struct Household {
  int township = 0;
  std::string village;
  bool rural = true;
  uint32_t first = 0, count = 0;
};

inline int32_t shift_days(Date d, int days) { return date_int(d.plus_days(days)); }

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

}  // namespace jiuzhu::discovery::synth_internal
