// `jiuzhu-server kiosk add` and `jiuzhu-server user add` (contracts/cli.md).
#include <cstdio>
#include <iostream>
#include <string>

#include "backend/auth/authenticator.h"
#include "backend/auth/password.h"
#include "backend/cli/cli_common.h"
#include "backend/services/staff_accounts.h"
#include "backend/commands.h"
#include "backend/store/repository.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kKioskUsage =
    "usage: jiuzhu-server kiosk add --id ID --township CODE [--db URL] [--data-dir DIR]\n"
    "       jiuzhu-server kiosk enrol-code --id ID --township CODE [--valid-hours H] [--db URL] [--data-dir DIR]\n"
    "       jiuzhu-server kiosk disable|enable --id ID [--db URL] [--data-dir DIR]\n"
    "add: registers a kiosk device and prints its bearer token (one line) on stdout.\n"
    "Only a hash of the token is stored: keep the printed token, it cannot be shown again.\n"
    "enrol-code: prints a one-time code (default valid 24 hours) that the kiosk exchanges for its\n"
    "token with 'jiuzhu-kiosk enrol', so that no token is copied by hand (docs/operations.md).\n"
    "disable: the kiosk's token stops working (within 30 s) and it cannot enrol again; enable undoes it.\n";

constexpr const char* kUserUsage =
    "usage: jiuzhu-server user add --login NAME --role ROLE [--township CODE | --county CODE | --province CODE]\n"
    "                              [--department NAME] [--db URL] [--data-dir DIR]\n"
    "Creates a staff account; the password (at least 8 characters) is read from stdin, one line.\n"
    "Roles: hall_staff and caseworker (need --township), county_admin (needs --county),\n"
    "department (needs --department: education, housing, employment, medical_insurance; --county optional),\n"
    "province_admin (needs --province: 2 digits, e.g. 45; enters the national holiday notice).\n";

bool has_help(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

int kiosk_command(const Args& args) {
  if (has_help(args)) {
    std::fputs(kKioskUsage, stdout);
    return 0;
  }
  if (!args.empty() && (args[0] == "enrol-code" || args[0] == "disable" || args[0] == "enable")) {
    return kiosk_enrolment_command(args);
  }
  if (args.empty() || args[0] != "add") return cli::usage_error("kiosk", "expected 'kiosk add|enrol-code|disable|enable'");
  auto opts = cli::parse_options(Args(args.begin() + 1, args.end()), {"--id", "--township", "--db", "--data-dir"});
  if (!opts) return cli::usage_error("kiosk", opts.error().message);
  auto o = opts.value();
  if (!o.count("--id") || o["--id"].empty() || o["--id"].size() > 64) return cli::usage_error("kiosk", "--id ID is required");
  if (!o.count("--township")) return cli::usage_error("kiosk", "--township CODE is required");
  if (!cli::valid_township(o["--township"])) {
    return cli::usage_error("kiosk", "--township must be 9 digits starting with a known county code");
  }
  auto repo = open_repository(cli::database_url(o));
  if (!repo) {
    std::fprintf(stderr, "jiuzhu-server kiosk: %s\n", repo.error().message.c_str());
    return 1;
  }
  auto token = Authenticator::register_kiosk(**repo, o["--id"], o["--township"]);
  if (!token) {
    std::fprintf(stderr, "jiuzhu-server kiosk: %s\n", token.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", token->c_str());
  return 0;
}

int user_command(const Args& args) {
  if (has_help(args)) {
    std::fputs(kUserUsage, stdout);
    return 0;
  }
  if (args.empty() || args[0] != "add") return cli::usage_error("user", "expected 'user add'");
  auto opts = cli::parse_options(Args(args.begin() + 1, args.end()),
                                 {"--login", "--role", "--township", "--county", "--department", "--province", "--db", "--data-dir"});
  if (!opts) return cli::usage_error("user", opts.error().message);
  auto o = opts.value();
  if (!o.count("--login") || o["--login"].empty() || o["--login"].size() > 100) {
    return cli::usage_error("user", "--login NAME is required");
  }
  // county: the account rule is shared with the console's POST /api/v1/staff (services/staff_accounts.h).
  auto value = [&](const char* key) { return o.count(key) ? o[key] : std::string(); };
  auto made = services::staff_account(
      services::StaffRequest{value("--login"), value("--role"), value("--township"), value("--county"), value("--department"),
                             value("--province")});
  if (!made) return cli::usage_error("user", made.error().message);
  UserRecord u = std::move(made).value();
  std::string password;
  if (!std::getline(std::cin, password)) {
    std::fputs("jiuzhu-server user: no password on stdin\n", stderr);
    return 1;
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.size() < 8) {
    std::fputs("jiuzhu-server user: the password needs at least 8 characters\n", stderr);
    return 1;
  }
  u.password_hash = hash_password(password);
  u.created_at = now_rfc3339();
  auto repo = open_repository(cli::database_url(o));
  if (!repo) {
    std::fprintf(stderr, "jiuzhu-server user: %s\n", repo.error().message.c_str());
    return 1;
  }
  if (auto st = (*repo)->add_user(u); !st) {
    std::fprintf(stderr, "jiuzhu-server user: %s\n", st.error().message.c_str());
    return 1;
  }
  std::printf("created %s (%s)\n", u.login.c_str(), to_string(u.role));
  return 0;
}

}  // namespace jiuzhu::backend
