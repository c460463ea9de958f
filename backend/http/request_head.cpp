#include "backend/http/request_head.h"

#include <nlohmann/json.hpp>

namespace jiuzhu::backend {
namespace {

bool is_tchar(unsigned char c) {
  // RFC 9110 §5.6.2 token characters.
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool fail(HeadError& e, int status, const char* code, const char* message) {
  e = HeadError{status, code, message};
  return false;
}

// Splits the next line off `rest` (without its CRLF or LF); false when a CR is not followed by LF.
bool next_line(std::string_view& rest, std::string_view& line) {
  const size_t lf = rest.find('\n');
  if (lf == std::string_view::npos) {
    line = rest;
    rest = {};
  } else {
    line = rest.substr(0, lf);
    rest.remove_prefix(lf + 1);
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line.find('\r') == std::string_view::npos;
}

bool contains_token(std::string_view list, std::string_view token) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    if (iequals(trim(list.substr(start, comma - start)), token)) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

size_t head_end(std::string_view bytes) {
  // The head ends at the first empty line after the request line; a line ends with LF,
  // optionally preceded by CR. Empty lines before the request line are allowed (RFC 9112 §2.2).
  size_t line_start = 0;
  bool request_line_seen = false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != '\n') continue;
    const size_t len = i - line_start;
    const bool empty = len == 0 || (len == 1 && bytes[line_start] == '\r');
    if (empty && request_line_seen) return i + 1;
    if (!empty) request_line_seen = true;
    line_start = i + 1;
  }
  return 0;
}

bool parse_request_head(std::string_view bytes, RequestHead& head, HeadError& error) {
  head = RequestHead{};
  const size_t end = head_end(bytes);
  if (end == 0) return fail(error, 400, "bad_request_line", "the request head is incomplete");
  head.head_bytes = end;
  std::string_view rest = bytes.substr(0, end);
  std::string_view line;
  // Skip the empty lines a client may send before the request line.
  do {
    if (!next_line(rest, line)) return fail(error, 400, "bad_request_line", "a bare CR in the request line");
  } while (line.empty() && !rest.empty());

  // request-line = method SP request-target SP HTTP-version
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || sp1 == 0 || sp2 == sp1 + 1 ||
      line.find(' ', sp2 + 1) != std::string_view::npos) {
    return fail(error, 400, "bad_request_line", "the request line is not METHOD TARGET HTTP/1.1");
  }
  const std::string_view method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1),
                         version = line.substr(sp2 + 1);
  for (unsigned char c : method) {
    if (!is_tchar(c)) return fail(error, 400, "bad_request_line", "the method is not a token");
  }
  for (unsigned char c : target) {
    if (c <= 0x20 || c >= 0x7F) return fail(error, 400, "bad_request_line", "the request target has a control or space");
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' ||
      version[5] > '9' || version[7] < '0' || version[7] > '9') {
    return fail(error, 400, "bad_request_line", "the request line has no HTTP version");
  }
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
    return fail(error, 505, "version_not_supported", "this server speaks HTTP/1.0 and HTTP/1.1 only");
  }
  head.method = std::string(method);
  head.minor_version = version[7] - '0';

  size_t fields = 0;
  bool have_te = false, keep_alive = false;
  while (!rest.empty()) {
    if (!next_line(rest, line)) return fail(error, 400, "bad_header", "a bare CR in a header line");
    if (line.empty()) break;  // the end of the head
    if (++fields > kMaxHeaderFields) return fail(error, 431, "too_many_headers", "the request has too many header fields");
    if (line.front() == ' ' || line.front() == '\t') {
      return fail(error, 400, "bad_header", "folded header lines are not accepted");
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(error, 400, "bad_header", "a header line has no colon");
    const std::string_view name = line.substr(0, colon);
    if (name.empty()) return fail(error, 400, "bad_header", "a header line has no name");
    for (unsigned char c : name) {
      // Whitespace before the colon is where smuggling hides (RFC 9112 §5.1: reject).
      if (!is_tchar(c)) return fail(error, 400, "bad_header", "a header name has a space or another non-token character");
    }
    const std::string_view raw_value = line.substr(colon + 1);
    for (unsigned char c : raw_value) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return fail(error, 400, "bad_header", "a header value has a NUL or another control character");
      }
    }
    const std::string_view value = trim(raw_value);
    if (iequals(name, "content-length")) {
      if (value.empty() || value.size() > 18) {
        return fail(error, 400, "bad_content_length", "Content-Length must be one decimal number below 10^18");
      }
      int64_t n = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return fail(error, 400, "bad_content_length", "Content-Length must be one decimal number");
        n = n * 10 + (c - '0');
      }
      if (head.content_length >= 0 && head.content_length != n) {
        return fail(error, 400, "bad_content_length", "two different Content-Length values");
      }
      head.content_length = n;
    } else if (iequals(name, "transfer-encoding")) {
      // Only "chunked" itself, once: anything else ("xchunked", "identity, chunked", a second
      // field) is read differently by different parsers.
      if (have_te || !iequals(value, "chunked")) {
        return fail(error, 400, "bad_transfer_encoding", "Transfer-Encoding must be exactly \"chunked\"");
      }
      have_te = true;
      head.chunked = true;
    } else if (iequals(name, "expect")) {
      if (iequals(value, "100-continue")) head.expect_continue = true;
    } else if (iequals(name, "connection")) {
      if (contains_token(value, "close")) head.connection_close = true;
      if (contains_token(value, "keep-alive")) keep_alive = true;
    }
  }
  if (have_te && head.content_length >= 0) {
    return fail(error, 400, "ambiguous_framing", "Content-Length and Transfer-Encoding together");
  }
  if (have_te && head.minor_version == 0) {
    return fail(error, 400, "bad_transfer_encoding", "Transfer-Encoding is not HTTP/1.0");
  }
  if (head.minor_version == 0 && !keep_alive) head.connection_close = true;
  return true;
}

std::string error_response_bytes(int status, const std::string& code, const std::string& message) {
  const char* reason = "Bad Request";
  switch (status) {
    case 408: reason = "Request Timeout"; break;
    case 413: reason = "Payload Too Large"; break;
    case 429: reason = "Too Many Requests"; break;
    case 431: reason = "Request Header Fields Too Large"; break;
    case 503: reason = "Service Unavailable"; break;
    case 505: reason = "HTTP Version Not Supported"; break;
    default: break;
  }
  const std::string body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace jiuzhu::backend
