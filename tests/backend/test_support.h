// Test data shared by the backend tests: valid ID numbers, application and lead JSON, temporary
// directories, and the database URLs to run against (SQLite always, PostgreSQL when
// JIUZHU_TEST_PG_URL is set — each call gets a fresh schema there).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace jiuzhu::test {

using Json = nlohmann::json;

inline constexpr const char* kTownship = "450326101";       // 罗锦镇, 永福县
inline constexpr const char* kOtherTownship = "450326102";  // 百寿镇, same county
inline constexpr const char* kCounty = "450326";
inline constexpr const char* kOtherCounty = "370102";

// A valid 18-character ID number in 450326 with the given birth date and sequence.
std::string id_number(const std::string& birth_yyyymmdd, int seq);
std::string uuid();
// A minimal valid application for `township` (one dibao household of one member).
Json application(const std::string& township, const std::string& client_id, const std::string& id = {});
Json lead(const std::string& township, bool urgent);

// "sqlite" and, with JIUZHU_TEST_PG_URL set, "postgresql".
std::vector<std::string> backends();
// A database URL for `backend`: sqlite:DIR/test.db, or the PostgreSQL URL with a new empty schema
// as its search_path.
std::string database_url(const std::string& backend, const std::string& dir);

}  // namespace jiuzhu::test
