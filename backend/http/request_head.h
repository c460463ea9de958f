// The strict reading of an HTTP/1.x request head (request line and header fields, RFC 9112) that
// the server applies before Poco parses the request: everything that would let two HTTP parsers
// (a TLS gateway's and ours) disagree about where a request ends is refused, so no request can
// be smuggled inside another's body (RFC 9112 §6.3, §11.2).
//
// Refused with 400 (the connection is then closed): a malformed request line; a header line
// without a colon, with whitespace before the colon or inside the name, folded (obs-fold), or
// with a NUL or other control character in the value; Content-Length that is not one decimal
// number (or appears twice with different values, or overflows); Transfer-Encoding together
// with Content-Length; any Transfer-Encoding but exactly "chunked". 505 for a version other
// than HTTP/1.0 or HTTP/1.1; 431 for more than kMaxHeaderFields fields.
//
// Pure functions over bytes (the fuzz target tests/fuzz/fuzz_http_head.cpp drives them).
// Thread-safety: none needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jiuzhu::backend {

inline constexpr size_t kMaxHeadBytes = 16 * 1024;  // request line and headers (431 beyond)
inline constexpr size_t kMaxHeaderFields = 100;

struct RequestHead {
  std::string method;
  int minor_version = 1;          // HTTP/1.minor
  int64_t content_length = -1;    // -1: none given
  bool chunked = false;
  bool connection_close = false;  // "Connection: close" (or HTTP/1.0 without keep-alive)
  bool expect_continue = false;   // "Expect: 100-continue": the client waits before its body
  size_t head_bytes = 0;          // the head's length, its final empty line included
};

struct HeadError {
  int status = 400;
  std::string code;     // bad_request_line, bad_header, bad_content_length, ambiguous_framing,
                        // bad_transfer_encoding, version_not_supported, too_many_headers
  std::string message;
};

// Where the head in `bytes` ends (just after its empty line), or 0 while it is incomplete.
size_t head_end(std::string_view bytes);

// Reads the head at the start of `bytes` (head_end(bytes) must be > 0). Returns false with
// `error` set when the head is refused.
bool parse_request_head(std::string_view bytes, RequestHead& head, HeadError& error);

// The JSON error response for `error` (or any status/code/message), with "Connection: close":
// what the server writes before it closes a connection it refuses.
std::string error_response_bytes(int status, const std::string& code, const std::string& message);

}  // namespace jiuzhu::backend
