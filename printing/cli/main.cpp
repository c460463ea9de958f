// jiuzhu-print: renders a document from application data to PDF, or sends a PDF to a CUPS
// queue and follows the job (contracts: cli.md). Exit 0 on success, 2 on a usage error (one
// line on stderr), 1 on a runtime failure (a clear message on stderr; for `send`, naming the
// printer's state). Machine-readable results go to stdout as one JSON line.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "printing/documents.h"
#include "printing/print_data.h"
#include "printing/print_queue.h"

namespace {

using namespace jiuzhu;
using namespace jiuzhu::printing;

constexpr const char* kUsage =
    "usage: jiuzhu-print KIND --data FILE.json --out FILE.pdf [--paper 80mm|a4]\n"
    "       jiuzhu-print send FILE.pdf [--printer NAME] [--timeout SECONDS]\n"
    "       jiuzhu-print status [--printer NAME]\n"
    "KIND: receipt (80mm by default, or a4), application-form, proxy-authorization,\n"
    "      verification-authorization, materials-checklist, visit-record (a4)\n"
    "The data is the application JSON of api.md plus application_no, received_at, due_date,\n"
    "status and hall {name, address, phone}; see docs/printing.md and assets/samples/.\n"
    "send: submits to a CUPS queue (the default destination unless --printer) and waits for\n"
    "the job; exit 1 names the printer state (offline, out_of_paper, error).\n";

int usage_error(const std::string& msg) {
  std::cerr << "jiuzhu-print: " << msg << " (see --help)\n";
  return 2;
}

int failure(const Error& e) {
  std::cerr << "jiuzhu-print: " << e.message;
  if (!e.field.empty()) std::cerr << " [field " << e.field << "]";
  std::cerr << " (" << e.code << ")\n";
  return 1;
}

// Writes next to the target and renames, so a failed write never leaves a partial PDF.
Status write_atomically(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error("write_failed", "无法写入 " + path);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp);
      return make_error("write_failed", "无法写入 " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    return make_error("write_failed", "无法写入 " + path + "：" + ec.message());
  }
  return Ok{};
}

int render(DocumentKind kind, const std::vector<std::string>& args) {
  std::string data, out, paper_name;
  for (size_t i = 0; i < args.size(); ++i) {
    auto need = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    if (args[i] == "--data") { if (!need(data)) return usage_error("--data needs a file"); }
    else if (args[i] == "--out") { if (!need(out)) return usage_error("--out needs a file"); }
    else if (args[i] == "--paper") { if (!need(paper_name)) return usage_error("--paper needs 80mm or a4"); }
    else return usage_error("unknown argument " + args[i]);
  }
  if (data.empty() || out.empty()) return usage_error("--data and --out are required");
  PaperSize paper = kind == DocumentKind::receipt ? PaperSize::roll80 : PaperSize::a4;
  if (!paper_name.empty()) {
    auto p = parse_paper(paper_name);
    if (!p) return usage_error("--paper must be 80mm or a4");
    paper = *p;
  }
  auto d = load_print_data(data);
  if (!d) return failure(d.error());
  auto pdf = render_document(kind, *d, paper);
  if (!pdf) return failure(pdf.error());
  if (auto st = write_atomically(out, *pdf); !st) return failure(st.error());
  nlohmann::json j = {{"kind", std::string(document_kind_name(kind))}, {"out", out}, {"bytes", pdf->size()}};
  std::cout << j.dump() << "\n";
  return 0;
}

int send(const std::vector<std::string>& args) {
  std::string file, printer;
  double timeout_s = 120;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--printer") {
      if (i + 1 >= args.size()) return usage_error("--printer needs a name");
      printer = args[++i];
    } else if (args[i] == "--timeout") {
      if (i + 1 >= args.size()) return usage_error("--timeout needs seconds");
      char* end = nullptr;
      timeout_s = std::strtod(args[++i].c_str(), &end);
      if (!end || *end || timeout_s <= 0) return usage_error("--timeout needs a positive number of seconds");
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("unknown argument " + args[i]);
    } else if (file.empty()) {
      file = args[i];
    } else {
      return usage_error("only one file can be sent");
    }
  }
  if (file.empty()) return usage_error("send needs a PDF file");
  PrintQueue queue;
  if (printer.empty()) {
    auto def = queue.default_printer();
    if (!def) return failure(def.error());
    printer = *def;
  }
  auto outcome = queue.print_file(printer, file, std::filesystem::path(file).filename().string(),
                                  std::chrono::milliseconds(long(timeout_s * 1000)));
  if (!outcome) return failure(outcome.error());
  nlohmann::json j = {{"printer", outcome->printer}, {"job_id", outcome->job_id}, {"state", "completed"}};
  std::cout << j.dump() << "\n";
  return 0;
}

int status(const std::vector<std::string>& args) {
  std::string printer;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--printer" && i + 1 < args.size()) printer = args[++i];
    else return usage_error("unknown argument " + args[i]);
  }
  PrintQueue queue;
  if (printer.empty()) {
    auto def = queue.default_printer();
    if (!def) return failure(def.error());
    printer = *def;
  }
  auto st = queue.status(printer);
  if (!st) return failure(st.error());
  nlohmann::json j = {{"printer", st->printer}, {"state", std::string(to_string(st->state))},
                      {"busy", st->busy},       {"accepting", st->accepting},
                      {"reasons", st->reasons}, {"message", st->message}};
  std::cout << j.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  for (const auto& a : args)
    if (a == "--help") {
      std::cout << kUsage;
      return 0;
    }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "send") return send(rest);
  if (args[0] == "status") return status(rest);
  if (auto kind = parse_document_kind(args[0])) return render(*kind, rest);
  return usage_error("unknown command " + args[0]);
}
