// The staff console's static files: GET / and GET /console redirect to /console/, which serves
// index.html; GET /console/NAME serves one built file (app.js, app.css, ...). The console is
// built by CMake with esbuild into BUILD/console/ (docs/console.md); the server looks for it in
// the configured console_dir, else beside its executable: BIN/../console (the build tree) and
// BIN/../share/jiuzhu/console (an installed tree).
//
// Every answer carries a strict Content-Security-Policy: scripts, styles and data only from this
// server, no inline script or style, no framing. Names are a flat whitelist of characters, so
// no path can leave the directory.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {
namespace {

namespace fs = std::filesystem;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; frame-src blob:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void add_security_headers(Response& r) {
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  // Small files that change with every build: revalidate rather than serve a stale bundle.
  r.headers.emplace_back("Cache-Control", "no-cache");
}

fs::path executable_dir() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  return fs::path(std::string(buf, static_cast<size_t>(n))).parent_path();
}

fs::path console_root(const ServerConfig& config) {
  if (!config.console_dir.empty()) return config.console_dir;
  static const fs::path found = [] {
    const fs::path bin = executable_dir();
    for (const fs::path& candidate : {bin / ".." / "console", bin / ".." / "share" / "jiuzhu" / "console"}) {
      std::error_code ec;
      if (fs::is_regular_file(candidate / "index.html", ec)) return candidate.lexically_normal();
    }
    return fs::path{};
  }();
  return found;
}

bool safe_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

const char* content_type_of(const std::string& name) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json; charset=utf-8";
  return nullptr;
}

Response serve_file(const Services& s, const std::string& name) {
  const char* type = content_type_of(name);
  if (!safe_name(name) || !type) return error_response(404, "not_found", "no such resource");
  const fs::path root = console_root(s.config);
  if (root.empty()) {
    return error_response(503, "console_not_built",
                          "the staff console is not built on this server (see docs/console.md)");
  }
  std::ifstream in(root / name, std::ios::binary);
  if (!in) return error_response(404, "not_found", "no such resource");
  std::ostringstream body;
  body << in.rdbuf();
  Response r;
  r.status = 200;
  r.content_type = type;
  r.body = body.str();
  add_security_headers(r);
  return r;
}

Response redirect_to_console() {
  Response r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "/console/\n";
  r.headers.emplace_back("Location", "/console/");
  add_security_headers(r);
  return r;
}

}  // namespace

Response console_redirect(Request&, Services&) { return redirect_to_console(); }

Response console_index(Request&, Services& s) { return serve_file(s, "index.html"); }

Response console_file(Request& req, Services& s) { return serve_file(s, req.path_params.at(0)); }

}  // namespace jiuzhu::backend::handlers
