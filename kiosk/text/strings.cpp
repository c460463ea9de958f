#include "kiosk/text/strings.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace jiuzhu::kiosk {

Result<Strings> Strings::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("strings_unreadable", "cannot open the UI strings file", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

Result<Strings> Strings::parse(std::string_view json_text) {
  auto j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return make_error("strings_malformed", "UI strings must be a JSON object of strings");
  Strings s;
  for (auto& [k, v] : j.items()) {
    if (!v.is_string()) return make_error("strings_malformed", "UI string is not text", k);
    s.table_[k] = v.get<std::string>();
  }
  return s;
}

const std::string& Strings::get(const std::string& key) const {
  auto it = table_.find(key);
  if (it != table_.end()) return it->second;
  missing_.insert(key);
  return missing_text_.try_emplace(key, key).first->second;
}

std::string Strings::format(const std::string& key, const std::vector<std::string>& args) const {
  return fill(get(key), args);
}

std::string fill(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      size_t n = static_cast<size_t>(pattern[i + 1] - '0');
      if (n < args.size()) out += args[n];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace jiuzhu::kiosk
