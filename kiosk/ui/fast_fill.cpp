#include "kiosk/ui/fast_fill.h"

#include <SDL.h>

#include <algorithm>
#include <deque>

namespace jiuzhu::kiosk {
namespace {

struct FillCmd {
  SDL_FRect rect;
  ImU32 colour;
};

SDL_Renderer* g_renderer = nullptr;
std::deque<FillCmd> g_cmds;  // stable addresses for the callbacks' user data

void fill_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* f = static_cast<const FillCmd*>(cmd->UserCallbackData);
  // The backend sets the clip rectangle only for its own draws: set it for this command.
  SDL_Rect clip{static_cast<int>(cmd->ClipRect.x), static_cast<int>(cmd->ClipRect.y),
                static_cast<int>(cmd->ClipRect.z - cmd->ClipRect.x), static_cast<int>(cmd->ClipRect.w - cmd->ClipRect.y)};
  SDL_RenderSetClipRect(g_renderer, &clip);
  SDL_SetRenderDrawBlendMode(g_renderer, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(g_renderer, f->colour & 0xFF, (f->colour >> 8) & 0xFF, (f->colour >> 16) & 0xFF, 255);
  SDL_RenderFillRectF(g_renderer, &f->rect);
}

void add(ImDrawList* dl, float x0, float y0, float x1, float y1, ImU32 colour) {
  if (x1 <= x0 || y1 <= y0) return;
  g_cmds.push_back({{x0, y0, x1 - x0, y1 - y0}, colour});
  dl->AddCallback(fill_callback, &g_cmds.back());
}

}  // namespace

void set_fill_renderer(SDL_Renderer* r) { g_renderer = r; }

void begin_fill_frame() { g_cmds.clear(); }

void fill_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float r) {
  // Translucent fills, or no renderer (tests): ImGui's own path.
  if (!g_renderer || ((colour >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF) {
    dl->AddRectFilled(a, b, colour, r);
    return;
  }
  r = std::min(r, std::min(b.x - a.x, b.y - a.y) / 2);
  if (r <= 0.5f) {
    add(dl, a.x, a.y, b.x, b.y, colour);
    return;
  }
  add(dl, a.x, a.y + r, b.x, b.y - r, colour);  // middle band
  add(dl, a.x + r, a.y, b.x - r, a.y + r, colour);  // top strip
  add(dl, a.x + r, b.y - r, b.x - r, b.y, colour);  // bottom strip
  // Corners: small quarter discs, as triangles.
  const ImVec2 c[4] = {{a.x + r, a.y + r}, {b.x - r, a.y + r}, {b.x - r, b.y - r}, {a.x + r, b.y - r}};
  const int arc[4][2] = {{6, 9}, {9, 12}, {0, 3}, {3, 6}};
  for (int i = 0; i < 4; ++i) {
    dl->PathLineTo(c[i]);
    dl->PathArcToFast(c[i], r, arc[i][0], arc[i][1]);
    dl->PathFillConvex(colour);
  }
}

}  // namespace jiuzhu::kiosk
