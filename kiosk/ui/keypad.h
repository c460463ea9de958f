// The large on-screen numeric keypad, and the key logic it shares with --script "type".
//
// Modes restrict what may be typed: ID numbers (digits, X as the last of 18), plain digits
// (phone, PIN, counts) and money (digits and one decimal point, two decimals). key() is pure
// and unit-tested; draw_keypad() draws the display and a 3×4 grid of keys at least
// theme.key_h tall, for fingers that are not precise.
//
// Thread-safety: UI thread (draw); key() is pure.
#pragma once

#include <string>

#include "kiosk/ui/ui.h"

namespace jiuzhu::kiosk {

// Applies one key ('0'-'9', 'X', '.', '\b' for delete) to `value`; returns false when the
// key is not allowed in this mode/position (the value is unchanged).
bool apply_key(std::string& value, char key, KeyMode mode, size_t max_len);

// How the keys are laid out in `room` px of height: the telephone's 3 columns × 4 rows, or,
// when four rows of keys `min_key_h` tall do not fit, 4 columns × 3 rows. Keys are never
// shorter than min_key_h (the normal theme's key height: 长辈模式 re-lays out the pad rather
// than shrink a key below the normal theme's) and not taller than max_key_h. Pure.
struct KeypadGrid {
  int cols = 3;
  float key_h = 0;
};
KeypadGrid keypad_grid(float room, float gap, float min_key_h, float max_key_h);

// Draws the value (grouped for reading: 6-8-4 for ID numbers; `masked` shows ● for PINs)
// and the keys; keys are named "<prefix>.key.<c>" for --script. Sets ui focus so that
// --script "type" goes through apply_key(). The keys take the room left above the bottom bar
// after `reserve_below` pixels of buttons under the pad (keypad_grid).
void draw_keypad(Ui& ui, std::string& value, KeyMode mode, size_t max_len, const char* prefix,
                 bool masked = false, float reserve_below = 0);

// What the kiosk says when a key is accepted, `value` being the value after it: the digit in
// words ("七"), "点", "叉" (X), "删掉一位"; an ID number's 7th to 14th characters (the birth
// date, masked on screen as on paper) only as their position ("第7位"); a masked field (PIN)
// only its length ("已输入4位"). Pure.
std::string spoken_key(const std::string& value, char key, KeyMode mode, bool masked);

// 450326 19500315 123X: groups of 6-8-4 (partial input too).
std::string group_id_number(const std::string& digits);

}  // namespace jiuzhu::kiosk
