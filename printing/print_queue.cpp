#include "printing/print_queue.h"

#include <cups/cups.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace jiuzhu::printing {
namespace {

using Http = std::unique_ptr<http_t, decltype(&httpClose)>;
using Ipp = std::unique_ptr<ipp_t, decltype(&ippDelete)>;

Result<Http> connect(const std::string& server) {
  const char* host = server.empty() ? cupsServer() : server.c_str();
  std::string h = host;
  int port = ippPort();
  if (!h.empty() && h[0] != '/') {
    if (auto colon = h.rfind(':'); colon != std::string::npos && h.find(']') == std::string::npos) {
      port = std::atoi(h.c_str() + colon + 1);
      h = h.substr(0, colon);
    }
  }
  http_t* http = httpConnect2(h.c_str(), port, nullptr, AF_UNSPEC, cupsEncryption(), 1, 10000, nullptr);
  if (!http) return make_error("cups_unreachable", "无法连接打印服务（CUPS " + std::string(host) + "）");
  return Http(http, &httpClose);
}

std::string printer_uri(const std::string& printer) {
  char uri[1024];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s",
                   printer.c_str());
  return uri;
}

std::string join_values(ipp_attribute_t* attr) {
  std::string out;
  if (!attr) return out;
  for (int i = 0; i < ippGetCount(attr); ++i) {
    if (const char* v = ippGetString(attr, i, nullptr)) {
      if (!out.empty()) out += ",";
      out += v;
    }
  }
  return out;
}

bool has_reason(std::string_view reasons, std::string_view prefix) {
  size_t start = 0;
  while (start <= reasons.size()) {
    size_t end = reasons.find(',', start);
    std::string_view r = reasons.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (r.substr(0, prefix.size()) == prefix) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

Result<PrinterStatus> query_status(http_t* http, const std::string& printer) {
  Ipp req(ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES), &ippDelete);
  std::string uri = printer_uri(printer);
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  static const char* const kAttrs[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
                                       "printer-state-message"};
  ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, kAttrs);
  Ipp resp(cupsDoRequest(http, req.release(), "/"), &ippDelete);
  if (!resp) {
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
      return make_error("no_printer", "找不到打印机队列 " + printer);
    return make_error("cups_unreachable", std::string("打印服务无应答：") + cupsLastErrorString());
  }
  if (ippGetStatusCode(resp.get()) > IPP_STATUS_OK_CONFLICTING)
    return make_error("no_printer", "找不到打印机队列 " + printer);
  PrinterStatus st;
  st.printer = printer;
  int state = IPP_PSTATE_STOPPED;
  if (auto* a = ippFindAttribute(resp.get(), "printer-state", IPP_TAG_ENUM)) state = ippGetInteger(a, 0);
  if (auto* a = ippFindAttribute(resp.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
    st.accepting = ippGetBoolean(a, 0);
  st.reasons = join_values(ippFindAttribute(resp.get(), "printer-state-reasons", IPP_TAG_KEYWORD));
  if (st.reasons == "none") st.reasons.clear();
  if (auto* a = ippFindAttribute(resp.get(), "printer-state-message", IPP_TAG_TEXT))
    if (const char* m = ippGetString(a, 0, nullptr)) st.message = m;
  st.state = PrintQueue::classify(state, st.reasons, st.accepting);
  st.busy = state == IPP_PSTATE_PROCESSING;
  return st;
}

Error state_error(const PrinterStatus& st, const std::string& what) {
  std::string detail = "打印机 " + st.printer + " 状态：" + std::string(to_string(st.state));
  if (!st.reasons.empty()) detail += "（" + st.reasons + "）";
  if (!st.message.empty()) detail += " " + st.message;
  switch (st.state) {
    case PrinterState::offline: return make_error("printer_offline", what + "，" + detail);
    case PrinterState::out_of_paper: return make_error("out_of_paper", what + "，" + detail);
    case PrinterState::error: return make_error("printer_error", what + "，" + detail);
    case PrinterState::ready: break;
  }
  return make_error("job_failed", what + "，" + detail);
}

}  // namespace

std::string_view to_string(PrinterState s) {
  switch (s) {
    case PrinterState::ready: return "ready";
    case PrinterState::offline: return "offline";
    case PrinterState::out_of_paper: return "out_of_paper";
    case PrinterState::error: return "error";
  }
  return "error";
}

PrinterState PrintQueue::classify(int ipp_state, std::string_view reasons, bool accepting) {
  // Paper first: it is what a hall worker can fix at once.
  if (has_reason(reasons, "media-empty") || has_reason(reasons, "media-needed")) return PrinterState::out_of_paper;
  if (has_reason(reasons, "offline") || has_reason(reasons, "shutdown") || has_reason(reasons, "connecting-to-device") ||
      has_reason(reasons, "timed-out"))
    return PrinterState::offline;
  if (has_reason(reasons, "media-jam") || has_reason(reasons, "door-open") || has_reason(reasons, "cover-open") ||
      has_reason(reasons, "other-error"))
    return PrinterState::error;
  // A stopped (paused/disabled) queue or one refusing jobs prints nothing: offline to the kiosk.
  if (ipp_state == IPP_PSTATE_STOPPED || !accepting) return PrinterState::offline;
  // Any other "...-error" reason is an error; "-warning"/"-report" reasons do not stop printing.
  for (size_t at = reasons.find("-error"); at != std::string_view::npos; at = reasons.find("-error", at + 1))
    return PrinterState::error;
  return PrinterState::ready;
}

PrintQueue::PrintQueue(std::string server) : server_(std::move(server)) {}

Result<std::string> PrintQueue::default_printer() const {
  auto http = connect(server_);
  if (!http) return http.error();
  const char* name = cupsGetDefault2(http->get());
  if (!name || !*name) return make_error("no_printer", "没有设置默认打印机，请用 --printer 指定");
  return std::string(name);
}

Result<PrinterStatus> PrintQueue::status(const std::string& printer) const {
  auto http = connect(server_);
  if (!http) return http.error();
  return query_status(http->get(), printer);
}

Result<int> PrintQueue::submit(const std::string& printer, const std::string& pdf_path, const std::string& title) const {
  {
    std::ifstream in(pdf_path, std::ios::binary);
    char magic[5] = {};
    if (!in || !in.read(magic, 5) || std::string_view(magic, 5) != "%PDF-")
      return make_error("file_unreadable", "不是可读的 PDF 文件：" + pdf_path);
  }
  auto http = connect(server_);
  if (!http) return http.error();
  auto st = query_status(http->get(), printer);
  if (!st) return st.error();
  if (!st->accepting) return state_error(*st, "打印机不接受新任务");
  cups_option_t* options = nullptr;
  int n = cupsAddOption("document-format", "application/pdf", 0, &options);
  int job = cupsPrintFile2(http->get(), printer.c_str(), pdf_path.c_str(), title.c_str(), n, options);
  cupsFreeOptions(n, options);
  if (job <= 0) return make_error("job_failed", "提交打印任务失败：" + std::string(cupsLastErrorString()));
  return job;
}

namespace {

// A job that did not print is cancelled rather than left queued: it would come out later, when
// someone loads paper, in front of whoever stands at the kiosk then (receipts carry personal data).
Error cancel_and_report(http_t* http, const std::string& printer, int job_id, Error e) {
  if (cupsCancelJob2(http, printer.c_str(), job_id, 0) == IPP_STATUS_OK) e.message += "；任务已取消";
  return e;
}

}  // namespace

Result<JobOutcome> PrintQueue::wait(const std::string& printer, int job_id, std::chrono::milliseconds timeout,
                                    std::chrono::milliseconds grace) const {
  auto http = connect(server_);
  if (!http) return http.error();
  const auto start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point bad_since{};
  bool bad = false;  // the printer has been in a non-ready state since bad_since
  PrinterStatus last;
  last.printer = printer;
  for (;;) {
    Ipp req(ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES), &ippDelete);
    std::string uri = printer_uri(printer);
    ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddInteger(req.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    static const char* const kAttrs[] = {"job-state", "job-state-reasons"};
    ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, nullptr, kAttrs);
    Ipp resp(cupsDoRequest(http->get(), req.release(), "/"), &ippDelete);
    if (!resp || ippGetStatusCode(resp.get()) > IPP_STATUS_OK_CONFLICTING)
      return make_error("job_failed", "查询打印任务 " + std::to_string(job_id) + " 失败：" + cupsLastErrorString());
    int state = IPP_JSTATE_PENDING;
    if (auto* a = ippFindAttribute(resp.get(), "job-state", IPP_TAG_ENUM)) state = ippGetInteger(a, 0);
    std::string reasons = join_values(ippFindAttribute(resp.get(), "job-state-reasons", IPP_TAG_KEYWORD));
    if (state == IPP_JSTATE_COMPLETED) return JobOutcome{job_id, printer};
    if (auto st = query_status(http->get(), printer)) last = *st;
    if (state == IPP_JSTATE_ABORTED || state == IPP_JSTATE_CANCELED) {
      Error e = state_error(last, "打印任务 " + std::to_string(job_id) + (state == IPP_JSTATE_ABORTED ? " 失败" : " 已取消") +
                                      (reasons.empty() ? "" : "（" + reasons + "）"));
      if (last.state == PrinterState::ready) e.code = "job_failed";
      return e;
    }
    const auto now = std::chrono::steady_clock::now();
    if (last.state != PrinterState::ready) {
      if (!bad) bad = true, bad_since = now;
      if (now - bad_since >= grace)
        return cancel_and_report(http->get(), printer, job_id,
                                 state_error(last, "打印任务 " + std::to_string(job_id) + " 未能完成"));
    } else {
      bad = false;
    }
    if (now - start >= timeout) {
      Error e = state_error(last, "打印任务 " + std::to_string(job_id) + " 超时未完成");
      e.code = "timeout";
      return cancel_and_report(http->get(), printer, job_id, std::move(e));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

Result<JobOutcome> PrintQueue::print_file(const std::string& printer, const std::string& pdf_path,
                                          const std::string& title, std::chrono::milliseconds timeout) const {
  auto job = submit(printer, pdf_path, title);
  if (!job) return job.error();
  return wait(printer, *job, timeout);
}

}  // namespace jiuzhu::printing
