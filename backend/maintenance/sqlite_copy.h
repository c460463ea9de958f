// SQLite's online backup API, wrapped: used by create_backup (backup.h).
//
// Thread-safety: free function; may run while other processes write the source.
#pragma once

#include <string>

#include "core/result.h"

namespace jiuzhu::backend {

// Copies the database at `source` (which a server may be writing) to the new file `target` as
// one consistent snapshot, and switches the copy to a rollback journal so that it is one
// self-contained file. Errors: no_database, backup_failed.
Status sqlite_online_copy(const std::string& source, const std::string& target);

}  // namespace jiuzhu::backend
