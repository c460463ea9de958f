#include "backend/http/services.h"

namespace jiuzhu::backend {

Result<policy::Catalog> PolicyCache::catalog() {
  std::lock_guard lock(mu_);
  if (!catalog_) {
    auto c = policy::Catalog::load_builtin();
    if (!c) return c.error();
    catalog_ = *c;
  }
  return *catalog_;
}

Result<policy::CountyParams> PolicyCache::params(const std::string& county) {
  auto c = catalog();
  if (!c) return c.error();
  std::lock_guard lock(mu_);
  auto it = params_.find(county);
  if (it != params_.end()) return it->second;
  auto p = policy::CountyParams::load_county(*c, county, params_dir_);
  if (!p) return p.error();
  params_.emplace(county, *p);
  return *p;
}

}  // namespace jiuzhu::backend
