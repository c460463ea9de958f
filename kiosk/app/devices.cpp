// The app's side of the device workers: each frame drains their result queues into the view
// and the session, and hands the events that mean something to the flow (a card read, a QR
// code). The workers never block the UI thread (kiosk/devices).
#include <algorithm>

#include "kiosk/app/app.h"

namespace jiuzhu::kiosk {

void App::drain_devices() {
  for (auto& e : card_.events().drain()) {
    if (!e.ok) {
      view_.card_message_key = strings_.has("card.error." + e.error_code) ? "card.error." + e.error_code : "card.error";
      continue;
    }
    view_.card_message_key.clear();
    last_input_ = now_s();
    // What a card means here is the flow's to decide (kiosk/flow: card_read).
    apply_event({EventKind::card_read}, &e.person);
    wipe_person(e.person);
  }
  for (auto& e : camera_.events().drain()) {
    CameraView& cam = view_.camera;
    switch (e.kind) {
      case CameraEvent::preview:
        cam.running = true;
        cam.error.clear();
        if (!preview_tex_ || cam.preview_w != e.w || cam.preview_h != e.h) {
          if (preview_tex_) SDL_DestroyTexture(preview_tex_);
          preview_tex_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STREAMING, e.w, e.h);
        }
        SDL_UpdateTexture(preview_tex_, nullptr, e.rgba.data(), e.w * 4);
        cam.preview = preview_tex_;
        cam.preview_w = e.w;
        cam.preview_h = e.h;
        cam.found = e.found;
        std::copy(e.corners, e.corners + 8, cam.corners);
        cam.problems = e.problems;
        cam.stable = e.stable;
        cam.no_page_ms = e.no_page_ms;
        break;
      case CameraEvent::captured: {
        if (session_.scanning_kind.empty()) break;
        ScannedDoc d;
        d.kind = session_.scanning_kind;
        d.sha256 = sha256_hex(e.png.data(), e.png.size());
        d.png = std::move(e.png);
        // Replace an earlier scan of the same kind.
        for (auto it = session_.documents.begin(); it != session_.documents.end();)
          it = it->kind == d.kind ? session_.documents.erase(it) : it + 1;
        session_.documents.push_back(std::move(d));
        session_.scanning_kind.clear();
        cam = CameraView{};
        speech_.say(strings_.get("speak.captured"));
        break;
      }
      case CameraEvent::qr: {
        // The receipt's QR holds the application number (printing/receipt.cpp), possibly as
        // a query parameter.
        std::string t = e.text;
        if (auto p = t.find("application_no="); p != std::string::npos) {
          t = t.substr(p + 15);
          if (auto amp = t.find('&'); amp != std::string::npos) t.resize(amp);
        }
        session_.progress_no = t;
        cam = CameraView{};
        apply_events({{EventKind::qr_read}});
        break;
      }
      case CameraEvent::error:
        cam.running = true;
        cam.error = e.text;
        break;
    }
  }
  for (auto& e : printer_->events().drain()) {
    view_.printed = e.ok;
    view_.print_error_key = e.ok ? "" : "print.error." + e.error_code;
    if (!e.ok && !strings_.has(view_.print_error_key)) view_.print_error_key = "print.error";
    session_.receipt_pdf = e.path;
    // ops: what the last print says about the printer, for the heartbeat.
    printer_state_ = e.ok ? "ready"
                     : e.error_code == "out_of_paper" || e.error_code == "no_printer" ? e.error_code
                     : e.error_code == "printer_offline" ? "offline"
                                                         : "error";
  }
  // ops: a changed device sends a heartbeat at once (outbox/sync.h); the clock as it last answered.
  sync_->set_devices(device_report(card_.state(), true, camera_ok_ ? "" : "camera_unavailable", printer_state_));
  const SyncStatus sync = sync_->status();
  view_.clock_off_seconds = sync.clock_off() ? sync.clock_offset_seconds : 0;
}

}  // namespace jiuzhu::kiosk
