// libFuzzer target: the JSON codec reads every body a kiosk or a stranger sends. Properties:
// - parse_json never crashes and refuses any input with a NUL byte;
// - decoding an application, household or lead never crashes;
// - what decodes re-encodes to JSON that decodes to the same encoding (a round trip), and every
//   text field a person reads passed readable_text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/model/json_codec.h"

using namespace jiuzhu;
using namespace jiuzhu::model;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

const Date kToday(2026, 6, 1);

template <typename Decode>
void round_trip(const Json& j, Decode decode) {
  auto first = decode(j);
  if (!first) return;
  const Json encoded = encode(*first);
  auto again = parse_json(encoded.dump());
  check(again.ok());
  auto second = decode(*again);
  check(second.ok());
  check(encode(*second) == encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = parse_json(text, 32, 1 << 20);
  if (text.find('\0') != std::string_view::npos) check(!j.ok());
  if (!j) return 0;
  round_trip(*j, [](const Json& x) { return decode_application(x, kToday); });
  round_trip(*j, [](const Json& x) { return decode_household(x, kToday); });
  round_trip(*j, [](const Json& x) { return decode_lead(x, kToday); });
  if (auto app = decode_application(*j, kToday)) {
    check(readable_text(app->applicant.name, false) && readable_text(app->applicant.address, false));
    check(readable_text(app->statement, true));
  }
  return 0;
}
