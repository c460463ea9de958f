// Fast flat fills for the software renderer.
//
// ImGui draws every rectangle as triangles, and SDL's software renderer fills triangles pixel
// by pixel with barycentric blending — the big flat areas of a kiosk screen (buttons, bars)
// were most of a frame's cost. fill_rect() instead records an ImDrawList callback that calls
// SDL_RenderFillRect (a memset-speed span fill) for the straight parts, in draw order and
// clipped like any other ImGui command; only the small rounded corners stay triangles.
//
// Thread-safety: UI thread only. The callback data lives until the next begin_fill_frame().
#pragma once

#include <imgui.h>

struct SDL_Renderer;

namespace jiuzhu::kiosk {

// The renderer the callbacks draw with (set once by the app; nullptr: plain ImGui fills).
void set_fill_renderer(SDL_Renderer* r);
// Releases the previous frame's callback data; call before building a frame.
void begin_fill_frame();
// An opaque rectangle with rounded corners (radius r ≥ 0).
void fill_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float r = 0);

}  // namespace jiuzhu::kiosk
