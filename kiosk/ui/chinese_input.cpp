#include "kiosk/ui/chinese_input.h"

namespace jiuzhu::kiosk {

void ChineseInput::draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix) {
  std::string p(prefix);
  int hit = ui.button_row({{p + ".mode.hw", ui.s("input.handwriting")}, {p + ".mode.pinyin", ui.s("input.pinyin")}},
                          pinyin_ ? 1 : 0);
  if (hit >= 0 && (hit == 1) != pinyin_) {
    reset();
    pinyin_ = hit == 1;
  }
  ui.spacing(ui.theme().gap / 2);
  if (pinyin_)
    py_.draw(ui, text, max_chars, prefix);
  else
    hw_.draw(ui, text, max_chars, prefix);
}

void ChineseInput::reset() {
  hw_.reset();
  py_.reset();
}

void ChineseInput::wipe() {
  reset();
  hw_.unload();
  pinyin_ = false;
}

}  // namespace jiuzhu::kiosk
