// How an application reached the office (受理渠道): the contract's four channels, in one table for
// the decoder (json_codec.cpp refuses any other name) and the backend's records. JSON carries the name;
// the backend's store keeps it as text (backend/store/sql_support.cpp converts).
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace jiuzhu::model {

enum class Channel { kiosk, hall, online, visit };

// "kiosk" | "hall" | "online" | "visit".
const char* to_string(Channel c);
// The channel named `name`, or none for anything else.
std::optional<Channel> parse_channel(std::string_view name);
// JSON carries a channel by its name, as to_string; never the enum's number.
void to_json(nlohmann::json& j, Channel c);

}  // namespace jiuzhu::model
