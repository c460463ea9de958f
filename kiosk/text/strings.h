// UI text as data: every string a resident sees comes from assets/strings/<locale>.json.
//
// The file is a flat JSON object of key → UTF-8 text ("home.apply": "我要申请"). Code refers
// to keys only. A key the file lacks renders as the key itself (visible in screenshots) and is
// recorded so that tests and --script fail on it instead of shipping an empty button.
// Placeholders are written {0}, {1}, ... and filled by format().
//
// Thread-safety: load once at start-up, then read-only; missing() is for the UI thread.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::kiosk {

class Strings {
 public:
  // Loads a flat object of strings. Errors: strings_unreadable, strings_malformed.
  static Result<Strings> load(const std::string& path);
  static Result<Strings> parse(std::string_view json_text);

  // The text for `key`; the key itself when absent (and remembered in missing()).
  const std::string& get(const std::string& key) const;
  bool has(const std::string& key) const { return table_.count(key) != 0; }
  // get(key) with {0}, {1}, ... replaced by args.
  std::string format(const std::string& key, const std::vector<std::string>& args) const;
  // Every value: the glyph set of the UI is built from these.
  const std::map<std::string, std::string>& all() const { return table_; }
  const std::set<std::string>& missing() const { return missing_; }

 private:
  std::map<std::string, std::string> table_;
  mutable std::set<std::string> missing_;
  mutable std::map<std::string, std::string> missing_text_;
};

// Replaces {0}, {1}, ... in `pattern`.
std::string fill(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace jiuzhu::kiosk
