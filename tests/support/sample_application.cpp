#include "support/sample_application.h"

namespace jiuzhu::test {

nlohmann::json one_person_application(const std::vector<std::string>& programs, const std::string& signed_at,
                                      const std::string& client_id) {
  using nlohmann::json;
  return {{"client_id", client_id},
          {"township", "450326101"},
          {"channel", "kiosk"},
          {"programs", programs},
          {"applicant", {{"id_number", "450326195003151231"}, {"name", "韦建国"}, {"phone", "13800000000"},
                         {"address", "永福县罗锦镇某村"}, {"card_read", true}}},
          {"proxy", nullptr},
          {"household", {{"hukou", "rural"},
                         {"members", {{{"id_number", "450326195003151231"}, {"name", "韦建国"}, {"relation", "self"}}}}}},
          {"statement", ""},
          {"documents", json::array()},
          {"consent", {{"verification_authorized", true}, {"truthfulness_promised", true}, {"signed_at", signed_at}}},
          {"submitted_at", signed_at}};
}

}  // namespace jiuzhu::test
