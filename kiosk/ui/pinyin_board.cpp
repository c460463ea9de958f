#include "kiosk/ui/pinyin_board.h"

#include <imgui.h>

#include "core/utf8.h"
#include "kiosk/text/wipe.h"

namespace jiuzhu::kiosk {
namespace {

constexpr size_t kPage = 8;
constexpr const char* kRows[] = {"abcdefg", "hijklmn", "opqrstu", "vwxyz"};

}  // namespace

PinyinBoard::~PinyinBoard() {
  if (loader_.joinable()) loader_.join();
}

void PinyinBoard::set_paths(const std::string& schema_file, const std::string& cache_dir) {
  schema_file_ = schema_file;
  cache_dir_ = cache_dir;
}

void PinyinBoard::load_async() {
  if (loader_.joinable()) return;
  loader_ = std::thread([this] {
    if (engine_.open(schema_file_, cache_dir_))
      ready_.store(true, std::memory_order_release);
    else
      failed_.store(true, std::memory_order_release);
  });
}

void PinyinBoard::reset() {
  if (ready()) engine_.clear();
  preedit_.clear();
  candidates_.clear();
  page_ = 0;
}

void PinyinBoard::refresh() {
  preedit_ = engine_.preedit();
  // Pages of kPage - 1: the last slot is 换一批 while more follow (one more is fetched to know).
  candidates_ = engine_.candidates(kPage, page_ * (kPage - 1));
  if (candidates_.empty() && page_ > 0) {  // past the last page: back to the first
    page_ = 0;
    candidates_ = engine_.candidates(kPage, 0);
  }
}

void PinyinBoard::draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix) {
  const Theme& t = ui.theme();
  load_async();
  ui.set_focus(&text, KeyMode::text, max_chars);
  std::string p(prefix);
  float w = ImGui::GetContentRegionAvail().x;
  bool on = ready();

  // The composition, or what to do.
  std::string line = failed_.load() ? ui.s("py.unavailable")
                     : !on          ? ui.s("py.loading")
                     : preedit_.empty() ? ui.s("py.hint")
                                        : ui.s("py.typed") + preedit_;
  ui.text(line, FontSize::large, preedit_.empty());

  // Candidates: two rows of four big buttons; when there are more, the last one is 换一批.
  float cw = (w - 3 * t.gap) / 4;
  float ch = t.button_h * 0.8f;
  bool more = candidates_.size() == kPage;
  size_t shown = more ? kPage - 1 : candidates_.size();
  for (size_t i = 0; i < shown; ++i) {
    if (i % 4) ImGui::SameLine(0, t.gap);
    std::string name = p + ".py.cand." + std::to_string(i);
    if (ui.button(name.c_str(), candidates_[i], ButtonKind::key, cw, ch)) {
      std::string committed = engine_.choose(page_ * (kPage - 1) + i);
      if (!committed.empty() && utf8::length(text) + utf8::length(committed) <= max_chars) text += committed;
      page_ = 0;
      refresh();
      break;  // the candidates changed under the loop
    }
  }
  if (more) {
    ImGui::SameLine(0, t.gap);
    if (ui.button((p + ".py.more").c_str(), ui.s("py.more"), ButtonKind::secondary, cw, ch)) {
      ++page_;
      refresh();
    }
  }
  ui.spacing(t.gap / 2);

  // Letters, 7 a row; the last row ends with a double-width 退格, which takes back a letter
  // while composing and otherwise the last character written (as any IME's backspace).
  float kw = (w - 6 * t.gap) / 7;
  float kh = t.button_h * 0.75f;
  for (const char* row : kRows) {
    for (const char* c = row; *c; ++c) {
      if (c != row) ImGui::SameLine(0, t.gap);
      std::string name = p + ".py.key." + *c;
      if (ui.button(name.c_str(), std::string(1, *c), ButtonKind::key, kw, kh, on) && engine_.type(*c)) {
        page_ = 0;
        refresh();
      }
    }
  }
  ImGui::SameLine(0, t.gap);
  if (ui.button((p + ".py.back").c_str(), ui.s("py.back"), ButtonKind::secondary, 2 * kw + t.gap, kh,
                !preedit_.empty() || !text.empty())) {
    if (!preedit_.empty()) {
      engine_.backspace();
      page_ = 0;
      refresh();
    } else {
      utf8::pop_back(text);
    }
  }
}

}  // namespace jiuzhu::kiosk
