// The real serial driver against the simulator on a pseudo-terminal.
#include <gtest/gtest.h>

#include "peripherals/idcard/reader_status.h"
#include "peripherals/idcard/serial_reader.h"
#include "peripherals/idcard/simulated_reader.h"
#include "test_cards.h"

namespace jiuzhu::idcard {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::sample_card;

SimulatedReader rig(SimulatorOptions options = {}, SerialOptions serial = {}) {
  auto r = open_simulated_reader(options, serial);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : SimulatedReader{};
}

WaitOptions quick(std::chrono::milliseconds timeout = 2000ms) {
  WaitOptions w;
  w.timeout = timeout;
  w.poll_interval = 20ms;
  return w;
}

TEST(SerialDriver, ReadsEachCardTypeFromTheSimulator) {
  auto r = rig();
  ASSERT_TRUE(r.reader->sam_status().ok());
  for (const char* file : {"resident_elder.json", "resident_proxy.json", "hkmo_tw_permit.json", "foreigner_2023.json"}) {
    const Card card = sample_card(file);
    ASSERT_TRUE(r.simulator->present(card).ok());
    auto got = wait_for_card(*r.reader, quick());
    ASSERT_TRUE(got.ok()) << file << ": " << got.error().code;
    EXPECT_EQ(card_to_json(*got), card_to_json(card)) << file;
    EXPECT_EQ(got->photo_wlt.size(), kPhotoSize);
  }
}

TEST(SerialDriver, StepByStepStatesAndCardMustLeaveTheField) {
  auto r = rig();
  EXPECT_EQ(r.reader->find_card().error().code, "no_card");
  ASSERT_TRUE(r.simulator->present(sample_card("resident_elder.json")).ok());
  EXPECT_EQ(r.reader->read_base_info(false).error().code, "card_read_failed") << "read before select";
  EXPECT_EQ(r.reader->select_card().error().code, "card_select_failed") << "select before find";
  ASSERT_TRUE(r.reader->find_card().ok());
  ASSERT_TRUE(r.reader->select_card().ok());
  auto info = r.reader->read_base_info(true);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->with_fingerprint);
  EXPECT_EQ(info->fingerprint.size(), 1024u);
  // The card is still on the reader but halted: not found again until it is put back.
  EXPECT_EQ(r.reader->find_card().error().code, "no_card");
  EXPECT_EQ(wait_for_card(*r.reader, quick(150ms)).error().code, "no_card");
  ASSERT_TRUE(r.simulator->present(sample_card("resident_elder.json")).ok());
  EXPECT_TRUE(wait_for_card(*r.reader, quick()).ok());
}

TEST(SerialDriver, NoCardTimesOut) {
  auto r = rig();
  const auto start = Clock::now();
  auto got = wait_for_card(*r.reader, quick(300ms));
  const auto took = Clock::now() - start;
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "no_card");
  EXPECT_EQ(got.error().message, "请把身份证放在读卡区");
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 1500ms);
  EXPECT_GE(r.simulator->commands_seen(), 3u) << "it polled";
}

TEST(SerialDriver, SlowChunkedRepliesAreAssembled) {
  SimulatorOptions o;
  o.chunk_size = 100;
  o.chunk_delay = 40ms;  // a 1295-byte reply takes ~0.5 s in 13 pieces
  auto r = rig(o);
  ASSERT_TRUE(r.simulator->present(sample_card("resident_proxy.json")).ok());
  const auto start = Clock::now();
  auto got = wait_for_card(*r.reader, quick(5000ms));
  ASSERT_TRUE(got.ok()) << got.error().code;
  EXPECT_GE(Clock::now() - start, 480ms);
  EXPECT_EQ(got->name, "韦建国");
}

TEST(SerialDriver, ReplySlowerThanTheTimeoutIsReaderTimeout) {
  SimulatorOptions o;
  o.reply_delay = 400ms;
  SerialOptions s;
  s.command_timeout = 150ms;
  auto r = rig(o, s);
  auto st = r.reader->sam_status();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "reader_timeout");
  // The late reply must not be taken for the next command's.
  std::this_thread::sleep_for(400ms);
  SerialOptions patient;
  patient.device = r.simulator->path();
  patient.command_timeout = 1000ms;
  auto reader2 = SerialReader::open(patient);
  ASSERT_TRUE(reader2.ok());
  EXPECT_EQ((*reader2)->find_card().error().code, "no_card");
}

TEST(SerialDriver, ReadFailureIsReported) {
  SimulatorOptions o;
  o.fail_reads = true;
  auto r = rig(o);
  ASSERT_TRUE(r.simulator->present(sample_card("resident_elder.json")).ok());
  auto got = wait_for_card(*r.reader, quick());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "card_read_failed");
  EXPECT_EQ(got.error().message, "读卡失败，请把身份证拿开后重新放好");
}

TEST(SerialDriver, LineNoiseIsSkipped) {
  SimulatorOptions o;
  o.noise_bytes = 300;
  o.chunk_size = 37;
  auto r = rig(o);
  ASSERT_TRUE(r.simulator->present(sample_card("hkmo_tw_permit.json")).ok());
  auto got = wait_for_card(*r.reader, quick());
  ASSERT_TRUE(got.ok()) << got.error().code;
  EXPECT_EQ(got->id_number, "810000199006120057");
  EXPECT_GE(r.reader->noise_bytes(), 3 * 300u) << "find, select and read each came after noise";
}

TEST(SerialDriver, InvalidCardNumberIsADefiniteFailure) {
  auto r = rig();
  Card bad = sample_card("resident_elder.json");
  bad.id_number[17] = '7';
  ASSERT_TRUE(r.simulator->present(bad).ok());
  auto got = wait_for_card(*r.reader, quick());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "card_id_number_invalid");
}

TEST(SerialDriver, OpenErrors) {
  SerialOptions s;
  s.device = "/nonexistent/ttyUSB9";
  EXPECT_EQ(SerialReader::open(s).error().code, "reader_open");
  s.device = "/dev/null";  // not a tty
  EXPECT_EQ(SerialReader::open(s).error().code, "reader_open");
  auto sim = PtyReaderSimulator::start();
  ASSERT_TRUE(sim.ok());
  s.device = (*sim)->path();
  s.baud = 12345;
  EXPECT_EQ(SerialReader::open(s).error().field, "baud");
}

TEST(SerialDriver, CancelStopsWaiting) {
  auto r = rig();
  std::atomic<bool> cancel{true};
  WaitOptions w = quick(5000ms);
  w.cancel = &cancel;
  EXPECT_EQ(wait_for_card(*r.reader, w).error().code, "cancelled");
}

TEST(Simulator, CorruptedCommandGetsChecksumStatus) {
  ReaderSimulator sim;
  Bytes cmd = encode_command(Command::find_card);
  cmd.back() ^= 1;
  auto chunks = sim.on_bytes(cmd);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].bytes, encode_response(0, 0, 0x10));
  // And an unknown command gets 0x21.
  auto unknown = sim.on_bytes(encode_frame(Bytes{0x55, 0x01}));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].bytes, encode_response(0, 0, 0x21));
}

TEST(Simulator, RepresentsAfterTheConfiguredPause) {
  SimulatorOptions o;
  o.represent_after = 100ms;
  ReaderSimulator sim(o);
  ASSERT_TRUE(sim.present(sample_card("resident_elder.json")).ok());
  const auto t0 = ReaderSimulator::Clock::now();
  auto sw3 = [&](Command c, ReaderSimulator::Clock::time_point at) {
    return sim.reply_to(*decode_command_body(Bytes{static_cast<std::uint8_t>(static_cast<int>(c) >> 8),
                                                   static_cast<std::uint8_t>(static_cast<int>(c) & 0xFF)}), at)[9];
  };
  EXPECT_EQ(sw3(Command::find_card, t0), 0x9F);
  EXPECT_EQ(sw3(Command::select_card, t0), 0x90);
  EXPECT_EQ(sw3(Command::read_base_info, t0), 0x90);
  EXPECT_EQ(sw3(Command::find_card, t0 + 50ms), 0x80);
  EXPECT_EQ(sw3(Command::find_card, t0 + 150ms), 0x9F);
}

}  // namespace
}  // namespace jiuzhu::idcard
