#include <thread>

#include "peripherals/idcard/reader.h"
#include "peripherals/idcard/reader_status.h"

namespace jiuzhu::idcard {

Result<Card> wait_for_card(Reader& reader, const WaitOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + options.timeout;
  std::optional<Error> last;
  for (;;) {
    if (options.cancel && options.cancel->load()) return make_error("cancelled", "已取消读卡");
    auto found = reader.find_card();
    if (found) {
      auto selected = reader.select_card();
      if (selected) {
        auto info = reader.read_base_info(options.with_fingerprint);
        if (info) return decode_base_info(*info, options.today);
        if (!is_transient(info.error())) return info.error();
        last = info.error();
      } else if (selected.error().code != "card_select_failed" && !is_transient(selected.error())) {
        return selected.error();
      }
    } else if (found.error().code != codes::no_card && !is_transient(found.error())) {
      return found.error();
    } else if (found.error().code != codes::no_card) {
      last = found.error();
    } else {
      last.reset();  // the line works and the reader says: no card
    }
    const auto now = Clock::now();
    if (now >= deadline) {
      // A line that kept failing is reported as such; otherwise there simply was no card.
      if (last && last->code != codes::no_card) return *last;
      return status_error(kSwNoCard);
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(options.poll_interval, deadline - now));
  }
}

}  // namespace jiuzhu::idcard
