// Nation (民族) codes on resident ID cards: GB 3304-1991 codes 01–56 plus 97 (其他) and
// 98 (外国血统), in the standard's order.
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jiuzhu::idcard {

// "08" → "壮"; nullopt for a code not in the table.
std::optional<std::string> nation_name(std::string_view code);
// "壮" → "08"; nullopt for an unknown name.
std::optional<std::string> nation_code(std::string_view name);

}  // namespace jiuzhu::idcard
