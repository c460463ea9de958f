#include "kiosk/script/script.h"

#include <sstream>

namespace jiuzhu::kiosk {
namespace {

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

bool to_seconds(const std::string& s, double& out) {
  try {
    size_t used = 0;
    out = std::stod(s, &used);
    return used == s.size() && out >= 0;
  } catch (...) {
    return false;
  }
}

}  // namespace

Result<std::vector<Step>> parse_script(std::string_view text) {
  std::vector<Step> steps;
  std::istringstream in{std::string(text)};
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    std::string l = trim(raw);
    if (l.empty() || l[0] == '#') continue;
    auto sp = l.find(' ');
    std::string verb = l.substr(0, sp);
    std::string arg = sp == std::string::npos ? "" : trim(l.substr(sp + 1));
    Step s{StepKind::tap, arg, 0, {}, line, l};
    auto err = [&](const std::string& why) {
      return make_error("script_syntax", "line " + std::to_string(line) + ": " + why, l);
    };
    auto need_arg = [&]() { return !arg.empty(); };
    if (verb == "tap") {
      s.kind = StepKind::tap;
      if (!need_arg()) return err("tap needs a control name");
    } else if (verb == "hold") {
      s.kind = StepKind::hold;
      auto sp2 = arg.find(' ');
      if (sp2 == std::string::npos || !to_seconds(trim(arg.substr(sp2 + 1)), s.seconds))
        return err("hold needs a control name and seconds");
      s.arg = arg.substr(0, sp2);
    } else if (verb == "type") {
      s.kind = StepKind::type;
      if (!need_arg()) return err("type needs text");
    } else if (verb == "card") {
      s.kind = StepKind::card;
      if (!need_arg()) return err("card needs a JSON file");
    } else if (verb == "remove-card") {
      s.kind = StepKind::remove_card;
    } else if (verb == "camera") {
      s.kind = StepKind::camera;
      if (!need_arg()) return err("camera needs an image file");
    } else if (verb == "wait") {
      s.kind = StepKind::wait;
      s.seconds = 15;
      auto sp2 = arg.find(' ');
      if (sp2 != std::string::npos) {
        if (!to_seconds(trim(arg.substr(sp2 + 1)), s.seconds)) return err("wait: bad seconds");
        s.arg = arg.substr(0, sp2);
      }
      if (s.arg.empty()) return err("wait needs a screen name");
    } else if (verb == "expect") {
      s.kind = StepKind::expect;
      if (!need_arg()) return err("expect needs text");
    } else if (verb == "expect-not") {
      s.kind = StepKind::expect_not;
      if (!need_arg()) return err("expect-not needs text");
    } else if (verb == "expect-spoken") {
      s.kind = StepKind::expect_spoken;
      if (!need_arg()) return err("expect-spoken needs text");
    } else if (verb == "shot") {
      s.kind = StepKind::shot;
      if (!need_arg() || arg.find('/') != std::string::npos) return err("shot needs a plain file name");
    } else if (verb == "sleep") {
      s.kind = StepKind::sleep;
      if (!to_seconds(arg, s.seconds)) return err("sleep needs seconds");
    } else if (verb == "elderly") {
      s.kind = StepKind::elderly;
      if (arg != "on" && arg != "off") return err("elderly on|off");
    } else if (verb == "stroke" || verb == "drag") {
      s.kind = verb == "stroke" ? StepKind::stroke : StepKind::drag;
      std::istringstream ps(arg);
      std::string pt;
      while (ps >> pt) {
        auto c = pt.find(',');
        if (c == std::string::npos) return err("stroke points are X,Y");
        try {
          s.points.emplace_back(std::stoi(pt.substr(0, c)), std::stoi(pt.substr(c + 1)));
        } catch (...) {
          return err("stroke points are X,Y");
        }
      }
      if (s.points.size() < 2) return err(verb + " needs at least two points");
      if (s.kind == StepKind::drag && s.points.size() != 2) return err("drag takes exactly two points");
    } else if (verb == "wait-uploaded") {
      s.kind = StepKind::wait_uploaded;
      s.seconds = 60;
      if (!arg.empty() && !to_seconds(arg, s.seconds)) return err("wait-uploaded: bad seconds");
    } else if (verb == "expect-pending") {
      s.kind = StepKind::expect_pending;
      double n = 0;
      if (!to_seconds(arg, n)) return err("expect-pending needs a count");
      s.seconds = n;
    } else if (verb == "count-start" || verb == "count-report") {
      s.kind = verb == "count-start" ? StepKind::count_start : StepKind::count_report;
    } else if (verb == "expect-touches-at-most" || verb == "expect-questions-at-most") {
      s.kind = verb == "expect-touches-at-most" ? StepKind::expect_touches_at_most : StepKind::expect_questions_at_most;
      if (!to_seconds(arg, s.seconds)) return err(verb + " needs a count");
    } else {
      return err("unknown step '" + verb + "'");
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace jiuzhu::kiosk
