#include "peripherals/idcard/serial_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "peripherals/idcard/reader_status.h"

namespace jiuzhu::idcard {
namespace {

std::optional<speed_t> speed_of(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return std::nullopt;
  }
}

Error io_error(const char* what) {
  return make_error(std::string(codes::reader_io), std::string("读卡器连接出错（") + what + "：" + std::strerror(errno) + "）");
}

}  // namespace

Result<std::unique_ptr<SerialReader>> SerialReader::open(const SerialOptions& options) {
  const auto speed = speed_of(options.baud);
  if (!speed) return make_error(std::string(codes::reader_open), "不支持的波特率", "baud");
  const int fd = ::open(options.device.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return make_error(std::string(codes::reader_open), std::string("打不开读卡器：") + std::strerror(errno), "device");
  }
  termios tio{};
  if (tcgetattr(fd, &tio) != 0) {
    ::close(fd);
    return make_error(std::string(codes::reader_open), "这个设备不是串口", "device");
  }
  cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  cfsetispeed(&tio, *speed);
  cfsetospeed(&tio, *speed);
  if (tcsetattr(fd, TCSANOW, &tio) != 0) {
    ::close(fd);
    return make_error(std::string(codes::reader_open), "无法设置串口参数", "device");
  }
  return std::unique_ptr<SerialReader>(new SerialReader(fd, options));
}

SerialReader::~SerialReader() { ::close(fd_); }

Result<ResponseFrame> SerialReader::transact(Command command, std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  // A late reply to an earlier, timed-out command must not be taken for this one's.
  tcflush(fd_, TCIFLUSH);
  assembler_.reset();
  const Bytes frame = encode_command(command);
  std::size_t sent = 0;
  const auto deadline = Clock::now() + timeout;
  auto remaining_ms = [&] {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<long long>(0, left));
  };
  while (sent < frame.size()) {
    const ssize_t n = ::write(fd_, frame.data() + sent, frame.size() - sent);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return io_error("write");
    pollfd p{fd_, POLLOUT, 0};
    if (remaining_ms() == 0) return make_error(std::string(codes::reader_timeout), "读卡器没有响应，请找工作人员");
    ::poll(&p, 1, remaining_ms());
  }
  std::uint8_t buf[1024];
  std::optional<Error> broken;
  for (;;) {
    while (auto r = assembler_.next()) {
      if (r->ok()) {
        auto resp = decode_response_body(r->value());
        if (!resp) return resp.error();
        return resp;
      }
      // A header with an impossible length is noise; a bad checksum is a broken reply.
      if (r->error().code == codes::frame_checksum) broken = r->error();
    }
    const int wait = remaining_ms();
    if (wait == 0) {
      if (broken) return *broken;
      return make_error(std::string(codes::reader_timeout), "读卡器没有响应，请找工作人员");
    }
    pollfd p{fd_, POLLIN, 0};
    const int pr = ::poll(&p, 1, wait);
    if (pr < 0) {
      if (errno == EINTR) continue;
      return io_error("poll");
    }
    if (pr == 0) continue;
    if (p.revents & (POLLERR | POLLNVAL)) {
      errno = EIO;
      return io_error("poll");
    }
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n > 0) {
      assembler_.feed(ByteView(buf, static_cast<std::size_t>(n)));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      if (p.revents & POLLHUP) return io_error("hangup");
      if (n < 0) return io_error("read");
      // A pty with no writer may report readable and return 0: wait without spinning.
      ::poll(nullptr, 0, std::min(wait, 20));
    }
  }
}

Status SerialReader::expect(Command command, std::uint8_t ok_sw3) {
  auto resp = transact(command, options_.command_timeout);
  if (!resp) return resp.error();
  if (resp->sw3 != ok_sw3) return status_error(resp->sw3);
  return Ok{};
}

Status SerialReader::sam_status() { return expect(Command::sam_status, kSwSuccess); }
Status SerialReader::find_card() { return expect(Command::find_card, kSwCardFound); }
Status SerialReader::select_card() { return expect(Command::select_card, kSwSuccess); }

Result<BaseInfo> SerialReader::read_base_info(bool with_fingerprint) {
  auto resp = transact(with_fingerprint ? Command::read_base_info_fingerprint : Command::read_base_info,
                       options_.read_timeout);
  if (!resp) return resp.error();
  if (resp->sw3 != kSwSuccess) return status_error(resp->sw3);
  return parse_base_info(resp->data);
}

}  // namespace jiuzhu::idcard
