// intake/referral_workflow.h
#include "backend/intake/referral_workflow.h"

#include <string>

#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace jiuzhu::backend {
namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

constexpr EnumNames<ReferralStatus, 4> kStatusNames = {{
    {ReferralStatus::sent, "sent"},
    {ReferralStatus::accepted, "accepted"},
    {ReferralStatus::done, "done"},
    {ReferralStatus::returned, "returned"},
}};

}  // namespace

const char* to_string(ReferralStatus status) { return name_in(kStatusNames, status, "sent"); }

std::optional<ReferralStatus> parse_referral_status(std::string_view name) {
  return value_in(kStatusNames, name);
}

void to_json(nlohmann::json& j, ReferralStatus status) { j = to_string(status); }

Result<ReferralStep> parse_referral_step(std::string_view name) {
  if (name == "accept") return ReferralStep::accept;
  if (name == "done") return ReferralStep::done;
  if (name == "return") return ReferralStep::give_back;
  return make_error("unknown_step", "step must be accept, done or return", "step");
}

const char* to_string(ReferralStep step) {
  switch (step) {
    case ReferralStep::accept:
      return "accept";
    case ReferralStep::done:
      return "done";
    case ReferralStep::give_back:
      return "return";
  }
  return "";
}

Result<ReferralStatus> next_referral_status(ReferralStatus status, ReferralStep step, std::string_view text) {
  auto illegal = [&] {
    return make_error("illegal_transition",
                      std::string("a referral that is ") + to_string(status) + " cannot " + to_string(step),
                      "step");
  };
  switch (step) {
    case ReferralStep::accept:
      if (status != ReferralStatus::sent) return illegal();
      return ReferralStatus::accepted;
    case ReferralStep::done:
      if (status != ReferralStatus::accepted) return illegal();
      if (blank(text)) return make_error("note_required", "say what was done for the household", "note");
      return ReferralStatus::done;
    case ReferralStep::give_back:
      if (status != ReferralStatus::sent && status != ReferralStatus::accepted) return illegal();
      if (blank(text)) return make_error("reason_required", "a returned referral needs its reason", "reason");
      return ReferralStatus::returned;
  }
  return illegal();
}

}  // namespace jiuzhu::backend
