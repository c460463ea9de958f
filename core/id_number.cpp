#include "core/id_number.h"

#include <array>

#include "core/calendar_day.h"
#include "core/regions.h"

namespace jiuzhu {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A number bears the region code of the place and time it was first issued; counties merged
// or renamed since then keep their old codes on people's cards. So a code is known when the
// county is in the table, or failing that its prefecture (4-digit prefix) is.
bool region_known(const RegionTable& regions, std::string_view code) {
  if (regions.contains(code)) return true;
  std::string city(code.substr(0, 4));
  city += "00";
  return code.substr(4, 2) != "00" && regions.contains(city);
}

}  // namespace

char IdNumber::check_character(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * check_weight(i);
  return check_character_of_sum(sum);
}

Result<IdNumber> IdNumber::parse(std::string_view text, const RegionTable* regions, std::optional<Date> today) {
  if (text.size() != 18) {
    return make_error("wrong_length", "身份证号码应为18位", "id_number");
  }
  std::string number(text);
  if (number[17] == 'x') number[17] = 'X';
  if (!all_digits(std::string_view(number).substr(0, 17)) ||
      !(all_digits(std::string_view(number).substr(17)) || number[17] == 'X')) {
    return make_error("bad_character", "身份证号码只能是数字，最后一位可以是X", "id_number");
  }
  const RegionTable& table = regions ? *regions : RegionTable::builtin();
  if (!region_known(table, std::string_view(number).substr(0, 6))) {
    return make_error("unknown_region", "身份证号码前6位地区代码不存在，请核对", "id_number");
  }
  auto birth = Date::parse_compact(std::string_view(number).substr(6, 8));
  if (!birth || birth->year() < kEarliestYear) {
    return make_error("impossible_birth_date", "身份证号码中的出生日期不存在，请核对", "id_number");
  }
  if (*birth > today.value_or(Date::today_china())) {
    return make_error("future_birth_date", "身份证号码中的出生日期晚于今天，请核对", "id_number");
  }
  if (check_character(std::string_view(number).substr(0, 17)) != number[17]) {
    return make_error("bad_check_character", "身份证号码最后一位校验码不对，请核对", "id_number");
  }
  return IdNumber(std::move(number), *birth);
}

Result<IdNumber> IdNumber::from_legacy15(std::string_view text, const RegionTable* regions,
                                         std::optional<Date> today) {
  if (text.size() != 15) {
    return make_error("wrong_length", "旧版身份证号码应为15位", "id_number");
  }
  if (!all_digits(text)) {
    return make_error("bad_character", "旧版身份证号码只能是数字", "id_number");
  }
  std::string first17;
  first17.reserve(18);
  first17.append(text.substr(0, 6)).append("19").append(text.substr(6, 9));
  first17.push_back(check_character(first17));
  return parse(first17, regions, today);
}

std::string mask_id_number(std::string_view id, int head, int tail) {
  const int n = static_cast<int>(id.size());
  if (head < 0) head = 0;
  if (tail < 0) tail = 0;
  // A short or partial string must never be shown whole: keep at most a third of it.
  if (head + tail >= n) {
    head = n / 3;
    tail = 0;
  }
  std::string out(id.substr(0, static_cast<size_t>(head)));
  out.append(static_cast<size_t>(n - head - tail), '*');
  out.append(id.substr(static_cast<size_t>(n - tail)));
  return out;
}

std::string mask_name(std::string_view utf8_name) {
  if (utf8_name.empty()) return {};
  // Length of the first UTF-8 character.
  const unsigned char lead = static_cast<unsigned char>(utf8_name[0]);
  size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  first = std::min(first, utf8_name.size());
  size_t chars = 0;
  for (size_t i = first; i < utf8_name.size(); ++i) {
    if ((static_cast<unsigned char>(utf8_name[i]) & 0xC0) != 0x80) ++chars;
  }
  std::string out(utf8_name.substr(0, first));
  out.append(std::max<size_t>(chars, 1), '*');
  return out;
}

}  // namespace jiuzhu
