// Plain-Chinese words for what an application carries as machine ids: relations (household
// members and proxies), document kinds, case states and programs. One table each, for the
// kiosk's screens, the printed paper and the backend alike.
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/model/household.h"

namespace jiuzhu::intake {

// "配偶" for "spouse"; covers the household relations (model::Relation), the proxy relations of
// the contract ("other_relative", "village_cadre") and the population feed's ("head" 户主,
// "child_in_law" 儿媳/女婿; contracts/feeds.md). The word itself when unknown. This is the one
// relation table: policy explanations (core/policy/facts), screens, paper and the discovery
// rosters all read it.
std::string relation_label(std::string_view relation);
std::string relation_label(model::Relation relation);
// The same word as a view of constant storage (NUL-terminated), empty for an unknown relation.
std::string_view relation_word(std::string_view relation);
// "户口簿" for "hukou_booklet"; the id itself for a kind this table does not know.
std::string document_label(std::string_view kind);
// "已受理" for "received", "待上传" for "pending_upload", ...
std::string status_label(std::string_view status);
// The program's Chinese name (core/model/programs.h), the id when unknown.
std::string program_label(std::string_view program);

}  // namespace jiuzhu::intake
