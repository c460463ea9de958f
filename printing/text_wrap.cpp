#include "printing/text_wrap.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

namespace jiuzhu::printing {
namespace {

// Words of the documents' own vocabulary that a dictionary may split ("3个工作日内" is
// segmented 个|工作|日内): kept whole wherever they occur.
constexpr std::u32string_view kPhrases[] = {U"个工作日", U"工作日", U"身份证号", U"身份证", U"二维码", U"申请编号"};

void glue_phrases(std::u32string_view t, std::vector<bool>& glue) {
  for (auto phrase : kPhrases)
    for (size_t at = t.find(phrase); at != std::u32string_view::npos; at = t.find(phrase, at + 1))
      for (size_t k = 1; k < phrase.size(); ++k) glue[at + k] = true;
}

// Per code point of `t`: true when ICU's dictionary-based word segmentation (zh) puts it in
// the same word as the code point before it, so that a line never breaks inside 工作日.
std::vector<bool> same_word_as_previous(std::u32string_view t) {
  std::vector<bool> glue(t.size(), false);
  if (t.size() < 2) return glue;
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!words) return glue;  // no ICU data: break between any two characters, as before
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(t.data()), static_cast<int32_t>(t.size()));
  words->setText(text);
  // UTF-16 offset of each code point.
  std::vector<int32_t> offset(t.size() + 1, 0);
  for (size_t i = 0; i < t.size(); ++i) offset[i + 1] = offset[i] + (t[i] >= 0x10000 ? 2 : 1);
  std::vector<bool> boundary(static_cast<size_t>(offset.back()) + 1, false);
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) boundary[static_cast<size_t>(b)] = true;
  for (size_t i = 1; i < t.size(); ++i) glue[i] = !boundary[static_cast<size_t>(offset[i])];
  glue_phrases(t, glue);
  return glue;
}

// A counter or unit right after a number stays with it ("3个", "30日", "2人").
bool is_unit(char32_t c) {
  static const std::u32string_view kUnits = U"个年月日号时分秒页份人岁元项位次天周倍";
  return kUnits.find(c) != std::u32string_view::npos;
}

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
  const std::vector<bool> glue = same_word_as_previous(t);
  size_t i = 0;
  while (i < t.size()) {
    std::u32string tok;
    while (i < t.size() && is_opening(t[i])) tok.push_back(t[i++]);
    if (i < t.size()) {
      if (is_word(t[i])) {
        // A date stays whole: 2027年1月6日 is digits and units in turn.
        while (true) {
          while (i < t.size() && is_word(t[i])) tok.push_back(t[i++]);
          if (i < t.size() && is_unit(t[i]) && tok.back() >= '0' && tok.back() <= '9') tok.push_back(t[i++]);
          const bool date_part = tok.back() == U'年' || tok.back() == U'月';
          if (!(date_part && i < t.size() && t[i] >= '0' && t[i] <= '9')) break;
        }
      } else {
        tok.push_back(t[i++]);
      }
      // The rest of a Chinese word (ICU's segmentation); Latin runs and spaces are handled above.
      while (i < t.size() && glue[i] && t[i] != U' ' && !is_word(t[i]) && !is_opening(t[i]) && !is_closing(t[i]))
        tok.push_back(t[i++]);
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
