#include "peripherals/idcard/nations.h"

#include <array>
#include <cstdio>

namespace jiuzhu::idcard {
namespace {

// GB 3304-1991, codes 01..56 in order.
constexpr std::array<std::string_view, 56> kNations = {
    "汉",     "蒙古", "回",   "藏",   "维吾尔", "苗",     "彝",       "壮",   "布依",   "朝鲜",
    "满",     "侗",   "瑶",   "白",   "土家",   "哈尼",   "哈萨克",   "傣",   "黎",     "傈僳",
    "佤",     "畲",   "高山", "拉祜", "水",     "东乡",   "纳西",     "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌",   "布朗", "撒拉",   "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
    "塔吉克", "怒",   "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京",   "塔塔尔",
    "独龙",   "鄂伦春", "赫哲", "门巴", "珞巴",   "基诺"};

}  // namespace

std::optional<std::string> nation_name(std::string_view code) {
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') {
    return std::nullopt;
  }
  const int n = (code[0] - '0') * 10 + (code[1] - '0');
  if (n >= 1 && n <= 56) return std::string(kNations[static_cast<std::size_t>(n - 1)]);
  if (n == 97) return std::string("其他");
  if (n == 98) return std::string("外国血统");
  return std::nullopt;
}

std::optional<std::string> nation_code(std::string_view name) {
  for (std::size_t i = 0; i < kNations.size(); ++i) {
    if (kNations[i] == name) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%02zu", i + 1);
      return std::string(buf);
    }
  }
  if (name == "其他") return std::string("97");
  if (name == "外国血统") return std::string("98");
  return std::nullopt;
}

}  // namespace jiuzhu::idcard
