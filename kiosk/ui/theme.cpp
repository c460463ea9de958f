#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>

namespace jiuzhu::kiosk {

Theme make_theme(bool elderly, int text_step) {
  Theme t;
  t.elderly = elderly;
  if (!elderly) return t;
  t.text_step = std::clamp(text_step, -1, 2);
  // −1 is the smallest step: it must still meet the rules (key text ≥ 30 dp ≈ 60 px).
  const float k = 1.0f + (t.text_step < 0 ? 0.1f : 0.12f) * static_cast<float>(t.text_step);
  t.small = 44 * k;
  t.body = 52 * k;
  t.large = 72 * k;
  t.title = 84 * k;
  t.huge = 120 * k;
  t.button_h = 170;
  t.key_h = 180;
  t.margin = 36;
  t.gap = 28;
  // Stronger contrast in elderly mode: pure black text, darker primary.
  t.text = {0x00, 0x00, 0x00};
  t.muted = {0x33, 0x33, 0x33};
  t.primary = {0x00, 0x3D, 0x80};
  return t;
}

static double channel(uint8_t c) {
  double s = c / 255.0;
  return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(Rgb c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

}  // namespace jiuzhu::kiosk
