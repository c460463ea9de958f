// The app as the flow's interpreter: events go through the pure step() (kiosk/flow), and the
// effects it returns are carried out here over the session, the devices, the outbox and the
// view. Nothing here decides what an event means or what a screen needs on entry: each
// function below does one effect, as the flow named it.
#include <algorithm>

#include "kiosk/app/app.h"
#include "kiosk/text/device_state.h"

namespace jiuzhu::kiosk {

Facts App::facts() const {
  Facts f;
  f.check_income_answered = session_.check.household_income.has_value();
  return f;
}

void App::apply_events(const std::vector<Event>& events) {
  for (const auto& e : events) apply_event(e);
}

void App::apply_event(const Event& e, const Person* card) {
  Transition t = step(flow_, e, facts());
  flow_ = std::move(t.state);
  for (const Effect& fx : t.effects) carry_out(fx, card);
}

void App::carry_out(const Effect& fx, const Person* card) {
  switch (fx.kind) {
    case EffectKind::wipe_session: wipe(); break;
    case EffectKind::submit: start_submit(); break;
    case EffectKind::speak_prompt:
      prompt_due_ = true;  // spoken once the new screen is drawn (it may set a sub-step prompt)
      break;
    case EffectKind::start_countdown:
      countdown_start_ = now_s();
      say(strings_.get("speak.countdown"));
      break;
    case EffectKind::restart_idle_timer: last_input_ = now_s(); break;
    case EffectKind::store_card: store_card(fx.slot, card); break;
    case EffectKind::query_progress: start_progress_query(); break;
    case EffectKind::clear_entry:
      view_.typed_error_key.clear();
      session_.input.clear();
      hw_.reset();
      // The handwriting model (26 MB) is held only while a screen shows a board.
      hw_.handwriting().unload();
      break;
    case EffectKind::stop_camera:
      camera_.stop();
      view_.camera = CameraView{};
      session_.scanning_kind.clear();
      break;
    case EffectKind::begin_check: session_.check_index = 0; break;
    case EffectKind::carry_check_answers: preselect_likely_programs(); break;
    case EffectKind::add_applicant_member:
      if (session_.members.empty() && session_.applicant_person()) {
        MemberEntry m;
        m.person = *session_.applicant_person();
        m.relation = model::Relation::self;
        session_.members.push_back(std::move(m));
      }
      break;
    case EffectKind::begin_income: session_.income_index = 0; break;
    case EffectKind::carry_assets: carry_check_assets(); break;
    case EffectKind::begin_progress:
      session_.progress_no.clear();
      view_.progress_error_key.clear();
      view_.progress = Async::idle;
      break;
    case EffectKind::begin_staff_login:
      session_.progress_no.clear();
      session_.progress_check.clear();
      view_.staff_error_key.clear();
      view_.staff_login = Async::idle;
      break;
    case EffectKind::refresh_status: refresh_status(); break;
    case EffectKind::print_receipt: print_receipt(); break;
    case EffectKind::call_help: start_help_call(fx.from); break;
  }
}

void App::store_card(CardSlot slot, const Person* card) {
  if (!card) return;
  switch (slot) {
    case CardSlot::user:
      if (session_.user) wipe_person(*session_.user);
      session_.user = *card;
      break;
    case CardSlot::applicant: session_.applicant = *card; break;
    case CardSlot::member: session_.pending_member = *card; break;
  }
}

void App::preselect_likely_programs() {
  // Programs the self-check found likely are preselected; the resident can change them.
  if (!session_.programs.empty() || view_.eligibility != Async::done) return;
  for (const auto& p : view_.eligibility_result.value("programs", nlohmann::json::array()))
    if (p.value("verdict", "") == "likely_eligible") {
      std::string id = p.value("program", "");
      if (std::find(session_.programs.begin(), session_.programs.end(), id) == session_.programs.end())
        session_.programs.push_back(id);
    }
}

void App::carry_check_assets() {
  // Answers the self-check gave fill the application's; its sub-questions start at the first
  // one still open (the phone number is the application's own).
  const CheckAnswers& a = session_.check;
  if (!session_.rural && a.rural) session_.rural = a.rural;
  if (!session_.deposits && a.deposits) session_.deposits = a.deposits;
  if (!session_.vehicles && a.has_vehicle) session_.vehicles = *a.has_vehicle ? 1 : 0;
  if (!session_.extra_housing && a.extra_housing) session_.extra_housing = a.extra_housing;
  const bool known[4] = {session_.rural.has_value(), session_.deposits.has_value(), session_.vehicles.has_value(),
                         session_.extra_housing.has_value()};
  const bool carried = a.rural || a.deposits || a.has_vehicle || a.extra_housing;
  session_.assets_index = 0;
  session_.check_answered_assets = carried;
  while (carried && session_.assets_index < 4 && known[session_.assets_index]) ++session_.assets_index;
}

void App::wipe() {
  session_.wipe();
  wipe_submitted();
  hw_.wipe();
  camera_.stop();
  CameraView cam;
  view_.camera = cam;
  view_.eligibility = Async::idle;
  view_.eligibility_result = nlohmann::json();
  view_.progress = Async::idle;
  view_.progress_result = nlohmann::json();
  view_.progress_error_key.clear();
  view_.staff_login = Async::idle;
  view_.staff_error_key.clear();
  view_.submit = Async::idle;
  view_.lead = Async::idle;
  view_.help_call = Async::idle;
  view_.receipt_data.reset();
  view_.help_delivered = false;
  help_id_.clear();
  view_.typed_error_key.clear();
  view_.card_message_key.clear();
  view_.selftest_report.clear();
  view_.printed = false;
  // The glyphs of the resident's name and address leave the font atlas too.
  fonts_.reset_dynamic();
}

void App::print_receipt() {
  view_.printed = false;
  view_.print_error_key.clear();
  // ops: a receipt the backend has not answered yet is dated by this kiosk's clock. When that
  // clock is known to be wrong, nothing is printed that would state a wrong 受理时间 or due date:
  // the application is saved and queued as always, and the screen asks the resident to see staff.
  if (receipt_dates_withheld(view_.clock_off_seconds, session_.receipt ? session_.receipt->status : "")) {
    view_.print_error_key = "print.error.clock_off";
    return;
  }
  printer_->print_receipt(print_data(), calendar_->current());
}

void App::refresh_status() {
  auto c = outbox_->counts();
  view_.outbox_pending = c.pending;
  view_.outbox_quarantined = c.quarantined;
  view_.outbox_rejected = c.rejected;
  view_.online = sync_->status().online;
  view_.device_lines.clear();
  auto line = [&](const std::string& k, std::string_view code) {
    view_.device_lines.emplace_back(strings_.get(k), device_state_words(strings_, code));
  };
  line("staff.dev.reader", card_.state());
  line("staff.dev.camera", opt_.simulated_devices ? "sim" : "real");
  printer_state_ = printer_->state();
  line("staff.dev.printer", printer_state_);
  line("staff.dev.speech", speech_.state());
}

}  // namespace jiuzhu::kiosk
