#include "printing/print_data.h"

#include <fstream>
#include <set>
#include <sstream>

#include "core/model/json_codec.h"
#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

using Json = nlohmann::json;

const std::set<std::string>& known_statuses() {
  static const std::set<std::string> s = {"received",       "pending_upload", "investigating", "under_review",
                                          "public_notice",  "approved",       "rejected",      "withdrawn",
                                          "referred"};
  return s;
}

Status check_length(const std::string& text, int max_chars, const std::string& field) {
  const auto decoded = utf8::decode(text);
  const long n = decoded ? static_cast<long>(decoded->size()) : -1;
  if (n < 0) return make_error("bad_utf8", field + " 不是有效的 UTF-8 文本", field);
  if (n > max_chars)
    return make_error("field_too_long",
                      field + " 过长（最多 " + std::to_string(max_chars) + " 个字，实有 " + std::to_string(n) + " 个）",
                      field);
  return Ok{};
}

Result<std::string> take_string(const Json& obj, const char* key, const std::string& field, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return make_error("missing_field", "缺少字段 " + field, field);
    return std::string();
  }
  if (!it->is_string()) return make_error("bad_type", field + " 必须是字符串", field);
  return it->get<std::string>();
}

bool is_timestamp(const std::string& s) {
  // YYYY-MM-DDTHH:MM[:SS[.f]](Z|±HH:MM)
  if (s.size() < 17 || !Date::parse_iso(std::string_view(s).substr(0, 10)) || (s[10] != 'T' && s[10] != ' '))
    return false;
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  return digit(11) && digit(12) && s[13] == ':' && digit(14) && digit(15);
}

}  // namespace

Result<PrintData> decode_print_data(const Json& j, std::optional<Date> today) {
  if (!j.is_object()) return make_error("bad_type", "打印数据必须是 JSON 对象");
  PrintData d;
  Json app = j;
  for (const char* k : {"application_no", "status", "received_at", "due_date", "hall", "large_print"}) app.erase(k);
  if (auto it = j.find("large_print"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return make_error("bad_type", "large_print 必须是 true 或 false", "large_print");
    d.large_print = it->get<bool>();
  }

  auto no = take_string(j, "application_no", "application_no", false);
  if (!no) return no.error();
  d.application_no = *no;
  if (auto st = check_length(d.application_no, kMaxApplicationNoChars, "application_no"); !st) return st.error();
  for (char c : d.application_no) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) return make_error("bad_value", "application_no 只能含字母、数字和连字符", "application_no");
  }
  auto status = take_string(j, "status", "status", false);
  if (!status) return status.error();
  d.status = *status;
  if (!d.status.empty() && !known_statuses().count(d.status))
    return make_error("bad_value", "status 不是已知的办理状态", "status");
  auto received = take_string(j, "received_at", "received_at", false);
  if (!received) return received.error();
  d.received_at = *received;
  if (!d.received_at.empty() && !is_timestamp(d.received_at))
    return make_error("bad_timestamp", "received_at 必须是 RFC 3339 时间", "received_at");
  auto due = take_string(j, "due_date", "due_date", false);
  if (!due) return due.error();
  if (!due->empty()) {
    d.due_date = Date::parse_iso(*due);
    if (!d.due_date) return make_error("bad_date", "due_date 必须是 YYYY-MM-DD 日期", "due_date");
  }
  if (auto it = j.find("hall"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return make_error("bad_type", "hall 必须是对象", "hall");
    for (auto& [k, v] : it->items()) {
      (void)v;
      if (k != "name" && k != "address" && k != "phone")
        return make_error("unknown_field", "hall." + k + " 不是已知字段", "hall." + k);
    }
    auto name = take_string(*it, "name", "hall.name", true);
    if (!name) return name.error();
    auto address = take_string(*it, "address", "hall.address", true);
    if (!address) return address.error();
    auto phone = take_string(*it, "phone", "hall.phone", true);
    if (!phone) return phone.error();
    d.hall = {*name, *address, *phone};
    if (auto st = check_length(d.hall.name, kMaxHallNameChars, "hall.name"); !st) return st.error();
    if (auto st = check_length(d.hall.address, kMaxAddressChars, "hall.address"); !st) return st.error();
    if (auto st = check_length(d.hall.phone, kMaxPhoneChars, "hall.phone"); !st) return st.error();
  }

  auto decoded = model::decode_application(app, today);
  if (!decoded) return decoded.error();
  d.application = std::move(*decoded);

  const auto& a = d.application;
  if (auto st = check_length(a.applicant.name, kMaxNameChars, "applicant.name"); !st) return st.error();
  if (auto st = check_length(a.applicant.address, kMaxAddressChars, "applicant.address"); !st) return st.error();
  if (auto st = check_length(a.applicant.phone, kMaxPhoneChars, "applicant.phone"); !st) return st.error();
  if (a.proxy) {
    if (auto st = check_length(a.proxy->name, kMaxNameChars, "proxy.name"); !st) return st.error();
    if (auto st = check_length(a.proxy->phone, kMaxPhoneChars, "proxy.phone"); !st) return st.error();
  }
  if (a.household.members.size() > size_t(kMaxMembers))
    return make_error("field_too_long", "household.members 超过 " + std::to_string(kMaxMembers) + " 人",
                      "household.members");
  for (size_t i = 0; i < a.household.members.size(); ++i) {
    const auto f = "household.members[" + std::to_string(i) + "].name";
    if (a.household.members[i].name.empty()) return make_error("missing_field", "缺少字段 " + f, f);
    if (auto st = check_length(a.household.members[i].name, kMaxNameChars, f); !st) return st.error();
  }
  return d;
}

Result<PrintData> load_print_data(const std::string& path, std::optional<Date> today) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("file_unreadable", "无法读取数据文件 " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto j = model::parse_json(ss.str());
  if (!j) return j.error();
  return decode_print_data(*j, today);
}

Status require_answer(const PrintData& d) {
  if (d.application_no.empty()) return make_error("missing_field", "缺少字段 application_no", "application_no");
  if (d.status.empty()) return make_error("missing_field", "缺少字段 status", "status");
  if (d.received_at.empty()) return make_error("missing_field", "缺少字段 received_at", "received_at");
  if (!d.due_date) return make_error("missing_field", "缺少字段 due_date", "due_date");
  return Ok{};
}

Hall not_registered_hall() { return Hall{kNotRegistered, kNotRegistered, kNotRegistered}; }

Status require_hall(const PrintData& d) {
  if (d.hall.name.empty()) return make_error("missing_field", "缺少字段 hall", "hall");
  return Ok{};
}

std::string format_date_zh(Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

std::string format_timestamp_zh(const std::string& s) {
  auto date = Date::parse_iso(std::string_view(s).substr(0, std::min<size_t>(10, s.size())));
  if (!date || s.size() < 16) return s;
  return format_date_zh(*date) + " " + s.substr(11, 5);
}

}  // namespace jiuzhu::printing
