#include "kiosk/devices/card_worker.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "peripherals/idcard/card.h"
#include "peripherals/idcard/reader.h"
#include "peripherals/idcard/serial_reader.h"
#include "peripherals/idcard/simulator.h"

namespace jiuzhu::kiosk {

CardWorker::CardWorker() = default;
CardWorker::~CardWorker() { stop(); }

Status CardWorker::start(bool simulated, const std::string& device) {
  std::string dev = device;
  if (simulated) {
    auto sim = idcard::PtyReaderSimulator::start();
    if (!sim) return sim.error();
    sim_ = std::move(sim).value();
    dev = sim_->path();
  }
  stop_ = false;
  thread_ = std::thread([this, dev] { loop(dev); });
  return Ok{};
}

void CardWorker::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  sim_.reset();
}

Status CardWorker::present_file(const std::string& path) {
  if (!sim_) return make_error("not_simulated", "cards can only be presented to the simulated reader");
  std::ifstream in(path);
  if (!in) return make_error("card_json", "cannot open card file", path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return make_error("card_json", "card file is not JSON", path);
  auto card = idcard::card_from_json(j);
  if (!card) return card.error();
  return sim_->present(*card);
}

void CardWorker::remove_card() {
  if (sim_) sim_->remove();
}

std::string CardWorker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

void CardWorker::loop(std::string device) {
  idcard::SerialOptions opt;
  opt.device = device;
  std::unique_ptr<idcard::SerialReader> reader;
  while (!stop_) {
    if (!reader) {
      auto r = idcard::SerialReader::open(opt);
      if (!r) {
        {
          std::lock_guard lock(mu_);
          state_ = r.error().code;
        }
        for (int i = 0; i < 20 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      reader = std::move(r).value();
      std::lock_guard lock(mu_);
      state_ = "ok";
    }
    idcard::WaitOptions wo;
    wo.timeout = std::chrono::milliseconds(1000);
    wo.poll_interval = std::chrono::milliseconds(150);
    wo.cancel = &stop_;
    auto card = idcard::wait_for_card(*reader, wo);
    if (stop_) break;
    if (card) {
      CardEvent e;
      e.ok = true;
      e.person.id_number = card->id_number;
      e.person.name = card->name;
      e.person.sex = card->sex == Sex::male ? "male" : "female";
      e.person.nation = card->nation;
      e.person.birth_date = card->birth_date.iso();
      e.person.address = card->address;
      e.person.card_read = true;
      events_.push(std::move(e));
      std::lock_guard lock(mu_);
      state_ = "ok";
    } else if (card.error().code != "no_card" && card.error().code != "cancelled") {
      CardEvent e;
      e.error_code = card.error().code;
      events_.push(std::move(e));
      std::lock_guard lock(mu_);
      state_ = card.error().code;
      // A broken link: reopen the device on the next round.
      if (card.error().code.rfind("reader_", 0) == 0) reader.reset();
    }
  }
}

}  // namespace jiuzhu::kiosk
