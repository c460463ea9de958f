// The receipt printer, on a worker thread: renders the receipt with printing/ (80 mm roll)
// and prints it. With --devices sim the "printer" is a directory: the PDF is written to
// DATA_DIR/printed/ (what a CUPS-PDF queue would produce). With --devices real it is
// submitted to the CUPS queue (printing/print_queue.h) and followed to the end, so an empty
// paper roll is reported, not hidden.
//
// The receipt's data is the contract's print data (cli.md jiuzhu-print): the application, the
// backend's answer or the offline answer (status pending_upload, the local number), the hall.
//
// Thread-safety: print() and status() may be called from the UI thread; results arrive
// through events().
#pragma once

#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/calendar.h"
#include "kiosk/devices/queue.h"

namespace jiuzhu::kiosk {

struct PrintEvent {
  bool ok = false;
  std::string path;        // the PDF written (sim) or submitted (real)
  std::string error_code;  // printer_offline, out_of_paper, render_failed, ...
};

class Printer {
 public:
  Printer(bool simulated, std::string out_dir, std::string cups_printer = {})
      : simulated_(simulated), out_dir_(std::move(out_dir)), cups_printer_(std::move(cups_printer)) {}
  ~Printer();
  // Renders and prints the receipt for `print_data` (decoded by printing/), its due dates counted
  // on `calendar` (null: the shipped one). Asynchronous.
  void print_receipt(const nlohmann::json& print_data, std::shared_ptr<const WorkingCalendar> calendar = nullptr);
  // "ready", "out_of_paper", "offline", ... (sim: "ready (PDF to DIR)" unless DIR unwritable).
  std::string state() const;
  ResultQueue<PrintEvent>& events() { return events_; }
  // The last receipt's data, for staff reprints (kept in memory only).
  bool has_last() const;
  void reprint_last();

 private:
  PrintEvent run(const nlohmann::json& data, std::shared_ptr<const WorkingCalendar> calendar);
  bool simulated_;
  std::string out_dir_, cups_printer_;
  mutable std::mutex mu_;
  nlohmann::json last_;
  std::shared_ptr<const WorkingCalendar> last_calendar_;
  std::vector<std::thread> jobs_;
  ResultQueue<PrintEvent> events_;
};

}  // namespace jiuzhu::kiosk
