#include "kiosk/outbox/outbox.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "core/timestamp.h"
#include "kiosk/outbox/fsutil.h"

namespace fs = std::filesystem;

namespace jiuzhu::kiosk {
namespace {

std::vector<std::string> list(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool safe_name(const std::string& s) {
  // Ids and hashes become file names: letters, digits and '-' only.
  return !s.empty() && s.size() <= 80 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

}  // namespace

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& dir, Key key) {
  std::error_code ec;
  for (const char* sub : {"items", "docs", "done", "quarantine", "rejected", "tmp"}) {
    fs::create_directories(dir + "/" + sub, ec);
    if (ec) return make_error("outbox_unavailable", "cannot create the outbox directories", dir);
  }
  // Leftovers in tmp/ were never renamed into place, so no resident was told "submitted".
  for (auto& e : fs::directory_iterator(dir + "/tmp", ec)) fs::remove(e.path(), ec);
  return std::unique_ptr<Outbox>(new Outbox(dir, std::move(key)));
}

Status Outbox::write_sealed(const std::string& sub, const std::string& name, const std::string& text) {
  Bytes sealed = seal(key_, text, name);
  if (!write_atomic(dir_ + "/tmp", dir_ + "/" + sub + "/" + name, sealed.data(), sealed.size()))
    return make_error("outbox_write_failed", "cannot write to the outbox", sub);
  return Ok{};
}

Result<std::string> Outbox::enqueue(const std::string& kind, const std::string& id, const std::string& local_no,
                                    const nlohmann::json& payload, const std::vector<OutboxDocument>& docs) {
  if (!safe_name(id)) return make_error("outbox_bad_id", "item id must be letters, digits and '-'");
  std::lock_guard lock(mu_);
  nlohmann::json meta_docs = nlohmann::json::array();
  for (const auto& d : docs) {
    if (!safe_name(d.sha256)) return make_error("outbox_bad_id", "document hash malformed");
    std::string name = d.sha256 + ".doc";
    if (!fs::exists(dir_ + "/docs/" + name)) {
      nlohmann::json env = {{"content_type", d.content_type}};
      std::string text = env.dump() + '\n' + std::string(d.bytes.begin(), d.bytes.end());
      if (auto st = write_sealed("docs", name, text); !st) return st.error();
    }
    meta_docs.push_back({{"sha256", d.sha256}, {"content_type", d.content_type}});
  }
  long long seq = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  seq = std::max(seq, last_seq_ + 1);
  last_seq_ = seq;
  std::string file = std::to_string(seq) + "-" + id + ".item";
  nlohmann::json item = {{"kind", kind},           {"id", id},
                         {"local_no", local_no},   {"created_at", now_rfc3339_china()},
                         {"payload", payload},     {"documents", meta_docs}};
  if (auto st = write_sealed("items", file, item.dump()); !st) return st.error();
  return file;
}

std::vector<std::string> Outbox::pending() const {
  std::lock_guard lock(mu_);
  return list(dir_ + "/items", ".item");
}

void Outbox::quarantine(const std::string& path) {
  std::string to = dir_ + "/quarantine/" + fs::path(path).filename().string();
  move_durable(path, to);
}

Result<OutboxItem> Outbox::read(const std::string& file) {
  std::lock_guard lock(mu_);
  std::string path = dir_ + "/items/" + file;
  Bytes b;
  if (!read_file(path, b)) return make_error("outbox_missing", "item not found", file);
  auto text = unseal(key_, b, file);
  if (!text) {
    quarantine(path);
    return make_error("outbox_corrupt", "item fails authentication; quarantined", file);
  }
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("payload") || !j.contains("kind") || !j.contains("id")) {
    quarantine(path);
    return make_error("outbox_corrupt", "item is not valid JSON; quarantined", file);
  }
  OutboxItem it;
  it.file = file;
  it.kind = j.value("kind", "");
  it.id = j.value("id", "");
  it.local_no = j.value("local_no", "");
  it.created_at = j.value("created_at", "");
  it.payload = j["payload"];
  if (j.contains("documents"))
    for (auto& d : j["documents"]) it.documents.emplace_back(d.value("sha256", ""), d.value("content_type", ""));
  return it;
}

Result<OutboxDocument> Outbox::read_document(const std::string& sha) {
  std::lock_guard lock(mu_);
  std::string name = sha + ".doc";
  Bytes b;
  if (!safe_name(sha) || !read_file(dir_ + "/docs/" + name, b))
    return make_error("outbox_missing", "document not found", sha);
  auto text = unseal(key_, b, name);
  if (!text) {
    quarantine(dir_ + "/docs/" + name);
    return make_error("outbox_corrupt", "document fails authentication; quarantined", sha);
  }
  auto nl = text->find('\n');
  auto env = nlohmann::json::parse(text->substr(0, nl), nullptr, false);
  if (nl == std::string::npos || env.is_discarded()) {
    quarantine(dir_ + "/docs/" + name);
    return make_error("outbox_corrupt", "document envelope malformed; quarantined", sha);
  }
  OutboxDocument d;
  d.sha256 = sha;
  d.content_type = env.value("content_type", "application/octet-stream");
  d.bytes.assign(text->begin() + static_cast<long>(nl) + 1, text->end());
  return d;
}

Status Outbox::complete(const OutboxItem& item, const nlohmann::json& ack) {
  std::lock_guard lock(mu_);
  // The answer first: a crash after it and before the removal re-sends, and the backend
  // answers the same client_id with the same number.
  if (auto st = write_sealed("done", item.id + ".ack", ack.dump()); !st) return st;
  std::error_code ec;
  fs::remove(dir_ + "/items/" + item.file, ec);
  fsync_dir(dir_ + "/items");
  // Documents that no pending item references any more.
  std::set<std::string> needed;
  for (const auto& f : list(dir_ + "/items", ".item")) {
    Bytes b;
    if (!read_file(dir_ + "/items/" + f, b)) continue;
    auto text = unseal(key_, b, f);
    if (!text) continue;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object() && j.contains("documents"))
      for (auto& d : j["documents"]) needed.insert(d.value("sha256", ""));
  }
  for (const auto& [sha, ct] : item.documents)
    if (!needed.count(sha)) fs::remove(dir_ + "/docs/" + sha + ".doc", ec);
  fsync_dir(dir_ + "/docs");
  return Ok{};
}

Status Outbox::reject(const OutboxItem& item, const std::string& reason) {
  std::lock_guard lock(mu_);
  nlohmann::json note = {{"file", item.file}, {"reason", reason}};
  if (auto st = write_sealed("rejected", item.file + ".reason", note.dump()); !st) return st;
  if (!move_durable(dir_ + "/items/" + item.file, dir_ + "/rejected/" + item.file))
    return make_error("outbox_write_failed", "cannot move the rejected item", item.file);
  return Ok{};
}

bool Outbox::is_rejected(const std::string& file) const {
  std::lock_guard lock(mu_);
  return fs::exists(dir_ + "/rejected/" + file);
}

std::optional<nlohmann::json> Outbox::ack(const std::string& id) const {
  std::lock_guard lock(mu_);
  std::string name = id + ".ack";
  Bytes b;
  if (!safe_name(id) || !read_file(dir_ + "/done/" + name, b)) return std::nullopt;
  auto text = unseal(key_, b, name);
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

OutboxCounts Outbox::counts() const {
  std::lock_guard lock(mu_);
  OutboxCounts c;
  c.pending = list(dir_ + "/items", ".item").size();
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir_ + "/quarantine", ec)) (void)e, ++c.quarantined;
  c.rejected = list(dir_ + "/rejected", ".item").size();
  c.done = list(dir_ + "/done", ".ack").size();
  return c;
}

}  // namespace jiuzhu::kiosk
