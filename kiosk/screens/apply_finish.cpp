// 我要申请, second half: the situation in the resident's words, consent per member, document
// scanning with live preview, review, submitting and the receipt.
#include <imgui.h>

#include "core/id_number.h"
#include "kiosk/screens/layout.h"
#include "kiosk/screens/screen.h"
#include "kiosk/text/wording.h"
#include "kiosk/ui/fast_fill.h"

namespace jiuzhu::kiosk {

void draw_situation(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "situation.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("situation.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  ui.text(ui.s("situation.prompt"), FontSize::large);
  // Quick phrases: most situations are one of a few; a tap adds the phrase.
  float bw = (w - t.gap) / 2;
  for (int i = 1; i <= 8; ++i) {
    if (i % 2 == 0) ImGui::SameLine(0, t.gap);
    else if (i > 1) ui.spacing(t.gap / 2);
    std::string phrase = ui.s("situation.phrase" + std::to_string(i));
    bool used = c.s.statement.find(phrase) != std::string::npos;
    if (ui.button(("situation.phrase" + std::to_string(i)).c_str(), (used ? "✓ " : "") + phrase,
                  used ? ButtonKind::selected : ButtonKind::secondary, bw, t.button_h * 0.9f) && !used) {
      if (!c.s.statement.empty()) c.s.statement += "，";
      c.s.statement += phrase;
    }
  }
  ui.spacing(t.gap);
  ui.text(ui.s("situation.your_words"), FontSize::body, true);
  ui.text(c.s.statement.empty() ? ui.s("situation.empty") : c.s.statement, FontSize::large);
  ui.spacing(t.gap / 2);
  ui.text(ui.s("situation.write"), FontSize::body);
  c.hw.draw(ui, c.s.statement, 300, "situation");
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = !c.s.statement.empty();
  bottom_bar(c, nav);
}

void draw_consent(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "consent.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("consent.scroll", h);
  ui.text(ui.s("consent.body"), FontSize::body);
  ui.spacing(t.gap);
  bool all = !c.s.members.empty();
  for (size_t i = 0; i < c.s.members.size(); ++i) {
    auto& m = c.s.members[i];
    std::string who = m.person.name.empty() ? mask_id_number(m.person.id_number) : m.person.name;
    std::string label = (m.consent ? "✓ " : "") + ui.f("consent.agree", {who});  // no ☐: the font lacks it
    if (ui.button(("consent.member." + std::to_string(i)).c_str(), label,
                  m.consent ? ButtonKind::selected : ButtonKind::secondary))
      m.consent = !m.consent;
    ui.spacing(t.gap / 2);
    all = all && m.consent;
  }
  ui.text(ui.s("consent.note"), FontSize::body, true);
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = all;
  bottom_bar(c, nav);
}

namespace {

std::vector<std::string> required_docs(const Session& s) {
  std::vector<std::string> k{"hukou_booklet"};
  if (s.is_proxy()) k.push_back("proxy_authorization");
  return k;
}

bool have_doc(const Session& s, const std::string& kind) {
  for (const auto& d : s.documents)
    if (d.kind == kind) return true;
  return false;
}

// After this long without a page the camera screen offers 直接拍 (the whole frame).
constexpr double kOfferWholeFrameMs = 4000;

// The live preview with the detected page outline and the quality hints.
void camera_panel(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  const CameraView& cam = c.view.camera;
  float w = ImGui::GetContentRegionAvail().x;
  PreviewPlacement at = draw_camera_preview(cam, w, w * 0.75f);
  if (at.scale > 0 && cam.found) {
    ImVec2 pts[4];
    for (int i = 0; i < 4; ++i)
      pts[i] = ImVec2(at.origin.x + cam.corners[2 * i] * at.scale, at.origin.y + cam.corners[2 * i + 1] * at.scale);
    bool good = cam.problems.empty();
    ImGui::GetWindowDrawList()->AddPolyline(pts, 4, rgba(good ? Rgb{0x30, 0xD0, 0x50} : Rgb{0xFF, 0xC0, 0x20}),
                                            ImDrawFlags_Closed, 8);
  }
  if (!cam.error.empty()) {
    ui.text_colored(ui.s("camera." + cam.error), FontSize::large, t.danger);
  } else if (!cam.found) {
    ui.text(ui.s(cam.no_page_ms >= kOfferWholeFrameMs ? "camera.no_page_long" : "camera.no_page"), FontSize::large);
  } else if (!cam.problems.empty()) {
    for (const auto& p : cam.problems) ui.text_colored(p, FontSize::large, t.danger);
  } else {
    ui.text(ui.f("camera.hold_still", {std::to_string(static_cast<int>(cam.stable * 100))}), FontSize::large);
  }
}

}  // namespace

void draw_documents(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "documents.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("documents.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  if (!c.s.scanning_kind.empty()) {
    ui.text(ui.f("documents.scanning", {ui.s("doc." + c.s.scanning_kind)}), FontSize::large);
    ui.text(ui.s("documents.scan_hint"), FontSize::body, true);
    camera_panel(c);
    // The shutter is the bottom bar's main button (below); 取消 stays with the preview.
    if (ui.button("documents.cancel", ui.s("documents.cancel"), ButtonKind::secondary, (w - t.gap) / 2)) {
      c.s.scanning_kind.clear();
      c.cmd(CommandKind::camera_stop);
    }
  } else {
    ui.text(ui.s("documents.prompt"), FontSize::large);
    ui.spacing(t.gap / 2);
    for (const auto& kind : required_docs(c.s)) {
      bool have = have_doc(c.s, kind);
      // The state in words (✓ is in the font; an empty box is not), then the document's picture
      // and name on its button, with what the button does under the name.
      ui.text((have ? "✓ " : "") + ui.s("doc." + kind) + ui.s(have ? "documents.done" : "documents.todo"), FontSize::large);
      if (ui.button(("documents.scan." + kind).c_str(),
                    ui.s("doc." + kind) + "\n" + (have ? ui.s("documents.rescan") : ui.s("documents.scan")),
                    have ? ButtonKind::secondary : ButtonKind::primary, 0, t.button_h * 1.2f, true, ("doc." + kind).c_str())) {
        c.s.scanning_kind = kind;
        c.cmd(CommandKind::camera_start, "doc:" + kind);
      }
      ui.spacing(t.gap);
    }
    ui.text(ui.s("documents.later"), FontSize::body, true);
  }
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  // While a document is in view the main button is the shutter. It always works (without a
  // page it keeps the whole frame); after a few seconds without a page 直接拍 is offered in its
  // place, so a page the detector cannot find never traps the resident.
  const CameraView& cam = c.view.camera;
  const bool scanning = !c.s.scanning_kind.empty();
  const bool whole = cam.running && cam.error.empty() && !cam.found && cam.no_page_ms >= kOfferWholeFrameMs;
  if (scanning) {
    nav.next_key = whole ? "documents.capture_whole" : "documents.capture";
    nav.next_name = nav.next_key;
    nav.next_enabled = cam.error.empty();
  }
  bottom_bar(c, nav);
  if (scanning && take_next(c)) {
    if (whole) c.cmd(CommandKind::camera_capture, "whole");
    else c.cmd(CommandKind::camera_capture);
  }
}

void draw_review(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "review.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("review.scroll", h);
  ui.text(ui.s("review.prompt"), FontSize::large);
  ui.spacing(t.gap / 2);
  const Person* ap = c.s.applicant_person();
  if (ap) {
    ui.field(ui.s("review.applicant"), ap->name + "  " + mask_id_number(ap->id_number));
    if (!ap->address.empty()) ui.field(ui.s("review.address"), ap->address);
  }
  if (c.s.is_proxy() && c.s.user)
    ui.field(ui.s("review.proxy"), c.s.user->name + "（" + ui.s("proxy.rel." + c.s.proxy_relation) + "）");
  std::string progs;
  for (const auto& p : c.s.programs) progs += (progs.empty() ? "" : "、") + ui.s("program." + p);
  ui.field(ui.s("review.programs"), progs);
  std::string members;
  for (size_t i = 0; i < c.s.members.size(); ++i) {
    const auto& m = c.s.members[i];
    members += (i ? "、" : "") + (m.person.name.empty() ? mask_id_number(m.person.id_number) : m.person.name);
    if (m.monthly_income) members += ui.f("review.income_each", {std::to_string(static_cast<long long>(*m.monthly_income))});
  }
  ui.field(ui.s("review.members"), members);
  ui.field(ui.s("review.situation"), c.s.statement);
  std::string docs;
  for (const auto& d : c.s.documents) docs += (docs.empty() ? "" : "、") + ui.s("doc." + d.kind);
  ui.field(ui.s("review.documents"), docs.empty() ? ui.s("review.no_documents") : docs);
  if (!c.s.phone.empty()) ui.field(ui.s("review.phone"), c.s.phone.substr(0, 3) + "****" + c.s.phone.substr(7));
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  nav.next_key = "review.submit";
  bottom_bar(c, nav);
}

void draw_submitting(ScreenCtx& c) {
  Ui& ui = c.ui;
  ImGui::SetCursorPosY(700);
  begin_fixed_column(ui);
  if (c.view.submit == Async::failed) {
    ui.text_centered(ui.s(c.view.submit_error_key.empty() ? "submit.failed" : c.view.submit_error_key), FontSize::title);
    if (ui.button("bar.help", ui.s("bar.help"), ButtonKind::primary)) c.go(EventKind::go_help);
  } else {
    ui.text_centered(ui.s("submit.saving"), FontSize::title);
  }
  end_fixed_column();
}

void draw_receipt(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  const float h = top_bar(c, "receipt.title", true);
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("receipt.scroll", h);
  bool pending = !c.s.receipt || c.s.receipt->status == "pending_upload";
  if (pending) {
    ui.text_colored(ui.s("receipt.saved_offline"), FontSize::title, t.ok);
    ui.text(ui.s("receipt.local_no"), FontSize::body, true);
    ui.text(c.s.local_no, FontSize::title);
    ui.text_colored(ui.s("receipt.pending_upload"), FontSize::large, t.danger);
    ui.text(ui.s("receipt.pending_explain"), FontSize::body);
  } else {
    ui.text_colored(ui.s("receipt.received"), FontSize::title, t.ok);
    ui.text(ui.s("receipt.application_no"), FontSize::body, true);
    ui.text(c.s.receipt->application_no, FontSize::title);
  }
  // The same words as the paper (core/intake's ReceiptData): each program's own date, what is
  // truly missing, what is signed at the office, how to look up progress.
  if (const auto& r = c.view.receipt_data) {
    ui.text(ui.s("receipt.due_date"), FontSize::body, true);
    for (const auto& d : r->deadlines)
      ui.text(d.program_label + "：" + d.due.iso() + (d.provisional ? ui.s("receipt.due_provisional") : ""), FontSize::large);
    if (!r->missing.empty()) {
      std::string list;
      for (const auto& m : r->missing) list += (list.empty() ? "" : "、") + m.label;
      ui.field(ui.s("receipt.missing"), list);
    }
    for (const auto& sig : r->to_sign) ui.field(ui.s("receipt.sign_at_office"), sig.label + "：" + sig.who + sig.where);
    ui.text(r->progress_lookup, FontSize::body);
  }
  ui.spacing(t.gap);
  if (c.view.printed) ui.text(ui.s("receipt.printed"), FontSize::large);
  else if (!c.view.print_error_key.empty()) ui.text_colored(ui.s(c.view.print_error_key), FontSize::large, t.danger);
  else ui.text(ui.s("receipt.printing"), FontSize::large);
  if (ui.button("receipt.reprint", ui.s("receipt.reprint"), ButtonKind::secondary)) c.cmd(CommandKind::print_receipt);
  ui.spacing(t.gap);
  ui.text(ui.s("receipt.keep"), FontSize::body, true);
  ui.end_scroll();
  finish_bar(c, "receipt.finish", false);
}

}  // namespace jiuzhu::kiosk
