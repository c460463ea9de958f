// The print path: CUPS queues through libcups (IPP). Receipt printers (80 mm ESC/POS) are CUPS
// queues too, with a raster driver that turns our PDF into ESC/POS raster (docs/printing.md),
// so the kiosk, the hall's PCs and the tests all print the same way.
//
// PrintQueue answers a printer's state (for the kiosk's device status), submits a PDF and
// follows the job until it completes or fails. A job that cannot finish because the printer
// is offline, out of paper or in error fails with that state named, after a short grace
// period (a printer that reports "media-empty" for a moment while feeding is not a failure).
//
// Which server: libcups' usual rules (CUPS_SERVER, ~/.cups/client.conf, /etc/cups/client.conf,
// the local socket) unless a server ("host:port" or a socket path) is given.
//
// Thread-safety: a PrintQueue holds only its server name; each call opens its own connection,
// so one PrintQueue may be used from several threads. Calls block (wait() up to its timeout):
// the kiosk calls them from its device worker thread, never the UI thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::printing {

enum class PrinterState { ready, offline, out_of_paper, error };
std::string_view to_string(PrinterState s);  // "ready", "offline", "out_of_paper", "error"

struct PrinterStatus {
  std::string printer;
  PrinterState state = PrinterState::error;
  bool busy = false;             // ready but printing now
  bool accepting = false;        // printer-is-accepting-jobs
  std::string reasons;           // printer-state-reasons, comma-separated ("media-empty-error")
  std::string message;           // printer-state-message, may be empty
};

struct JobOutcome {
  int job_id = 0;
  std::string printer;
};

class PrintQueue {
 public:
  explicit PrintQueue(std::string server = {});

  // The default destination's name. Error no_printer when none is set.
  Result<std::string> default_printer() const;
  // Errors: cups_unreachable (no server), no_printer (unknown queue).
  Result<PrinterStatus> status(const std::string& printer) const;
  // Submits a PDF file; returns the job id. Errors: file_unreadable, cups_unreachable,
  // no_printer, and printer_offline / out_of_paper / printer_error when the queue refuses jobs.
  Result<int> submit(const std::string& printer, const std::string& pdf_path, const std::string& title) const;
  // Follows a job to the end. Errors: job_failed (aborted or canceled), printer_offline,
  // out_of_paper, printer_error (the job is stuck behind that state for longer than `grace`),
  // timeout. Every error message names the printer's state. A job that fails this way is
  // cancelled, so that it does not print later in front of someone else.
  Result<JobOutcome> wait(const std::string& printer, int job_id, std::chrono::milliseconds timeout,
                          std::chrono::milliseconds grace = std::chrono::seconds(5)) const;
  // submit + wait.
  Result<JobOutcome> print_file(const std::string& printer, const std::string& pdf_path, const std::string& title,
                                std::chrono::milliseconds timeout) const;

  // Classifies IPP printer-state (3 idle, 4 processing, 5 stopped) and its reasons; public for tests.
  static PrinterState classify(int ipp_state, std::string_view reasons, bool accepting);

 private:
  std::string server_;
};

}  // namespace jiuzhu::printing
