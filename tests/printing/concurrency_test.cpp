// Rendering is deterministic and reentrant: the kiosk renders on a worker thread while the
// backend may render rosters on several request threads at once.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "printing/documents.h"
#include "test_support.h"

namespace jiuzhu::printing {
namespace {

TEST(Concurrency, ParallelRendersMatchASequentialOne) {
  auto data = decode_print_data(test::sample_data(), Date(2026, 11, 24));
  ASSERT_TRUE(data);
  auto reference = render_document(DocumentKind::receipt, *data, PaperSize::roll80);
  ASSERT_TRUE(reference);
  auto again = render_document(DocumentKind::receipt, *data, PaperSize::roll80);
  ASSERT_TRUE(again);
  EXPECT_EQ(*reference, *again);  // no timestamps or random ids in the file

  const DocumentKind kinds[] = {DocumentKind::receipt, DocumentKind::application_form,
                                DocumentKind::verification_authorization, DocumentKind::visit_record};
  std::vector<std::string> outputs(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < outputs.size(); ++i)
    threads.emplace_back([&, i] {
      auto kind = kinds[i % 4];
      auto pdf = render_document(kind, *data, kind == DocumentKind::receipt ? PaperSize::roll80 : PaperSize::a4);
      outputs[i] = pdf ? *pdf : std::string();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(outputs[0], *reference);
  EXPECT_EQ(outputs[4], *reference);
  EXPECT_EQ(outputs[1], outputs[5]);
  EXPECT_EQ(outputs[2], outputs[6]);
  EXPECT_EQ(outputs[3], outputs[7]);
  for (const auto& o : outputs) EXPECT_EQ(o.substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace jiuzhu::printing
