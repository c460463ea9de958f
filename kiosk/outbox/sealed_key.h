// The outbox key as production kiosks hold it: sealed with systemd-creds, never as a plain file
// beside the outbox (docs/operations.md, "The outbox key", has the threat model).
//
// jiuzhu-kiosk-seal-key encrypts the 32-byte key into /var/lib/jiuzhu-kiosk/outbox-key.cred with
// the machine's TPM2 when it has one (else the host key under /var/lib/systemd). The session
// unit names it with LoadCredentialEncrypted=outbox-key:…; systemd decrypts it at start into a
// private in-memory directory that only the kiosk's service sees, $CREDENTIALS_DIRECTORY.
//
// Thread-safety: free function; call it once at start.
#pragma once

#include <string>

#include "core/result.h"
#include "kiosk/outbox/crypto.h"

namespace jiuzhu::kiosk {

// $CREDENTIALS_DIRECTORY/outbox-key when the service was given the credential (a plain
// DATA_DIR/outbox.key is then neither read nor created). Otherwise, when DATA_DIR holds a sealed
// key (outbox-key.cred) the kiosk was started outside its service: refused (key_sealed_not_loaded)
// rather than starting a second, plain key. Otherwise the development key file
// (load_or_create_key). Errors: key_bad_size, key_unreadable, key_sealed_not_loaded, and those of
// load_or_create_key.
Result<Key> load_outbox_key(const std::string& data_dir);

}  // namespace jiuzhu::kiosk
