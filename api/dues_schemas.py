"""Response models of the dues ledger (党费台账): payments as received, judged
against the table and the approved reductions; docs/figures.md defines each total."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["DuesPageOut", "DuesPaymentOut", "DuesReductionOut", "DuesTotalsOut", "MemberDuesOut"]


def _f(description: str) -> Any:
    return Field(None, description=description)


class DuesPaymentOut(BaseModel):
    """一笔党费：实收金额，按当日党费标准与经批准的少交、免交判断"""

    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")
    township_name: str | None = _f("所属基层党委")
    version: int = Field(description="该笔记录在党员记录中的版本号")
    position: int | None = _f("该笔记录在全县事件日志中的位置（作废、更正时引用）")
    paid_on: str = Field(description="交纳日期")
    months: list[str] = Field(description="所交月份（YYYY-MM）")
    amount_fen: int = Field(description="实交金额（分）")
    kind: str = Field(description="类别：standard 按标准、extra 自愿多交、short 少交、reduced 经批准少交、exempt 免交")
    kind_label: str = Field(description="类别（中文）")
    table_fen: int | None = _f("按党费标准应交（分，所交月数×每月最低标准）；台账启用前记录、未保存当时标准的为空")
    due_fen: int | None = _f("经批准少交、免交后应交（分）")
    extra_fen: int = Field(description="自愿多交金额（分）：超出党费标准上限的部分")
    short_fen: int = Field(description="少交金额（分）：低于应交的部分（未经批准）")
    back_pay: bool = Field(description="是否含补交月份（交纳当月及前两个月以前的月份）")
    back_months: list[str] = Field(description="补交的月份")
    late_months: list[str] = Field(description="补交超过规定月数（back_pay_months）的月份（提示 dues_late_back_pay）")
    back_pay_months: int | None = _f("交纳当日的补交月数规定")
    collector: str = Field(description="收缴单位：home 所在支部、inflow 流入地党组织")
    collector_label: str | None = _f("收缴单位（中文）")
    collector_org_id: str | None = _f("收缴组织编号")
    collector_org_name: str | None = _f("收缴组织")
    basis: str = Field(description="党费计算基数：wage、retiree、farmer、minimal")
    basis_label: str | None = _f("党费计算基数（中文）")


class DuesTotalsOut(BaseModel):
    """符合条件的全部党费记录的合计（不只本页）"""

    payments: int = Field(description="笔数")
    received_fen: int = Field(description="实收合计（分）")
    table_fen: int = Field(description="按党费标准应交合计（分，不含未保存标准的旧记录）")
    table_unknown: int = Field(description="未保存党费标准的旧记录笔数")
    extra_fen: int = Field(description="自愿多交合计（分）")
    short_fen: int = Field(description="少交合计（分，未经批准的部分）")
    by_kind: dict[str, int] = Field(description="各类别笔数")
    back_pay: int = Field(description="含补交的笔数")
    late_back_pay: int = Field(description="补交超过规定月数的笔数")


class DuesPageOut(BaseModel):
    """党费台账（分页）与合计"""

    rows: list[DuesPaymentOut] = Field(description="本页记录（按交纳日期由近及远）")
    total: int = Field(description="符合条件的记录总数")
    page: int = Field(description="页码（从1开始）")
    size: int = Field(description="每页条数")
    totals: DuesTotalsOut


class DuesReductionOut(BaseModel):
    """经批准的少交、免交党费"""

    version: int = Field(description="版本号")
    position: int | None = _f("在全县事件日志中的位置（更正截止年月、作废时引用）")
    approved_on: str = Field(description="批准日期")
    approved_by: str | None = _f("批准组织或批准人（流入地党组织查询时不显示）")
    from_month: str = Field(description="起始年月")
    until_month: str | None = _f("截止年月（空：未定）")
    monthly_fen: int = Field(description="每月应交金额（分）")
    exempt: bool = Field(description="是否免交（每月应交为0）")
    reason: str | None = _f("原因（流入地党组织查询时不显示）")


class MemberDuesOut(BaseModel):
    """一名党员的党费记录与经批准的少交、免交"""

    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")
    paid_through: str | None = _f("党费交至年月")
    payments: list[DuesPaymentOut] = Field(description="党费记录（由近及远；流入地党组织只见本组织收缴的）")
    totals: DuesTotalsOut
    reductions: list[DuesReductionOut] = Field(description="经批准的少交、免交（按批准先后）")
