// Raw HTTP over loopback sockets for the hostile-client tests: bytes exactly as written (no
// client library fixing them up), from a chosen source address in 127.0.0.0/8 (each one a
// different "client address" to the server), every wait bounded.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace jiuzhu::test::raw {

using Clock = std::chrono::steady_clock;

// A connected socket to 127.0.0.1:port from `source` (an address of 127.0.0.0/8); -1 on failure.
inline int connect_to(int port, const std::string& source = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

inline bool send_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Reads until the peer closes or `timeout` passes. `closed` tells which.
inline std::string read_until_close(int fd, std::chrono::milliseconds timeout, bool* closed = nullptr) {
  std::string out;
  const auto until = Clock::now() + timeout;
  if (closed) *closed = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[65536];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

struct Exchange {
  std::string bytes;    // everything the server sent
  bool closed = false;  // the server closed the connection within the timeout
  double seconds = 0;   // from the last byte sent to the close (or the timeout)
  // The status of the first response (0 if none).
  int status() const {
    if (bytes.rfind("HTTP/1.", 0) != 0 || bytes.size() < 12) return 0;
    return std::stoi(bytes.substr(9, 3));
  }
  // How many responses the server sent: status lines at the start or right after a JSON body.
  int responses() const {
    int n = 0;
    for (size_t at = bytes.find("HTTP/1.1 "); at != std::string::npos; at = bytes.find("HTTP/1.1 ", at + 1)) {
      if (at == 0 || bytes[at - 1] == '}') ++n;
    }
    return n;
  }
  // The first response's body.
  std::string body() const {
    const auto at = bytes.find("\r\n\r\n");
    return at == std::string::npos ? std::string() : bytes.substr(at + 4);
  }
};

// Sends `request` on a new connection and collects the answer until the server closes (or
// `timeout`).
inline Exchange exchange(int port, const std::string& request, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
                         const std::string& source = "127.0.0.1") {
  Exchange e;
  const int fd = connect_to(port, source);
  if (fd < 0) throw std::runtime_error("cannot connect");
  send_all(fd, request);
  const auto start = Clock::now();
  e.bytes = read_until_close(fd, timeout, &e.closed);
  e.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  return e;
}

}  // namespace jiuzhu::test::raw
