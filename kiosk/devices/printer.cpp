#include "kiosk/devices/printer.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "kiosk/outbox/fsutil.h"
#include "printing/documents.h"
#include "printing/print_data.h"
#include "printing/print_queue.h"

namespace jiuzhu::kiosk {

Printer::~Printer() {
  std::lock_guard lock(mu_);
  for (auto& t : jobs_)
    if (t.joinable()) t.join();
}

void Printer::print_receipt(const nlohmann::json& data, std::shared_ptr<const WorkingCalendar> calendar) {
  std::lock_guard lock(mu_);
  last_ = data;
  last_calendar_ = calendar;
  jobs_.emplace_back([this, data, calendar] { events_.push(run(data, calendar)); });
}

bool Printer::has_last() const {
  std::lock_guard lock(mu_);
  return !last_.is_null();
}

void Printer::reprint_last() {
  nlohmann::json d;
  std::shared_ptr<const WorkingCalendar> calendar;
  {
    std::lock_guard lock(mu_);
    d = last_;
    calendar = last_calendar_;
  }
  if (!d.is_null()) print_receipt(d, calendar);
}

std::string Printer::state() const {
  if (simulated_) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir_, ec);
    return ::access(out_dir_.c_str(), W_OK) == 0 ? "ready" : "error";
  }
  printing::PrintQueue q;
  std::string name = cups_printer_;
  if (name.empty()) {
    auto d = q.default_printer();
    if (!d) return d.error().code;
    name = *d;
  }
  auto st = q.status(name);
  if (!st) return st.error().code;
  return std::string(printing::to_string(st->state));
}

PrintEvent Printer::run(const nlohmann::json& j, std::shared_ptr<const WorkingCalendar> calendar) {
  PrintEvent e;
  auto data = printing::decode_print_data(j);
  if (!data) {
    e.error_code = "print_data_invalid";
    return e;
  }
  printing::PrintData print = *data;
  print.calendar = std::move(calendar);
  auto pdf = printing::render_document(printing::DocumentKind::receipt, print, printing::PaperSize::roll80);
  if (!pdf) {
    e.error_code = "render_failed";
    return e;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir_, ec);
  static std::atomic<int> n{0};
  std::string path = out_dir_ + "/receipt-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".pdf";
  if (!write_atomic(out_dir_, path, reinterpret_cast<const unsigned char*>(pdf->data()), pdf->size())) {
    e.error_code = "printer_error";
    return e;
  }
  e.path = path;
  if (simulated_) {
    e.ok = true;
    return e;
  }
  printing::PrintQueue q;
  std::string name = cups_printer_;
  if (name.empty()) {
    auto d = q.default_printer();
    if (!d) {
      e.error_code = d.error().code;
      return e;
    }
    name = *d;
  }
  auto r = q.print_file(name, path, "receipt", std::chrono::seconds(60));
  // The PDF holds personal data: it is removed once the printer has it (or failed).
  std::filesystem::remove(path, ec);
  if (!r) {
    e.error_code = r.error().code;
    return e;
  }
  e.ok = true;
  return e;
}

}  // namespace jiuzhu::kiosk
