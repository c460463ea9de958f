// A valid one-person application body (the contract's shape:韦建国, applying alone at a kiosk of
// 450326101), for tests that need an application and care only about its programs and dates.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jiuzhu::test {

// `programs` applied for; consent signed and the application submitted at `signed_at`
// (RFC 3339 with offset); `client_id` as given.
nlohmann::json one_person_application(const std::vector<std::string>& programs, const std::string& signed_at,
                                      const std::string& client_id);

}  // namespace jiuzhu::test
