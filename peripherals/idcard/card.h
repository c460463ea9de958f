// The data on a card, and the 256-byte text block the reader returns for it (idcard.md).
//
// decode_card_text() is pure and strict: it reads the card-type flag, decodes each field
// (UCS-2LE, space padded), maps the nation code to its name, turns dates into Date values
// (`长期` validity into "no end"), and validates the card's number: a resident card's number
// must pass core's IdNumber::parse and agree with the card's birth date and sex; the other
// card types are checked as far as their published structure allows. encode_card_text() is
// its inverse, used by the simulator and by tests to build byte-exact reader replies.
//
// The JSON form (card_to_json / card_from_json) is the one `jiuzhu-idcard read` prints and
// `simulate --card` reads (cli.md). The photo is kept as the card's WLT bytes: only a vendor
// library turns them into an image, so they are carried, never decoded.
//
// Thread-safety: values and pure functions. Decoding a resident card reads core's immutable
// region table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/id_number.h"
#include "core/result.h"

namespace jiuzhu::idcard {

inline constexpr std::size_t kTextSize = 256;
inline constexpr std::size_t kPhotoSize = 1024;

enum class CardType { resident, hkmo_tw_permit, foreigner_2017, foreigner_2023 };

// "resident", "hkmo_tw_permit", "foreigner_2017", "foreigner_2023".
std::string_view card_type_name(CardType t);
std::optional<CardType> card_type_from_name(std::string_view s);

struct Card {
  CardType type = CardType::resident;
  std::string name;        // Chinese name (a foreigner's may be empty)
  Sex sex = Sex::male;
  std::string nation;      // resident cards: the nation's name ("壮"); empty otherwise
  Date birth_date;
  std::string address;     // resident and HK/MO/TW permits; empty on foreigner cards
  std::string id_number;   // 18 characters; a 2017 foreigner card has a 15-character number
  std::string issuer;      // issuing authority; a 2017 foreigner card holds an authority code
  Date valid_from;
  std::optional<Date> valid_to;  // nullopt: long-term (长期)

  // HK/Macau/Taiwan residence permits.
  std::string pass_number;  // 通行证号码
  std::string issue_count;  // 签发次数, two digits
  // Foreigner cards.
  std::string english_name;
  std::string nationality;      // ISO 3166-1 alpha-3 ("CAN")
  std::string card_version;     // 2017 card: version "20"
  std::string renewal_count;    // 2023 card: 换证次数, two digits
  std::string old_number_link;  // 2023 card: link to a 2017 card's number, as stored

  std::vector<std::uint8_t> photo_wlt;    // as read, usually 1024 bytes; never decoded
  std::vector<std::uint8_t> fingerprint;  // only from the fingerprint read variant

  friend bool operator==(const Card&, const Card&) = default;
};

// Decodes a 256-byte text block. Error codes: card_text_length, unsupported_card_type,
// card_field_invalid (field names the field), card_id_number_invalid, card_inconsistent.
// `today` bounds the birth date in the ID number (nullopt: today in China).
Result<Card> decode_card_text(std::span<const std::uint8_t> text, std::optional<Date> today = std::nullopt);

// Encodes the text fields of `card` into 256 bytes. Error: card_field_too_long,
// card_field_invalid. Does not validate the ID number (so tests can build invalid cards).
Result<std::vector<std::uint8_t>> encode_card_text(const Card& card);

// The JSON of cli.md: card_type, name, sex, nation, birth_date, address, id_number, issuer,
// valid_from, valid_to (a date or "long_term"), plus the type's own fields when not empty.
nlohmann::json card_to_json(const Card& card);
// Strict inverse; never throws. Errors: card_json (field names the member).
Result<Card> card_from_json(const nlohmann::json& j);

}  // namespace jiuzhu::idcard
