// --script: the step language that drives the kiosk without a person (docs/kiosk.md).
//
// One step a line; '#' starts a comment; blank lines are skipped. Arguments run to the end of
// the line (texts may contain spaces).
//   tap NAME                 tap the control named NAME (waits up to 5 s for it to appear)
//   hold NAME SECONDS        press NAME for SECONDS (the staff gesture is a 3 s hold)
//   type TEXT                type into the focused field, through the keypad's rules
//   card FILE.json           put that ID card on the (simulated) reader
//   remove-card              take the card off the reader
//   camera IMAGE             show IMAGE to the (simulated) document/QR camera
//   wait SCREEN [SECONDS]    wait until SCREEN is shown (default 15 s)
//   expect TEXT              wait up to 5 s until a text drawn on screen contains TEXT
//   expect-not TEXT          no text on screen contains TEXT (checked once)
//   expect-spoken TEXT       wait up to 10 s until a sentence spoken since the last
//                            expect-spoken (or the start) contains TEXT
//   shot NAME                write SCREENSHOT_DIR/NAME.png
//   sleep SECONDS
//   elderly on|off           switch 长辈模式 as the on-screen toggle does
//   stroke X,Y X,Y ...       draw one stroke on the handwriting board (board coordinates)
//   drag X1,Y1 X2,Y2         drag a finger across the screen (screen pixels): scrolls lists
//   wait-uploaded [SECONDS]  wait until the outbox has no pending items (default 60 s); fails
//                            if the backend refused one (it is then in rejected/)
//   expect-pending N         the outbox holds exactly N pending items
//   count-start              start counting the resident's effort from here: touches (taps and
//                            keys typed), questions (prompts of screens that ask something),
//                            written characters (handwriting)
//   count-report             print "journey counts: touches=N questions=M written=K" on stdout
//   expect-touches-at-most N / expect-questions-at-most N   fail above N since count-start
// The run exits 0 when every step passed, 1 naming the first failed step (line and text).
//
// Thread-safety: parse_script is pure; a ScriptRunner belongs to the UI thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::kiosk {

enum class StepKind {
  tap, hold, type, card, remove_card, camera, wait, expect, expect_not, expect_spoken, shot, sleep, elderly, stroke,
  wait_uploaded, expect_pending, drag, count_start, count_report, expect_touches_at_most,
  expect_questions_at_most
};

struct Step {
  StepKind kind;
  std::string arg;          // name, text, file, screen
  double seconds = 0;       // wait/sleep/timeouts
  std::vector<std::pair<int, int>> points;  // stroke
  int line = 0;
  std::string source;       // the line as written, for failure messages
};

// Parses a whole script. Errors (script_syntax) name the line.
Result<std::vector<Step>> parse_script(std::string_view text);

}  // namespace jiuzhu::kiosk
