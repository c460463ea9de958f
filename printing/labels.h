// Plain-Chinese words for what the application carries as machine ids: document kinds,
// workflow states, proxy relations; and the materials each program asks for, so a receipt can
// list what is still missing in one notice (一次性告知, 最低生活保障审核确认办法 Art. 10).
//
// The materials table follows the national texts (低保 Art. 9, 特困 Art. 10, 社会救助暂行办法)
// and leaves out papers the office fetches itself from government platforms (Art. 10). When
// the policy catalog (core/policy) carries machine document kinds, this table should read from it.
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/application.h"

namespace jiuzhu::printing {

// "户口簿" for "hukou_booklet"; the id itself for a kind this table does not know.
std::string document_label(std::string_view kind);
// "已受理" for "received", "待上传" for "pending_upload", ...
std::string status_label(std::string_view status);
// "子女" for "child"; the word itself when unknown.
std::string relation_label(std::string_view relation);
// The program's Chinese name (core/model/programs.h), the id when unknown.
std::string program_label(std::string_view program);

struct MaterialNeed {
  std::string kind;   // document kind, as in the application's documents[].kind
  std::string label;  // 户口簿
  std::string why;    // which program or circumstance asks for it
};

// Every material the application's programs and circumstances (a proxy, a disability, a
// student, an emergency) call for, each once, in a stable order.
std::vector<MaterialNeed> required_materials(const model::Application& a);
// Those of required_materials() with no document of that kind received.
std::vector<MaterialNeed> missing_materials(const model::Application& a);

// Statutory working-day limit for the whole process of the application's slowest program
// (低保 30, 特困 15 + 15, ...), for the receipt's wording; 0 when none applies.
int statutory_working_days(const model::Application& a);

}  // namespace jiuzhu::printing
