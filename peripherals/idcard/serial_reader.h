// SerialReader: the real driver, the SAM frame protocol over a serial line (termios).
//
// Opens the device raw (8N1, no flow control, no echo), at the configured baud. Each command
// discards stale input, writes the frame, then reads with poll() until the FrameAssembler
// yields a reply or the command's timeout passes. Replies may arrive in any number of pieces
// and after line noise; a reply with a bad checksum is reported as frame_checksum. A pty from
// the simulator is a serial line to this driver.
//
// Thread-safety: one thread at a time (see Reader).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "peripherals/idcard/frame.h"
#include "peripherals/idcard/reader.h"

namespace jiuzhu::idcard {

struct SerialOptions {
  std::string device = "/dev/ttyUSB0";
  int baud = 115200;  // 9600, 19200, 38400, 57600 or 115200
  std::chrono::milliseconds command_timeout{1000};  // status, find, select
  std::chrono::milliseconds read_timeout{3500};     // base info: up to ~3 s on real readers
};

class SerialReader final : public Reader {
 public:
  // Errors: reader_open (no such device, not a tty, unsupported baud).
  static Result<std::unique_ptr<SerialReader>> open(const SerialOptions& options);
  ~SerialReader() override;
  SerialReader(const SerialReader&) = delete;
  SerialReader& operator=(const SerialReader&) = delete;

  Status sam_status() override;
  Status find_card() override;
  Status select_card() override;
  Result<BaseInfo> read_base_info(bool with_fingerprint) override;

  // Bytes skipped as noise since opening (for diagnostics and tests).
  std::uint64_t noise_bytes() const { return assembler_.discarded_bytes(); }

 private:
  SerialReader(int fd, SerialOptions options) : fd_(fd), options_(std::move(options)) {}
  Result<ResponseFrame> transact(Command command, std::chrono::milliseconds timeout);
  Status expect(Command command, std::uint8_t ok_sw3);

  int fd_;
  SerialOptions options_;
  FrameAssembler assembler_;
};

}  // namespace jiuzhu::idcard
