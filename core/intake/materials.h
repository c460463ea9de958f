// The materials an application calls for (一次性告知, 最低生活保障审核确认办法 Art. 10): what
// is required, what is still missing, and what cannot be handed in at the kiosk because it must
// be signed on paper at the office.
//
// The table follows the national texts (低保 Art. 9, 特困 Art. 10, 社会救助暂行办法) and leaves
// out papers the office fetches itself from government platforms (Art. 10).
//   - The applicant's (and a proxy's) ID card counts as received when the kiosk read the card.
//   - The promise of truthfulness signed on the kiosk's screen stands for the paper one.
//   - The 家庭经济状况核对授权书 is not "missing": every adult member signs it on paper at the
//     office (the kiosk's consent covers the applicant's authorisation only); it is listed under
//     signatures_on_paper().
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/model/application.h"

namespace jiuzhu::intake {

struct MaterialNeed {
  std::string kind;   // document kind, as in the application's documents[].kind
  std::string label;  // 户口簿
  std::string why;    // which program or circumstance asks for it
};

struct PaperSignature {
  std::string kind;   // "verification_authorization"
  std::string label;  // 家庭经济状况核对授权书
  std::string who;    // 每位成年家庭成员（共2人）
  std::string where;  // 到乡镇（街道）社会救助窗口签字
};

// Every material the application's programs and circumstances (a proxy, a disability, an
// emergency ...) call for, each once, in a stable order. Excludes what is signed on paper.
std::vector<MaterialNeed> required_materials(const model::Application& a);
// Those of required_materials() not yet received (see above for the ID card and promise).
std::vector<MaterialNeed> missing_materials(const model::Application& a);
// A member counted in the household (最低生活保障审核确认办法 Art. 7: living together, not in
// prison), who therefore signs the 核对授权书 (a guardian for a minor). Unknown facts count: an
// extra signature line costs nothing, a missing one sends the resident back to the hall. The one
// rule for the receipt's "共N人" and the printed authorisation's rows (printing/doc_common.h).
bool signs_authorization(const model::Member& m);
// What must still be signed on paper at the office, by whom: every counted adult member.
// `on` dates adulthood (18).
std::vector<PaperSignature> signatures_on_paper(const model::Application& a, Date on);

}  // namespace jiuzhu::intake
