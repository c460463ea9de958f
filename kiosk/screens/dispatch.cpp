#include <imgui.h>

#include "kiosk/screens/screen.h"

namespace jiuzhu::kiosk {

void draw_screen(ScreenCtx& c) {
  if (c.flow.countdown) return draw_countdown(c);
  switch (c.flow.screen) {
    case Screen::attract: return draw_attract(c);
    case Screen::id_entry: return draw_id_entry(c);
    case Screen::home: return draw_home(c);
    case Screen::policy_list: return draw_policy_list(c);
    case Screen::policy_detail: return draw_policy_detail(c);
    case Screen::check_question: return draw_check_question(c);
    case Screen::check_result: return draw_check_result(c);
    case Screen::apply_program: return draw_apply_program(c);
    case Screen::proxy_applicant: return draw_proxy_applicant(c);
    case Screen::proxy_relation: return draw_proxy_relation(c);
    case Screen::members: return draw_members(c);
    case Screen::member_add: return draw_member_add(c);
    case Screen::income: return draw_income(c);
    case Screen::assets: return draw_assets(c);
    case Screen::situation: return draw_situation(c);
    case Screen::consent: return draw_consent(c);
    case Screen::documents: return draw_documents(c);
    case Screen::review: return draw_review(c);
    case Screen::submitting: return draw_submitting(c);
    case Screen::receipt: return draw_receipt(c);
    case Screen::progress: return draw_progress(c);
    case Screen::progress_result: return draw_progress_result(c);
    case Screen::lead: return draw_lead(c);
    case Screen::lead_done: return draw_lead_done(c);
    case Screen::help: return draw_help(c);
    case Screen::staff_pin: return draw_staff_pin(c);
    case Screen::staff_menu: return draw_staff_menu(c);
    case Screen::out_of_service: return draw_out_of_service(c);
  }
}

std::string prompt_key(Screen s) { return std::string("speak.") + screen_name(s); }

}  // namespace jiuzhu::kiosk
