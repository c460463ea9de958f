// An application for social assistance as the kiosk submits it and the backend stores it
// (contracts: api.md "Application"), and the backend's answer to it.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/household.h"

namespace jiuzhu::model {

enum class ProxyRelation { spouse, child, parent, sibling, grandchild, other_relative, village_cadre, other };

struct Applicant {
  std::string id_number;
  std::string name;
  std::string phone;
  std::string address;
  bool card_read = false;  // true when read from the ID card, false when typed
};

struct Proxy {
  std::string id_number;
  std::string name;
  std::string phone;
  std::string relation;                // free word from the contract ("child", "village_cadre", ...)
  bool card_read = false;
  std::string authorization_document;  // sha256 of the scanned, signed 委托书
};

struct DocumentRef {
  std::string kind;    // "id_card", "hukou_booklet", "disability_certificate", ...
  std::string sha256;  // lowercase hex, 64 characters
  int pages = 1;
};

struct Consent {
  bool verification_authorized = false;
  bool truthfulness_promised = false;
  std::string signed_at;  // RFC 3339
};

struct Application {
  std::string client_id;  // UUID made once per application by the kiosk
  std::string township;   // 9-digit code
  std::string channel = "kiosk";
  std::vector<std::string> programs;
  Applicant applicant;
  std::optional<Proxy> proxy;
  Household household;
  std::string statement;
  std::vector<DocumentRef> documents;
  Consent consent;
  std::string submitted_at;  // RFC 3339
};

// What the backend answers to a submission (201, or 200 for a retried client_id).
struct Acknowledgement {
  std::string application_no;
  std::string status;       // "received", ...; "pending_upload" only on a kiosk's offline receipt
  std::string received_at;  // RFC 3339
  std::string due_date;     // YYYY-MM-DD
};

// A hardship lead (contracts: api.md "Lead").
struct LeadSubject {
  std::string id_number, name, address, phone;  // any may be empty, not all
};
struct LeadReporter {
  std::string name, phone, relation;  // relation: self|family|neighbour|village_cadre|other
};
struct Lead {
  std::string source;  // kiosk|hotline|informant|visit|social_org
  std::string township;
  LeadSubject subject;
  LeadReporter reporter;
  std::string situation;
  bool urgent = false;
};

}  // namespace jiuzhu::model
