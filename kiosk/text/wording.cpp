#include "kiosk/text/wording.h"

#include <algorithm>

#include "core/date.h"

namespace jiuzhu::kiosk {

bool due_date_provisional(const std::string& iso_date, const WorkingCalendar& cal) {
  auto d = Date::parse_iso(iso_date);
  return d && cal.provisional(d->year());
}

ResultSummary summarise_result(const nlohmann::json& result) {
  ResultSummary out;
  if (!result.is_object()) return out;
  const auto programs = result.value("programs", nlohmann::json::array());
  for (const char* verdict : {"likely_eligible", "needs_review"}) {
    for (const auto& p : programs) {
      if (!p.is_object() || p.value("verdict", "") != verdict) continue;
      const std::string id = p.value("program", "");
      // A person-level program may come once per member: one line for the household.
      if (std::any_of(out.items.begin(), out.items.end(), [&](const ResultItem& i) { return i.program == id; })) continue;
      ResultItem item;
      item.program = id;
      item.likely = std::string(verdict) == "likely_eligible";
      item.next_steps = p.value("next_steps", "");
      for (const auto& r : p.value("reasons", nlohmann::json::array())) {
        const std::string text = r.value("text", "");
        item.reasons.push_back(text);
        if (item.main_reason.empty() && !r.value("passed", false)) item.main_reason = text;
      }
      if (item.main_reason.empty()) item.main_reason = item.next_steps;
      out.items.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace jiuzhu::kiosk
