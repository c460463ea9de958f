// The words and materials the documents print come from core/intake (one table each, shared
// with the kiosk's screens and the backend); this header only brings them into printing's
// namespace.
#pragma once

#include "core/intake/labels.h"
#include "core/intake/materials.h"

namespace jiuzhu::printing {

using intake::document_label;
using intake::MaterialNeed;
using intake::missing_materials;
using intake::PaperSignature;
using intake::program_label;
using intake::relation_label;
using intake::required_materials;
using intake::signatures_on_paper;
using intake::status_label;

}  // namespace jiuzhu::printing
