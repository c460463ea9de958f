// documents/document_file.h
#include "backend/documents/document_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace jiuzhu::backend {

std::string documents_root(const std::string& data_dir) { return data_dir + "/documents"; }

std::string document_path(const std::string& root, const std::string& h) {
  return root + "/" + h.substr(0, 2) + "/" + h;
}

bool is_document_hash(std::string_view h) {
  return h.size() == 64 && h.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string document_media_type(std::string_view b) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  return "";
}

Result<std::string> read_document(const std::string& root, const std::string& h) {
  if (!is_document_hash(h)) return make_error("not_found", "no such document");
  const std::string path = document_path(root, h);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return make_error("not_found", "no such document");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return make_error("io_error", "the document could not be read");
  return bytes.str();
}

}  // namespace jiuzhu::backend
