// The console's Chinese terms for the API's codes (contracts/api.md, docs/console.md).

export const roleNames = {
  hall_staff: '窗口工作人员',
  caseworker: '乡镇经办人员',
  county_admin: '县级管理人员',
  department: '部门工作人员',
  province_admin: '省级管理人员',
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

// Warning rules of assets/discovery/rules.json (docs/discovery.md), as a caseworker says them.
export const ruleNames = {
  medical_burden: '医疗自付负担重',
  severe_disability: '重度残疾',
  serious_illness: '患重特大疾病',
  elderly_alone: '独居老人无养老金',
  unemployed_with_dependents: '失业且有老人或孩子要抚养',
  dropout: '子女辍学',
  disaster: '遭受灾害或意外',
  relapse_risk: '有返贫致贫风险',
  housing_hardship: '住房困难',
  earner_died: '家庭主要劳动力去世',
  orphaned_child: '孩子无劳动年龄成人照料',
  urgent: '紧急线索',
};

// The facts the rules report as evidence (discovery/rule_kinds.cpp).
export const factNames = {
  household_annual_income: '家庭年收入（元）',
  household_out_of_pocket: '家庭医疗自付（元）',
  out_of_pocket: '本人医疗自付（元）',
  settlements: '医保结算次数',
  window_months: '统计期（月）',
  threshold: '规则条件',
  date: '日期',
  diagnosis: '诊断',
  serious: '重特大疾病',
  age: '年龄',
  living_members: '共同生活人数',
  pension: '领取养老金',
  kind: '类别',
  grade: '等级',
  issued: '发证日期',
  school: '学校',
  level: '学段',
  status: '状态',
  event: '事件',
  loss: '损失（元）',
  category: '类别',
  since: '起始日期',
};

// Source feeds (contracts/feeds.md) by the department that keeps them.
export const feedNames = {
  'population.csv': '户籍人口（公安）',
  'civil_affairs.csv': '民政救助',
  'disability.csv': '残联',
  'education.csv': '教育',
  'emergency.csv': '应急管理',
  'health.csv': '卫生健康',
  'housing.csv': '住房城乡建设',
  'hr.csv': '人力资源社会保障',
  'income.csv': '收入核对',
  'medical_insurance.csv': '医疗保障',
  'rural_revitalization.csv': '乡村振兴',
};

// The discovery queue item's states (backend/queue/workflow.h) and the step into each.
export const itemStateNames = {
  lead: '待走访',
  visited: '已走访',
  applied: '已帮助申请',
  not_eligible: '不符合条件',
  declined: '本人不愿申请（救助自愿）',
  followed_up: '已跟进办结',
};

export const changeNames = { new: '新发现', changed: '有变化', unchanged: '无变化', resolved: '已解除' };

export const visitOutcomeNames = {
  needs_assistance: '需要救助',
  no_need: '暂不需要救助',
  not_found: '未见到本人',
  follow_up: '需要再次走访',
};

// Key-household categories (重点对象) of assets/discovery/visit_cadence.json (title_zh).
export const keyCategoryNames = {
  sudden_hardship: '因灾因意外事故基本生活出现严重困难',
  rigid_expense: '因病等刚性支出较大',
  income_collapse: '收入大幅降低',
  unstable_lifted: '脱贫不稳定人口',
  edge: '边缘易致贫人口',
};

// Coded values in the evidence facts (contracts/feeds.md).
export const factValueNames = {
  physical: '肢体', visual: '视力', hearing: '听力', speech: '言语', intellectual: '智力', mental: '精神',
  multiple: '多重', edge_vulnerable: '边缘易致贫', unstable_lifted: '脱贫不稳定', sudden_hardship: '突发严重困难',
  enrolled: '在读', dropped_out: '辍学', suspended: '休学',
  primary: '小学', junior: '初中', senior: '高中', vocational: '中职', college: '大专', bachelor: '本科', postgraduate: '研究生',
  public_rental: '公租房', dilapidated: '危房', hardship_registered: '住房困难登记',
  unemployed_registered: '登记失业', employed: '就业', pension: '领取养老金',
  disaster: '自然灾害', fire: '火灾', accident: '意外事故', sudden_illness: '突发疾病', flood: '洪涝', landslide: '山体滑坡',
  other: '其他',
};

// console: why a discovery item was closed (backend/queue/workflow.h CloseReason), stored as a code.
export const closeReasonNames = {
  confirmed_applied: '确认困难，已申请救助',
  confirmed_not_eligible: '核实后不符合条件',
  declined: '本人不愿申请（救助自愿）',
  false_alarm_data_wrong: '误报：数据有误',
  false_alarm_not_in_hardship: '误报：并无困难',
  moved_away: '已迁出本地',
  deceased: '已去世',
};

// console: kinds of application documents (core/intake/labels.cpp document_label).
export const documentKindNames = {
  id_card: '申请人居民身份证', hukou_booklet: '户口簿', application_form: '社会救助申请书',
  verification_authorization: '家庭经济状况核对授权书', truthfulness_promise: '如实申报承诺书',
  proxy_authorization: '委托书', proxy_id_card: '受托人居民身份证', disability_certificate: '残疾人证',
  medical_diagnosis: '重特大疾病诊断证明', medical_bills: '医疗费用票据及结算单', student_certificate: '在学证明',
  unemployment_registration: '失业登记证明', housing_proof: '住房困难情况说明', emergency_proof: '急难情况说明或证明',
  expense_receipts: '刚性支出凭证（医疗、教育、康复）', income_statement: '家庭收入情况说明', marriage_certificate: '结婚证',
  residence_permit: '居住证', photo: '照片', other: '其他材料',
};

// console: departments special assistance is referred to (backend/http/handlers/referrals.cpp)
// and the steps of a referral (backend/intake/referral_workflow.h).
export const departmentNames = {
  education: '教育部门', housing: '住房城乡建设部门', employment: '人力资源社会保障部门（就业）', medical_insurance: '医疗保障部门',
};
export const referralStatusNames = { sent: '待接收', accepted: '已接收办理中', done: '已办结', returned: '已退回' };
export const referralStepNames = { sent: '转办', accept: '部门接收', done: '部门办结', return: '部门退回' };

// console: a household member's relation to the applicant (core/model/household.h Relation;
// the same words as core/intake/labels.cpp relation_label).
export const relationNames = {
  self: '本人', spouse: '配偶', child: '子女', parent: '父母', grandparent: '祖父母、外祖父母',
  grandchild: '孙子女、外孙子女', sibling: '兄弟姐妹', other: '其他',
};

// county: audit log actions and record types (audit_entry calls in backend/http/handlers/).
export const auditActionNames = {
  read: '查看', list: '查看列表', create: '新建', transition: '办理', assign: '指派', refer: '转办', visit: '走访',
  run: '运行主动发现', reveal_id: '查看完整身份证号', answer: '接听求助', enrol: '自助机注册', enrol_code: '签发注册码',
  enable: '启用', disable: '停用', reset_password: '重设密码',
  print: '打印', update: '修改',  // console (#16 forms): a case's form printed; a hall's details changed
};

export const auditRecordNames = {
  application: '申请', case: '案件', queue_item: '预警户', lead: '线索', audit: '审计日志', county_overview: '全县总览',
  overdue_cases: '超期案件', discovery_ledger: '发现台账', discovery_queue: '主动发现名单', discovery_runs: '运行记录',
  discovery_run: '主动发现运行', intake: '受理台账', referrals: '转办事项', registry: '重点人群名册', visits_due: '走访计划',
  receipt: '回执', county_params: '县级参数', help_call: '求助呼叫', kiosk: '自助机', user: '工作人员账号',
  hall: '窗口信息',
};
