// PUT /api/v1/documents/{sha256} (kiosk): raw bytes, content-addressed.
#include <Poco/Logger.h>

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response put_document(Request& req, Services& s) {
  auto stored = s.documents.put(req.path_params.at(0), req.content_type, req.body);
  if (!stored) return error_response(stored.error());
  Poco::Logger::get("documents").information(std::string("event=document_stored new=") + (*stored ? "1" : "0") +
                                             " bytes=" + std::to_string(req.body.size()));
  return json_response(*stored ? 201 : 200, Json{{"sha256", req.path_params.at(0)}, {"size", req.body.size()}});
}

}  // namespace jiuzhu::backend::handlers
