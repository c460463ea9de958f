#include <gtest/gtest.h>

#include <random>
#include <set>

#include "peripherals/idcard/frame.h"
#include "peripherals/idcard/reader_status.h"

namespace jiuzhu::idcard {
namespace {

Bytes hex(std::initializer_list<int> v) {
  Bytes b;
  for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
  return b;
}

TEST(Frame, CommandsMatchTheProtocolTable) {
  // idcard.md: bytes after the preamble for each command.
  const std::pair<Command, Bytes> table[] = {
      {Command::sam_status, hex({0x00, 0x03, 0x11, 0xFF, 0xED})},
      {Command::reset_sam, hex({0x00, 0x03, 0x10, 0xFF, 0xEC})},
      {Command::find_card, hex({0x00, 0x03, 0x20, 0x01, 0x22})},
      {Command::select_card, hex({0x00, 0x03, 0x20, 0x02, 0x21})},
      {Command::read_base_info, hex({0x00, 0x03, 0x30, 0x01, 0x32})},
      {Command::read_base_info_fingerprint, hex({0x00, 0x03, 0x30, 0x10, 0x23})},
  };
  for (const auto& [cmd, tail] : table) {
    Bytes expected(kPreamble.begin(), kPreamble.end());
    expected.insert(expected.end(), tail.begin(), tail.end());
    EXPECT_EQ(encode_command(cmd), expected) << static_cast<int>(cmd);
  }
}

TEST(Frame, ReadFailedReplyIsByteExact) {
  // A read-failed reply as readers send it: AA AA AA 96 69 00 04 00 00 41 45.
  EXPECT_EQ(encode_response(0, 0, 0x41), hex({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x41, 0x45}));
}

TEST(Frame, ResponseRoundTripThroughAssembler) {
  const Bytes data{1, 2, 3, 0xAA, 0xAA, 0xAA, 0x96, 0x69, 9};  // a preamble inside the data is fine
  const Bytes frame = encode_response(0x12, 0x34, 0x90, data);
  FrameAssembler a;
  a.feed(frame);
  auto r = a.next();
  ASSERT_TRUE(r && r->ok());
  auto resp = decode_response_body(r->value());
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->sw1, 0x12);
  EXPECT_EQ(resp->sw2, 0x34);
  EXPECT_EQ(resp->sw3, 0x90);
  EXPECT_EQ(resp->data, data);
  EXPECT_FALSE(a.next());
  EXPECT_EQ(a.buffered(), 0u);
}

TEST(Frame, ByteByByteDelivery) {
  const Bytes frame = encode_response(0, 0, 0x90, Bytes(1288 - 4, 0x5A));
  FrameAssembler a;
  for (std::size_t i = 0; i + 1 < frame.size(); ++i) {
    a.feed(ByteView(&frame[i], 1));
    ASSERT_FALSE(a.next()) << "frame completed early at byte " << i;
  }
  a.feed(ByteView(&frame.back(), 1));
  auto r = a.next();
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ(r->value().size(), 1288u - 1);
}

TEST(Frame, RandomChunkingGivesSameFrames) {
  std::mt19937 rng(7);
  Bytes stream;
  std::vector<Bytes> bodies;
  for (int i = 0; i < 20; ++i) {
    Bytes data(static_cast<std::size_t>(rng() % 300), static_cast<std::uint8_t>(i));
    const Bytes f = encode_response(0, 0, 0x90, data);
    stream.insert(stream.end(), f.begin(), f.end());
    Bytes body{0, 0, 0x90};
    body.insert(body.end(), data.begin(), data.end());
    bodies.push_back(body);
  }
  FrameAssembler a(3, 64);
  std::vector<Bytes> got;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + rng() % 97, stream.size() - at);
    a.feed(ByteView(stream.data() + at, n));
    at += n;
    while (auto r = a.next()) {
      ASSERT_TRUE(r->ok());
      got.push_back(r->value());
    }
  }
  EXPECT_EQ(got, bodies);
}

TEST(Frame, ResyncsAfterGarbageAndFalsePreambles) {
  Bytes stream = hex({0x00, 0xFF, 0xAA, 0xAA, 0x13, 0xAA, 0xAA, 0xAA, 0x96, 0x00, 0xAA, 0xAA});
  const Bytes frame = encode_response(0, 0, 0x9F, Bytes(4, 0));
  stream.insert(stream.end(), frame.begin(), frame.end());
  FrameAssembler a;
  a.feed(stream);
  auto r = a.next();
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ(r->value()[2], 0x9F);
  EXPECT_EQ(a.discarded_bytes(), 12u);
}

TEST(Frame, BadChecksumIsReportedThenNextFrameFound) {
  Bytes bad = encode_response(0, 0, 0x90, Bytes(10, 1));
  bad.back() ^= 0xFF;
  const Bytes good = encode_response(0, 0, 0x80);
  Bytes stream = bad;
  stream.insert(stream.end(), good.begin(), good.end());
  FrameAssembler a;
  a.feed(stream);
  auto first = a.next();
  ASSERT_TRUE(first);
  ASSERT_FALSE(first->ok());
  EXPECT_EQ(first->error().code, "frame_checksum");
  auto second = a.next();
  ASSERT_TRUE(second && second->ok());
  EXPECT_EQ(second->value(), hex({0, 0, 0x80}));
}

TEST(Frame, ImpossibleLengthsAreRejected) {
  for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{3}, kMaxLen + 1, std::size_t{0xFFFF}}) {
    Bytes stream(kPreamble.begin(), kPreamble.end());
    stream.push_back(static_cast<std::uint8_t>(len >> 8));
    stream.push_back(static_cast<std::uint8_t>(len & 0xFF));
    FrameAssembler a;
    a.feed(stream);
    auto r = a.next();
    ASSERT_TRUE(r) << len;
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().code, "frame_length");
    EXPECT_LT(a.buffered(), kPreamble.size());
  }
}

TEST(Frame, BufferStaysBoundedUnderEndlessGarbage) {
  FrameAssembler a;
  Bytes noise(1 << 20);
  std::mt19937 rng(3);
  for (auto& b : noise) b = static_cast<std::uint8_t>(rng() % 0x69);  // never a whole preamble
  a.feed(noise);
  EXPECT_LT(a.buffered(), kPreamble.size());
  // A header claiming the largest legal length holds at most one frame's worth.
  Bytes header(kPreamble.begin(), kPreamble.end());
  header.push_back(static_cast<std::uint8_t>(kMaxLen >> 8));
  header.push_back(static_cast<std::uint8_t>(kMaxLen & 0xFF));
  a.feed(header);
  a.feed(Bytes(kMaxLen - 1, 0));
  EXPECT_LE(a.buffered(), kHeaderSize + kMaxLen);
  // Many frames without next(): the queue drops the oldest.
  FrameAssembler q(3, 4);
  for (int i = 0; i < 10; ++i) q.feed(encode_response(0, 0, static_cast<std::uint8_t>(i)));
  EXPECT_EQ(q.dropped_results(), 6u);
  auto r = q.next();
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ(r->value()[2], 6);
}

TEST(Frame, ShortBodiesAreErrors) {
  EXPECT_FALSE(decode_response_body(hex({0, 0})).ok());
  EXPECT_FALSE(decode_command_body(hex({0x20})).ok());
  auto c = decode_command_body(hex({0x20, 0x01}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->cmd, 0x20);
  EXPECT_EQ(c->para, 0x01);
}

TEST(ReaderStatus, EveryKnownStatusHasItsOwnCodeAndMessage) {
  const std::pair<int, const char*> known[] = {
      {0x10, "reader_command_checksum"}, {0x11, "reader_command_length"}, {0x21, "reader_command_invalid"},
      {0x23, "reader_unauthorized_operation"}, {0x24, "reader_unknown_error"},
      {0x31, "card_authentication_failed"}, {0x32, "reader_authentication_failed"},
      {0x33, "card_data_invalid"}, {0x40, "unsupported_card"}, {0x41, "card_read_failed"},
      {0x47, "card_random_failed"}, {0x60, "reader_self_test_failed"}, {0x66, "reader_not_authorized"},
      {0x80, "no_card"}, {0x81, "card_select_failed"}, {0x91, "card_field_empty"}};
  std::set<std::string> codes;
  for (const auto& [sw3, code] : known) {
    const Error e = status_error(static_cast<std::uint8_t>(sw3));
    EXPECT_EQ(e.code, code) << sw3;
    EXPECT_FALSE(e.message.empty());
    codes.insert(e.code);
  }
  EXPECT_EQ(codes.size(), std::size(known));
  EXPECT_EQ(status_error(0x80).message, "请把身份证放在读卡区");
  const Error unknown = status_error(0x5C);
  EXPECT_EQ(unknown.code, "reader_status_unknown");
  EXPECT_NE(unknown.message.find("0x5C"), std::string::npos);
  EXPECT_TRUE(is_transient(make_error("frame_checksum", "")));
  EXPECT_FALSE(is_transient(status_error(0x41)));
}

}  // namespace
}  // namespace jiuzhu::idcard
