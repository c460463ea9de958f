#include "kiosk/text/pinyin_engine.h"

#include <rime_api.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace jiuzhu::kiosk {
namespace {

constexpr const char* kSchemaId = "jiuzhu_pinyin";
constexpr int kBackSpace = 0xff08;  // X keysym, as Rime expects

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

// RimeSetup may run once per process (it initialises logging); RimeInitialize/RimeFinalize pair.
bool g_setup_done = false;

}  // namespace

PinyinEngine::~PinyinEngine() {
  if (session_) {
    RimeDestroySession(session_);
    RimeFinalize();
  }
}

Status PinyinEngine::open(const std::string& schema_file, const std::string& cache_dir) {
  if (session_) return Ok{};
  std::string schema = read_file(schema_file);
  if (schema.empty()) return make_error("pinyin_unavailable", "cannot read the pinyin schema", schema_file);
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  if (ec) return make_error("pinyin_unavailable", "cannot create the pinyin cache directory", cache_dir);
  fs::path dir(cache_dir);
  // Deploy only when the shipped schema changed or was never compiled here.
  bool stale = read_file(dir / "jiuzhu_pinyin.schema.yaml") != schema ||
               !fs::exists(dir / "build" / "jiuzhu_pinyin.schema.yaml");
  if (stale) {
    const std::string def = "config_version: \"jiuzhu-1\"\nschema_list:\n  - schema: jiuzhu_pinyin\n";
    if (!write_file(dir / "jiuzhu_pinyin.schema.yaml", schema) || !write_file(dir / "default.yaml", def))
      return make_error("pinyin_unavailable", "cannot write the pinyin cache directory", cache_dir);
  }
  RIME_STRUCT(RimeTraits, traits);
  traits.shared_data_dir = "/usr/share/rime-data";
  traits.user_data_dir = cache_dir.c_str();
  traits.distribution_name = "jiuzhu";
  traits.distribution_code_name = "jiuzhu-kiosk";
  traits.distribution_version = "1";
  traits.app_name = "rime.jiuzhu";
  traits.min_log_level = 3;  // fatal only: Rime's log must never hold what was typed
  traits.log_dir = "";
  if (!g_setup_done) {
    RimeSetup(&traits);
    g_setup_done = true;
  }
  RimeInitialize(&traits);
  if (stale) {
    RimeStartMaintenance(True);
    RimeJoinMaintenanceThread();
    deployed_ = true;
  }
  RimeSessionId s = RimeCreateSession();
  if (!s || !RimeSelectSchema(s, kSchemaId)) {
    if (s) RimeDestroySession(s);
    RimeFinalize();
    return make_error("pinyin_unavailable", "the pinyin schema does not load", cache_dir);
  }
  session_ = s;
  return Ok{};
}

bool PinyinEngine::type(char letter) {
  if (!session_ || letter < 'a' || letter > 'z') return false;
  return RimeProcessKey(session_, letter, 0);
}

void PinyinEngine::backspace() {
  if (session_) RimeProcessKey(session_, kBackSpace, 0);
}

void PinyinEngine::clear() {
  if (session_) RimeClearComposition(session_);
}

std::string PinyinEngine::preedit() const {
  std::string out;
  if (!session_) return out;
  RIME_STRUCT(RimeContext, ctx);
  if (RimeGetContext(session_, &ctx)) {
    if (ctx.composition.preedit) out = ctx.composition.preedit;
    RimeFreeContext(&ctx);
  }
  return out;
}

std::vector<std::string> PinyinEngine::candidates(size_t n, size_t from) const {
  std::vector<std::string> out;
  if (!session_ || n == 0) return out;
  RimeApi* api = rime_get_api();
  RimeCandidateListIterator it{};
  if (!api->candidate_list_from_index(session_, &it, static_cast<int>(from))) return out;
  while (out.size() < n && api->candidate_list_next(&it))
    if (it.candidate.text) out.emplace_back(it.candidate.text);
  api->candidate_list_end(&it);
  return out;
}

std::string PinyinEngine::choose(size_t index) {
  std::string out;
  if (!session_) return out;
  if (!rime_get_api()->select_candidate(session_, index)) return out;
  RIME_STRUCT(RimeCommit, commit);
  if (RimeGetCommit(session_, &commit)) {
    if (commit.text) out = commit.text;
    RimeFreeCommit(&commit);
  }
  return out;
}

}  // namespace jiuzhu::kiosk
