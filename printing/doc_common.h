// Pieces several documents share: type sizes per paper, the hall header, masked identities,
// the counted household members, and the program list in words.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/model/application.h"
#include "printing/layout.h"
#include "printing/print_data.h"

namespace jiuzhu::printing {

struct TypeSizes {
  double title, heading, body, small;
};
// Thermal receipts are read at arm's length by older people: 9 pt body is the smallest we use;
// large print (长辈模式) sets every line at 14 pt or more.
TypeSizes type_sizes(const Paper& paper, bool large_print = false);

// "450326********123X" — never the full number on paper.
std::string masked_id(const std::string& id_number);
// "最低生活保障、医疗救助"
std::string programs_text(const model::Application& a);
// Members counted in the household (core/intake/materials.h signs_authorization: living
// together, not in prison; unknown facts count).
std::vector<const model::Member*> counted_members(const model::Household& h);

// Hall name above, the title centred below it, a rule.
void document_header(Flow& f, const PrintData& d, const std::string& title, const TypeSizes& s);

}  // namespace jiuzhu::printing
