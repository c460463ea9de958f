#include "core/model/channel.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace jiuzhu::model {
namespace {

constexpr std::array<std::pair<Channel, const char*>, 4> kNames = {{
    {Channel::kiosk, "kiosk"},
    {Channel::hall, "hall"},
    {Channel::online, "online"},
    {Channel::visit, "visit"},
}};

}  // namespace

const char* to_string(Channel c) {
  for (const auto& [channel, name] : kNames) {
    if (channel == c) return name;
  }
  return "kiosk";
}

std::optional<Channel> parse_channel(std::string_view name) {
  for (const auto& [channel, n] : kNames) {
    if (name == n) return channel;
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, Channel c) { j = to_string(c); }

}  // namespace jiuzhu::model
