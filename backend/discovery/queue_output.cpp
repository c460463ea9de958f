// The queue JSON of feeds.md, the incremental comparison with a previous run, and the summary.
//
// Rendering is the output stage's cost (a million-resident county's queue is ~70 MB): households
// are rendered in blocks by `threads` workers, and the calling thread hands the finished blocks
// on in order (to a file or into one string) while the workers render the next ones, so writing
// overlaps rendering and a block's memory is freed once it is written.
#include <algorithm>
#include <cstring>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "backend/discovery/engine.h"
#include "backend/discovery/huge_pages.h"
#include "backend/discovery/json_text.h"

namespace jiuzhu::discovery {
namespace {

using nlohmann::json;

enum class Change { none, fresh, changed, unchanged };

// The previous run's households → the rule ids they were flagged for.
struct Previous {
  std::map<std::string, std::vector<std::string>, std::less<>> flags;
  std::map<std::string, std::string, std::less<>> township;
};

Previous read_previous(const json& doc) {
  Previous p;
  for (const auto& h : doc.value("households", json::array())) {
    const std::string id = h.value("household_id", std::string());
    auto& rs = p.flags[id];
    for (const auto& f : h.value("flags", json::array())) rs.push_back(f.value("rule", std::string()));
    p.township[id] = h.value("township", std::string());
  }
  return p;
}

void append_strings(std::string& out, const std::vector<std::string>& v) {
  out.push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, v[i]);
  }
  out.push_back(']');
}

// The fixed text around each flag and each piece of evidence, written once per run: a
// flag's `{"rule":"…","weight":…,"evidence":[` and an evidence's `{"source":"…","id_number":"`
// (a queue of 100,000 households repeats them ~400,000 times; escaping and number formatting
// per repetition were a third of the rendering's instructions).
struct FixedText {
  std::vector<std::string> flag_head;      // by rule index
  std::vector<std::string> evidence_head;  // by feed
  FixedText(const RuleSet& rules) {
    for (const Rule& r : rules.rules) {
      std::string t;
      JsonObjectWriter fw(t);
      fw.add("rule", r.id).add("weight", r.weight).add_key("evidence");
      t.push_back('[');
      flag_head.push_back(std::move(t));
    }
    for (const FeedSpec& spec : feed_specs()) {
      std::string t;
      JsonObjectWriter ew(t);
      ew.add("source", spec.file).add_key("id_number");
      t.push_back('"');
      evidence_head.push_back(std::move(t));
    }
  }
};

void render_household(std::string& out, const RunResult& run, const FixedText& fixed, const QueueItem& item,
                      Change change) {
  const Dataset& d = run.data;
  const size_t h = static_cast<size_t>(item.household);
  const auto& ids = d.table(Feed::population).ids;
  // Everything is written once, in place, into `out`.
  JsonObjectWriter w(out);
  w.add("household_id", d.household_id(h)).add("township", d.township(h)).add("score", item.score);
  w.add_key("flags");
  out.push_back('[');
  for (size_t fi = 0; fi < item.flags.size(); ++fi) {
    const Flag& f = item.flags[fi];
    if (fi) out.push_back(',');
    out += fixed.flag_head[static_cast<size_t>(f.rule)];
    for (size_t ei = 0; ei < f.evidence.size(); ++ei) {
      const Evidence& e = f.evidence[ei];
      if (ei) out.push_back(',');
      out += fixed.evidence_head[static_cast<size_t>(e.source)];
      // 17 digits and a check character (nothing to escape), then the facts' key.
      char id[18 + 10];
      id_chars(ids[static_cast<size_t>(e.person)], id);
      std::memcpy(id + 18, "\",\"facts\":", 10);
      out.append(id, sizeof id);
      out += e.facts;
      out.push_back('}');
    }
    out += "]}";
  }
  out.push_back(']');
  w.add_key("suggested_programs");
  append_strings(out, item.suggested_programs);
  w.add_key("already_receiving");
  append_strings(out, item.already_receiving);
  if (!item.prescreen.empty()) {
    w.add_key("prescreen");
    JsonObjectWriter pw(out);
    for (const auto& v : item.prescreen) pw.add(v.program, v.verdict);
    pw.close();
  }
  w.add("visit_within_working_days", item.visit_within_working_days);
  if (change != Change::none) {
    w.add("change", change == Change::fresh ? "new" : change == Change::changed ? "changed" : "unchanged");
  }
  w.close();
}

// Renders the queue and passes it, piece by piece and in order, to `emit` (on this thread).
void render_queue(const RunResult& run, const RuleSet& rules, const json* previous, int threads,
                  ChangeCounts* counts_out, const std::function<void(std::string_view)>& emit) {
  const Dataset& d = run.data;
  const bool incremental = previous != nullptr && previous->is_object() && previous->contains("households");
  const Previous before = incremental ? read_previous(*previous) : Previous{};

  // Change marks first (cheap), so the summary can be written before the households.
  std::vector<Change> change(run.queue.size(), Change::none);
  size_t counts[3] = {0, 0, 0};
  std::set<std::string_view> current;
  if (incremental) {
    for (size_t i = 0; i < run.queue.size(); ++i) {
      const QueueItem& item = run.queue[i];
      const std::string_view id = d.household_id(static_cast<size_t>(item.household));
      current.insert(id);
      auto it = before.flags.find(id);
      Change c = Change::unchanged;
      if (it == before.flags.end()) {
        c = Change::fresh;
      } else {
        for (const Flag& f : item.flags) {
          const std::string& rid = rules.rules[static_cast<size_t>(f.rule)].id;
          if (std::find(it->second.begin(), it->second.end(), rid) == it->second.end()) c = Change::changed;
        }
      }
      change[i] = c;
      ++counts[c == Change::fresh ? 0 : c == Change::changed ? 1 : 2];
    }
  }

  std::string out;
  out += "{\"county\":";
  append_json_string(out, run.county);
  out += ",\"as_of\":";
  append_json_string(out, run.as_of.iso());
  out += ",\"summary\":";
  {
    JsonObjectWriter s(out);
    s.add("residents", run.residents).add("households", run.households).add("flagged", run.queue.size());
    s.add("row_errors", run.row_errors.size()).add("row_warnings", run.row_warnings.size());
    std::string files;
    {
      JsonObjectWriter fw(files);
      for (const FileReport& f : file_reports(run)) {
        if (!f.present && f.errors == 0) continue;
        std::string one;
        JsonObjectWriter ow(one);
        ow.add("rows", f.rows).add("errors", f.errors).add("warnings", f.warnings);
        ow.close();
        fw.add_raw(f.file, one);
      }
      fw.close();
    }
    s.add_raw("files", files);
    std::string skipped;
    append_strings(skipped, run.skipped_rules);
    s.add_raw("skipped_rules", skipped);
    s.add("prescreen", run.prescreen_used);
    if (incremental) {
      size_t resolved = 0;
      for (const auto& [id, flags] : before.flags) resolved += current.count(id) == 0;
      s.add("new", counts[0]).add("changed", counts[1]).add("unchanged", counts[2]).add("resolved", resolved);
      if (counts_out) *counts_out = ChangeCounts{counts[0], counts[1], counts[2], resolved};
    }
    s.close();
  }
  out += ",\n\"households\":[\n";
  emit(out);
  out.clear();
  // Households in blocks; worker w renders blocks w, w + workers, …; this thread emits them in
  // order as they are done (the output is the same whatever the number of threads).
  const size_t n = run.queue.size();
  const FixedText fixed(rules);
  constexpr size_t kBlock = 4096;
  const size_t blocks = (n + kBlock - 1) / kBlock;
  const size_t workers = std::min(static_cast<size_t>(std::clamp(threads, 1, 16)), std::max<size_t>(blocks, 1));
  std::vector<std::string> rendered(blocks);
  std::vector<uint8_t> ready(blocks, 0);
  std::mutex mu;
  std::condition_variable cv;
  // A worker may run at most kAhead blocks ahead of the writer, which bounds the memory held.
  constexpr size_t kAhead = 16;
  size_t emitted = 0;
  auto render = [&](size_t worker) {
    for (size_t b = worker; b < blocks; b += workers) {
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return b < emitted + kAhead; });
      }
      std::string s;
      const size_t lo = b * kBlock, hi = std::min(n, lo + kBlock);
      s.reserve((hi - lo) * 700);
      advise_huge_pages(s.data(), s.capacity());
      for (size_t i = lo; i < hi; ++i) {
        render_household(s, run, fixed, run.queue[i], change[i]);
        s += i + 1 < n ? ",\n" : "\n";
      }
      {
        std::lock_guard lock(mu);
        rendered[b] = std::move(s);
        ready[b] = 1;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) pool.emplace_back(render, w);
  for (size_t b = 0; b < blocks; ++b) {
    std::string block;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return ready[b] != 0; });
      block = std::move(rendered[b]);
    }
    emit(block);
    {
      std::lock_guard lock(mu);
      emitted = b + 1;
    }
    cv.notify_all();
  }
  for (auto& t : pool) t.join();
  out += "]";
  if (incremental) {
    out += ",\n\"resolved\":[";
    bool first = true;
    for (const auto& [id, flags] : before.flags) {
      if (current.count(id)) continue;
      if (!first) out += ",\n";
      first = false;
      JsonObjectWriter r(out);
      std::string rs;
      append_strings(rs, flags);
      r.add("household_id", id).add("township", before.township.at(id)).add_raw("previous_flags", rs);
      r.close();
    }
    out += "]";
  }
  auto issues = [&](const char* name, const std::vector<RowError>& list) {
    out += ",\n\"";
    out += name;
    out += "\":[";
    for (size_t i = 0; i < list.size(); ++i) {
      const RowError& e = list[i];
      out += i ? ",\n" : "\n";
      JsonObjectWriter r(out);
      r.add("file", e.file).add("line", e.line).add("reason", e.reason);
      if (!e.column.empty()) r.add("column", e.column);
      r.close();
    }
    out += "]";
  };
  issues("row_errors", run.row_errors);
  issues("row_warnings", run.row_warnings);
  out += "}\n";
  emit(out);
}

}  // namespace

std::string queue_text(const RunResult& run, const RuleSet& rules, const json* previous, int threads,
                       ChangeCounts* counts_out) {
  std::string text;
  text.reserve(run.queue.size() * 650 + 4096);
  render_queue(run, rules, previous, threads, counts_out, [&](std::string_view piece) { text += piece; });
  return text;
}

bool write_queue(std::FILE* out, const RunResult& run, const RuleSet& rules, const json* previous, int threads,
                 ChangeCounts* counts) {
  bool ok = true;
  render_queue(run, rules, previous, threads, counts, [&](std::string_view piece) {
    ok = ok && std::fwrite(piece.data(), 1, piece.size(), out) == piece.size();
  });
  return std::fflush(out) == 0 && ok;
}

json queue_json(const RunResult& run, const RuleSet& rules, const json* previous) {
  return json::parse(queue_text(run, rules, previous, 2));
}

std::vector<FileReport> file_reports(const RunResult& run) {
  std::vector<FileReport> out;
  for (const FeedSpec& spec : feed_specs()) {
    FileReport r;
    r.file = std::string(spec.file);
    const FeedTable& t = run.data.table(spec.feed);
    r.present = t.present;
    r.rows = t.rows;
    out.push_back(std::move(r));
  }
  auto count = [&](const std::vector<RowError>& list, size_t FileReport::*field) {
    for (const RowError& e : list) {
      for (FileReport& r : out) {
        if (r.file == e.file) {
          ++(r.*field);
          break;
        }
      }
    }
  };
  count(run.row_errors, &FileReport::errors);
  count(run.row_warnings, &FileReport::warnings);
  return out;
}

std::string summary_line(const RunResult& run, const ChangeCounts* changes) {
  std::ostringstream os;
  os << "discover: county " << run.county << " as_of " << run.as_of.iso() << ": " << run.residents << " residents, "
     << run.households << " households, " << run.queue.size() << " flagged, " << run.row_errors.size()
     << " row errors, " << run.row_warnings.size() << " warnings";
  bool first = true;
  for (const FileReport& f : file_reports(run)) {
    if (f.errors == 0 && f.warnings == 0) continue;
    os << (first ? " (" : ", ") << f.file << ": " << f.rows << " rows kept, " << f.errors << " dropped, " << f.warnings
       << " warnings";
    first = false;
  }
  if (!first) os << ')';
  if (!run.skipped_rules.empty()) {
    os << ", skipped rules:";
    for (const auto& r : run.skipped_rules) os << ' ' << r;
  }
  if (!run.prescreen_note.empty()) os << "; " << run.prescreen_note;
  if (changes) {
    os << "; " << changes->fresh << " new, " << changes->changed << " changed, " << changes->resolved << " resolved";
  }
  return os.str();
}

}  // namespace jiuzhu::discovery
