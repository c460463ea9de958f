// The eligibility pre-screen (core/policy/engine.h) applied to queued households.
//
// A warning rule says *why* a caseworker should look (medical burden, a death, a dropout); the
// pre-screen says *which programs* the facts the departments hold do not already rule out. For
// each queued household the feeds are turned into the contract Household (eligibility.md):
//   hukou (head's hukou_type), members = living registry members with relation, monthly income
//   (latest income.csv year / 12), pension_monthly (hr.csv pension rows), disability
//   (disability.csv: the most severe grade), serious_illness (health.csv serious, last 12 months),
//   employment (latest hr.csv status; pension → retired), student (education.csv enrolled),
//   medical out-of-pocket of the last 12 months, the latest emergency of the last 3 months,
//   housing hardship, and what the household already receives.
// A feed that is absent leaves its facts unknown; a feed that is present but has no row for a
// person is taken as "none" for that person (the department's register is the authority).
// Facts no feed holds (assets, whether members live together, a supporter able to support) stay
// unknown, so most verdicts are needs_review — which is what a caseworker visit resolves.
//
// The queue keeps a rule's suggested program only when the pre-screen does not find it
// not_eligible, lists likely_eligible programs first, and records each verdict ("prescreen").
// The parameters are given as a value (RunOptions::county_params); without them, and without a
// shipped file for the county (assets/params/<code>.json), the run uses the rule mapping alone
// and says so.
//
// Thread-safety: immutable after construction; screen() may run on several threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/discovery/dataset.h"
#include "core/model/household.h"
#include "core/policy/county_params.h"
#include "core/result.h"

namespace jiuzhu::discovery {

struct ProgramVerdict {
  std::string program;
  std::string verdict;  // likely_eligible | needs_review | not_eligible
};

class Prescreen {
 public:
  // The builtin catalog and the county's parameters; an error when either cannot be loaded.
  // `params`: the county parameters to screen with (the caller's choice of version, e.g. the one
  // in force on the run date); null: the shipped assets/params/<county>.json.
  static Result<std::shared_ptr<const Prescreen>> for_county(
      const std::string& county, std::shared_ptr<const policy::CountyParams> params = nullptr);

  // The contract household for queued household `h` (exposed for tests).
  model::Household household(const Dataset& d, size_t h, const std::vector<std::string>& receiving) const;

  // Verdicts for `programs` (best verdict over a program's person-level entries).
  std::vector<ProgramVerdict> screen(const Dataset& d, size_t h, const std::vector<std::string>& receiving,
                                     const std::vector<std::string>& programs) const;

  ~Prescreen();

 private:
  Prescreen();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiuzhu::discovery
