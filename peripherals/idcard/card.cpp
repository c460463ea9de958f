#include "peripherals/idcard/card.h"

#include <algorithm>
#include <array>
#include <map>

#include "peripherals/idcard/nations.h"
#include "peripherals/idcard/ucs2.h"

namespace jiuzhu::idcard {
namespace {

struct Field {
  std::string_view key;
  std::size_t size;
};

// Field tables of idcard.md, in card order; each sums to 256 bytes.
constexpr std::array<Field, 14> kResidentLayout{{{"name", 30}, {"sex", 2}, {"nation", 4}, {"birth", 16},
    {"address", 70}, {"id_number", 36}, {"issuer", 30}, {"valid_from", 16}, {"valid_to", 16},
    {"pass_number", 18}, {"issue_count", 4}, {"reserved1", 6}, {"flag", 2}, {"reserved2", 6}}};
constexpr std::array<Field, 12> kForeigner2017Layout{{{"english_name", 120}, {"sex", 2}, {"id_number", 30},
    {"nationality", 6}, {"name", 30}, {"valid_from", 16}, {"valid_to", 16}, {"birth", 16},
    {"card_version", 4}, {"issuer", 8}, {"flag", 2}, {"reserved1", 6}}};
// The 2023 card splits the English name into 70 + 22 bytes; "english_name2" is the tail.
constexpr std::array<Field, 13> kForeigner2023Layout{{{"name", 30}, {"sex", 2}, {"renewal_count", 4},
    {"birth", 16}, {"english_name", 70}, {"id_number", 36}, {"reserved1", 30}, {"valid_from", 16},
    {"valid_to", 16}, {"english_name2", 22}, {"nationality", 6}, {"flag", 2}, {"old_number_link", 6}}};

constexpr std::size_t kFlagOffset = 248;
constexpr std::string_view kLongTerm = "长期";

template <std::size_t N>
constexpr std::size_t layout_size(const std::array<Field, N>& l) {
  std::size_t s = 0;
  for (const auto& f : l) s += f.size;
  return s;
}
static_assert(layout_size(kResidentLayout) == kTextSize);
static_assert(layout_size(kForeigner2017Layout) == kTextSize);
static_assert(layout_size(kForeigner2023Layout) == kTextSize);

using Fields = std::map<std::string_view, std::string>;

template <std::size_t N>
Fields split(std::span<const std::uint8_t> text, const std::array<Field, N>& layout) {
  Fields out;
  std::size_t at = 0;
  for (const auto& f : layout) {
    out[f.key] = ucs2le_to_utf8_trimmed(text.subspan(at, f.size));
    at += f.size;
  }
  return out;
}

Error field_error(std::string_view field, std::string message) {
  return make_error("card_field_invalid", std::move(message), std::string(field));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// An 18-character number with the GB 11643 MOD 11-2 check character.
bool check_character_ok(std::string_view n) {
  return n.size() == 18 && all_digits(n.substr(0, 17)) && IdNumber::check_character(n.substr(0, 17)) == n[17];
}

std::string compact(Date d) {
  const std::string iso = d.iso();
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

struct Common {
  Sex sex = Sex::male;
  Date birth, from;
  std::optional<Date> to;
};

Result<Common> decode_common(const Fields& f) {
  Common c;
  const std::string& sex = f.at("sex");
  if (sex == "1") c.sex = Sex::male;
  else if (sex == "2") c.sex = Sex::female;
  else return field_error("sex", "身份证上的性别无法识别");
  const auto birth = Date::parse_compact(f.at("birth"));
  if (!birth) return field_error("birth_date", "身份证上的出生日期无法识别");
  c.birth = *birth;
  const auto from = Date::parse_compact(f.at("valid_from"));
  if (!from) return field_error("valid_from", "身份证上的有效期无法识别");
  c.from = *from;
  const std::string& to = f.at("valid_to");
  if (to != kLongTerm) {
    const auto d = Date::parse_compact(to);
    if (!d) return field_error("valid_to", "身份证上的有效期无法识别");
    c.to = *d;
  }
  return c;
}

Error inconsistent(std::string_view field) {
  return make_error("card_inconsistent", "身份证上的号码与出生日期或性别不一致，请到窗口办理", std::string(field));
}

Error bad_number(std::string message) {
  return make_error("card_id_number_invalid", std::move(message), "id_number");
}

// The number's birth date, and for resident-style numbers its sex digit (odd = male). The
// 2023 foreigner number shares the layout, but its sequence is not published as sex-coded.
Status check_birth_and_sex(std::string_view number, const Card& c, bool sex_coded = true) {
  if (number.substr(6, 8) != compact(c.birth_date)) return inconsistent("birth_date");
  if (!sex_coded) return Ok{};
  const bool odd = (number[16] - '0') % 2 == 1;
  if (odd != (c.sex == Sex::male)) return inconsistent("sex");
  return Ok{};
}

Result<Card> decode_resident_like(const Fields& f, bool permit, std::optional<Date> today) {
  auto common = decode_common(f);
  if (!common) return common.error();
  Card c;
  c.type = permit ? CardType::hkmo_tw_permit : CardType::resident;
  c.name = f.at("name");
  c.sex = common->sex;
  c.birth_date = common->birth;
  c.valid_from = common->from;
  c.valid_to = common->to;
  c.address = f.at("address");
  c.issuer = f.at("issuer");
  c.id_number = f.at("id_number");
  if (c.name.empty()) return field_error("name", "身份证上没有姓名");
  if (!permit) {
    const auto nation = nation_name(f.at("nation"));
    if (!nation) return field_error("nation", "身份证上的民族代码无法识别");
    c.nation = *nation;
    auto id = IdNumber::parse(c.id_number, nullptr, today);
    if (!id) return bad_number(id.error().message);
    c.id_number = id->str();
  } else {
    c.pass_number = f.at("pass_number");
    c.issue_count = f.at("issue_count");
    const std::string_view prefix = std::string_view(c.id_number).substr(0, 6);
    if (c.id_number.size() != 18 || (prefix != "810000" && prefix != "820000" && prefix != "830000")) {
      return bad_number("港澳台居民居住证号码格式不对");
    }
    if (!check_character_ok(c.id_number)) return bad_number("港澳台居民居住证号码校验位不对");
  }
  auto consistent = check_birth_and_sex(c.id_number, c);
  if (!consistent) return consistent.error();
  return c;
}

Result<Card> decode_foreigner_2017(const Fields& f) {
  auto common = decode_common(f);
  if (!common) return common.error();
  Card c;
  c.type = CardType::foreigner_2017;
  c.english_name = f.at("english_name");
  c.name = f.at("name");
  c.sex = common->sex;
  c.birth_date = common->birth;
  c.valid_from = common->from;
  c.valid_to = common->to;
  c.id_number = f.at("id_number");
  c.nationality = f.at("nationality");
  c.card_version = f.at("card_version");
  c.issuer = f.at("issuer");
  if (c.english_name.empty()) return field_error("english_name", "永久居留身份证上没有英文姓名");
  // 3 letters (nationality) + 2 digits (province) + YYMMDD + 4 more digits (sequence, check).
  const std::string& n = c.id_number;
  bool shape = n.size() == 15 && all_digits(n.substr(3));
  for (std::size_t i = 0; shape && i < 3; ++i) shape = n[i] >= 'A' && n[i] <= 'Z';
  if (!shape) return bad_number("永久居留身份证号码格式不对");
  if (n.substr(5, 6) != compact(c.birth_date).substr(2)) return inconsistent("birth_date");
  return c;
}

Result<Card> decode_foreigner_2023(std::span<const std::uint8_t> text, const Fields& f) {
  auto common = decode_common(f);
  if (!common) return common.error();
  Card c;
  c.type = CardType::foreigner_2023;
  c.name = f.at("name");
  c.sex = common->sex;
  c.birth_date = common->birth;
  c.valid_from = common->from;
  c.valid_to = common->to;
  c.renewal_count = f.at("renewal_count");
  c.id_number = f.at("id_number");
  c.nationality = f.at("nationality");
  c.old_number_link = f.at("old_number_link");
  // The English name runs on from its first part into its second without a separator.
  std::vector<std::uint8_t> eng(text.begin() + 52, text.begin() + 122);
  eng.insert(eng.end(), text.begin() + 220, text.begin() + 242);
  c.english_name = ucs2le_to_utf8_trimmed(eng);
  if (c.english_name.empty() && c.name.empty()) return field_error("name", "永久居留身份证上没有姓名");
  // Since 2023 the number has the resident number's structure with a leading 9.
  if (c.id_number.size() != 18 || c.id_number[0] != '9') return bad_number("永久居留身份证号码格式不对");
  if (!check_character_ok(c.id_number)) return bad_number("永久居留身份证号码校验位不对");
  auto consistent = check_birth_and_sex(c.id_number, c, false);
  if (!consistent) return consistent.error();
  return c;
}

template <std::size_t N>
Result<std::vector<std::uint8_t>> join(const Fields& values, const std::array<Field, N>& layout) {
  std::vector<std::uint8_t> out;
  out.reserve(kTextSize);
  for (const auto& f : layout) {
    auto it = values.find(f.key);
    const std::string value = it == values.end() ? std::string() : it->second;
    auto enc = utf8_to_ucs2le_padded(value, f.size);
    if (!enc) return make_error("card_field_too_long", "字段太长或不是有效的 UTF-8", std::string(f.key));
    out.insert(out.end(), enc->begin(), enc->end());
  }
  return out;
}

}  // namespace

std::string_view card_type_name(CardType t) {
  switch (t) {
    case CardType::resident: return "resident";
    case CardType::hkmo_tw_permit: return "hkmo_tw_permit";
    case CardType::foreigner_2017: return "foreigner_2017";
    case CardType::foreigner_2023: return "foreigner_2023";
  }
  return "resident";
}

std::optional<CardType> card_type_from_name(std::string_view s) {
  for (CardType t : {CardType::resident, CardType::hkmo_tw_permit, CardType::foreigner_2017, CardType::foreigner_2023}) {
    if (card_type_name(t) == s) return t;
  }
  return std::nullopt;
}

Result<Card> decode_card_text(std::span<const std::uint8_t> text, std::optional<Date> today) {
  if (text.size() != kTextSize) return make_error("card_text_length", "身份证文字信息长度不对");
  const std::uint8_t flag = text[kFlagOffset];
  if (text[kFlagOffset + 1] != 0) return make_error("unsupported_card_type", "无法识别的证件类型");
  switch (flag) {
    case ' ': return decode_resident_like(split(text, kResidentLayout), false, today);
    case 'J': return decode_resident_like(split(text, kResidentLayout), true, today);
    case 'I': return decode_foreigner_2017(split(text, kForeigner2017Layout));
    case 'Y': return decode_foreigner_2023(text, split(text, kForeigner2023Layout));
    default: return make_error("unsupported_card_type", "无法识别的证件类型");
  }
}

Result<std::vector<std::uint8_t>> encode_card_text(const Card& c) {
  Fields v;
  v["name"] = c.name;
  v["sex"] = c.sex == Sex::male ? "1" : "2";
  v["birth"] = compact(c.birth_date);
  v["id_number"] = c.id_number;
  v["issuer"] = c.issuer;
  v["valid_from"] = compact(c.valid_from);
  v["valid_to"] = c.valid_to ? compact(*c.valid_to) : std::string(kLongTerm);
  switch (c.type) {
    case CardType::resident:
    case CardType::hkmo_tw_permit: {
      if (c.type == CardType::resident) {
        const auto code = nation_code(c.nation);
        if (!code) return make_error("card_field_invalid", "未知的民族", "nation");
        v["nation"] = *code;
      }
      v["address"] = c.address;
      v["pass_number"] = c.pass_number;
      v["issue_count"] = c.issue_count;
      v["flag"] = c.type == CardType::resident ? " " : "J";
      return join(v, kResidentLayout);
    }
    case CardType::foreigner_2017:
      v["english_name"] = c.english_name;
      v["nationality"] = c.nationality;
      v["card_version"] = c.card_version;
      v["flag"] = "I";
      return join(v, kForeigner2017Layout);
    case CardType::foreigner_2023: {
      // Split the English name at the boundary of its two parts (35 + 11 characters).
      auto whole = utf8_to_ucs2le_padded(c.english_name, 92);
      if (!whole) return make_error("card_field_too_long", "英文姓名太长", "english_name");
      v["english_name"] = ucs2le_to_utf8_trimmed(std::span(*whole).first(70));
      v["english_name2"] = "";
      v["renewal_count"] = c.renewal_count;
      v["nationality"] = c.nationality;
      v["old_number_link"] = c.old_number_link;
      v["flag"] = "Y";
      auto text = join(v, kForeigner2023Layout);
      if (!text) return text;
      // Copy the raw halves so spaces at the split point survive exactly.
      std::copy(whole->begin(), whole->begin() + 70, text.value().begin() + 52);
      std::copy(whole->begin() + 70, whole->end(), text.value().begin() + 220);
      return text;
    }
  }
  return make_error("unsupported_card_type", "无法识别的证件类型");
}

nlohmann::json card_to_json(const Card& c) {
  nlohmann::json j;
  j["card_type"] = card_type_name(c.type);
  j["name"] = c.name;
  j["sex"] = c.sex == Sex::male ? "male" : "female";
  j["nation"] = c.nation;
  j["birth_date"] = c.birth_date.iso();
  j["address"] = c.address;
  j["id_number"] = c.id_number;
  j["issuer"] = c.issuer;
  j["valid_from"] = c.valid_from.iso();
  j["valid_to"] = c.valid_to ? c.valid_to->iso() : std::string("long_term");
  auto optional_field = [&j](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  optional_field("pass_number", c.pass_number);
  optional_field("issue_count", c.issue_count);
  optional_field("english_name", c.english_name);
  optional_field("nationality", c.nationality);
  optional_field("card_version", c.card_version);
  optional_field("renewal_count", c.renewal_count);
  optional_field("old_number_link", c.old_number_link);
  return j;
}

Result<Card> card_from_json(const nlohmann::json& j) {
  auto err = [](std::string field, std::string msg) { return make_error("card_json", std::move(msg), std::move(field)); };
  if (!j.is_object()) return err("", "card JSON must be an object");
  static const std::array<std::string_view, 17> kKnown{"card_type", "name", "sex", "nation", "birth_date",
      "address", "id_number", "issuer", "valid_from", "valid_to", "pass_number", "issue_count",
      "english_name", "nationality", "card_version", "renewal_count", "old_number_link"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) return err(key, "unknown field");
    if (!value.is_string()) return err(key, "must be a string");
  }
  auto str = [&j](const char* key) { return j.contains(key) ? j.at(key).get<std::string>() : std::string(); };
  Card c;
  const auto type = card_type_from_name(str("card_type"));
  if (!type) return err("card_type", "must be resident, hkmo_tw_permit, foreigner_2017 or foreigner_2023");
  c.type = *type;
  const std::string sex = str("sex");
  if (sex != "male" && sex != "female") return err("sex", "must be male or female");
  c.sex = sex == "male" ? Sex::male : Sex::female;
  auto date = [&](const char* key) -> std::optional<Date> { return Date::parse_iso(str(key)); };
  const auto birth = date("birth_date");
  if (!birth) return err("birth_date", "must be YYYY-MM-DD");
  const auto from = date("valid_from");
  if (!from) return err("valid_from", "must be YYYY-MM-DD");
  c.birth_date = *birth;
  c.valid_from = *from;
  if (str("valid_to") != "long_term") {
    const auto to = date("valid_to");
    if (!to) return err("valid_to", "must be YYYY-MM-DD or long_term");
    c.valid_to = *to;
  }
  c.name = str("name");
  c.nation = str("nation");
  c.address = str("address");
  c.id_number = str("id_number");
  c.issuer = str("issuer");
  c.pass_number = str("pass_number");
  c.issue_count = str("issue_count");
  c.english_name = str("english_name");
  c.nationality = str("nationality");
  c.card_version = str("card_version");
  c.renewal_count = str("renewal_count");
  c.old_number_link = str("old_number_link");
  return c;
}

}  // namespace jiuzhu::idcard
