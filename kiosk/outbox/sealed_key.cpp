#include "kiosk/outbox/sealed_key.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace jiuzhu::kiosk {

Result<Key> load_outbox_key(const std::string& data_dir) {
  std::error_code ec;
  if (const char* creds = std::getenv("CREDENTIALS_DIRECTORY"); creds && *creds) {
    const std::string path = std::string(creds) + "/outbox-key";
    if (std::filesystem::is_regular_file(path, ec)) {
      std::ifstream in(path, std::ios::binary);
      if (!in) return make_error("key_unreadable", "cannot read the sealed outbox key", path);
      Key key;
      key.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (key.bytes.size() != 32) return make_error("key_bad_size", "outbox key must be 32 bytes", path);
      return key;
    }
  }
  if (std::filesystem::exists(data_dir + "/outbox-key.cred", ec)) {
    return make_error("key_sealed_not_loaded",
                      "the outbox key is sealed (outbox-key.cred) but was not handed over: start the kiosk "
                      "through jiuzhu-kiosk-session.service",
                      data_dir + "/outbox-key.cred");
  }
  return load_or_create_key(data_dir);
}

}  // namespace jiuzhu::kiosk
