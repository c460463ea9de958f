// Running an external program from a test (pdftotext, zbarimg, openssl, the CLIs under test)
// through the shell, and capturing what it prints.
//
// Thread-safety: the functions keep no state; concurrent calls run concurrent processes.
#pragma once

#include <string>

namespace jiuzhu::test {

struct RunResult {
  int exit_code = -1;  // -1 when the command could not run or died from a signal
  std::string out;     // stdout (and stderr when merged)
};

// Runs `command` with /bin/sh; stderr is discarded unless `merge_stderr`.
RunResult run(const std::string& command, bool merge_stderr = false);
// True when `tool` is on PATH.
bool have_tool(const std::string& tool);
// `s` quoted for the shell (single quotes).
std::string quote(const std::string& s);

}  // namespace jiuzhu::test
