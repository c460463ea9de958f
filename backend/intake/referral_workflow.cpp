// intake/referral_workflow.h
#include "backend/intake/referral_workflow.h"

namespace jiuzhu::backend {
namespace {
bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }
}  // namespace

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

Result<std::string> next_referral_status(std::string_view status, ReferralStep step, std::string_view text) {
  auto illegal = [&] {
    return make_error("illegal_transition",
                      std::string("a referral that is ") + std::string(status) + " cannot " + to_string(step),
                      "step");
  };
  switch (step) {
    case ReferralStep::accept:
      if (status != "sent") return illegal();
      return std::string("accepted");
    case ReferralStep::done:
      if (status != "accepted") return illegal();
      if (blank(text)) return make_error("note_required", "say what was done for the household", "note");
      return std::string("done");
    case ReferralStep::give_back:
      if (status != "sent" && status != "accepted") return illegal();
      if (blank(text)) return make_error("reason_required", "a returned referral needs its reason", "reason");
      return std::string("returned");
  }
  return illegal();
}

}  // namespace jiuzhu::backend
