// The app's side of screen commands: starting asynchronous work and collecting its results.
#include <Poco/URI.h>

#include <chrono>
#include <filesystem>

#include "core/calendar.h"
#include "core/intake/answers.h"
#include "core/intake/receipt.h"
#include "core/id_number.h"
#include "core/model/json_codec.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/policy/engine.h"
#include "core/timestamp.h"
#include "kiosk/app/app.h"
#include "kiosk/text/device_state.h"
#include "kiosk/outbox/fsutil.h"
#include "core/utf8.h"
#include "kiosk/text/wipe.h"

namespace fs = std::filesystem;

namespace jiuzhu::kiosk {
namespace {

template <typename T>
bool ready(const std::future<T>& f) {
  return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// Overwrites every string inside a JSON value (the submitted application) before release.
void wipe_json(nlohmann::json& j) {
  if (j.is_string()) {
    wipe_string(j.get_ref<std::string&>());
  } else if (j.is_structured()) {
    for (auto& v : j) wipe_json(v);
  }
  j = nullptr;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void App::run_command(const Command& c) {
  switch (c.kind) {
    case CommandKind::toggle_elderly:
      elderly_ = !elderly_;
      text_step_ = 0;
      set_theme();
      prompt_due_ = true;  // the same screen, said again in the new mode
      break;
    case CommandKind::replay_prompt: {
      // 重听 is asked for: it speaks in quiet mode too.
      const bool was = speech_.enabled();
      speech_.set_enabled(true);
      speech_.say(last_prompt_.empty() ? strings_.get(prompt_key(flow_.screen)) : last_prompt_);
      speech_.set_enabled(was);
      break;
    }
    case CommandKind::staff_quiet:
      view_.quiet = !view_.quiet;
      speech_.set_enabled(!view_.quiet);
      break;
    case CommandKind::text_bigger:
      text_step_ = std::min(2, text_step_ + 1);
      set_theme();
      break;
    case CommandKind::text_smaller:
      text_step_ = std::max(-1, text_step_ - 1);
      set_theme();
      break;
    case CommandKind::speak: {
      // Reading aloud is on request too, not only in elderly mode.
      bool was = speech_.enabled();
      speech_.set_enabled(true);
      speech_.say(c.arg);
      speech_.set_enabled(was);
      break;
    }
    case CommandKind::identify_typed: {
      auto id = IdNumber::parse(session_.input);
      if (!id) {
        view_.typed_error_key = "id_error." + id.error().code;
        break;
      }
      view_.typed_error_key.clear();
      Person p;
      p.id_number = id->str();
      p.birth_date = id->birth_date().iso();
      p.sex = id->sex() == Sex::male ? "male" : "female";
      p.card_read = false;
      wipe_string(session_.input);
      if (c.arg == "user") session_.user = p;
      else if (c.arg == "applicant") session_.applicant = p;
      else if (c.arg == "member") session_.pending_member = p;
      wipe_person(p);
      break;
    }
    case CommandKind::run_eligibility: start_eligibility(); break;
    case CommandKind::submit_lead: submit_lead(); break;
    case CommandKind::query_progress: start_progress_query(); break;
    case CommandKind::staff_login: start_staff_login(c.arg); break;
    case CommandKind::staff_reprint:
      if (printer_->has_last()) {
        printer_->reprint_last();
        view_.selftest_report = strings_.get("staff.reprinting");
      } else {
        view_.selftest_report = strings_.get("staff.nothing_to_reprint");
      }
      break;
    case CommandKind::staff_selftest: self_test(); break;
    case CommandKind::staff_retry_sync:
      sync_->notify();
      refresh_status();
      break;
    case CommandKind::camera_start: {
      if (opt_.simulated_devices && !camera_.has_frame()) {
        // The simulated camera shows the newest image in DATA_DIR/camera/ until the script
        // feeds another.
        std::error_code ec;
        fs::path newest;
        fs::file_time_type t{};
        for (auto& e : fs::directory_iterator(opt_.data_dir + "/camera", ec))
          if (e.is_regular_file() && e.last_write_time() > t) {
            t = e.last_write_time();
            newest = e.path();
          }
        if (!newest.empty()) camera_.feed(newest.string());
      }
      view_.camera = CameraView{};
      view_.camera.running = true;
      camera_.start(c.arg);
      break;
    }
    case CommandKind::camera_stop:
      camera_.stop();
      view_.camera = CameraView{};
      break;
    case CommandKind::camera_capture: camera_.capture_now(c.arg == "whole"); break;
    case CommandKind::print_receipt:
      print_receipt();
      break;
  }
}

void App::wipe_submitted() { wipe_json(submitted_); }

void App::start_eligibility() {
  view_.eligibility = Async::running;
  const CheckAnswers a = session_.check;
  std::string id = session_.user ? session_.user->id_number : "";
  std::string county = opt_.township.substr(0, 6);
  async_.eligibility = std::async(std::launch::async, [a, id, county]() -> nlohmann::json {
    auto catalog = policy::Catalog::load_builtin();
    if (!catalog) return {{"error", catalog.error().code}};
    auto params = policy::CountyParams::load_county(*catalog, county);
    if (!params) return {{"error", params.error().code}};
    const Date today = Date::today_china();
    model::Household h = intake::household_from_answers(a, id, today);
    auto r = policy::evaluate(*catalog, *params, h, today);
    return r.to_json();
  });
}

void App::start_progress_query() {
  if (session_.progress_no.empty()) return;
  view_.progress = Async::running;
  view_.progress_error_key.clear();
  std::string last4 = session_.user && session_.user->id_number.size() >= 4
                          ? session_.user->id_number.substr(session_.user->id_number.size() - 4) : "";
  std::string no, check;
  Poco::URI::encode(session_.progress_no, "&=?#+/ ", no);
  Poco::URI::encode(last4, "&=?#+/ ", check);
  BackendConfig cfg = backend_;
  async_.progress = std::async(std::launch::async, [cfg, no, check] {
    auto r = http_request(cfg, "GET", "/api/v1/progress?application_no=" + no + "&check=" + check);
    if (!r) return std::make_pair(-1, std::string());
    return std::make_pair(r->status, r->body);
  });
}

void App::start_staff_login(const std::string& login) {
  view_.staff_login = Async::running;
  view_.staff_error_key.clear();
  nlohmann::json body = {{"login", login}, {"password", session_.input}};
  wipe_string(session_.input);
  BackendConfig cfg = backend_;
  cfg.token.clear();  // login is anonymous: the kiosk's token is not the staff member's
  std::string text = body.dump();
  async_.login = std::async(std::launch::async, [cfg, text]() mutable {
    auto r = http_request(cfg, "POST", "/api/v1/auth/login", "application/json; charset=utf-8", text);
    wipe_string(text);
    if (!r) return std::make_pair(-1, std::string());
    return std::make_pair(r->status, r->body);
  });
}

void App::submit_lead() {
  model::Lead l;
  l.source = "kiosk";
  l.township = opt_.township;
  const Person* u = session_.user ? &*session_.user : nullptr;
  if (session_.lead_relation == "self") {
    if (u) l.subject = {u->id_number, u->name, u->address, session_.phone};
  } else {
    // 姓名或住址 in one field: a long entry or one with place words is an address.
    const std::string& w = session_.lead_name;
    bool place = utf8::length(w) > 4 || w.find("村") != std::string::npos || w.find("屯") != std::string::npos ||
                 w.find("号") != std::string::npos || w.find("街") != std::string::npos;
    if (place) l.subject.address = w;
    else l.subject.name = w;
  }
  if (u) l.reporter.name = u->name;
  l.reporter.relation = session_.lead_relation;
  l.situation = session_.lead_situation;
  l.urgent = session_.lead_urgent.value_or(false);
  nlohmann::json payload = model::encode(l);
  view_.lead = Async::running;
  Outbox* ob = outbox_.get();
  SyncWorker* sync = sync_.get();
  async_.lead = std::async(std::launch::async, [ob, sync, payload]() -> Status {
    auto r = ob->enqueue("lead", random_uuid(), "", payload, {});
    if (!r) return r.error();
    sync->notify();
    return Ok{};
  });
}

void App::start_help_call(Screen from) {
  const auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  help_id_ = time_ordered_uuid(static_cast<uint64_t>(unix_ms));
  view_.help_call = Async::running;
  view_.help_delivered = false;
  nlohmann::json payload = help_call_body(help_id_, screen_name(from), now_rfc3339_china());
  Outbox* ob = outbox_.get();
  SyncWorker* sync = sync_.get();
  std::string id = help_id_;
  async_.help = std::async(std::launch::async, [ob, sync, payload, id]() -> Status {
    auto r = ob->enqueue("help_call", id, "", payload, {});
    if (!r) return r.error();
    sync->notify();
    return Ok{};
  });
}

void App::start_submit() {
  view_.submit = Async::running;
  const auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  session_.client_id = time_ordered_uuid(static_cast<uint64_t>(unix_ms));
  // The random tail: the UUID's leading digits are the clock, shared by a minute's applications.
  session_.local_no = "L" + opt_.township + "-" + upper(session_.client_id.substr(28, 8));
  std::string now = now_rfc3339_china();
  model::Application a = session_.to_application(opt_.township, now);
  nlohmann::json payload = model::encode(a);
  submitted_ = payload;
  std::vector<OutboxDocument> docs;
  for (const auto& d : session_.documents) docs.push_back({d.sha256, "image/png", d.png});
  Outbox* ob = outbox_.get();
  SyncWorker* sync = sync_.get();
  std::string id = session_.client_id, local = session_.local_no;
  double wait_s = opt_.submit_wait_seconds;
  // The offline receipt's answer, dated by the one function the backend uses (core/intake).
  // Past the holiday data it has no date; the application is saved all the same.
  // The calendar is the shipped one with the county's holiday notices (outbox/calendar.h).
  auto answer = intake::offline_acknowledgement(a, local, now, *calendar_->current());
  model::Acknowledgement offline = answer ? *answer : model::Acknowledgement{local, "pending_upload", now, ""};
  async_.submit = std::async(std::launch::async, [ob, sync, payload, docs, id, local, wait_s, offline]() -> Result<model::Acknowledgement> {
    auto r = ob->enqueue("application", id, local, payload, docs);
    if (!r) return r.error();
    // Saved: from here on the application cannot be lost. Give the backend a moment to
    // answer with the real number; otherwise the receipt says 待上传 with the local number.
    sync->notify();
    int failures_before = sync->status().consecutive_failures;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_s);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto ack = ob->ack(id)) {
        auto dec = model::decode_acknowledgement(*ack);
        if (dec) return dec;
      }
      if (ob->is_rejected(*r))
        return make_error("rejected", "the backend refused the application; it is kept for staff");
      SyncStatus st = sync->status();
      if (!st.online && st.consecutive_failures > failures_before) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return offline;
  });
}

void App::self_test() {
  view_.selftest_report = strings_.get("staff.testing");
  std::string reader = card_.state(), printer = printer_->state(), speech = speech_.state();
  Outbox* ob = outbox_.get();
  BackendConfig cfg = backend_;
  std::string data_dir = opt_.data_dir;
  const Strings* s = &strings_;
  async_.selftest = std::async(std::launch::async, [=]() {
    std::string out;
    auto line = [&](const std::string& key, std::string_view code) {
      out += s->get(key) + "：" + device_state_words(*s, code) + "\n";
    };
    line("staff.dev.reader", reader);
    line("staff.dev.printer", printer);
    line("staff.dev.speech", speech);
    // The outbox directory accepts a durable write and reads it back.
    std::string probe = ob->dir() + "/tmp/selftest";
    unsigned char b[16] = {1, 2, 3};
    bool disk = write_atomic(ob->dir() + "/tmp", probe, b, sizeof b);
    std::vector<unsigned char> back;
    disk = disk && read_file(probe, back) && back.size() == sizeof b;
    std::error_code ec;
    fs::remove(probe, ec);
    line("staff.dev.outbox", disk ? "ok" : "storage_error");
    auto h = http_request(cfg, "GET", "/healthz");
    line("staff.network", h && h->status == 200 ? "ok" : h ? "http_" + std::to_string(h->status) : "network_error");
    return out;
  });
}

nlohmann::json App::print_data() const {
  nlohmann::json d = submitted_;
  if (d.is_null()) return d;
  if (session_.receipt) {
    d["application_no"] = session_.receipt->application_no;
    d["status"] = session_.receipt->status;
    d["received_at"] = session_.receipt->received_at;
    d["due_date"] = session_.receipt->due_date;
  }
  d["hall"] = {{"name", opt_.hall_name}, {"address", opt_.hall_address}, {"phone", opt_.hall_phone}};
  d["large_print"] = elderly_;  // 长辈模式 prints the large-print receipt
  return d;
}

void App::poll_async() {
  if (ready(async_.eligibility)) {
    auto j = async_.eligibility.get();
    view_.eligibility = j.contains("error") ? Async::failed : Async::done;
    view_.eligibility_result = std::move(j);
  }
  if (ready(async_.progress)) {
    auto [status, body] = async_.progress.get();
    view_.progress = status == 200 ? Async::done : Async::failed;
    if (status == 200) {
      view_.progress_result = nlohmann::json::parse(body, nullptr, false);
      apply_events({{EventKind::progress_found}});
    } else {
      view_.progress_error_key = status == 404 ? "progress.not_found"
                                 : status == 429 ? "progress.too_many"
                                 : status < 0    ? "progress.offline"
                                                 : "progress.error";
    }
  }
  if (ready(async_.login)) {
    auto [status, body] = async_.login.get();
    auto j = nlohmann::json::parse(body, nullptr, false);
    const StaffLogin outcome = staff_login_outcome(status, j.is_object() ? j.value("role", "") : "");
    if (outcome == StaffLogin::ok) {
      view_.staff_login = Async::done;
      apply_events({{EventKind::staff_login_ok}});
    } else {
      view_.staff_login = Async::failed;
      view_.staff_error_key = staff_login_error_key(outcome);
      wipe_string(session_.input);
    }
    if (j.is_object() && j.contains("token")) wipe_string(j["token"].get_ref<std::string&>());
  }
  if (ready(async_.submit)) {
    auto r = async_.submit.get();
    if (r) {
      session_.receipt = *r;
      // ops: no dates on screen from a clock known to be wrong (App::print_receipt).
      const bool wrong_dates = receipt_dates_withheld(view_.clock_off_seconds, r->status);
      if (auto app = model::decode_application(submitted_); app && !wrong_dates)
        if (auto data = intake::make_receipt(*app, *r, *calendar_->current()); data)
          view_.receipt_data = std::move(*data);
      view_.submit = Async::done;
      apply_events({{EventKind::submitted}});
    } else {
      view_.submit = Async::failed;
      view_.submit_error_key = r.error().code == "rejected" ? "submit.rejected" : "submit.failed";
    }
  }
  if (ready(async_.lead)) {
    auto r = async_.lead.get();
    view_.lead = r ? Async::done : Async::failed;
    if (r) apply_events({{EventKind::lead_saved}});
  }
  if (ready(async_.help)) view_.help_call = async_.help.get() ? Async::done : Async::failed;
  if (!help_id_.empty() && !view_.help_delivered && view_.help_call == Async::done && flow_.screen == Screen::help)
    view_.help_delivered = outbox_->ack(help_id_).has_value();
  if (ready(async_.selftest)) {
    view_.selftest_report = async_.selftest.get();
    refresh_status();
  }
}

}  // namespace jiuzhu::kiosk
