// The subcommands of jiuzhu-server (contracts: cli.md). Each is implemented beside the part it
// drives and dispatched from main.cpp. `args` excludes the program and subcommand names.
// Each returns the process exit code: 0 success, 1 runtime failure, 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu::backend {

using Args = std::vector<std::string>;

int serve_command(const Args& args);        // backend/cli/serve_command.cpp
int kiosk_command(const Args& args);        // backend/cli/admin_commands.cpp: "kiosk add"
int user_command(const Args& args);         // backend/cli/admin_commands.cpp: "user add"
int eligibility_command(const Args& args);  // backend/cli/eligibility_command.cpp
int discover_command(const Args& args);     // backend/cli/discover_command.cpp
int synth_command(const Args& args);        // backend/cli/synth_command.cpp
int backup_command(const Args& args);       // backend/cli/backup_command.cpp
int restore_command(const Args& args);      // backend/cli/restore_command.cpp
int audit_command(const Args& args);        // backend/cli/audit_command.cpp: "audit verify"
int db_command(const Args& args);           // backend/cli/db_command.cpp: "db add-county|partitions" (ops)
// "kiosk enrol-code|disable|enable", called from kiosk_command: backend/cli/kiosk_enrol_command.cpp
int kiosk_enrolment_command(const Args& args);

}  // namespace jiuzhu::backend
