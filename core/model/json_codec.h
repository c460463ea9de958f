// The one JSON codec for the domain model (nlohmann::json underneath, used everywhere).
//
// Decoding is strict, for input from kiosks and the network: unknown fields, wrong types,
// out-of-range enums and invalid ID numbers are errors whose `field` names the JSON path
// ("household.members[1].disability.grade"). Decoding never throws.
// Encoding produces exactly the contract shapes; Known<> facts that are unknown are omitted.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/model/application.h"
#include "core/model/household.h"
#include "core/result.h"

namespace jiuzhu::model {

using Json = nlohmann::json;

// `today` bounds birth dates in ID numbers (nullopt: today in China).
Result<Household> decode_household(const Json& j, std::optional<Date> today = std::nullopt);
Result<Application> decode_application(const Json& j, std::optional<Date> today = std::nullopt);
Result<Lead> decode_lead(const Json& j, std::optional<Date> today = std::nullopt);
Result<Acknowledgement> decode_acknowledgement(const Json& j);

// The codec's own checks, for other inputs of the same kinds (help calls, ...): a UUID
// (8-4-4-4-12 hex) and an RFC 3339 timestamp with an offset.
bool valid_uuid(const std::string& s);
bool valid_timestamp(const std::string& s);

Json encode(const Household&);
Json encode(const Application&);
Json encode(const Lead&);
Json encode(const Acknowledgement&);

// The form in which the backend stores an application it accepted: `document` as received
// (compact, keys in order) with each ID number replaced by the canonical one the decoder made of
// it (an upper-case X). `decoded` must be decode_application(document).
// Everything else stays as the resident's kiosk sent it, so no second document is built from the
// model (on the intake path that cost as much as the parse). Modifies `document`.
std::string stored_form(Json& document, const Application& decoded);

// Parses exactly `text` (every byte of it: a NUL byte or anything after the one JSON value is
// malformed) with a nesting limit and a size limit; never throws.
// Codes: body_too_large, too_deep, malformed_json.
// Whether `s` (valid UTF-8) is text a person can read as it is meant: no C0 or C1 control
// characters (with `multiline`, line feed, carriage return and tab are allowed), no DEL, no
// bidirectional marks, embeddings, overrides or isolates (U+061C, U+200E/F, U+202A–E,
// U+2066–9) and no U+2028/9. The decoders refuse other text with the code control_character.
bool readable_text(std::string_view s, bool multiline);

Result<Json> parse_json(std::string_view text, int max_depth = 32, size_t max_bytes = 1 << 20);

}  // namespace jiuzhu::model
