#include "test_support.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>

#include "backend/store/postgres_database.h"
#include "core/id_number.h"

namespace jiuzhu::test {

std::string id_number(const std::string& birth, int seq) {
  char s[8];
  std::snprintf(s, sizeof s, "%03d", seq % 1000);
  std::string first17 = std::string(kCounty) + birth + s;
  return first17 + IdNumber::check_character(first17);
}

std::string uuid() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard lock(mu);
  char buf[40];
  const uint64_t a = rng(), b = rng();
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a & 0xffff), static_cast<unsigned>((a >> 16) & 0xfff),
                static_cast<unsigned>(b >> 52), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

Json application(const std::string& township, const std::string& client_id, const std::string& id) {
  const std::string idn = id.empty() ? id_number("19500315", 123) : id;
  return Json{
      {"client_id", client_id},
      {"township", township},
      {"channel", "kiosk"},
      {"programs", {"dibao"}},
      {"applicant", {{"id_number", idn}, {"name", "张三"}, {"phone", "13800000000"}, {"address", "罗锦镇某村"}, {"card_read", true}}},
      {"proxy", nullptr},
      {"household",
       {{"hukou", "rural"},
        {"members", {{{"id_number", idn}, {"name", "张三"}, {"relation", "self"}, {"lives_together", true},
                      {"monthly_income", 200}, {"pension_monthly", 0}, {"disability", nullptr},
                      {"serious_illness", false}, {"employment", "none"}, {"student", nullptr}, {"in_prison", false}}}},
        {"assets", {{"deposits", 0}, {"vehicles", 0}, {"extra_housing", 0}}},
        {"has_able_supporter", false},
        {"receiving", Json::array()}}},
      {"statement", "年老体弱，无固定收入"},
      {"documents", Json::array()},
      {"consent", {{"verification_authorized", true}, {"truthfulness_promised", true}, {"signed_at", "2026-11-24T09:00:00+08:00"}}},
      {"submitted_at", "2026-11-24T09:01:00+08:00"}};
}

Json lead(const std::string& township, bool urgent) {
  return Json{{"source", "hotline"},
              {"township", township},
              {"subject", {{"name", "李四"}, {"address", "罗锦镇某村3组"}}},
              {"reporter", {{"name", "王五"}, {"phone", "13900000000"}, {"relation", "neighbour"}}},
              {"situation", "独居老人，冬天没有取暖"},
              {"urgent", urgent}};
}

std::vector<std::string> backends() {
  std::vector<std::string> out = {"sqlite"};
  const char* pg = std::getenv("JIUZHU_TEST_PG_URL");
  if (pg && *pg) out.push_back("postgresql");
  return out;
}

std::string database_url(const std::string& backend, const std::string& dir) {
  if (backend == "sqlite") return "sqlite:" + dir + "/test.db";
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  const std::string base = std::getenv("JIUZHU_TEST_PG_URL");
  std::string schema = "t_" + uuid().substr(0, 8);
  Poco::Data::Session s("PostgreSQL", jiuzhu::backend::postgres_keywords(base).value());
  s << "CREATE SCHEMA " + schema, Poco::Data::Keywords::now;
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

}  // namespace jiuzhu::test
