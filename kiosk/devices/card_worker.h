// The ID card worker: owns the reader on a thread of its own and reports each card read (or
// the reader's trouble) through a queue the UI drains every frame.
//
// With --devices sim it starts peripherals' PtyReaderSimulator and drives it with the real
// SerialReader over the pseudo-terminal, so the kiosk exercises the real protocol, framing
// and card text decoding; present()/remove() put a card on the simulated reader (--script
// "card FILE"). With --devices real it opens the serial device (JIUZHU_READER_DEVICE, default
// /dev/ttyUSB0).
//
// Thread-safety: public methods may be called from the UI thread while the worker runs.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "kiosk/devices/queue.h"
#include "kiosk/session/session.h"

namespace jiuzhu::idcard {
class PtyReaderSimulator;
}

namespace jiuzhu::kiosk {

struct CardEvent {
  bool ok = false;
  Person person;          // when ok
  std::string error_code; // reader_open, read_failed, card_id_number_invalid, ...
};

class CardWorker {
 public:
  CardWorker();
  ~CardWorker();
  CardWorker(const CardWorker&) = delete;
  CardWorker& operator=(const CardWorker&) = delete;

  // Starts the simulator (sim) or opens the device (real), then the polling thread.
  Status start(bool simulated, const std::string& device);
  void stop();

  // Simulated reader only. Errors: not_simulated, card_json (bad file).
  Status present_file(const std::string& json_path);
  void remove_card();

  ResultQueue<CardEvent>& events() { return events_; }
  // "ok", "not_started", or the last error code (for the staff screen).
  std::string state() const;

 private:
  void loop(std::string device);
  std::unique_ptr<idcard::PtyReaderSimulator> sim_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  ResultQueue<CardEvent> events_;
  mutable std::mutex mu_;
  std::string state_ = "not_started";
};

}  // namespace jiuzhu::kiosk
