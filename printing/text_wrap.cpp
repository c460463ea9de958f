#include "printing/text_wrap.h"

namespace jiuzhu::printing {
namespace {

bool is_closing(char32_t c) {
  static const std::u32string_view kClosing = U"，。、；：！？）》」』】〕”’…·%,.;:!?)]}％";
  return kClosing.find(c) != std::u32string_view::npos;
}
bool is_opening(char32_t c) {
  static const std::u32string_view kOpening = U"（《「『【〔“‘([{";
  return kOpening.find(c) != std::u32string_view::npos;
}
// Characters that glue into one unbreakable Latin run.
bool is_word(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
         c == '_' || c == '/' || c == '@' || c == '#' || c == '*' || c == '+' || c == '.' || c == ':';
}

// Splits text into unbreakable tokens; a space is its own token.
std::vector<std::u32string> tokenize(std::u32string_view t) {
  std::vector<std::u32string> tokens;
  size_t i = 0;
  while (i < t.size()) {
    std::u32string tok;
    while (i < t.size() && is_opening(t[i])) tok.push_back(t[i++]);
    if (i < t.size()) {
      if (is_word(t[i])) {
        while (i < t.size() && is_word(t[i])) tok.push_back(t[i++]);
      } else {
        tok.push_back(t[i++]);
      }
    }
    while (i < t.size() && is_closing(t[i]) && !(t[i] == '.' || t[i] == ':')) tok.push_back(t[i++]);
    tokens.push_back(std::move(tok));
  }
  return tokens;
}

}  // namespace

double text_width(const TrueTypeFace& face, std::u32string_view text, double size) {
  double w = 0;
  for (char32_t c : text) w += face.advance_em(c);
  return w * size;
}

std::vector<std::u32string> wrap_text(const TrueTypeFace& face, std::u32string_view text, double size,
                                      double width, double first_width) {
  std::vector<std::u32string> lines;
  size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    size_t nl = text.find(U'\n', start);
    std::u32string_view para = text.substr(start, nl == std::u32string_view::npos ? std::u32string_view::npos : nl - start);
    std::u32string line;
    double line_w = 0;
    auto limit = [&] { return (first && first_width > 0) ? first_width : width; };
    auto flush = [&] {
      while (!line.empty() && line.back() == U' ') line.pop_back();
      lines.push_back(std::move(line));
      line.clear();
      line_w = 0;
      first = false;
    };
    for (const auto& tok : tokenize(para)) {
      if (tok == U" " && line.empty() && !lines.empty() && !first) continue;
      double w = text_width(face, tok, size);
      if (line_w + w <= limit() + 1e-6) {
        line += tok;
        line_w += w;
        continue;
      }
      if (!line.empty()) flush();
      if (tok == U" ") continue;
      if (w <= limit() + 1e-6) {
        line = tok;
        line_w = w;
        continue;
      }
      for (char32_t c : tok) {  // a run wider than a line: cut it by character
        double cw = face.advance_em(c) * size;
        if (!line.empty() && line_w + cw > limit() + 1e-6) flush();
        line.push_back(c);
        line_w += cw;
      }
    }
    flush();
    if (nl == std::u32string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace jiuzhu::printing
