// A test fixture over one fresh, migrated database per test, for each back end the run has
// (test_support.h backends(): SQLite always, PostgreSQL when JIUZHU_TEST_PG_URL is set).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "backend/store/repository.h"
#include "test_support.h"

namespace jiuzhu::test {

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
