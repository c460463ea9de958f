#include "core/model/channel.h"

#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace jiuzhu::model {
namespace {

constexpr EnumNames<Channel, 4> kNames = {{
    {Channel::kiosk, "kiosk"},
    {Channel::hall, "hall"},
    {Channel::online, "online"},
    {Channel::visit, "visit"},
}};

}  // namespace

const char* to_string(Channel c) { return name_in(kNames, c, "kiosk"); }

std::optional<Channel> parse_channel(std::string_view name) { return value_in(kNames, name); }

void to_json(nlohmann::json& j, Channel c) { j = to_string(c); }

}  // namespace jiuzhu::model
