// Benchmark of the eligibility pre-screen (issue 3).
//
// Builds N synthetic but realistic households (default 100,000; 1–6 members, rural/urban,
// incomes around the standard, elderly, children, students, disabilities of every kind,
// emergencies, ~3% with a missing fact so the needs_review path is exercised), then:
//   - evaluates all of them on one thread, 5 times; reports the median households/second by
//     this thread's CPU time (the machine may be shared; wall-clock figures are printed too);
//   - renders the full result JSON (every trace sentence) for 10,000 of them, 5 times;
//   - loads the shipped catalog 21 times; reports the median milliseconds (wall and CPU).
// The last line of stdout is one JSON object with the figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <ctime>
#include <string>
#include <vector>

#include "core/id_number.h"
#include "core/policy/engine.h"

using namespace jiuzhu;
using Clock = std::chrono::steady_clock;

namespace {

const Date kAsOf{2026, 11, 24};

std::string make_id(std::mt19937_64& rng, int age) {
  const Date birth = Date(kAsOf.year() - age, 1, 1).plus_days(static_cast<int>(rng() % 365));
  char buf[32];
  std::snprintf(buf, sizeof buf, "450326%04d%02u%02u%03u", birth.year(), birth.month(), birth.day(),
                static_cast<unsigned>(rng() % 1000));
  std::string id(buf);
  return id + IdNumber::check_character(id);
}

model::Household make_household(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0, 1);
  model::Household h;
  h.hukou = unit(rng) < 0.7 ? model::Hukou::rural : model::Hukou::urban;
  const int size = 1 + static_cast<int>(rng() % 6);
  for (int i = 0; i < size; ++i) {
    model::Member m;
    const double r = unit(rng);
    const int age = r < 0.2 ? static_cast<int>(rng() % 16) : r < 0.75 ? 16 + static_cast<int>(rng() % 44) : 60 + static_cast<int>(rng() % 35);
    m.id_number = make_id(rng, age);
    m.relation = i == 0 ? model::Relation::self : static_cast<model::Relation>(1 + rng() % 7);
    m.lives_together = unit(rng) < 0.93;
    m.in_prison = unit(rng) < 0.01;
    m.monthly_income = age >= 16 && age < 60 ? std::round(unit(rng) * 3000) : 0.0;
    m.pension_monthly = age >= 60 ? std::round(unit(rng) * 800) : 0.0;
    if (unit(rng) < 0.12) {
      m.disability = std::optional<model::Disability>{model::Disability{static_cast<model::DisabilityKind>(rng() % 7), 1 + static_cast<int>(rng() % 4)}};
    } else {
      m.disability = std::optional<model::Disability>{};
    }
    m.serious_illness = unit(rng) < 0.05;
    m.employment = age < 16 ? model::Employment::none : static_cast<model::Employment>(rng() % 4);
    if (age >= 6 && age < 23 && unit(rng) < 0.8) m.student = std::optional<model::Student>{model::Student{static_cast<model::StudentLevel>(rng() % 7)}};
    else m.student = std::optional<model::Student>{};
    if (unit(rng) < 0.03) m.monthly_income.reset();  // a missing fact now and then
    h.members.push_back(std::move(m));
  }
  h.assets.deposits = std::round(unit(rng) * 30000);
  h.assets.vehicles = unit(rng) < 0.1 ? 1 : 0;
  h.assets.extra_housing = unit(rng) < 0.05 ? 1 : 0;
  h.rigid_expenses_12m.medical_out_of_pocket = unit(rng) < 0.3 ? std::round(unit(rng) * 20000) : 0.0;
  h.rigid_expenses_12m.education = unit(rng) < 0.2 ? std::round(unit(rng) * 10000) : 0.0;
  h.rigid_expenses_12m.rehabilitation = 0.0;
  if (unit(rng) < 0.08) {
    h.emergency = std::optional<model::Emergency>{model::Emergency{model::EmergencyKind::accident, kAsOf.plus_days(-static_cast<int>(rng() % 120)), 10000.0}};
  } else {
    h.emergency = std::optional<model::Emergency>{};
  }
  h.has_able_supporter = unit(rng) < 0.6;
  h.housing_hardship = unit(rng) < 0.1;
  return h;
}

// CPU time of this thread: the figure that means "on one core" on a shared, loaded machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  if (n <= 0) {
    std::fputs("usage: bench_eligibility [households]\n", stderr);
    return 2;
  }
  std::vector<double> load_ms;
  std::vector<double> load_cpu_ms;
  for (int i = 0; i < 21; ++i) {
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    auto c = policy::Catalog::load_builtin();
    load_cpu_ms.push_back((cpu_seconds() - c0) * 1000.0);
    const auto t1 = Clock::now();
    if (!c) {
      std::fprintf(stderr, "catalog: %s\n", c.error().message.c_str());
      return 1;
    }
    load_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  auto catalog = policy::Catalog::load_builtin();
  auto params = policy::CountyParams::load_county(*catalog, "450326");
  if (!params) {
    std::fprintf(stderr, "params: %s\n", params.error().message.c_str());
    return 1;
  }

  std::mt19937_64 rng(20261124);
  std::vector<model::Household> households;
  households.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) households.push_back(make_household(rng));

  std::vector<double> eval_s, eval_cpu;
  size_t likely = 0, review = 0, entries = 0;
  for (int run = 0; run < 5; ++run) {
    likely = review = entries = 0;
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    for (const auto& h : households) {
      const policy::EligibilityResult r = policy::evaluate(*catalog, *params, h, kAsOf);
      entries += r.programs.size();
      for (const auto& p : r.programs) {
        likely += p.verdict == policy::Verdict::likely_eligible;
        review += p.verdict == policy::Verdict::needs_review;
      }
    }
    eval_cpu.push_back(cpu_seconds() - c0);
    eval_s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  const int json_n = std::min(n, 10000);
  std::vector<double> json_cpu;
  size_t bytes = 0;
  for (int run = 0; run < 5; ++run) {
    bytes = 0;
    const double c0 = cpu_seconds();
    for (int i = 0; i < json_n; ++i) {
      bytes += policy::evaluate(*catalog, *params, households[static_cast<size_t>(i)], kAsOf).to_json().dump().size();
    }
    json_cpu.push_back(cpu_seconds() - c0);
  }

  const double cpu = median(eval_cpu), wall = median(eval_s);
  std::printf("households: %d, program entries: %zu (likely %zu, needs_review %zu)\n", n, entries, likely, review);
  std::printf("evaluate: median %.3f s CPU (%.3f s wall) over 5 runs; with full JSON text: %.3f s CPU for %d (%zu bytes)\n",
              cpu, wall, median(json_cpu), json_n, bytes);
  std::printf(
      "{\"households\": %d, \"evaluate_cpu_seconds_median\": %.4f, \"evaluate_wall_seconds_median\": %.4f, "
      "\"households_per_second\": %.0f, \"households_per_second_wall\": %.0f, "
      "\"households_per_second_with_json\": %.0f, \"catalog_load_ms\": %.3f, \"catalog_load_cpu_ms\": %.3f, "
      "\"runs\": 5, \"catalog_load_runs\": 21}\n",
      n, cpu, wall, n / cpu, n / wall, json_n / median(json_cpu), median(load_ms), median(load_cpu_ms));
  return 0;
}
