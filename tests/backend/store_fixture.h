// A test fixture over one fresh, migrated database per test, for each back end the run has
// (test_support.h backends(): SQLite always, PostgreSQL when JIUZHU_TEST_PG_URL is set).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "backend/store/queue_store.h"
#include "backend/store/repository.h"
#include "backend/util/clock.h"
#include "test_support.h"

namespace jiuzhu::test {

// A received application of `township` numbered on 2026-11-24, as the intake handler builds it.
inline backend::NewApplication new_application(const std::string& client_id, const std::string& township = kTownship,
                                               std::string body = "{}") {
  backend::NewApplication a;
  a.record.client_id = client_id;
  a.record.township = township;
  a.record.county = township.substr(0, 6);
  a.record.kiosk_id = "K1";
  a.record.channel = model::Channel::kiosk;
  a.record.programs = {"dibao"};
  a.record.status = backend::CaseState::received;
  a.record.received_at = backend::now_rfc3339();
  a.record.updated_at = a.record.received_at;
  a.record.due_date = "2027-01-08";
  a.record.id_last4 = "123X";
  a.record.body = std::move(body);
  a.number_day = "20261124";
  a.audit = backend::AuditEntry{"kiosk:K1", "kiosk", "create", "application", "", township, ""};
  return a;
}

// A hotline lead of `township` as the leads handler builds it (not urgent).
inline backend::NewLead new_lead(const std::string& township = kTownship) {
  backend::NewLead l;
  l.township = township;
  l.county = township.substr(0, 6);
  l.source = "hotline";
  l.body = R"({"source":"hotline"})";
  l.created_at = backend::now_rfc3339();
  l.created_by = "kiosk:K1";
  l.number_day = "20261124";
  l.visit_due = "2026-11-25";
  l.audit = backend::AuditEntry{"kiosk:K1", "kiosk", "create", "lead", "", l.township, ""};
  return l;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = database_url(GetParam(), dir_.path());
    auto r = backend::open_repository(url_);
    ASSERT_TRUE(r.ok()) << r.error().message;
    repo_ = std::move(r).value();
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<backend::Repository> repo_;
};

}  // namespace jiuzhu::test
