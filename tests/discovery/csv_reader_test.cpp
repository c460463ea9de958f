// RFC 4180 reading: quoting, line numbers, recovery after malformed records.
#include <gtest/gtest.h>

#include <random>

#include "backend/discovery/csv_reader.h"

namespace jiuzhu::discovery {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view data, std::vector<std::pair<size_t, std::string>>* errors = nullptr,
                                               std::vector<size_t>* lines = nullptr) {
  CsvReader r(data);
  CsvRecord rec;
  std::vector<std::vector<std::string>> out;
  while (r.next(rec)) {
    if (rec.error) {
      if (errors) errors->emplace_back(rec.line, rec.error);
      continue;
    }
    out.emplace_back(rec.fields.begin(), rec.fields.end());
    if (lines) lines->push_back(rec.line);
  }
  return out;
}

TEST(CsvReader, PlainQuotedAndEscapedFields) {
  auto rows = read_all("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n,,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvReader, CrlfBomNoFinalNewlineAndBlankLines) {
  std::vector<size_t> lines;
  auto rows = read_all("\xEF\xBB\xBFid,name\r\n\r\n1,张三\r\n2,李四", nullptr, &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "张三"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "李四"}));
  EXPECT_EQ(lines, (std::vector<size_t>{1, 3, 4}));
}

TEST(CsvReader, QuotedNewlineKeepsLineNumbers) {
  std::vector<size_t> lines;
  auto rows = read_all("h1,h2\n\"multi\nline\",x\nnext,y\n", nullptr, &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "multi\nline");
  EXPECT_EQ(lines, (std::vector<size_t>{1, 2, 4}));
}

TEST(CsvReader, UnbalancedQuoteIsReportedAndLaterRowsSurvive) {
  std::vector<std::pair<size_t, std::string>> errors;
  auto rows = read_all("h1,h2\n\"open,1\nok,2\nok,3\n", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].first, 2u);
  EXPECT_EQ(errors[0].second, "unbalanced_quotes");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2], (std::vector<std::string>{"ok", "3"}));
}

TEST(CsvReader, StrayQuotesAreErrors) {
  std::vector<std::pair<size_t, std::string>> errors;
  std::vector<size_t> lines;
  auto rows = read_all("h\n\"a\"b,1\nab\"c,2\ngood,3\n", &errors, &lines);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], (std::pair<size_t, std::string>{2, "text_after_closing_quote"}));
  EXPECT_EQ(errors[1], (std::pair<size_t, std::string>{3, "quote_in_unquoted_field"}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(lines.back(), 4u);
}

// The reading of a quote-free file spelled out byte by byte: at a record's start '\n' and '\r'
// are skipped (blank lines), the record ends at '\n' or the end of the data, one '\r' before
// its end is dropped, fields are cut at ','.
std::vector<std::vector<std::string>> reference_unquoted(std::string_view d, std::vector<size_t>& lines) {
  std::vector<std::vector<std::string>> out;
  size_t i = d.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0, line = 1;
  while (i < d.size()) {
    if (d[i] == '\n' || d[i] == '\r') {
      line += d[i] == '\n';
      ++i;
      continue;
    }
    size_t end = d.find('\n', i);
    const bool newline = end != std::string_view::npos;
    if (!newline) end = d.size();
    std::string_view rec = d.substr(i, end - i);
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    std::vector<std::string> fields;
    for (size_t s = 0;;) {
      const size_t c = rec.find(',', s);
      fields.emplace_back(rec.substr(s, c == std::string_view::npos ? std::string_view::npos : c - s));
      if (c == std::string_view::npos) break;
      s = c + 1;
    }
    out.push_back(std::move(fields));
    lines.push_back(line);
    line += newline;
    i = end + 1;
  }
  return out;
}

TEST(CsvReader, QuoteFreeRecordsOfEveryLengthAndAlignment) {
  // The reader cuts quote-free records 16 and 8 bytes at a time: records of every length and
  // alignment, CR, blank lines, multi-byte text, empty fields, with and without a final newline.
  std::mt19937 rng(20261207);
  const std::vector<std::string> pieces = {"a", "1", ",", ",", "\n", "\r\n", "\r", "张", " ", "\t", "450326", ""};
  for (int round = 0; round < 300; ++round) {
    std::string data = round % 7 == 0 ? "\xEF\xBB\xBF" : "";
    const int n = static_cast<int>(rng() % 120);
    for (int k = 0; k < n; ++k) data += pieces[rng() % pieces.size()];
    std::vector<size_t> want_lines, got_lines;
    const auto want = reference_unquoted(data, want_lines);
    std::vector<std::pair<size_t, std::string>> errors;
    const auto got = read_all(data, &errors, &got_lines);
    EXPECT_TRUE(errors.empty());
    ASSERT_EQ(got, want) << "round " << round;
    ASSERT_EQ(got_lines, want_lines) << "round " << round;
  }
}

TEST(CsvReader, AQuotePastTheFirstSixteenBytesIsStillSeen) {
  std::vector<std::pair<size_t, std::string>> errors;
  std::vector<size_t> lines;
  auto rows = read_all("id,text\n450326199001011234,abcdefgh\"ij\nok,\"quoted, with comma\"\n"
                       "450326199001011234,abcdefghijklmnopqrstuvwxyz0123456789\"\n",
                       &errors, &lines);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], (std::pair<size_t, std::string>{2, "quote_in_unquoted_field"}));
  EXPECT_EQ(errors[1], (std::pair<size_t, std::string>{4, "quote_in_unquoted_field"}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"ok", "quoted, with comma"}));
  EXPECT_EQ(lines, (std::vector<size_t>{1, 3}));
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  std::string s;
  append_csv_field(s, "plain");
  s += ',';
  append_csv_field(s, "a,\"b\"");
  EXPECT_EQ(s, "plain,\"a,\"\"b\"\"\"");
  auto rows = read_all(s + "\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "a,\"b\"");
}

}  // namespace
}  // namespace jiuzhu::discovery
