"""Closed vocabularies of the domain: stable English codes with zh-CN labels.

Events store the code (a plain string); people see the label. Adding a code is
safe; renaming or removing one breaks the replay of stored events.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActivityKind", "CertificateStanding", "CertificateState", "Category", "ContactInitiator", "ContactMethod", "ContactOutcome",
    "DuesBasis", "DuesCollector", "EndReason", "Gender", "HandBackReason", "Industry",
    "LostReason", "MemberStatus", "OrgKind", "PersonalField", "ProbationOutcome", "ReviewGrade", "Role",
    "Standing",
]


class Labelled(StrEnum):
    """A code whose member carries a Chinese label for display."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def describe(cls) -> str:
        """'code=标签' pairs, for error messages and API descriptions."""
        return "、".join(f"{m.value}（{m.label}）" for m in cls)

    @classmethod
    def label_of(cls, code: str | None) -> str | None:
        """The label of a stored code; None for none, and a code this version does not know as it is."""
        if not code:
            return None
        try:
            return cls(code).label
        except ValueError:
            return code


class OrgKind(Labelled):
    COUNTY_COMMITTEE = "county_committee", "县委"
    TOWNSHIP_COMMITTEE = "township_committee", "乡镇党委"
    DEPARTMENT_COMMITTEE = "department_committee", "部门党委（党工委）"
    BRANCH = "branch", "党支部"
    SERVICE_CENTRE = "service_centre", "流动党员服务中心"
    STATION = "station", "流动党员服务站"
    POINT = "point", "流动党员服务点"
    MOBILE_BRANCH = "mobile_branch", "流动党员党支部"
    INFLOW_ORG = "inflow_org", "流入地党组织"


class Role(Labelled):
    COUNTY_ADMIN = "county_admin", "县委组织部管理员"
    OFFICER = "officer", "党务工作人员"
    INFLOW_OFFICER = "inflow_officer", "流入地党组织工作人员"
    AUDITOR = "auditor", "纪检巡察人员"


class Gender(Labelled):
    MALE = "male", "男"
    FEMALE = "female", "女"


class Standing(Labelled):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


class Category(Labelled):
    RURAL = "rural", "农村党员"
    LAID_OFF = "laid_off", "下岗职工党员"
    GRADUATE = "graduate", "大学毕业生党员"
    ENTREPRENEUR = "entrepreneur", "自主创业党员"
    RETIRED = "retired", "离退休党员"
    OTHER = "other", "其他"


class Industry(Labelled):
    CONSTRUCTION = "construction", "建筑"
    MINING = "mining", "开采"
    GARMENTS = "garments", "服装"
    TRANSPORT = "transport", "运输"
    CATERING = "catering", "饮食"
    MANUFACTURING = "manufacturing", "制造"
    SERVICES = "services", "服务"
    OTHER = "other", "其他"


class ContactMethod(Labelled):
    PHONE = "phone", "电话"
    LETTER = "letter", "信函"
    NETWORK = "network", "网络"
    VISIT = "visit", "走访"


class ContactOutcome(Labelled):
    REACHED = "reached", "已联系上"
    NOT_REACHED = "not_reached", "未联系上"
    LOST = "lost", "失联"


class ContactInitiator(Labelled):
    """Who initiated a contact. `unrecorded` is what contacts stored before the
    question was asked read as (and legacy registers); no command records it."""

    ORGANISATION = "organisation", "组织找党员"
    MEMBER = "member", "党员找组织"
    UNRECORDED = "unrecorded", "未记录"

    @classmethod
    def on_entry(cls) -> tuple[ContactInitiator, ...]:
        """The codes a command may record."""
        return tuple(m for m in cls if m is not cls.UNRECORDED)


class LostReason(Labelled):
    MIGRANT_WORK = "migrant_work", "外出务工经商"
    RESTRUCTURING = "restructuring", "单位改制或破产"
    GRADUATE_UNKNOWN = "graduate_unknown", "毕业后去向不明"
    JOB_CHANGE = "job_change", "工作单位改变"
    ABROAD = "abroad", "出国(境)"
    MOVED = "moved", "居住地改变"
    OTHER = "other", "其他"


class ActivityKind(Labelled):
    ORGANISATIONAL_LIFE = "organisational_life", "组织生活"
    QUARTERLY = "quarterly", "季度活动"
    NIGHT_SCHOOL = "night_school", "夜校"


class DuesCollector(Labelled):
    HOME = "home", "所在支部"
    INFLOW = "inflow", "流入地党组织"


class DuesBasis(Labelled):
    WAGE = "wage", "在职（按税后月工资）"
    RETIREE = "retiree", "离退休（按月退休费）"
    FARMER = "farmer", "农民"
    MINIMAL = "minimal", "学生、失业、享受低保"


class ReviewGrade(Labelled):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASICALLY_QUALIFIED = "basically_qualified", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class ProbationOutcome(Labelled):
    ON_TIME = "on_time", "按期转正"
    EXTENDED = "extended", "延长预备期"
    CANCELLED = "cancelled", "取消预备党员资格"


class EndReason(Labelled):
    STOPPED = "stopped", "停止党籍"
    DIED = "died", "去世"
    TRANSFERRED_OUT = "transferred_out", "组织关系转出本县"
    PROBATION_CANCELLED = "probation_cancelled", "取消预备党员资格"
    REMOVED = "removed", "按自行脱党除名"  # only by a removal approved after a stop (停止党籍满二年)
    HANDED_OVER = "handed_over", "移交流入地党组织"  # with a mobile branch handed over outside the county


class MemberStatus(Labelled):
    AT_HOME = "at_home", "在家"
    PLANNED = "planned", "计划外出"  # a departure reported before its day (外出前报告), on a day before it
    AWAY = "away", "外出"
    REPORTED_IN = "reported_in", "已报到"
    LOST_CONTACT = "lost_contact", "失联"
    TEMPORARY_RETURN = "temporary_return", "临时返乡"  # home for a while (农忙、春节), still counted away
    RETURNED = "returned", "已返回"
    ENDED = "ended", "已不在册"


class CertificateState(Labelled):
    VALID = "valid", "有效"
    REPORTED_LOST = "reported_lost", "已挂失"
    REPLACED = "replaced", "已补发"
    HANDED_BACK = "handed_back", "已收回"
    VOIDED = "voided", "空白证作废"


class CertificateStanding(Labelled):
    """Where a certificate in force (有效: issued, not lost, replaced, handed back or
    voided) stands with its yearly check on a day (`domain.certificate_standing`)."""

    CURRENT = "current", "已年审"
    LAPSED = "lapsed", "年审逾期"


class PersonalField(Labelled):
    ID_NUMBER = "id_number", "身份证号"
    PHONE = "phone", "联系电话"


class HandBackReason(Labelled):
    RETURNED = "returned", "返回"
    TRANSFERRED = "transferred", "组织关系转出"
    ENDED = "ended", "不再在册"
    OTHER = "other", "其他"


# -- vocab: activities --
__all__ += ["OrgActivityKind"]


class OrgActivityKind(Labelled):
    """What an organisation's activity record (活动记录) was; `ActivityKind` is the older
    kind recorded for one member alone, still read in older events."""

    QUARTERLY_THEME = "quarterly_theme", "季度主题活动"
    THREE_SERVICES = "three_services", "三服务"
    NIGHT_SCHOOL = "night_school", "夜校"
    LIFE_MEETING = "life_meeting", "组织生活会"
    OTHER = "other", "其他"


# -- vocab: reviews --
__all__ += ["Attendance"]


class Attendance(Labelled):
    """How a probationary member took part in the branch meeting that decided (转正、延长、取消)."""

    IN_PERSON = "in_person", "本人到会"
    VIDEO = "video", "视频参会"
    PHONE = "phone", "电话参会"
    ABSENT = "absent", "本人未到会"
    UNRECORDED = "unrecorded", "未记录（旧记录）"

    @classmethod
    def on_entry(cls) -> tuple[Attendance, ...]:
        """What a decision may record (never `unrecorded`, which only old records say)."""
        return (cls.IN_PERSON, cls.VIDEO, cls.PHONE, cls.ABSENT)


# -- vocab: dues --
__all__ += ["DuesKind"]


class DuesKind(Labelled):
    """A payment's amount against the dues table and the approved reductions (domain.member_dues)."""

    STANDARD = "standard", "按标准"
    EXTRA = "extra", "自愿多交"
    SHORT = "short", "少交"
    REDUCED = "reduced", "经批准少交"
    EXEMPT = "exempt", "免交"


# -- vocab: care --


class CareKind(Labelled):
    """What a member asks a service centre, station, point or branch for (帮扶服务)."""

    JOBS = "jobs", "就业信息"
    LEGAL = "legal", "法律维权"
    HARDSHIP = "hardship", "困难帮扶"
    SKILLS = "skills", "技能培训"
    POLICY = "policy", "政策咨询"
    OTHER = "other", "其他"


class CareOutcome(Labelled):
    """How a care request was closed (办结)."""

    RESOLVED = "resolved", "已解决"
    PARTLY_RESOLVED = "partly_resolved", "部分解决"
    REFERRED = "referred", "已转交有关部门办理"
    UNRESOLVED = "unresolved", "未能解决"
    WITHDRAWN = "withdrawn", "申请人撤回"
