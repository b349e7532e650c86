"""Response models, with the Chinese terms people read.

Request bodies are made from the command dataclasses in `api/bodies.py`;
responses are declared here.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from projections.queries.flags import TITLES

__all__ = [
    "AnomalyOut", "AsOfOut", "CertificateOut", "CommandOut", "DigestOut", "EventOut", "FlagMemberOut", "FlagOut",
    "HistoryOut", "MemberOut", "OfficerCertificatesOut", "OrganisationOut", "PageOut",
]

T = TypeVar("T")


def _f(description: str) -> Any:
    return Field(None, description=description)


class CommandOut(BaseModel):
    """办理结果"""

    positions: list[int] = Field(description="新记录在全县事件日志中的位置")
    subject_id: str | None = Field(None, description="所办理的对象（党员、活动证、组织……）编号")
    version: int | None = Field(None, description="该对象办理后的版本号（供并发控制 expected_version 使用）")
    token: str | None = Field(None, description="新签发的令牌（只显示这一次）")
    revealed: dict[str, str] | None = Field(None, description="按申请显示的个人信息（每次查看均记入审计）")
    replayed: bool = Field(False, description="同一 Idempotency-Key 的重复请求：返回首次办理的结果，未新增记录")


class MemberOut(BaseModel):
    """台账中的一名党员（个人信息已脱敏）"""

    model_config = ConfigDict(extra="ignore")
    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")
    gender: str | None = _f("性别：male 男 / female 女")
    birth_month: str | None = _f("出生年月")
    ethnicity: str | None = _f("民族")
    id_tail: str | None = _f("身份证号（脱敏，仅显示后四位）")
    phone_masked: str | None = _f("联系电话（脱敏）")
    joined_on: str | None = _f("入党时间")
    standing: str | None = _f("正式/预备：full 正式党员 / probationary 预备党员")
    category: str | None = _f("党员类别")
    branch_id: str | None = _f("所在支部编号")
    branch_name: str | None = _f("所在支部")
    township_name: str | None = _f("所属基层党委（乡镇党委、部门党委；县委直属支部为县委）")
    status: str = Field(description="状态（按今天）：at_home 在家、planned 计划外出（已作外出前报告，外出日期未到）、away 外出、"
                                    "reported_in 已报到、lost_contact 失联、temporary_return 临时返乡、returned 已返回、"
                                    "ended 已不在册")
    since: str | None = _f("该状态开始日期")
    departed_on: str | None = _f("外出时间")
    reason: str | None = _f("外出原因")
    province: str | None = _f("流向地（省）")
    city: str | None = _f("流向地（市）")
    industry: str | None = _f("从事行业")
    employer: str | None = _f("工作单位")
    contact_phone_masked: str | None = _f("外出期间联系方式（脱敏）")
    reported_in_name: str | None = _f("流入地党组织")
    reported_in_on: str | None = _f("报到时间")
    inflow_contact: str | None = _f("流入地联系人")
    returned_on: str | None = _f("返回时间")
    planned_on: str | None = _f("计划外出日期（外出前报告的；该日之前状态为计划外出）")
    home_since: str | None = _f("临时返乡日期（仍计为外出，活动证不收回）")
    expected_back_on: str | None = _f("预计返回外出地日期")
    certificate_number: str | None = _f("活动证编号")
    certificate_issued_on: str | None = _f("发证时间")
    certificate_issuer: str | None = _f("发证人")
    certificate_standing: str | None = _f("活动证年审状态（按今天）：current 已年审、lapsed 年审逾期；无有效活动证时为空")
    certificate_check_due: str | None = _f("下次年审应在该日前完成（其后另有宽限期）")
    valid_certificates: int | None = _f("有效活动证数")
    last_contact_on: str | None = _f("最近联系时间")
    last_contact_by: str | None = _f("最近联系的发起方：organisation 组织找党员、member 党员找组织、unrecorded 未记录")
    liaison: str | None = _f("联系人（落实专人负责）：姓名")
    liaison_org_name: str | None = _f("联系人所在单位（工作人员的组织，或流动党员服务站、服务点）")
    paid_through: str | None = _f("党费交至年月")
    review_year: int | None = _f("最近评议年度")
    review_grade: str | None = _f("最近评议结果")
    lost_on: str | None = _f("失联登记日期（是否失联见状态）")
    letter_on: str | None = _f("组织关系介绍信开具日期（是否转移组织关系）")
    letter_number: str | None = _f("介绍信编号（编号前开具的为空字符串）")
    letter_to: str | None = _f("介绍信接收组织")
    letter_to_id: str | None = _f("介绍信接收组织编号（本县党支部；县外为空）")
    receipt_on: str | None = _f("介绍信回执日期")
    ended: str | None = _f("不在册原因")
    ended_on: str | None = _f("不在册日期")
    handed_to: str | None = _f("移交接收组织（随所在流动党员党支部移交县外流入地党组织时，ended 为 handed_over）")


class PageOut(BaseModel, Generic[T]):
    """分页结果"""

    rows: list[T] = Field(description="本页记录")
    total: int = Field(description="符合条件的记录总数")
    page: int = Field(description="页码（从1开始）")
    size: int = Field(description="每页条数")


class EventOut(BaseModel):
    """审计记录：谁、何时、以哪个组织名义、记录了什么"""

    model_config = ConfigDict(extra="ignore")
    position: int = Field(description="在全县事件日志中的位置")
    recorded_at: str = Field(description="记录时间（UTC）")
    effective_on: str = Field(description="发生日期")
    topic: str = Field(description="事件类型")
    kind: str = Field(description="对象类别：member 党员、certificate 活动证、certificate_request 发放申请、organisation 组织、officer 工作人员……")
    subject_id: str = Field(description="对象编号")
    member_id: str | None = _f("相关党员编号")
    certificate_number: str | None = _f("相关活动证编号")
    actor: str = Field(description="办理人编号（system:init 为初始化）")
    actor_name: str | None = _f("办理人")
    actor_org: str | None = _f("办理人代表的组织编号")
    actor_org_name: str | None = _f("办理人代表的组织")
    summary: str = Field(description="摘要（不含身份证号、电话等个人信息）")
    target_position: int | None = _f("被更正/作废的记录位置")
    corrected_by: int | None = _f("更正它的记录位置")
    voided_by: int | None = _f("作废它的记录位置")


class AsOfOut(BaseModel):
    """某一日期的党员状态"""

    model_config = ConfigDict(extra="ignore")
    as_of: str = Field(description="日期")
    status: str = Field(description="当日状态")
    branch_id: str | None = _f("当日所在支部")
    standing: str | None = _f("正式/预备")
    departed_on: str | None = _f("当日所处外出的外出时间")
    province: str | None = _f("流向地（省）")
    city: str | None = _f("流向地（市）")
    industry: str | None = _f("从事行业")
    employer: str | None = _f("工作单位")
    reported_in_org: str | None = _f("当日已报到的流入地党组织")
    reported_in_on: str | None = _f("报到时间")
    certificates: list[str] = Field(description="当日有效的活动证")
    paid_through: str | None = _f("党费交至年月")
    last_contact_on: str | None = _f("最近联系时间")
    last_contact_by: str | None = _f("最近联系的发起方：organisation 组织找党员、member 党员找组织、unrecorded 未记录")
    ended: str | None = _f("不在册原因")


class HistoryOut(BaseModel):
    """党员的流动历程"""

    member: MemberOut
    events: list[EventOut] = Field(description="有关该党员的全部记录，按记录顺序")
    as_of: AsOfOut | None = _f("指定日期（as_of）时的状态")


class CertificateOut(BaseModel):
    """活动证发放责任登记（发放责任追究）"""

    model_config = ConfigDict(extra="ignore")
    number: str = Field(description="活动证编号")
    member_id: str | None = _f("持证党员编号")
    member_name: str | None = _f("持证党员")
    org_name_now: str | None = _f("发证组织（基层党委）")
    org_name: str | None = _f("发证组织（旧台账照录）")
    issued_by: str | None = _f("发证人编号")
    issuer_name: str | None = _f("发证人")
    issuer_org_name: str | None = _f("发证人代表的组织（填写发放的支部）")
    approver_id: str | None = _f("审批人编号")
    approver_name: str | None = _f("审批人")
    requester_name: str | None = _f("申请人")
    issued_on: str | None = _f("发证时间")
    justification: str | None = _f("发放依据（照录）")
    state: str = Field(description="状态：valid 有效、reported_lost 已挂失、replaced 已补发、handed_back 已收回、voided 空白证作废")
    state_on: str | None = _f("状态变化日期")
    checked_years: str | None = _f("已年审年度")
    last_checked_on: str | None = _f("最近一次年审日期")
    standing: str | None = _f("有效活动证的年审状态（按今天）：current 已年审、lapsed 年审逾期；非有效时为空")
    check_due: str | None = _f("下次年审应在该日前完成（其后另有宽限期）")
    replaces: str | None = _f("补发时的原证编号")
    replaced_by: str | None = _f("补发的新证编号")
    legacy: int | None = _f("1：旧台账记载，未经现行规则核验")
    legacy_issuer: str | None = _f("发证人（旧台账照录）")
    events: list[EventOut] = Field(default_factory=list, description="有关该证的全部记录及办理人")


class OfficerCertificatesOut(BaseModel):
    """工作人员经手的活动证"""

    issued: list[CertificateOut] = Field(description="其发放的")
    approved: list[CertificateOut] = Field(description="其审批的")
    requested: list[CertificateOut] = Field(description="其申请的")


class AnomalyOut(BaseModel):
    """发放异常"""

    kind: str = Field(description="异常类别：valid_after_return、check_overdue、several_valid、issuer_revoked")
    label: str = Field(description="异常说明")
    number: str = Field(description="活动证编号")
    member_id: str | None = _f("党员编号")
    member_name: str | None = _f("党员")
    detail: str = Field(description="详情")


class FlagMemberOut(BaseModel):
    """提示所涉及的一名党员"""

    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")


class FlagOut(BaseModel):
    """提示（由人决定如何处理）"""

    kind: str = Field(description="提示类别：" + "、".join(f"{k} {v}" for k, v in TITLES.items())
                                  + "（各类如何计算见 docs/figures.md）")
    label: str = Field(description="提示说明")
    detail: str = Field(description="详情（流入地、企业的提示列出至多10名党员姓名）")
    member_id: str | None = _f("党员编号（针对一名党员的提示）")
    name: str | None = _f("党员（针对一名党员的提示）")
    township_id: str | None = _f("所属乡镇党委编号（流入地的提示：所涉党员同属一个乡镇时才有；企业的提示：管理企业台账的组织所在乡镇）")
    township_name: str | None = _f("所属乡镇党委")
    members: list[FlagMemberOut] | None = _f("所涉及的全部党员（仅针对地点、组织的提示，如流入地、企业、支部优秀比例；只列本县党员，流入党员见详情）")


class OrganisationOut(BaseModel):
    """党组织或服务网点"""

    model_config = ConfigDict(extra="ignore")
    org_id: str = Field(description="组织编号")
    kind: str = Field(description="类别")
    name: str = Field(description="名称")
    parent_id: str | None = _f("上级组织编号")
    township_id: str | None = _f("所属基层党委编号（乡镇党委、部门党委；县委直属支部为县委）")
    province: str | None = _f("所在省")
    city: str | None = _f("所在市")
    status: str = Field(description="open 正常（含移交县内党委的流动党员党支部）、closed 已撤销、handed_over 已移交县外流入地党组织")
    handed_to: str | None = _f("移交接收组织编号（流动党员党支部移交后为其新的上级）")


class ConsistencyOut(BaseModel):
    """一致性证明（RFC 9162 2.1.4）：较大的树包含较小的树的全部叶子且未改动"""

    format: str = Field(description="格式：liudong-consistency/1")
    tree_from: int = Field(alias="from", description="较早的树的大小（已封印的事件数）")
    tree_to: int = Field(alias="to", description="较晚的树的大小")
    from_root: str = Field(description="较早的树的默克尔根（64位十六进制）")
    to_root: str = Field(description="较晚的树的默克尔根")
    path: list[str] = Field(description="证明所需的节点哈希，按 RFC 9162 的顺序")


class CheckpointOut(BaseModel):
    """签名检查点（C2SP signed note）：日志的大小与默克尔根，由本县的检查点密钥签名"""

    origin: str = Field(description="日志名（检查点第一行，也是签名者名）")
    size: int = Field(description="树的大小（已封印的事件数）")
    root: str = Field(description="默克尔根（64位十六进制）")
    note: str = Field(description="检查点全文：请原样保存到系统之外")
    vkey: str = Field(description="核验公钥（名称+密钥编号+公钥），供 liudong verify-consistency --vkey 使用")


class DigestOut(BaseModel):
    """完整性摘要：链头的位置与哈希"""

    position: int = Field(description="链头事件在日志中的位置")
    hash: str = Field(description="链头哈希（64位十六进制）")
    sealed_at: str = Field(description="封印时间（UTC）")
    digest: str = Field(description="摘要（哈希@位置），供 liudong verify --digest 使用")
    events: int = Field(description="已封印的事件数")
