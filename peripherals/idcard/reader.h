// Reader: one ID card reader, as the kiosk sees it (find, select, read, status).
//
// The abstraction is leveldb's Env model: one interface, a real driver (SerialReader, the SAM
// frame protocol over a serial line) and a simulator (ReaderSimulator on a pseudo-terminal)
// that speaks the same bytes, so tests drive the real driver and the real parsing.
//
// Every method sends one command and waits for its reply; failures come back as Errors with
// the codes of reader_status.h ("no_card" with "请把身份证放在读卡区", "reader_timeout", ...).
// After a successful read the card is halted: find_card() reports no_card until the card has
// left the field and come back, so one presentation is never read twice.
//
// Thread-safety: a Reader is used by one thread at a time (the kiosk's card worker); the
// methods block for at most their timeouts.
#pragma once

#include <atomic>
#include <chrono>

#include "core/result.h"
#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/card.h"

namespace jiuzhu::idcard {

class Reader {
 public:
  virtual ~Reader() = default;

  // Ok when the SAM module answers 0x90.
  virtual Status sam_status() = 0;
  // Ok when a card is in the field (SW3 0x9F); error no_card when none is.
  virtual Status find_card() = 0;
  // Ok when the found card was selected; requires a successful find_card() just before.
  virtual Status select_card() = 0;
  // Reads text and photo (and the fingerprint template when asked) of the selected card. The
  // reply may take about 3 seconds and arrive in pieces.
  virtual Result<BaseInfo> read_base_info(bool with_fingerprint = false) = 0;
};

struct WaitOptions {
  std::chrono::milliseconds timeout{10000};       // give up with no_card after this
  std::chrono::milliseconds poll_interval{200};   // between find attempts when no card
  bool with_fingerprint = false;
  const std::atomic<bool>* cancel = nullptr;      // set to stop waiting early (error "cancelled")
  std::optional<Date> today;                      // for ID number validation (tests)
};

// Polls find until a card is present, then selects, reads and decodes it. Transient failures
// (broken frame, lost reply, a failed select while the card is being put down) are retried
// within the timeout; a definite failure (read failed, invalid card) is returned at once.
// Returns no_card when the timeout passes with no card.
Result<Card> wait_for_card(Reader& reader, const WaitOptions& options);

}  // namespace jiuzhu::idcard
