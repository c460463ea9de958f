// RFC 4180 reading: quoting, line numbers, recovery after malformed records.
#include <gtest/gtest.h>

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
