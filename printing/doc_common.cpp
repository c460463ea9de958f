#include "printing/doc_common.h"

#include "core/id_number.h"
#include "core/intake/materials.h"
#include "printing/labels.h"

namespace jiuzhu::printing {

TypeSizes type_sizes(const Paper& paper, bool large_print) {
  if (large_print) return paper.is_roll() ? TypeSizes{18, 16, 14, 14} : TypeSizes{22, 16, 14, 14};
  if (paper.is_roll()) return {14, 10.5, 9, 8};
  return {18, 12.5, 11, 9};
}

std::string masked_id(const std::string& id_number) { return mask_id_number(id_number); }

std::string programs_text(const model::Application& a) {
  std::string out;
  for (const auto& p : a.programs) {
    if (!out.empty()) out += "、";
    out += program_label(p);
  }
  return out;
}

std::vector<const model::Member*> counted_members(const model::Household& h) {
  std::vector<const model::Member*> out;
  for (const auto& m : h.members)
    if (intake::signs_authorization(m)) out.push_back(&m);
  return out;
}

void document_header(Flow& f, const PrintData& d, const std::string& title, const TypeSizes& s) {
  if (d.hall.name == kNotRegistered) {
    f.text(std::string("受理窗口：") + kNotRegistered, {s.body, Align::center, 0, 1.4});
  } else if (!d.hall.name.empty()) {
    f.text(d.hall.name, {s.body, Align::center, 0, 1.4});
  }
  f.text(title, {s.title, Align::center, 0, 1.5});
  f.rule(0.8);
}

}  // namespace jiuzhu::printing
