// libFuzzer target: a request head is the first thing a stranger controls. Properties checked:
// - head_end and parse_request_head never crash, and an accepted head is consistent (its length
//   within the input, never both a Content-Length and chunked, a token method);
// - a second implementation agrees: whenever Poco's HTTPRequest::read also accepts the head,
//   it reads the same method, Content-Length and chunked framing (a disagreement between two
//   parsers is exactly what request smuggling exploits);
// - the JSON error answer is valid JSON for every refusal.
#include <Poco/Net/HTTPRequest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "backend/http/request_head.h"

using namespace jiuzhu::backend;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const size_t end = head_end(bytes.substr(0, std::min(bytes.size(), kMaxHeadBytes)));
  if (end == 0) return 0;
  check(end <= bytes.size());
  RequestHead head;
  HeadError error;
  if (!parse_request_head(bytes, head, error)) {
    check(error.status == 400 || error.status == 431 || error.status == 505);
    const std::string answer = error_response_bytes(error.status, error.code, error.message);
    const auto body = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4), nullptr, false);
    check(body.is_object() && body["error"]["code"] == error.code);
    return 0;
  }
  check(head.head_bytes == end);
  check(!(head.chunked && head.content_length >= 0));
  check(!head.method.empty());
  // The second opinion.
  std::istringstream in{std::string(bytes.substr(0, end))};
  Poco::Net::HTTPRequest poco;
  try {
    poco.read(in);
  } catch (const Poco::Exception&) {
    return 0;  // stricter than us on a size limit: the server then answers 431/400 itself
  }
  check(poco.getMethod() == head.method);
  check(poco.getChunkedTransferEncoding() == head.chunked);
  if (head.content_length >= 0) {
    check(poco.hasContentLength() && poco.getContentLength64() == head.content_length);
  } else {
    check(!poco.hasContentLength());
  }
  return 0;
}
