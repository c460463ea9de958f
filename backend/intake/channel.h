// How an application reached the office (受理渠道): the contract's four channels, typed for the
// backend's records. The application JSON carries the name (core/model/json_codec.cpp checks it
// on the way in); the store keeps the name as text (store/sql_support.cpp converts).
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace jiuzhu::backend {

enum class Channel { kiosk, hall, online, visit };

// "kiosk" | "hall" | "online" | "visit".
const char* to_string(Channel c);
// The channel named `name`, or none for anything else.
std::optional<Channel> parse_channel(std::string_view name);
// JSON carries a channel by its name, as to_string; never the enum's number.
void to_json(nlohmann::json& j, Channel c);

}  // namespace jiuzhu::backend
