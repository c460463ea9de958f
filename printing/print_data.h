// The data every printed document is made from (contracts: cli.md "jiuzhu-print"): the
// application of api.md, the backend's answer to it (application_no, received_at, due_date,
// status) and the hall that prints ("hall": {name, address, phone}), all in one JSON object.
//
// Decoding is strict like the rest of the model: the application part goes through core's
// decode_application (unknown fields, bad ID numbers, wrong types are errors naming the
// field); the answer and the hall are checked here, and so are the lengths that paper can
// hold (an over-long name is an error, not a squeezed line). Which parts a document needs is
// checked by the document (require_* below), so that each kind reports what it is missing.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/date.h"
#include "core/model/application.h"
#include "core/result.h"

namespace jiuzhu::printing {

struct Hall {
  std::string name, address, phone;
};

// What a document prints for a hall detail nobody has entered (the server prints the hall its
// county entered; a township without one gets this mark, never invented details). A hall name
// of kNotRegistered heads the page as "受理窗口：（未登记）" and leaves the proxy form's sentence
// naming the office in general terms.
inline constexpr const char* kNotRegistered = "（未登记）";
Hall not_registered_hall();

struct PrintData {
  model::Application application;
  std::string application_no;  // may be empty for forms printed before submission
  std::string status;          // received, pending_upload, investigating, ...
  std::string received_at;     // RFC 3339
  std::optional<Date> due_date;
  Hall hall;
  bool large_print = false;    // "large_print": true — 长辈模式's receipt, body 14 pt
  // Not in the JSON: the working-day calendar the receipt's due dates are counted on (null: the
  // shipped one). The kiosk passes its own with the county's holiday notices (kiosk/outbox/calendar.h).
  std::shared_ptr<const WorkingCalendar> calendar;
};

// Limits of what the paper layouts hold (characters, not bytes).
inline constexpr int kMaxNameChars = 20;
inline constexpr int kMaxAddressChars = 100;
inline constexpr int kMaxHallNameChars = 40;
inline constexpr int kMaxPhoneChars = 20;
inline constexpr int kMaxApplicationNoChars = 40;
inline constexpr int kMaxMembers = 200;

// Decodes and checks. `today` bounds ID-number birth dates (nullopt: today in China).
// Codes: those of decode_application, plus missing_field, bad_type, field_too_long, bad_value,
// bad_date, bad_timestamp, unknown_field — each with `field` set.
Result<PrintData> decode_print_data(const nlohmann::json& j, std::optional<Date> today = std::nullopt);
// Reads a file and decodes it (file_unreadable, malformed_json, then as above).
Result<PrintData> load_print_data(const std::string& path, std::optional<Date> today = std::nullopt);

// What a document needs beyond the application itself. Error missing_field naming the field.
Status require_answer(const PrintData& d);  // application_no, status, received_at, due_date
Status require_hall(const PrintData& d);

// "2026年11月24日 10:15" from an RFC 3339 timestamp (its own offset's wall clock).
std::string format_timestamp_zh(const std::string& rfc3339);
// "2026年12月8日"
std::string format_date_zh(Date d);

}  // namespace jiuzhu::printing
