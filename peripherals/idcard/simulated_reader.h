// The kiosk's `--devices sim` reader: a PtyReaderSimulator and the real SerialReader opened on
// its pseudo-terminal, so that even in simulation every byte goes through the real driver.
//
// Thread-safety: `simulator` may be used from any thread (present/remove a card from the UI or
// a script); `reader` by one worker thread at a time. Destroy the reader before the simulator
// (the member order does this).
#pragma once

#include <memory>

#include "peripherals/idcard/serial_reader.h"
#include "peripherals/idcard/simulator.h"

namespace jiuzhu::idcard {

struct SimulatedReader {
  std::unique_ptr<PtyReaderSimulator> simulator;
  std::unique_ptr<SerialReader> reader;  // declared last: destroyed first
};

// Starts the simulator and opens the driver on it; `serial.device` is ignored.
// Errors: pty_open, reader_open.
Result<SimulatedReader> open_simulated_reader(SimulatorOptions simulator = {}, SerialOptions serial = {});

}  // namespace jiuzhu::idcard
