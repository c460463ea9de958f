// Turns a Layout into PDF bytes with libharu, embedding a per-document subset of the face.
//
// The subset font is handed to libharu from memory (libharu 2.3.0 has no public memory
// loader; we use its exported font-definition API the same way HPDF_LoadTTFontFromFile does,
// so nothing touches the disk). Text is drawn with the "UTF-8" encoder as a CID TrueType font
// (Identity-H), so pdftotext and screen readers get the characters back. A QR code is one
// path of rectangles and one fill.
//
// Thread-safety: render_pdf may run concurrently on different layouts (each call owns its
// HPDF_Doc; the face is immutable).
#pragma once

#include <string>

#include "core/result.h"
#include "printing/layout.h"
#include "printing/ttf_face.h"

namespace jiuzhu::printing {

// Errors: font_invalid (subsetting), pdf_failed (a libharu error, with its code).
Result<std::string> render_pdf(const Layout& layout, const TrueTypeFace& face);

}  // namespace jiuzhu::printing
