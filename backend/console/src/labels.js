// The console's Chinese terms for the API's codes (contracts/api.md, docs/console.md).

export const roleNames = {
  hall_staff: '窗口工作人员',
  caseworker: '乡镇经办人员',
  county_admin: '县级管理人员',
  department: '部门工作人员',
};

export const statusNames = {
  received: '已受理',
  investigating: '调查核实中',
  under_review: '审核中',
  public_notice: '公示中',
  approved: '已批准',
  rejected: '不予批准',
  withdrawn: '已撤回',
  referred: '已转办',
};

// The verb on a transition button: what the caseworker does.
export const transitionNames = {
  investigating: '开始调查核实',
  under_review: '提交审核',
  public_notice: '进入公示',
  approved: '批准',
  rejected: '不予批准',
  withdrawn: '撤回申请',
  referred: '转相关部门',
};

// Kiosk screens (kiosk/flow/flow.cpp screen_name) a resident may call for help from; a name not
// listed here is shown as the kiosk sent it.
export const screenNames = {
  attract: '待机页（请放身份证）',
  id_entry: '输入身份证号',
  home: '首页',
  policy_list: '政策列表',
  policy_detail: '政策详情',
  check_question: '看看我能申请什么（问答）',
  check_result: '测算结果',
  apply_program: '选择申请项目',
  proxy_applicant: '代人申请',
  proxy_relation: '代办人关系',
  members: '家庭成员',
  member_add: '添加家庭成员',
  income: '收入情况',
  assets: '财产情况',
  situation: '困难情况说明',
  consent: '授权与承诺',
  documents: '拍摄材料',
  review: '核对信息',
  submitting: '正在提交',
  receipt: '回执',
  progress: '进度查询',
  progress_result: '进度结果',
  lead: '反映困难情况',
  lead_done: '反映完成',
  help: '找工作人员帮忙',
  staff_pin: '工作人员登录',
  staff_menu: '工作人员菜单',
  out_of_service: '暂停服务',
};

export function label(table, code) {
  return table[code] ?? code;
}
