#include <gtest/gtest.h>

#include "core/id_number.h"
#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/frame.h"
#include "peripherals/idcard/nations.h"
#include "peripherals/idcard/ucs2.h"
#include "test_cards.h"

namespace jiuzhu::idcard {
namespace {

using testing::sample_card;

// Builds a text block field by field, independently of encode_card_text, from (text, bytes).
Bytes raw_text(std::initializer_list<std::pair<std::string, std::size_t>> fields) {
  Bytes out;
  for (const auto& [text, size] : fields) {
    auto enc = utf8_to_ucs2le_padded(text, size);
    EXPECT_TRUE(enc) << text;
    out.insert(out.end(), enc->begin(), enc->end());
  }
  EXPECT_EQ(out.size(), kTextSize);
  return out;
}

Bytes resident_text(const std::string& id, const std::string& nation = "08", const std::string& birth = "19480315",
                    const std::string& sex = "2", const std::string& to = "长期") {
  return raw_text({{"韦秀英", 30}, {sex, 2}, {nation, 4}, {birth, 16}, {"广西壮族自治区永福县罗锦镇", 70},
                   {id, 36}, {"永福县公安局", 30}, {"20100520", 16}, {to, 16}, {"", 36}});
}

const char* kElderId = "450326194803150021";

TEST(CardText, DecodesAHandBuiltResidentCard) {
  auto card = decode_card_text(resident_text(kElderId));
  ASSERT_TRUE(card.ok()) << card.error().code << " " << card.error().message;
  EXPECT_EQ(card->type, CardType::resident);
  EXPECT_EQ(card->name, "韦秀英");
  EXPECT_EQ(card->sex, Sex::female);
  EXPECT_EQ(card->nation, "壮");
  EXPECT_EQ(card->birth_date, Date(1948, 3, 15));
  EXPECT_EQ(card->address, "广西壮族自治区永福县罗锦镇");
  EXPECT_EQ(card->id_number, kElderId);
  EXPECT_EQ(card->issuer, "永福县公安局");
  EXPECT_EQ(card->valid_from, Date(2010, 5, 20));
  EXPECT_FALSE(card->valid_to.has_value());
  const auto j = card_to_json(*card);
  EXPECT_EQ(j["valid_to"], "long_term");
  EXPECT_EQ(j["birth_date"], "1948-03-15");
  EXPECT_EQ(j["sex"], "female");
  EXPECT_EQ(j["card_type"], "resident");
}

TEST(CardText, SampleCardsRoundTripThroughTheirBytes) {
  for (const char* file : {"resident_elder.json", "resident_proxy.json", "hkmo_tw_permit.json", "foreigner_2023.json"}) {
    const Card card = sample_card(file);
    auto text = encode_card_text(card);
    ASSERT_TRUE(text.ok()) << file;
    ASSERT_EQ(text->size(), kTextSize);
    auto back = decode_card_text(*text);
    ASSERT_TRUE(back.ok()) << file << ": " << back.error().code << " " << back.error().message;
    EXPECT_EQ(*back, card) << file;
    // And the JSON printed is the JSON read.
    EXPECT_EQ(card_to_json(*back), nlohmann::json::parse(testing::read_text_file(assets_dir() + "/cards/" + file)))
        << file;
  }
}

TEST(CardText, SampleNumbersCarryValidCheckCharacters) {
  for (const char* file : {"resident_elder.json", "resident_proxy.json", "hkmo_tw_permit.json", "foreigner_2023.json"}) {
    const std::string id = sample_card(file).id_number;
    ASSERT_EQ(id.size(), 18u);
    EXPECT_EQ(IdNumber::check_character(id.substr(0, 17)), id[17]) << file;
  }
  EXPECT_TRUE(IdNumber::parse(sample_card("resident_elder.json").id_number).ok());
  EXPECT_TRUE(IdNumber::parse(sample_card("resident_proxy.json").id_number).ok());
}

TEST(CardText, HkMoTwPermitFields) {
  const Card card = sample_card("hkmo_tw_permit.json");
  auto back = decode_card_text(*encode_card_text(card));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->type, CardType::hkmo_tw_permit);
  EXPECT_EQ(back->pass_number, "H12345678");
  EXPECT_EQ(back->issue_count, "01");
  EXPECT_EQ(back->nation, "");
  const Bytes text = *encode_card_text(card);
  EXPECT_EQ(text[248], 'J');
  EXPECT_EQ(text[249], 0);
}

TEST(CardText, Foreigner2017Layout) {
  const Bytes text = raw_text({{"SMITH MARK JOHN", 120}, {"1", 2}, {"CAN458504230112", 30}, {"CAN", 6},
                               {"马克", 30}, {"20170601", 16}, {"20270601", 16}, {"19850423", 16},
                               {"20", 4}, {"1500", 8}, {"I", 2}, {"", 6}});
  auto card = decode_card_text(text);
  ASSERT_TRUE(card.ok()) << card.error().code << " " << card.error().field;
  EXPECT_EQ(card->type, CardType::foreigner_2017);
  EXPECT_EQ(card->english_name, "SMITH MARK JOHN");
  EXPECT_EQ(card->name, "马克");
  EXPECT_EQ(card->id_number, "CAN458504230112");
  EXPECT_EQ(card->nationality, "CAN");
  EXPECT_EQ(card->issuer, "1500");
  EXPECT_EQ(card->card_version, "20");
  EXPECT_EQ(card->birth_date, Date(1985, 4, 23));
  EXPECT_EQ(card->valid_to, Date(2027, 6, 1));
  auto again = encode_card_text(*card);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, text);
  EXPECT_EQ(card_to_json(*card)["card_type"], "foreigner_2017");
}

TEST(CardText, Foreigner2023LongEnglishNameSpansBothParts) {
  Card card = sample_card("foreigner_2023.json");
  card.english_name = "WOLFESCHLEGELSTEIN BERGERDORFF HUBERT BLAINE";  // 44 characters > 35
  ASSERT_LE(card.english_name.size(), 46u);
  auto text = encode_card_text(card);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(ucs2le_to_utf8_trimmed(ByteView(*text).subspan(220, 22)), "RT BLAINE");
  auto back = decode_card_text(*text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->english_name, card.english_name);
  EXPECT_EQ((*text)[248], 'Y');
}

TEST(CardText, InvalidIdNumberOnACardIsRejected) {
  std::string bad = kElderId;
  bad[17] = '9';  // wrong check character
  auto card = decode_card_text(resident_text(bad));
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.error().code, "card_id_number_invalid");
  EXPECT_EQ(card.error().field, "id_number");
  EXPECT_EQ(card.error().message.find(bad), std::string::npos) << "never echo the number";
  // Birth date on the card disagrees with the number.
  auto mismatch = decode_card_text(resident_text(kElderId, "08", "19480316"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "card_inconsistent");
  // Sex disagrees.
  auto sex = decode_card_text(resident_text(kElderId, "08", "19480315", "1"));
  ASSERT_FALSE(sex.ok());
  EXPECT_EQ(sex.error().code, "card_inconsistent");
  // A foreigner 2023 number with a broken check character.
  Card y = sample_card("foreigner_2023.json");
  y.id_number[17] = y.id_number[17] == '0' ? '1' : '0';
  auto yb = decode_card_text(*encode_card_text(y));
  ASSERT_FALSE(yb.ok());
  EXPECT_EQ(yb.error().code, "card_id_number_invalid");
}

TEST(CardText, BadFieldsAreNamed) {
  auto nation = decode_card_text(resident_text(kElderId, "57"));
  ASSERT_FALSE(nation.ok());
  EXPECT_EQ(nation.error().field, "nation");
  auto validity = decode_card_text(resident_text(kElderId, "08", "19480315", "2", "2030  01"));
  ASSERT_FALSE(validity.ok());
  EXPECT_EQ(validity.error().field, "valid_to");
  Bytes text = resident_text(kElderId);
  text[248] = 'Q';
  EXPECT_EQ(decode_card_text(text).error().code, "unsupported_card_type");
  EXPECT_EQ(decode_card_text(ByteView(text).first(255)).error().code, "card_text_length");
  auto fixed_term = decode_card_text(resident_text(kElderId, "08", "19480315", "2", "20300520"));
  ASSERT_TRUE(fixed_term.ok());
  EXPECT_EQ(fixed_term->valid_to, Date(2030, 5, 20));
}

TEST(Nations, OfficialOrderAndSpecialCodes) {
  EXPECT_EQ(nation_name("01"), "汉");
  EXPECT_EQ(nation_name("02"), "蒙古");
  EXPECT_EQ(nation_name("08"), "壮");
  EXPECT_EQ(nation_name("29"), "柯尔克孜");
  EXPECT_EQ(nation_name("43"), "乌孜别克");
  EXPECT_EQ(nation_name("56"), "基诺");
  EXPECT_EQ(nation_name("97"), "其他");
  EXPECT_EQ(nation_name("98"), "外国血统");
  EXPECT_FALSE(nation_name("00"));
  EXPECT_FALSE(nation_name("57"));
  EXPECT_FALSE(nation_name("8"));
  for (int i = 1; i <= 56; ++i) {
    char code[3];
    std::snprintf(code, sizeof code, "%02d", i);
    auto name = nation_name(code);
    ASSERT_TRUE(name) << code;
    EXPECT_EQ(nation_code(*name), code);
  }
}

TEST(Ucs2, SurrogatesTrimAndLimits) {
  auto enc = utf8_to_ucs2le_padded("𠀀王", 10);  // U+20000 needs a surrogate pair
  ASSERT_TRUE(enc);
  EXPECT_EQ(enc->size(), 10u);
  EXPECT_EQ(ucs2le_to_utf8_trimmed(*enc), "𠀀王");
  EXPECT_FALSE(utf8_to_ucs2le_padded("太长的名字", 8));
  EXPECT_FALSE(utf8_to_ucs2le_padded("\xC3", 8));  // truncated UTF-8
  const Bytes lone{0x00, 0xD8, 0x41, 0x00};          // unpaired high surrogate, then 'A'
  EXPECT_EQ(ucs2le_to_utf8_trimmed(lone), "\xEF\xBF\xBD" "A");
}

TEST(BaseInfo, FullReplyFrameIs1295BytesAndParses) {
  const Card card = sample_card("resident_elder.json");
  const Bytes text = *encode_card_text(card);
  const Bytes photo(kPhotoSize, 0x77);
  const Bytes frame = encode_response(0, 0, 0x90, encode_base_info(text, photo, std::nullopt));
  EXPECT_EQ(frame.size(), 1295u);
  EXPECT_EQ(frame[5], 0x05);
  EXPECT_EQ(frame[6], 0x08);
  auto parsed = parse_read_reply(frame);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->name, card.name);
  EXPECT_EQ(parsed->photo_wlt, photo);
  EXPECT_TRUE(parsed->fingerprint.empty());
}

TEST(BaseInfo, FingerprintVariantAndBadLengths) {
  const Bytes text = *encode_card_text(sample_card("resident_proxy.json"));
  const Bytes photo(kPhotoSize, 1), fp(1024, 2);
  auto info = parse_base_info(encode_base_info(text, photo, ByteView(fp)));
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->with_fingerprint);
  EXPECT_EQ(info->fingerprint, fp);
  Bytes data = encode_base_info(text, photo, std::nullopt);
  data.pop_back();
  EXPECT_EQ(parse_base_info(data).error().code, "base_info_length");
  Bytes wrong_text_len = encode_base_info(Bytes(200, 0x20), photo, std::nullopt);
  EXPECT_EQ(parse_base_info(wrong_text_len).error().code, "base_info_length");
  EXPECT_FALSE(parse_base_info(Bytes{1, 0}).ok());
  // A failure status in the frame becomes that status's error.
  EXPECT_EQ(parse_read_reply(encode_response(0, 0, 0x41)).error().code, "card_read_failed");
  EXPECT_EQ(parse_read_reply(Bytes(50, 0x11)).error().code, "malformed_reply");
}

TEST(CardJson, StrictDecoding) {
  auto j = card_to_json(sample_card("resident_elder.json"));
  j["favourite_colour"] = "red";
  EXPECT_EQ(card_from_json(j).error().field, "favourite_colour");
  j = card_to_json(sample_card("resident_elder.json"));
  j["birth_date"] = "1948/03/15";
  EXPECT_EQ(card_from_json(j).error().field, "birth_date");
  j = card_to_json(sample_card("resident_elder.json"));
  j["sex"] = 1;
  EXPECT_FALSE(card_from_json(j).ok());
  EXPECT_FALSE(card_from_json(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace jiuzhu::idcard
