#include "peripherals/idcard/simulated_reader.h"

namespace jiuzhu::idcard {

Result<SimulatedReader> open_simulated_reader(SimulatorOptions simulator, SerialOptions serial) {
  auto sim = PtyReaderSimulator::start(simulator);
  if (!sim) return sim.error();
  SimulatedReader out;
  out.simulator = std::move(sim).value();
  serial.device = out.simulator->path();
  auto reader = SerialReader::open(serial);
  if (!reader) return reader.error();
  out.reader = std::move(reader).value();
  return out;
}

}  // namespace jiuzhu::idcard
