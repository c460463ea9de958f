#include "peripherals/idcard/reader_status.h"

#include <cstdio>

namespace jiuzhu::idcard {

Error status_error(std::uint8_t sw3) {
  switch (sw3) {
    case 0x10: return make_error("reader_command_checksum", "读卡器收到的命令校验错误，请稍后再试");
    case 0x11: return make_error("reader_command_length", "读卡器收到的命令长度错误，请稍后再试");
    case 0x21: return make_error("reader_command_invalid", "读卡器不支持这个命令，请找工作人员");
    case 0x23: return make_error("reader_unauthorized_operation", "读卡器拒绝了这个操作，请找工作人员");
    case 0x24: return make_error("reader_unknown_error", "读卡器出现未知错误，请找工作人员");
    case 0x31: return make_error("card_authentication_failed", "身份证验证失败，请把身份证拿开后重新放好");
    case 0x32: return make_error("reader_authentication_failed", "身份证验证失败，请把身份证拿开后重新放好");
    case 0x33: return make_error("card_data_invalid", "身份证信息验证错误，请到窗口办理");
    case 0x40: return make_error("unsupported_card", "这张卡不是身份证，请放身份证");
    case 0x41: return make_error("card_read_failed", "读卡失败，请把身份证拿开后重新放好");
    case 0x47: return make_error("card_random_failed", "读卡失败，请把身份证拿开后重新放好");
    case 0x60: return make_error("reader_self_test_failed", "读卡器故障，请找工作人员");
    case 0x66: return make_error("reader_not_authorized", "读卡器未授权，请找工作人员");
    case kSwNoCard: return make_error(std::string(codes::no_card), "请把身份证放在读卡区");
    case kSwSelectFailed: return make_error("card_select_failed", "请把身份证放平，不要移动");
    case 0x91: return make_error("card_field_empty", "身份证中没有这项信息");
    default: {
      char msg[96];
      std::snprintf(msg, sizeof msg, "读卡器返回未知状态 0x%02X，请找工作人员", sw3);
      return make_error("reader_status_unknown", msg);
    }
  }
}

bool is_transient(const Error& e) {
  return e.code == codes::frame_checksum || e.code == codes::frame_length ||
         e.code == codes::reader_timeout || e.code == "reader_command_checksum" ||
         e.code == "reader_command_length";
}

}  // namespace jiuzhu::idcard
