// Helpers shared by the jiuzhu-server subcommands that own: flag parsing into key/value pairs,
// the database URL from --db/--data-dir, and logging set-up.
//
// Thread-safety: used from main before any threads start.
#pragma once

#include <map>
#include <set>
#include <string>

#include "backend/commands.h"
#include "core/result.h"

namespace jiuzhu::backend::cli {

// Parses "--name value" pairs (and bare "--flag" listed in `switches`). Errors name the option.
Result<std::map<std::string, std::string>> parse_options(const Args& args, const std::set<std::string>& valued,
                                                         const std::set<std::string>& switches = {});

// The database URL: --db, else sqlite:DATA_DIR/jiuzhu.db (DATA_DIR from --data-dir, default
// jiuzhu-data); creates DATA_DIR.
std::string database_url(const std::map<std::string, std::string>& options);

// Poco logging to stderr, one key=value line per event, through a BatchedLogChannel (routine
// lines written in batches, warnings and errors at once).
void setup_logging(const std::string& level);

// Usage error: one line on stderr, exit code 2.
int usage_error(const std::string& program, const std::string& message);

// 9 digits whose first 6 are a known county; 6 digits for a county.
bool valid_township(const std::string& code);
bool valid_county(const std::string& code);

}  // namespace jiuzhu::backend::cli
