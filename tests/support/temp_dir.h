// TempDir: a fresh private directory under the system's temp directory for one test, removed
// with everything in it when the object goes out of scope — so that a failing test leaves no
// personal-looking data behind and parallel ctest runs never share a directory.
//
// Thread-safety: each object is owned by one test; construction is safe from any thread.
#pragma once

#include <string>

namespace jiuzhu::test {

class TempDir {
 public:
  // Creates the directory (mkdtemp, mode 0700); throws std::runtime_error if it cannot.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path()/name.
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace jiuzhu::test
