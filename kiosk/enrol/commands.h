// `jiuzhu-kiosk enrol` and `jiuzhu-kiosk check` (contracts/cli.md; docs/operations.md): thin
// commands over kiosk/enrol/enrol.h, dispatched from main.cpp before the app starts.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu::kiosk {

// enrol --backend URL --code CODE [--data-dir DIR] [--token-file FILE] [--ca-file FILE]:
// exit 0 with the token stored (0600), 1 when refused or unreachable, 2 on a usage error.
int enrol_command(const std::vector<std::string>& args);

// check [the kiosk's own options]: may this kiosk open resident sessions now? Exit 0 yes (also
// when the backend is unreachable: the outbox keeps applications until it is back), 3 when the
// backend refuses the kiosk (disabled or not enrolled), 4 when the clock is more than 5 minutes
// off the server's. The session unit runs it before starting the kiosk (ExecStartPre).
int check_command(const std::vector<std::string>& args);

}  // namespace jiuzhu::kiosk
