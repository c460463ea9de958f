#include "printing/ttf_face.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace jiuzhu::printing {
namespace {

uint16_t be16(std::string_view b, size_t at) {
  return uint16_t((uint8_t(b[at]) << 8) | uint8_t(b[at + 1]));
}
uint32_t be32(std::string_view b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}
void put16(std::string& out, uint16_t v) {
  out.push_back(char(v >> 8));
  out.push_back(char(v & 0xff));
}
void put32(std::string& out, uint32_t v) {
  put16(out, uint16_t(v >> 16));
  put16(out, uint16_t(v & 0xffff));
}
void set16(std::string& out, size_t at, uint16_t v) {
  out[at] = char(v >> 8);
  out[at + 1] = char(v & 0xff);
}
void pad4(std::string& s) {
  while (s.size() % 4) s.push_back('\0');
}
uint32_t checksum(std::string_view t) {
  uint32_t sum = 0;
  for (size_t i = 0; i < t.size(); i += 4) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) v = (v << 8) | (i + k < t.size() ? uint8_t(t[i + k]) : 0);
    sum += v;
  }
  return sum;
}

Error invalid(const std::string& why) { return make_error("font_invalid", "字体文件无效：" + why); }

// Composite glyph flags (OpenType glyf spec).
constexpr uint16_t kArgWords = 0x0001, kHaveScale = 0x0008, kMoreComponents = 0x0020,
                   kXYScale = 0x0040, kTwoByTwo = 0x0080;

}  // namespace

Result<std::shared_ptr<const TrueTypeFace>> TrueTypeFace::load(const std::string& path, int face_index) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("font_unreadable", "无法读取字体文件 " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) return make_error("font_unreadable", "无法读取字体文件 " + path);
  return parse(std::move(ss).str(), face_index);
}

Result<std::shared_ptr<const TrueTypeFace>> TrueTypeFace::parse(std::string bytes, int face_index) {
  std::shared_ptr<TrueTypeFace> face(new TrueTypeFace());
  face->bytes_ = std::move(bytes);
  if (auto st = face->parse_tables(face_index); !st) return st.error();
  return std::shared_ptr<const TrueTypeFace>(std::move(face));
}

Result<std::shared_ptr<const TrueTypeFace>> TrueTypeFace::cached(const std::string& path, int face_index) {
  static std::mutex mu;
  static std::map<std::pair<std::string, int>, std::shared_ptr<const TrueTypeFace>> faces;
  std::lock_guard lock(mu);
  auto key = std::make_pair(path, face_index);
  if (auto it = faces.find(key); it != faces.end()) return it->second;
  auto loaded = load(path, face_index);
  if (loaded) faces.emplace(key, *loaded);
  return loaded;
}

Status TrueTypeFace::parse_tables(int face_index) {
  std::string_view b = bytes_;
  if (b.size() < 12) return invalid("文件太短");
  size_t dir = 0;
  if (b.substr(0, 4) == "ttcf") {
    uint32_t n = be32(b, 8);
    if (face_index < 0 || uint32_t(face_index) >= n || 12 + 4 * size_t(n) > b.size())
      return invalid("字体集合中没有该字形索引");
    dir = be32(b, 12 + 4 * size_t(face_index));
  } else if (face_index != 0) {
    return invalid("单一字体文件只有字形索引 0");
  }
  if (dir + 12 > b.size()) return invalid("表目录越界");
  uint32_t version = be32(b, dir);
  if (version != 0x00010000 && version != 0x74727565) return invalid("不是 TrueType 轮廓字体");
  uint16_t num_tables = be16(b, dir + 4);
  if (dir + 12 + 16 * size_t(num_tables) > b.size()) return invalid("表目录越界");
  for (uint16_t i = 0; i < num_tables; ++i) {
    size_t rec = dir + 12 + 16 * size_t(i);
    std::string_view tag = b.substr(rec, 4);
    Table t{be32(b, rec + 8), be32(b, rec + 12), true};
    if (size_t(t.offset) + t.length > b.size()) return invalid("表越界");
    if (tag == "OS/2") os2_ = t;
    else if (tag == "cmap") cmap_ = t;
    else if (tag == "cvt ") cvt_ = t;
    else if (tag == "fpgm") fpgm_ = t;
    else if (tag == "glyf") glyf_ = t;
    else if (tag == "head") head_ = t;
    else if (tag == "hhea") hhea_ = t;
    else if (tag == "hmtx") hmtx_ = t;
    else if (tag == "loca") loca_ = t;
    else if (tag == "maxp") maxp_ = t;
    else if (tag == "name") name_ = t;
    else if (tag == "post") post_ = t;
    else if (tag == "prep") prep_ = t;
  }
  for (const Table* t : {&os2_, &cmap_, &glyf_, &head_, &hhea_, &hmtx_, &loca_, &maxp_, &name_, &post_})
    if (!t->present) return invalid("缺少必需的表（需要 glyf 轮廓）");
  if (head_.length < 54 || hhea_.length < 36 || maxp_.length < 6 || post_.length < 32)
    return invalid("表长度不对");

  std::string_view head = table(head_), hhea = table(hhea_), maxp = table(maxp_);
  units_per_em_ = be16(head, 18);
  if (units_per_em_ < 16) return invalid("units_per_em");
  int16_t loca_format = int16_t(be16(head, 50));
  num_glyphs_ = be16(maxp, 4);
  ascent_ = int16_t(be16(hhea, 4));
  descent_ = int16_t(be16(hhea, 6));
  num_hmetrics_ = be16(hhea, 34);
  if (num_hmetrics_ == 0 || num_hmetrics_ > num_glyphs_ ||
      hmtx_.length < 4u * num_hmetrics_ + 2u * (num_glyphs_ - num_hmetrics_))
    return invalid("hmtx");

  std::string_view loca = table(loca_);
  loca_offsets_.resize(size_t(num_glyphs_) + 1);
  size_t entry = loca_format == 0 ? 2 : 4;
  if (loca.size() < entry * (size_t(num_glyphs_) + 1)) return invalid("loca");
  for (size_t g = 0; g <= num_glyphs_; ++g) {
    uint32_t off = loca_format == 0 ? 2u * be16(loca, 2 * g) : be32(loca, 4 * g);
    if (off > glyf_.length || (g > 0 && off < loca_offsets_[g - 1])) return invalid("loca");
    loca_offsets_[g] = off;
  }

  // cmap: the Windows Unicode BMP subtable (3,1) in format 4.
  std::string_view cmap = table(cmap_);
  if (cmap.size() < 4) return invalid("cmap");
  uint16_t n_sub = be16(cmap, 2);
  size_t sub = 0;
  for (uint16_t i = 0; i < n_sub; ++i) {
    size_t rec = 4 + 8 * size_t(i);
    if (rec + 8 > cmap.size()) return invalid("cmap");
    if (be16(cmap, rec) == 3 && be16(cmap, rec + 2) == 1) sub = be32(cmap, rec + 4);
  }
  if (sub == 0 || sub + 14 > cmap.size() || be16(cmap, sub) != 4) return invalid("cmap 缺少 (3,1) 格式 4 子表");
  size_t seg_x2 = be16(cmap, sub + 6);
  size_t ends = sub + 14, starts = ends + seg_x2 + 2, deltas = starts + seg_x2, ranges = deltas + seg_x2;
  if (ranges + seg_x2 > cmap.size()) return invalid("cmap");
  bmp_to_glyph_.assign(65536, 0);
  for (size_t s = 0; s < seg_x2 / 2; ++s) {
    uint32_t end = be16(cmap, ends + 2 * s), start = be16(cmap, starts + 2 * s);
    uint16_t delta = be16(cmap, deltas + 2 * s), range = be16(cmap, ranges + 2 * s);
    for (uint32_t c = start; c <= end && c <= 0xffff; ++c) {
      uint16_t g = 0;
      if (range == 0) {
        g = uint16_t(c + delta);
      } else {
        size_t at = ranges + 2 * s + range + 2 * (c - start);
        if (at + 2 > cmap.size()) return invalid("cmap");
        g = be16(cmap, at);
        if (g != 0) g = uint16_t(g + delta);
      }
      if (g < num_glyphs_) bmp_to_glyph_[c] = g;
    }
  }
  bmp_to_glyph_[0xffff] = 0;
  return Ok{};
}

uint16_t TrueTypeFace::glyph_for(char32_t cp) const {
  return cp < 0xffff ? bmp_to_glyph_[cp] : 0;
}

uint16_t TrueTypeFace::advance(uint16_t glyph) const {
  std::string_view hmtx = table(hmtx_);
  if (glyph >= num_hmetrics_) glyph = uint16_t(num_hmetrics_ - 1);
  return be16(hmtx, 4 * size_t(glyph));
}

std::string_view TrueTypeFace::glyph_data(uint16_t glyph) const {
  return table(glyf_).substr(loca_offsets_[glyph], loca_offsets_[glyph + 1] - loca_offsets_[glyph]);
}

Result<std::string> TrueTypeFace::subset(const std::set<char32_t>& code_points) const {
  std::vector<std::pair<char32_t, char32_t>> codes;
  for (char32_t cp : code_points) codes.emplace_back(cp, cp);
  return subset_codes(codes);
}

Result<std::string> TrueTypeFace::subset_remapped(const std::vector<char32_t>& code_points, char32_t first_code) const {
  if (first_code + code_points.size() > 0xd800) return invalid("字符太多");
  std::vector<std::pair<char32_t, char32_t>> codes;
  for (size_t i = 0; i < code_points.size(); ++i) codes.emplace_back(first_code + char32_t(i), code_points[i]);
  return subset_codes(codes);
}

Result<std::string> TrueTypeFace::subset_codes(const std::vector<std::pair<char32_t, char32_t>>& code_to_cp) const {
  // 1. The glyphs: .notdef, each code point's glyph, then composite components (transitively).
  std::vector<uint16_t> old_ids{0};
  std::map<uint16_t, uint16_t> new_id{{0, 0}};
  auto add = [&](uint16_t g) {
    if (new_id.emplace(g, uint16_t(old_ids.size())).second) old_ids.push_back(g);
  };
  std::vector<std::pair<char32_t, uint16_t>> mapped;  // code in the new font → old glyph
  for (auto [code, cp] : code_to_cp) {
    uint16_t g = glyph_for(cp);
    if (g == 0 || code >= 0xffff) continue;
    add(g);
    mapped.emplace_back(code, g);
  }
  for (size_t i = 0; i < old_ids.size(); ++i) {  // old_ids grows while we walk it
    std::string_view data = glyph_data(old_ids[i]);
    if (data.size() < 10 || int16_t(be16(data, 0)) >= 0) continue;
    size_t at = 10;
    for (;;) {
      if (at + 4 > data.size()) return invalid("复合字形");
      uint16_t flags = be16(data, at);
      uint16_t comp = be16(data, at + 2);
      if (comp >= num_glyphs_) return invalid("复合字形");
      add(comp);
      at += 4 + ((flags & kArgWords) ? 4 : 2);
      if (flags & kHaveScale) at += 2;
      else if (flags & kXYScale) at += 4;
      else if (flags & kTwoByTwo) at += 8;
      if (!(flags & kMoreComponents)) break;
    }
  }
  const uint16_t n = uint16_t(old_ids.size());

  // 2. glyf (component ids rewritten) and a long-format loca.
  std::string glyf, loca;
  for (uint16_t g : old_ids) {
    put32(loca, uint32_t(glyf.size()));
    std::string data(glyph_data(g));
    if (data.size() >= 10 && int16_t(be16(data, 0)) < 0) {
      size_t at = 10;
      for (;;) {
        uint16_t flags = be16(data, at);
        set16(data, at + 2, new_id.at(be16(data, at + 2)));
        at += 4 + ((flags & kArgWords) ? 4 : 2);
        if (flags & kHaveScale) at += 2;
        else if (flags & kXYScale) at += 4;
        else if (flags & kTwoByTwo) at += 8;
        if (!(flags & kMoreComponents)) break;
      }
    }
    glyf += data;
    pad4(glyf);
  }
  put32(loca, uint32_t(glyf.size()));

  // 3. hmtx: a full metric per glyph.
  std::string hmtx;
  std::string_view old_hmtx = table(hmtx_);
  for (uint16_t g : old_ids) {
    put16(hmtx, advance(g));
    int16_t lsb = g < num_hmetrics_ ? int16_t(be16(old_hmtx, 4 * size_t(g) + 2))
                                    : int16_t(be16(old_hmtx, 4 * size_t(num_hmetrics_) + 2 * (g - num_hmetrics_)));
    put16(hmtx, uint16_t(lsb));
  }

  // 4. cmap (3,1) format 4: one segment per run of consecutive code points with consecutive glyphs.
  std::vector<std::pair<char32_t, uint16_t>> runs_start, runs_end;  // (code point, new glyph)
  for (auto [cp, g] : mapped) {
    uint16_t ng = new_id.at(g);
    if (!runs_end.empty() && runs_end.back().first + 1 == cp && runs_end.back().second + 1 == ng) {
      runs_end.back() = {cp, ng};
    } else {
      runs_start.emplace_back(cp, ng);
      runs_end.emplace_back(cp, ng);
    }
  }
  runs_start.emplace_back(0xffff, 0);
  runs_end.emplace_back(0xffff, 0);
  uint16_t segs = uint16_t(runs_start.size());
  uint16_t search = 1, selector = 0;
  while (search * 2 <= segs) { search *= 2; ++selector; }
  std::string sub;
  put16(sub, 4);
  put16(sub, uint16_t(16 + 8 * segs));
  put16(sub, 0);
  put16(sub, uint16_t(2 * segs));
  put16(sub, uint16_t(2 * search));
  put16(sub, selector);
  put16(sub, uint16_t(2 * segs - 2 * search));
  for (auto& r : runs_end) put16(sub, uint16_t(r.first));
  put16(sub, 0);
  for (auto& r : runs_start) put16(sub, uint16_t(r.first));
  for (size_t i = 0; i < runs_start.size(); ++i)
    put16(sub, i + 1 == runs_start.size() ? 1 : uint16_t(runs_start[i].second - runs_start[i].first));
  for (size_t i = 0; i < runs_start.size(); ++i) put16(sub, 0);
  std::string cmap;
  put16(cmap, 0);
  put16(cmap, 1);
  put16(cmap, 3);
  put16(cmap, 1);
  put32(cmap, 12);
  cmap += sub;

  // 5. Fixed-size tables with counts updated.
  std::string head(table(head_));
  set16(head, 8, 0), set16(head, 10, 0);  // checkSumAdjustment, set below
  set16(head, 50, 1);                     // long loca
  std::string hhea(table(hhea_));
  set16(hhea, 34, n);
  std::string maxp(table(maxp_));
  set16(maxp, 4, n);
  std::string post(table(post_).substr(0, 32));
  set16(post, 0, 3), set16(post, 2, 0);  // version 3: no glyph names

  // 6. Assemble, tables sorted by tag as the spec asks. libharu re-embeds exactly the 13 tables
  // below; the hinting programs are copied so hinted glyphs keep working.
  std::vector<std::pair<std::string, std::string>> tables = {
      {"OS/2", std::string(table(os2_))}, {"cmap", cmap}, {"glyf", glyf}, {"head", head},
      {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp},
      {"name", std::string(table(name_))}, {"post", post}};
  if (cvt_.present) tables.emplace_back("cvt ", std::string(table(cvt_)));
  if (fpgm_.present) tables.emplace_back("fpgm", std::string(table(fpgm_)));
  if (prep_.present) tables.emplace_back("prep", std::string(table(prep_)));
  std::sort(tables.begin(), tables.end());
  uint16_t nt = uint16_t(tables.size());
  uint16_t es = 0, sr = 1;
  while (sr * 2 <= nt) { sr *= 2; ++es; }
  std::string out;
  put32(out, 0x00010000);
  put16(out, nt);
  put16(out, uint16_t(sr * 16));
  put16(out, es);
  put16(out, uint16_t(nt * 16 - sr * 16));
  size_t offset = 12 + 16 * size_t(nt);
  size_t head_at = 0;
  std::string body;
  for (auto& [tag, data] : tables) {
    out += tag;
    put32(out, checksum(data));
    put32(out, uint32_t(offset + body.size()));
    put32(out, uint32_t(data.size()));
    if (tag == "head") head_at = offset + body.size();
    body += data;
    pad4(body);
  }
  out += body;
  uint32_t adjust = 0xB1B0AFBAu - checksum(out);
  set16(out, head_at + 8, uint16_t(adjust >> 16));
  set16(out, head_at + 10, uint16_t(adjust & 0xffff));
  return out;
}

}  // namespace jiuzhu::printing
