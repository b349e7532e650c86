"""The catalogue of rules the ledger enforces, each with its Chinese term.

A rule is data: a stable code, the term people know it by, a message template
and the kind of refusal. `docs/events.md` lists the same codes; a test keeps
the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import (
    Conflict, InvalidInput, LedgerError, NotAuthenticated, NotFound, NotPermitted, RuleBroken, Throttled,
    Unavailable,
)

__all__ = ["Rule", "ALL"]


@dataclass(frozen=True)
class Rule:
    code: str
    term: str
    text: str
    error: type[LedgerError] = RuleBroken

    def refuse(self, field: str | None = None, **values: Any) -> LedgerError:
        """The exception that refuses a command under this rule."""
        return self.error(self.code, self.term, self.text.format(**values), field)


def _rule(code: str, term: str, text: str, error: type[LedgerError] = RuleBroken) -> Rule:
    rule = Rule(code, term, text, error)
    ALL[code] = rule
    return rule


ALL: dict[str, Rule] = {}

# Formats of single fields.
REQUIRED = _rule("input.required", "必填项", "{label}不能为空", InvalidInput)
TOO_LONG = _rule("input.too_long", "字段长度", "{label}最多{limit}个字", InvalidInput)
CONTROL_CHARACTER = _rule("input.control_character", "字段格式", "{label}含有不能保存的字符（控制字符、无效的 Unicode 字符，或此处不允许的换行、制表符）", InvalidInput)
CHOICE = _rule("input.choice", "取值范围", "{label}应为：{choices}", InvalidInput)
RANGE = _rule("input.range", "取值范围", "{label}应在{low}至{high}之间", InvalidInput)
FUTURE_DATE = _rule("input.future_date", "发生日期", "{label}不能晚于今天（{today}）", InvalidInput)
DATE_ORDER = _rule("input.date_order", "日期先后", "{label}不能早于{other}（{date}）", InvalidInput)
ID_NUMBER = _rule("input.id_number", "身份证号", "身份证号应为18位，前17位为数字，最后一位为数字或X", InvalidInput)
ID_CHECKSUM = _rule("input.id_number_checksum", "身份证号", "身份证号校验码不正确，请核对", InvalidInput)
ID_BIRTH = _rule("input.id_number_birth", "身份证号", "身份证号中的出生日期与填写的出生日期（{birth}）不一致", InvalidInput)
PHONE = _rule("input.phone", "联系方式", "电话号码格式不正确，应为11位手机号或带区号的固定电话", InvalidInput)
MONTH = _rule("input.month", "年月", "年月应写作YYYY-MM，如2025-03：{value}", InvalidInput)
CERT_NUMBER = _rule("input.certificate_number", "活动证编号", "编号应为“县代码-年份-五位序号”，如511922-2025-00001：{value}", InvalidInput)

# Who may act.
UNKNOWN_ACTOR = _rule("actor.unknown", "身份认证", "操作人不存在或已被撤销任职", NotAuthenticated)
BAD_TOKEN = _rule("actor.token", "身份认证", "令牌无效或已被吊销", NotAuthenticated)
READ_ONLY = _rule("actor.read_only", "纪检巡察", "纪检巡察人员只能查阅，不能记录", NotPermitted)
ROLE = _rule("actor.role", "职责权限", "{role}不能办理“{action}”", NotPermitted)
JURISDICTION = _rule("actor.jurisdiction", "管辖范围", "所涉党员或组织不在{org}的管辖范围内", NotPermitted)
READER = _rule("actor.reader", "市、省委组织部查阅", "{name}只能查阅所辖各县的统计、台账、活动证发放登记和审计记录，不能记录或导出", NotPermitted)
COUNTY_REQUIRED = _rule("county.required", "所查县", "请在请求头 X-Liudong-County 中写明要查阅的县代码（可查：{codes}）", InvalidInput)
COUNTY_OUTSIDE = _rule("county.outside", "所查县", "县代码 {county} 不在{name}的查阅范围内（可查：{codes}）", NotPermitted)
COUNTY_OTHER = _rule("county.other", "所查县", "令牌属于{own}，不能查阅或办理其他县（{county}）的事项", NotPermitted)
INFLOW_SCOPE = _rule("actor.inflow_scope", "流入地管理", "该党员未向{org}报到，流入地党组织只能为已向本组织报到的党员记录", NotPermitted)

# Reading one's own writes (api/consistency.py, service/process.py).
POSITION = _rule("views.position", "读己之写", "X-Liudong-Position 应为记录位置（正整数）：{value}", InvalidInput)
VIEWS_BEHIND = _rule("views.behind", "读己之写", "视图在 {seconds} 秒内未更新到记录位置 {position}{recorded}，请稍后再试", Unavailable)

NOT_READY = _rule("service.not_ready", "就绪检查", "服务尚未就绪：{problems}", Unavailable)
METRICS_OFF = _rule("metrics.off", "监控指标", "未设置指标令牌（LIUDONG_METRICS_TOKEN）或未开启指标（LIUDONG_METRICS），不提供监控指标", NotFound)
METRICS_TOKEN = _rule("metrics.token", "监控指标", "请出示指标令牌（Authorization: Bearer，LIUDONG_METRICS_TOKEN）", NotAuthenticated)

# Transfers between counties of one deployment (service/transfers.py).
TRANSFER_DEPLOYMENT = _rule("transfer.deployment", "跨县转接", "跨县转接须多县部署（PostgreSQL），并设置 LIUDONG_PERSON_KEY", InvalidInput)
TRANSFER_COUNTY = _rule("transfer.county", "跨县转接", "县代码 {county} 不是本部署中的另一个县", InvalidInput)
TRANSFER_ORG = _rule("transfer.org", "跨县转接", "接收组织应为{county}未撤销的党支部：{org}", InvalidInput)
TRANSFER_CONFLICT = _rule("transfer.conflict", "介绍信编号", "{reason}", Conflict)
TRANSFER_NOT_FOUND = _rule("transfer.not_found", "跨县转接", "没有编号为 {letter_number} 的跨县转接", NotFound)

# The county and its policy.
INITIALISED = _rule("county.initialised", "系统初始化", "本县已初始化，不能重复初始化", Conflict)
POLICY_KEY = _rule("policy.unknown_key", "政策参数", "没有名为{key}的政策参数", InvalidInput)
POLICY_VALUE = _rule("policy.value", "政策参数", "{key}的取值不正确：{reason}", InvalidInput)
POLICY_ORDER = _rule("policy.order", "政策参数", "新政策的生效日期不能早于现行政策（{date}）")

# Organisations and officers.
ORG_NOT_FOUND = _rule("org.not_found", "党组织", "找不到该组织：{org}", NotFound)
ORG_PARENT = _rule("org.parent", "组织设置", "{kind}的上级应为：{parents}")
ORG_COMMITTEE = _rule("org.county_committee", "组织设置", "县委在初始化时设立，不能另设")
ORG_ACTS_FOR = _rule("org.acts_for", "服务站点", "流动党员服务站应注明所属乡镇党委")
ORG_DESTINATION = _rule("org.destination", "流动党员党支部", "流动党员党支部应注明所在地（省、市）")
ORG_CLOSED = _rule("org.closed", "组织撤销", "{name}已撤销或已移交")
ORG_HANDOVER = _rule("org.handover", "移交", "只有流动党员党支部可以移交，接收方应为流入地党组织，或本县的乡镇党委、部门党委（党工委）、县委")
OFFICER_NOT_FOUND = _rule("officer.not_found", "工作人员", "找不到该工作人员：{officer}", NotFound)
OFFICER_ROLE_ORG = _rule("officer.role_org", "任职", "{role}应任职于：{kinds}")
OFFICER_REVOKED = _rule("officer.revoked", "任职", "该工作人员已被撤销任职")
OFFICER_SELF_REVOKE = _rule("officer.self_revoke", "任职", "不能撤销本人的任职")
TOKEN_REVOKED = _rule("token.revoked", "令牌", "该令牌已被吊销")

# Members and their movements.
MEMBER_NOT_FOUND = _rule("member.not_found", "党员", "找不到该党员", NotFound)
MEMBER_REGISTERED = _rule("member.registered", "党员登记", "该身份证号已登记", Conflict)
MEMBER_BRANCH = _rule("member.branch", "所在支部", "党员应登记在党支部，不能登记在{kind}")
MEMBER_AGE = _rule("member.age", "入党年龄", "入党时须年满十八岁（出生日期{birth}）", InvalidInput)
MEMBER_PROBATION_START = _rule("member.probation_start", "预备期", "预备期开始日期不能早于入党时间", InvalidInput)
MEMBER_ENDED = _rule("member.ended", "在册", "该党员已不在册（{reason}）")
ALREADY_AWAY = _rule("member.already_away", "外出登记", "该党员已在外出中，不能重复登记外出")
REPORT_IN_AT_HOME = _rule("member.report_in_at_home", "报到", "该党员未登记外出，不能报到")
ALREADY_REPORTED = _rule("member.already_reported_in", "报到", "该党员已于{date}报到，不能重复报到")
REPORT_IN_ORG = _rule("member.report_in_org", "报到", "报到组织应为流入地党组织或流动党员党支部")
NOT_AWAY_ON = _rule("member.not_away_on", "外出期间", "该党员在{date}不在外出期间，不能记录{action}")
RETURN_AT_HOME = _rule("member.return_at_home", "返回", "该党员未外出，不能登记返回")
LIFECYCLE_ORDER = _rule("member.lifecycle_order", "发生日期", "发生日期不能早于该党员上一次状态变化（{date}）")
LOST_REASON = _rule("member.lost_reason", "失联原因", "联系结果为失联时须注明失联原因", InvalidInput)
SAME_BRANCH = _rule("member.same_branch", "支部调整", "该党员已在该支部")
DETAILS_EMPTY = _rule("member.details_empty", "联系方式变更", "没有需要变更的内容", InvalidInput)
CERT_NOT_RETURNED = _rule("member.certificate_not_returned", "活动证收回", "该党员持有有效活动证{number}，须在同一操作中收回")

# Dues, reviews, probation, transfers.
DUES_MONTHS = _rule("dues.months", "交纳党费", "至少填写一个所交月份", InvalidInput)
DUES_PAID = _rule("dues.paid", "交纳党费", "{month}的党费已交纳，不能重复交纳")
DUES_PREPAY = _rule("dues.prepay", "预交党费", "预交不能超过{limit}个月，{month}已超出")
REVIEW_DONE = _rule("review.done", "民主评议", "{year}年度已评议")
REVIEW_YEAR = _rule("review.year", "民主评议", "评议年度不能晚于发生日期所在年度")
NOT_PROBATIONARY = _rule("probation.not_probationary", "预备党员转正", "该党员不是预备党员")
PROBATION_NOT_DUE = _rule("probation.not_due", "预备党员转正", "预备期至{due}才满")
PROBATION_ABSENT = _rule("probation.absent", "预备党员转正", "不得缺席转正：转正、延长预备期须记录本人参加支部大会的方式（{allowed}）", InvalidInput)
EXTENSION_ONCE = _rule("probation.extension_once", "延长预备期", "预备期只能延长一次")
EXTENSION_MONTHS = _rule("probation.extension_months", "延长预备期", "延长期限应为{low}至{high}个月", InvalidInput)
LETTER_OPEN = _rule("transfer.letter_open", "组织关系转接", "已于{date}开具介绍信，尚在有效期内")
NO_LETTER = _rule("transfer.no_letter", "组织关系转接", "未开具介绍信，不能登记回执")
RECEIPT_BEFORE_LETTER = _rule("transfer.receipt_date", "组织关系转接", "回执日期不能早于介绍信开具日期（{date}）")

# Activity certificates (流动党员活动证).
CERT_NOT_FOUND = _rule("certificate.not_found", "活动证", "找不到编号为{number}的活动证", NotFound)
ONE_VALID = _rule("certificate.one_valid", "一人一证", "该党员已持有有效活动证{number}")
CERT_NOT_AWAY = _rule("certificate.not_away", "活动证发放", "该党员未外出，不能发放活动证")
CERT_MONTHS = _rule("certificate.months_away", "活动证发放", "外出时间不足{limit}个月（预计外出{expected}个月，已外出{elapsed}个月）")
ISSUING_ORG = _rule("certificate.issuing_org", "活动证发放", "发证组织应为该党员所在的基层党委（{expected}）")
BLANK_TARGET = _rule("certificate.blank_target", "空白证分配", "空白活动证只能分配给基层党委（乡镇党委、部门党委（党工委），或直属党支部的县委）")
BLANK_OVERLAP = _rule("certificate.blank_overlap", "空白证分配", "{year}年序号{first}至{last}与已分配号段重叠")
BLANK_RANGE = _rule("certificate.blank_range", "空白证分配", "序号应为1至99999，且起号不大于止号", InvalidInput)
BLANK_NOT_ALLOCATED = _rule("certificate.blank_not_allocated", "活动证编号", "编号{number}未分配给{org}")
NUMBER_USED = _rule("certificate.number_used", "活动证编号", "编号{number}已使用或已作废", Conflict)
COUNTY_CODE = _rule("certificate.county_code", "活动证编号", "编号应以本县代码{code}开头")
REQUEST_NOT_FOUND = _rule("certificate.request_not_found", "发放审批", "找不到该发放申请", NotFound)
REQUEST_PENDING = _rule("certificate.request_pending", "发放审批", "该申请尚未批准")
REQUEST_DECLINED = _rule("certificate.request_declined", "发放审批", "该申请已被退回")
REQUEST_DECIDED = _rule("certificate.request_decided", "发放审批", "该申请已审批")
REQUEST_USED = _rule("certificate.request_used", "发放审批", "该审批已用于发放活动证{number}", Conflict)
APPROVER_IS_REQUESTER = _rule("certificate.approver_is_requester", "发放审批", "审批人不能是申请人本人")
ISSUER_IS_APPROVER = _rule("certificate.issuer_is_approver", "发放责任", "发证人不能是审批人本人")
APPROVER_LEVEL = _rule("certificate.approver_level", "发放审批", "审批人应属于该党员所在的基层党委或其上级党组织")
CERT_STATE = _rule("certificate.state", "活动证", "活动证{number}当前状态为“{state}”，不能{action}")
CERT_MEMBER = _rule("certificate.member", "活动证", "活动证{number}不属于该党员")
CHECKED_YEAR = _rule("certificate.checked_year", "年审", "活动证{number}已完成{year}年度年审")
CHECK_YEAR = _rule("certificate.check_year", "年审", "年审年度不能晚于发生日期所在年度，也不能早于发证年度")

# Corrections and voids.
EVENT_NOT_FOUND = _rule("correction.position", "更正", "位置{position}没有记录", NotFound)
NOT_CORRECTABLE = _rule("correction.field", "更正", "“{event}”中的{name}不能更正；可更正：{allowed}")
NOT_VOIDABLE = _rule("correction.not_voidable", "作废", "“{event}”不能作废")
ALREADY_VOIDED = _rule("correction.voided", "作废", "位置{position}的记录已作废")
NO_CHANGES = _rule("correction.no_changes", "更正", "没有需要更正的内容", InvalidInput)
INCONSISTENT = _rule("correction.inconsistent", "更正", "更正或作废后记录前后矛盾：{reason}")

# Legacy register sheets (import).
SHEET = _rule("sheet.file", "表格文件", "{reason}", InvalidInput)
SHEET_HEADER = _rule("sheet.header", "表头", "找不到表头行，或缺少必需的列：{columns}", InvalidInput)
SHEET_HEADER_AGAIN = _rule("sheet.header_again", "表头", "表格中间重复出现表头行", InvalidInput)
SHEET_MERGED = _rule("sheet.merged", "合并单元格", "该行有合并单元格（{cells}），请拆分后逐行填写", InvalidInput)
SHEET_DATE = _rule("sheet.date", "日期格式", "{label}应为日期，如2024-03-05：{value}", InvalidInput)
SHEET_CHOICE = _rule("sheet.choice", "取值范围", "{label}应为：{choices}（表中为：{value}）", InvalidInput)
SHEET_ORG = _rule("sheet.org", "组织名称", "找不到{kind}“{name}”", InvalidInput)
SHEET_DUPLICATE = _rule("sheet.duplicate", "重复", "{label}与第{row}行相同：{value}", InvalidInput)

# Integrity of the log.
PROOF = _rule("integrity.proof", "完整性证明", "无法生成证明：{reason}")
NO_SEALS = _rule("integrity.no_seals", "完整性证明", "日志中还没有已封印的事件", NotFound)
SIGNING_KEY = _rule("integrity.signing_key", "检查点签名", "未设置检查点签名密钥（LIUDONG_SIGNING_KEY，64 个十六进制字符），不能签发检查点", Unavailable)
CHECKPOINT_SMALLER = _rule("integrity.checkpoint_smaller", "检查点签名", "已签发过大小为 {signed} 的检查点，不再签发更小的树（{size}）", Conflict)
CHECKPOINT_FORK = _rule("integrity.checkpoint_fork", "检查点签名", "已签发的大小为 {signed} 的检查点与当前日志不符（该大小处的根哈希不同或缺失）：日志已不是签发时的日志，不再签发；请运行 liudong verify，并与保存在系统之外的检查点核对", Conflict)
CHECKPOINT_UNKNOWN = _rule("integrity.checkpoint_unknown", "检查点签名", "没有签发过大小为 {size} 的检查点：请用所持检查点的树大小（第二行），或先签发检查点", InvalidInput)
TREE_SIZES = _rule("integrity.tree_size", "一致性证明", "树的大小应满足 1 ≤ from ≤ to ≤ {head}（当前已封印的事件数）：from={first}，to={second}", InvalidInput)

# Concurrency.
STALE = _rule("version.stale", "并发修改", "该记录已被他人修改（当前版本{actual}，提交时版本{expected}）", Conflict)
WRITE_CONFLICT = _rule("version.conflict", "并发修改", "记录时发生并发冲突，未作任何保存，请重试", Conflict)
IDEMPOTENCY_REUSED = _rule("idempotency.reused", "幂等键", "该 Idempotency-Key 已用于另一请求，未办理；请换用新的键", Conflict)
REPORT_IN_NO_MATCH = _rule("report_in.no_match", "报到", "未找到流向本地、尚未报到的该身份证号党员；请核对身份证号，或请其所在支部登记报到", NotFound)
LOOKUPS_THROTTLED = _rule("actor.lookups_throttled", "查找限制", "按身份证号查找失败次数过多，请 {seconds} 秒后再试", Throttled)

# Replacement of a lost certificate (补发): who approved it.
REPLACEMENT_APPROVER = _rule("certificate.replacement_approver", "补发审批", "批准补发的应为在任的县委组织部管理员或党务工作人员；纪检巡察人员、流入地党组织工作人员不能批准补发")
REPLACEMENT_APPROVER_LEVEL = _rule("certificate.replacement_approver_level", "补发审批", "批准补发的党务工作人员应属于该活动证的发证基层党委或其上级党组织")

# Inflow members (流入党员).
INFLOW_NOT_FOUND = _rule("inflow.not_found", "流入党员", "找不到该流入党员", NotFound)
INFLOW_REGISTERED = _rule("inflow.registered", "流入党员登记", "该身份证号已登记为流入党员", Conflict)
INFLOW_OWN_MEMBER = _rule("inflow.own_member", "流入党员登记", "该身份证号是本县在册党员：本县党员在县内务工经商，请登记外出（流向县内），不登记为流入党员")
INFLOW_ORG = _rule("inflow.org", "接收党组织", "流入党员应由本县党组织（县委、乡镇党委、党支部等）接收，不能由{kind}接收")
MEMBER_IS_INFLOW = _rule("member.inflow_present", "党员登记", "该身份证号是在本县的流入党员：其组织关系转入本县前，先登记其离开（流入党员台账），再登记为本县党员", Conflict)
INFLOW_LEFT = _rule("inflow.left", "流入党员离开", "该流入党员已于{date}离开，不能再记录（已有记录可更正或作废）")
INFLOW_BEFORE_ARRIVAL = _rule("inflow.before_arrival", "发生日期", "发生日期不能早于该流入党员到达本县的日期（{date}）")
INFLOW_OPINION_SENT = _rule("inflow.opinion_sent", "评议意见", "{year}年度的评议意见已记录")
# -- end inflow --

# Organisations beyond townships and handovers (移交).
ORG_HANDOVER_SAME = _rule("org.handover_same", "移交", "该流动党员党支部已隶属{name}")
MEMBER_HANDED_OVER = _rule("member.handed_over", "移交", "该党员已随所在流动党员党支部于{date}移交{org}，不再在本县台账中，不能再为其记录")
# -- end organisations --

# Non-public enterprises (非公有制企业).
ENTERPRISE_NOT_FOUND = _rule("enterprise.not_found", "非公有制企业", "找不到该企业", NotFound)
ENTERPRISE_KEEPER = _rule("enterprise.keeper", "非公有制企业", "企业台账应由本县党组织（党委、党支部、流动党员党支部）管理，不能由{kind}管理")
ENTERPRISE_PLACE = _rule("enterprise.place", "非公有制企业", "企业在县外时应同时注明所在省份和城市；在本县时两项都不填", InvalidInput)
ENTERPRISE_CLOSED = _rule("enterprise.closed", "非公有制企业", "{name}已于{date}注销，不能再记录")
WORKER_ONE = _rule("enterprise.worker_one", "从业党员", "本县党员（编号或身份证号）与流入党员应填写且只填写一项", InvalidInput)
WORKER_THERE = _rule("enterprise.worker_there", "从业党员", "该党员已于{date}登记在本企业从业")
WORKER_NOT_THERE = _rule("enterprise.worker_not_there", "从业党员", "该党员未登记在本企业从业")
ENTERPRISE_ORG_KIND = _rule("enterprise.org_kind", "企业党组织", "企业党组织应为本县的乡镇党委、部门党委（党工委）、党支部、流动党员党支部或流入地党组织，不能是{kind}")
ENTERPRISE_ORG_ONE = _rule("enterprise.org_one", "企业党组织", "本县党组织与县外党组织名称应填写且只填写一项", InvalidInput)
ENTERPRISE_ORG_LINKED = _rule("enterprise.org_linked", "企业党组织", "该企业已登记党组织，如有变化请先撤销原关联")
ENTERPRISE_ORG_NONE = _rule("enterprise.org_none", "企业党组织", "该企业未登记党组织")
# -- end enterprises --

# Planned departures, short returns and liaisons (外出前报告、临时返乡、专人负责).
LIAISON_OFFICER = _rule("liaison.officer", "专人负责", "联系人应为在任的县委组织部管理员、党务工作人员或流入地党组织工作人员")
LIAISON_PLACE = _rule("liaison.place", "专人负责", "不是工作人员的联系人，应注明姓名及其所在的流动党员服务站或服务点")
LIAISON_SAME = _rule("liaison.same", "专人负责", "{name}已是该党员的联系人")
PLANNED_AFTER = _rule("member.planned_after", "外出前报告", "计划外出日期应晚于报告日期（{date}）；已经外出的，请直接登记外出")
PLANNED_TOO_FAR = _rule("member.planned_too_far", "外出前报告", "计划外出日期距报告日期不能超过{limit}天")
DEPARTURE_PLANNED = _rule("member.departure_planned", "外出前报告", "该党员已报告计划于{date}外出；计划有变的，请先取消计划外出")
NOT_YET_DEPARTED = _rule("member.not_yet_departed", "外出前报告", "该党员计划于{date}外出，尚未外出，不能登记{action}")
NO_PLANNED_DEPARTURE = _rule("member.no_planned_departure", "取消计划外出", "该党员没有尚未开始的计划外出（已经外出的，请登记返回）")
ALREADY_HOME = _rule("member.already_home", "临时返乡", "该党员已于{date}临时返乡，尚未返回外出地")
BACK_AFTER = _rule("member.back_after", "临时返乡", "预计返回外出地日期应晚于返乡日期（{date}）")
BACK_TOO_FAR = _rule("member.back_too_far", "临时返乡", "预计返回外出地日期距返乡日期不能超过{limit}天")
NOT_HOME = _rule("member.not_home", "返回外出地", "该党员未临时返乡，不能登记返回外出地")
REPORT_IN_WHILE_HOME = _rule("member.report_in_while_home", "报到", "该党员自{date}起临时返乡，返回外出地后方可报到")
# -- end lifecycle --

# Stopping, removing and restoring membership (停止党籍、除名、恢复党籍).
BY_DECISION = _rule("membership.by_decision", "停止党籍", "{reason}须由党支部提请、上级党组织审批（办理“提请{reason}”“审批{reason}”），不能直接登记为不再在册")
NOT_LOST = _rule("membership.not_lost", "停止党籍", "该党员未处于失联状态（或已重新取得联系），不能停止党籍")
LOST_TOO_SHORT = _rule("membership.lost_too_short", "停止党籍", "失联不满{months}个月（自{since}最后一次组织生活、交纳党费或外出起算），{due}起方可提请停止党籍")
CITES_LOST = _rule("membership.cites_lost", "停止党籍", "位置{position}不是该党员本次外出期间的失联记录（联系结果为失联）")
PENDING = _rule("membership.pending", "党籍审批", "已于{date}提请{what}，尚待审批")
NO_PROPOSAL = _rule("membership.no_proposal", "党籍审批", "没有待审批的{what}提请")
SELF_APPROVAL = _rule("membership.self_approval", "党籍审批", "审批人不能是提请人本人")
APPROVAL_LEVEL = _rule("membership.approval_level", "党籍审批", "审批人应属于{org}或其上级党组织")
NOT_STOPPED = _rule("membership.not_stopped", "停止党籍", "该党员未被停止党籍，不能{action}")
REMOVAL_TOO_SOON = _rule("membership.removal_too_soon", "除名", "停止党籍（{date}）满{months}个月仍无法取得联系的方可按自行脱党除名，{due}起方可提请")
REMOVAL_REACHED = _rule("membership.removal_reached", "除名", "该党员停止党籍后已于{date}取得联系，不能按自行脱党除名")
REMOVED = _rule("membership.removed", "除名", "该党员已按自行脱党除名，不能再办理除名或恢复党籍")
RESTORATION_PENDING = _rule("membership.restoration_pending", "恢复党籍", "已于{date}登记恢复党籍申请，尚未办结")
NO_RESTORATION = _rule("membership.no_restoration", "恢复党籍", "没有尚未办结的恢复党籍申请")
RESTORATION_UNRESOLVED = _rule("membership.restoration_unresolved", "恢复党籍", "支部大会尚未讨论决定，不能报批")
RESTORATION_RESOLVED = _rule("membership.restoration_resolved", "恢复党籍", "支部大会已于{date}作出决定")
# -- end membership --

# Transfer letters (组织关系介绍信).
LETTER_RECEIVER = _rule("transfer.receiver", "接收组织", "接收组织在本县的，从本县党组织中选择（to_org_id）；在县外的，填写其全称（to_org_name）；二者只填一项", InvalidInput)
LETTER_RECEIVER_KIND = _rule("transfer.receiver_kind", "接收组织", "本县的接收组织应为党支部，{name}是{kind}")
LETTER_RECEIVER_OWN = _rule("transfer.receiver_own", "接收组织", "该党员已在{name}，不必开具介绍信")
LETTER_NUMBER_USED = _rule("transfer.number_used", "介绍信编号", "介绍信编号{number}已使用（作废的介绍信也保留其编号）", Conflict)
RECEIPT_NUMBER = _rule("transfer.receipt_number", "组织关系介绍信回执", "回执所注介绍信编号（{given}）与该党员的介绍信（{expected}）不符")
# -- end letters --

# Activities of stations, points and branches (活动记录).
ACTIVITY_NOT_FOUND = _rule("activity.not_found", "活动记录", "找不到该活动记录", NotFound)
ACTIVITY_RECORDED = _rule("activity.recorded", "活动记录", "该活动编号已使用", Conflict)
ACTIVITY_ORG = _rule("activity.org", "活动记录", "活动应由流动党员服务站、服务点、党支部或流动党员党支部组织，不能由{kind}组织")
ACTIVITY_NO_ATTENDEES = _rule("activity.no_attendees", "参加人员", "应至少登记一名参加人员（本县党员或流入党员）", InvalidInput)
ACTIVITY_TOO_MANY = _rule("activity.too_many", "参加人员", "一条活动记录最多登记{limit}名参加人员（本次{count}名）；请核对名单", InvalidInput)
ACTIVITY_DUPLICATE = _rule("activity.duplicate", "参加人员", "{list}第{index}项与{first}是同一人", InvalidInput)
ACTIVITY_ATTENDEE_NOT_FOUND = _rule("activity.attendee_not_found", "参加人员", "{list}第{index}项：找不到该党员，或其不在本人管辖范围内", NotFound)
ACTIVITY_ATTENDEE = _rule("activity.attendee", "参加人员", "{list}第{index}项（{name}）：{reason}")
ATTENDANCE_FROM_ACTIVITY = _rule("activity.derived", "活动记录", "该参加记录由活动记录生成，不能单独更正；请更正该活动记录，或作废后重新登记")
ACTIVITY_QUARTER = _rule("activity.quarter", "季度", "季度应写作YYYYQn，如2026Q3：{value}", InvalidInput)
ACTIVITY_NOT_THERE = _rule("activity.not_there", "参加人员", "活动当日未向{org}报到，不能列为其活动的参加人员")
ACTIVITY_VOID_LOST = _rule("activity.void_lost", "活动记录", "未能找到该活动记录生成的全部参加记录；请先逐一作废各参加记录，再作废该活动记录")
# -- end activities --

# Reviews and probation (民主评议、预备党员考察).
ATTENDANCE_NOT_ALLOWED = _rule("probation.attendance", "预备党员转正", "{means}不是政策允许的参会方式，允许：{allowed}", InvalidInput)
CANCEL_REASON = _rule("probation.cancel_reason", "取消预备党员资格", "取消预备党员资格须写明理由", InvalidInput)
NOT_PROBATIONARY_ON = _rule("probation.assessment_not_probationary", "预备党员考察", "该党员{date}不是预备党员，不能记录考察意见")
OPINION_ORG = _rule("review.opinion_org", "流入地党组织评议意见", "请注明出具评议意见的流入地党组织（org_id 或 org_name，只填一项）；该党员当日未向流入地党组织报到", InvalidInput)
OPINION_ORG_KIND = _rule("review.opinion_org_kind", "流入地党组织评议意见", "出具评议意见的应为流入地党组织或流动党员党支部，不能是{kind}")
OPINION_DONE = _rule("review.opinion_done", "流入地党组织评议意见", "{org}已记录{year}年度的评议意见（如需修改请更正）")
# -- end reviews --

# Dues ledger (党费).
DUES_ZERO = _rule("dues.zero", "免交党费", "实交金额为0元的，所交月份须经批准免交：{months}未经批准免交")
DUES_BEFORE_JOINED = _rule("dues.before_joined", "交纳党费", "所交月份不能早于入党时间所在月份（{month}）", InvalidInput)
DUES_REDUCTION_ORDER = _rule("dues.reduction_order", "党费少交免交", "截止年月不能早于起始年月（{start}）", InvalidInput)
DUES_INFLOW_COLLECTS = _rule("dues.inflow_collects", "收缴单位", "流入地党组织记录的党费由本组织收缴，收缴单位应为流入地党组织（inflow）", InvalidInput)
DUES_NOT_REPORTED = _rule("dues.not_reported", "收缴单位", "该党员{date}未向流入地党组织报到，收缴单位不能为流入地党组织", InvalidInput)
DUES_PAID_LEGACY = _rule("dues.paid_legacy", "交纳党费", "原党员台账记载党费已交至{paid_through}，{months}不能再次交纳")
# -- end dues --

# Care and service (帮扶服务、服务热线).
CARE_NOT_FOUND = _rule("care.not_found", "帮扶服务", "找不到该帮扶申请", NotFound)
CARE_ID_USED = _rule("care.id_used", "帮扶服务", "该编号已被使用，请留空自动生成", Conflict)
CARE_PLACE = _rule("care.place", "受理组织", "帮扶申请应由流动党员服务中心、服务站、服务点或党支部（含流动党员党支部、流入地党组织）受理，不能由{kind}受理")
CARE_PERSON = _rule("care.person", "申请人", "本县党员（编号或身份证号）与流入党员应填写且只填写一项", InvalidInput)
CARE_HANDLER_ONE = _rule("care.handler_one", "经办人", "经办人（工作人员）与经办人姓名最多填写一项；都不填即由本人经办", InvalidInput)
CARE_HANDLER = _rule("care.handler", "经办人", "经办人应为在任的县委组织部管理员、党务工作人员或流入地党组织工作人员")
CARE_CLOSED = _rule("care.closed", "帮扶服务", "该帮扶申请已于{date}办结，不能再记录（办结记录可更正或作废）")
CARE_NUMBER = _rule("care.personal_number", "个人信息", "{label}中不能填写电话号码、身份证号等号码（连续7位以上数字）", InvalidInput)
HOTLINE_PLACE = _rule("hotline.place", "服务热线", "咨询服务专用电话由流动党员服务中心、服务站或服务点接听登记，不能由{kind}登记")
HOTLINE_PERSON = _rule("hotline.person", "来电党员", "本县党员（编号或身份证号）与流入党员最多填写一项；来电人不是已登记的党员时都不填", InvalidInput)
# -- end care --
