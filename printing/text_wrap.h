// Line breaking for mixed Chinese/Latin text by measured width.
//
// Chinese breaks between words, never inside one: word boundaries come from ICU's
// dictionary-based segmentation (so "3个工作日" never becomes "3个工/作日"), and a number keeps
// the counter after it ("3个"). A word wider than the line is cut by character. Closing punctuation (，。、）」…)
// never starts a line and opening punctuation (（《「“) never ends one (禁则). Runs of Latin
// letters, digits and number punctuation (an application number, a phone number, "3-2-101")
// stay together unless a run alone is wider than the line, when it is cut by character.
// A '\n' forces a break. Widths come from the face's advances, the same numbers the PDF uses.
//
// Thread-safety: pure functions over an immutable face.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "printing/ttf_face.h"

namespace jiuzhu::printing {

// Width of `text` in points at `size`.
double text_width(const TrueTypeFace& face, std::u32string_view text, double size);

// Breaks `text` into lines no wider than `width` points at `size` (a single glyph wider than
// the line still gets a line of its own; callers check bounds). Leading spaces of wrapped
// lines are dropped. `first_width`, when > 0, is the width of the first line (a label before it).
std::vector<std::u32string> wrap_text(const TrueTypeFace& face, std::u32string_view text, double size,
                                      double width, double first_width = 0);

}  // namespace jiuzhu::printing
