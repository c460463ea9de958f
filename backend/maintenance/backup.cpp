// Backup archives: writing, verifying and restoring them (backup.h).
#include "backend/maintenance/backup.h"

#include <Poco/DateTime.h>
#include <Poco/Delegate.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/Decompress.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "backend/maintenance/sqlite_copy.h"
#include "backend/util/clock.h"
#include "backend/util/crypto.h"

namespace jiuzhu::backend {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "jiuzhu-backup";
constexpr int kFormatVersion = 1;

// A directory removed with its contents on scope exit (unless released).
class ScratchDir {
 public:
  explicit ScratchDir(const fs::path& parent, const std::string& stem) {
    std::string pattern = (parent / (stem + "-XXXXXX")).string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  bool ok() const { return !path_.empty(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path parent_of(const std::string& file) {
  fs::path p = fs::absolute(file).parent_path();
  return p.empty() ? fs::path(".") : p;
}

Result<std::string> read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io_error", "cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// SHA-256 of a file, read in chunks (the database can be large).
Result<std::string> file_sha256(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io_error", "cannot read " + path.string());
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) engine.update(buf.data(), static_cast<unsigned>(in.gcount()));
  }
  if (in.bad()) return make_error("io_error", "reading " + path.string() + " failed");
  return Poco::DigestEngine::digestToHex(engine.digest());
}

Status fsync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return make_error("io_error", "cannot open " + path.string() + " to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return make_error("io_error", "fsync of " + path.string() + " failed");
  return Ok{};
}

// The content address a document's path claims (document_store.h: ab/abcdef…), or empty.
std::string claimed_hash(const fs::path& relative) {
  const std::string name = relative.filename().string();
  return relative.parent_path().filename().string() == name.substr(0, 2) ? name : std::string();
}

// The documents under `root` as (path, name in the archive) pairs; names must be SHA-256 hex.
std::vector<std::pair<fs::path, std::string>> list_documents(const fs::path& root) {
  std::vector<std::pair<fs::path, std::string>> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    // Temp files of a put in progress are not documents yet (document_store.cpp).
    if (!is_sha256_hex(claimed_hash(fs::relative(it->path(), root)))) continue;
    out.emplace_back(it->path(), "documents/" + fs::relative(it->path(), root).generic_string());
  }
  return out;
}

// Checks an unpacked backup in `dir` against its manifest.
Result<DataSummary> check_unpacked(const fs::path& dir) {
  auto manifest_text = read_all(dir / "manifest.json");
  if (!manifest_text) return make_error("bad_archive", "not a Jiuzhu backup: no manifest.json");
  const auto manifest = nlohmann::json::parse(*manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object() || manifest.value("format", "") != kFormat) {
    return make_error("bad_archive", "not a Jiuzhu backup: manifest.json is not a jiuzhu-backup manifest");
  }
  if (manifest.value("format_version", 0) != kFormatVersion) {
    return make_error("bad_archive", "backup format version " +
                                         std::to_string(manifest.value("format_version", 0)) +
                                         " is not one this jiuzhu-server reads");
  }
  // Nothing but the manifest, the database and documents named by their hash.
  int64_t documents = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_directory()) continue;
    const fs::path rel = fs::relative(it->path(), dir);
    const std::string name = rel.generic_string();
    if (name == "manifest.json" || name == "jiuzhu.db") continue;
    if (!it->is_regular_file() || name.rfind("documents/", 0) != 0 || !is_sha256_hex(claimed_hash(rel))) {
      return make_error("bad_archive", "unexpected entry in the backup: " + name);
    }
    auto hash = file_sha256(it->path());
    if (!hash) return hash.error();
    if (*hash != claimed_hash(rel))
      return make_error("corrupt_backup", "document " + name + " does not match its hash");
    ++documents;
  }
  if (ec) return make_error("io_error", "cannot list the unpacked backup: " + ec.message());
  const auto& db = manifest.value("database", nlohmann::json::object());
  auto db_hash = file_sha256(dir / "jiuzhu.db");
  if (!db_hash) return make_error("corrupt_backup", "the backup holds no jiuzhu.db");
  if (!db.is_object() || db.value("sha256", "") != *db_hash) {
    return make_error("corrupt_backup", "jiuzhu.db does not match the SHA-256 in manifest.json");
  }
  if (manifest.value("documents", int64_t{-1}) != documents) {
    return make_error("corrupt_backup", "the backup holds " + std::to_string(documents) +
                                            " documents, manifest.json says " +
                                            std::to_string(manifest.value("documents", int64_t{-1})));
  }
  auto summary = check_sqlite_file((dir / "jiuzhu.db").string());
  if (!summary) return summary.error();
  summary.value().documents = documents;
  return summary;
}

// Decompress reports a bad entry (CRC mismatch, unsafe name) as an event and goes on.
struct UnpackErrors {
  std::string first;
  void on_error(const void*, std::pair<const Poco::Zip::ZipLocalFileHeader, const std::string>& info) {
    if (first.empty()) first = info.first.getFileName() + ": " + info.second;
  }
};

Status unpack(const std::string& archive, const fs::path& into) {
  std::ifstream in(archive, std::ios::binary);
  if (!in) return make_error("io_error", "cannot read " + archive);
  std::string failure;
  UnpackErrors errors;
  try {
    Poco::Zip::Decompress d(in, Poco::Path(into.string() + "/"), false, false);
    d.EError += Poco::delegate(&errors, &UnpackErrors::on_error);
    d.decompressAllFiles();
    d.EError -= Poco::delegate(&errors, &UnpackErrors::on_error);
    if (!errors.first.empty()) failure = errors.first;
  } catch (const Poco::Exception& e) {
    failure = e.displayText();
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (!failure.empty()) return make_error("bad_archive", "cannot unpack " + archive + ": " + failure);
  return Ok{};
}

}  // namespace

Result<DataSummary> create_backup(const std::string& db_path, const std::string& documents_dir,
                                  const std::string& out_file) {
  if (!fs::is_regular_file(db_path)) return make_error("no_database", "no SQLite database at " + db_path);
  const fs::path out_dir = parent_of(out_file);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  ScratchDir scratch(out_dir, ".jiuzhu-backup");
  if (!scratch.ok()) return make_error("io_error", "cannot make a scratch directory in " + out_dir.string());

  // 1. The database, as one consistent snapshot.
  const fs::path copy = scratch.path() / "jiuzhu.db";
  if (auto st = sqlite_online_copy(db_path, copy.string()); !st) return st.error();
  auto db_hash = file_sha256(copy);
  if (!db_hash) return db_hash.error();
  const auto db_bytes = fs::file_size(copy, ec);

  // 2. The documents, after the snapshot (see backup.h).
  const auto documents = list_documents(documents_dir);

  // 3. The archive, written beside its final name and renamed into place once synced.
  nlohmann::json manifest = {{"format", kFormat},
                             {"format_version", kFormatVersion},
                             {"created_at", now_rfc3339()},
                             {"database", {{"file", "jiuzhu.db"}, {"bytes", db_bytes}, {"sha256", *db_hash}}},
                             {"documents", documents.size()}};
  const std::string partial = (out_dir / (fs::path(out_file).filename().string() + ".partial")).string();
  try {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return make_error("io_error", "cannot write " + partial);
    Poco::Zip::Compress zip(out, true, true);
    std::istringstream manifest_stream(manifest.dump(2) + "\n");
    zip.addFile(manifest_stream, Poco::DateTime(), Poco::Path("manifest.json"),
                Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
    zip.addFile(Poco::Path(copy.string()), Poco::Path("jiuzhu.db"), Poco::Zip::ZipCommon::CM_DEFLATE,
                Poco::Zip::ZipCommon::CL_FAST);
    // Scans are JPEG, PNG or PDF: already compressed.
    for (const auto& [path, name] : documents) {
      zip.addFile(Poco::Path(path.string()), Poco::Path(name, Poco::Path::PATH_UNIX),
                  Poco::Zip::ZipCommon::CM_STORE, Poco::Zip::ZipCommon::CL_NORMAL);
    }
    zip.close();
    out.close();
    if (!out) return make_error("io_error", "writing " + partial + " failed (disk full?)");
  } catch (const Poco::Exception& e) {
    fs::remove(partial, ec);
    return make_error("io_error", "writing the archive failed: " + e.displayText());
  }
  if (auto st = fsync_path(partial, false); !st) return st.error();
  fs::rename(partial, out_file, ec);
  if (ec) return make_error("io_error", "cannot rename " + partial + " to " + out_file + ": " + ec.message());
  if (auto st = fsync_path(out_dir, true); !st) return st.error();

  // 4. Read it back and check everything.
  auto verified = verify_backup(out_file);
  if (!verified) return verified.error();
  if (verified->documents != static_cast<int64_t>(documents.size())) {
    return make_error("corrupt_backup", "the archive lost documents while being written");
  }
  return verified;
}

Result<DataSummary> verify_backup(const std::string& archive) {
  if (!fs::is_regular_file(archive)) return make_error("io_error", "no backup file at " + archive);
  ScratchDir scratch(parent_of(archive), ".jiuzhu-verify");
  if (!scratch.ok()) return make_error("io_error", "cannot make a scratch directory beside " + archive);
  if (auto st = unpack(archive, scratch.path()); !st) return st.error();
  return check_unpacked(scratch.path());
}

Result<DataSummary> restore_backup(const std::string& archive, const std::string& data_dir) {
  if (!fs::is_regular_file(archive)) return make_error("io_error", "no backup file at " + archive);
  std::error_code ec;
  if (fs::exists(data_dir, ec)) {
    if (!fs::is_directory(data_dir, ec))
      return make_error("data_dir_not_empty", data_dir + " is not a directory");
    if (!fs::is_empty(data_dir, ec)) {
      return make_error("data_dir_not_empty",
                        data_dir + " is not empty: restore only into an empty directory");
    }
  } else if (!fs::create_directories(data_dir, ec) || ec) {
    return make_error("io_error", "cannot create " + data_dir + ": " + ec.message());
  }
  auto wipe = [&] {
    for (const auto& entry : fs::directory_iterator(data_dir, ec)) fs::remove_all(entry.path(), ec);
  };
  if (auto st = unpack(archive, data_dir); !st) {
    wipe();
    return st.error();
  }
  auto summary = check_unpacked(data_dir);
  if (!summary) {
    wipe();
    return summary.error();
  }
  // The manifest describes the archive, not the live data directory.
  fs::remove(fs::path(data_dir) / "manifest.json", ec);
  fs::create_directories(fs::path(data_dir) / "documents", ec);
  return summary;
}

}  // namespace jiuzhu::backend
