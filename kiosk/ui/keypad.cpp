#include "kiosk/ui/keypad.h"

#include "kiosk/ui/fast_fill.h"

#include <imgui.h>

#include <algorithm>
#include <vector>

namespace jiuzhu::kiosk {

bool apply_key(std::string& value, char key, KeyMode mode, size_t max_len) {
  if (key == '\b') {
    if (value.empty()) return false;
    value.pop_back();
    return true;
  }
  if (key == 'x') key = 'X';
  if (value.size() >= max_len) return false;
  if (key >= '0' && key <= '9') {
    if (mode == KeyMode::money) {
      auto dot = value.find('.');
      if (dot != std::string::npos && value.size() - dot > 2) return false;  // two decimals
      if (value == "0") return false;                                        // no leading zeros
    }
    if (mode == KeyMode::id_number && value.size() >= 17) {
      // The 18th character is the check character: a digit or X.
    }
    value += key;
    return true;
  }
  if (key == 'X') {
    if (mode != KeyMode::id_number || value.size() != 17) return false;
    value += 'X';
    return true;
  }
  if (key == '.') {
    if (mode != KeyMode::money || value.empty() || value.find('.') != std::string::npos) return false;
    value += '.';
    return true;
  }
  return false;
}

KeypadGrid keypad_grid(float room, float gap, float min_key_h, float max_key_h) {
  KeypadGrid g;
  // The telephone's 3×4 when four rows of keys at least min_key_h tall fit; else 4×3, whose
  // keys are still wider than tall (one row fewer, not a smaller key).
  if (room / 4 - gap < min_key_h) g.cols = 4;
  const float rows = g.cols == 3 ? 4.0f : 3.0f;
  g.key_h = std::clamp(room / rows - gap, min_key_h, std::max(min_key_h, max_key_h));
  return g;
}

std::string group_id_number(const std::string& d) {
  std::string out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i == 6 || i == 14) out += ' ';
    out += d[i];
  }
  return out;
}

std::string spoken_key(const std::string& value, char key, KeyMode mode, bool masked) {
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (key == '\b') return "删掉一位";
  if (masked) return "已输入" + std::to_string(value.size()) + "位";
  const size_t n = value.size();
  if (mode == KeyMode::id_number && n >= 7 && n <= 14) return "第" + std::to_string(n) + "位";
  if (key >= '0' && key <= '9') return kDigits[key - '0'];
  if (key == '.') return "点";
  if (key == 'X') return "叉";
  return {};
}

void draw_keypad(Ui& ui, std::string& value, KeyMode mode, size_t max_len, const char* prefix,
                 bool masked, float reserve_below) {
  const Theme& t = ui.theme();
  ui.set_focus(&value, mode, max_len);
  // Display box.
  std::string shown = value;
  if (masked) shown = std::string(value.size() * 3 / 3, '*');
  else if (mode == KeyMode::id_number) shown = group_id_number(value);
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  float h = ui.font(FontSize::huge) ? ui.font(FontSize::huge)->FontSize * 1.4f : 140;
  float room = ui.content_bottom() - p.y - h - t.gap - reserve_below;
  const KeypadGrid grid = keypad_grid(room, t.gap, make_theme(false, 0).key_h, t.key_h);
  const float key_h = grid.key_h;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rect(dl, p, ImVec2(p.x + w, p.y + h), rgba(Rgb{0xFA, 0xFA, 0xFA}), 12);
  dl->AddRect(p, ImVec2(p.x + w, p.y + h), rgba(t.text), 12, 0, 4);
  if (ImFont* f = ui.font(FontSize::huge)) {
    ui.fonts().need(shown, FontSize::huge);
    dl->AddText(f, f->FontSize, ImVec2(p.x + 24, p.y + (h - f->FontSize) / 2), rgba(t.text), shown.c_str());
    // A caret so that the resident sees where the next digit goes.
    float cw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.c_str()).x;
    dl->AddRectFilled(ImVec2(p.x + 28 + cw, p.y + 20), ImVec2(p.x + 34 + cw, p.y + h - 20), rgba(t.primary));
  }
  ImGui::Dummy(ImVec2(w, h));
  ui.spacing(t.gap);

  // The keys in reading order; "" is an empty cell, "<" is 删除.
  std::vector<std::string> keys = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  const std::string extra = mode == KeyMode::id_number ? "X" : mode == KeyMode::money ? "." : "";
  if (grid.cols == 3) keys.insert(keys.end(), {extra, "0", "<"});
  else keys.insert(keys.end(), {"0", extra, "<"});
  float gap = t.gap;
  const int cols = grid.cols, rows = static_cast<int>(keys.size()) / cols;
  float kw = (w - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (c) ImGui::SameLine(0, gap);
      const std::string& k = keys[static_cast<size_t>(r * cols + c)];
      if (k.empty()) {
        ImGui::Dummy(ImVec2(kw, key_h));
        continue;
      }
      bool del = k == "<";
      std::string name = std::string(prefix) + ".key." + (del ? std::string("del") : k);
      std::string label = del ? ui.s("keypad.delete") : k;
      if (ui.button(name.c_str(), label, del ? ButtonKind::secondary : ButtonKind::key, kw, key_h)) {
        const char key = del ? '\b' : k[0];
        // Read back as typed, so a resident who cannot read the display hears each key.
        if (apply_key(value, key, mode, max_len)) ui.say(spoken_key(value, key, mode, masked));
      }
    }
  }
}

}  // namespace jiuzhu::kiosk
