"""Answers that are reports for the county admin and auditors: what an import
of a legacy register found, and the failed look-ups by ID number."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["FailedLookupOut", "ImportRefusalOut", "ImportReportOut"]


class ImportRefusalOut(BaseModel):
    """不符合要求的一行"""

    row: int = Field(description="行号")
    column: str | None = Field(description="列（表头）")
    rule: str = Field(description="违反的规则")
    message: str = Field(description="说明")


class ImportReportOut(BaseModel):
    """旧台账导入报告"""

    file: str = Field(description="文件名")
    sheet: str = Field(description="工作表")
    header_row: int = Field(description="表头所在行")
    mapping: dict[str, str] = Field(description="表头与台账列的对应")
    dry_run: bool = Field(description="是否只试导入")
    rows: int = Field(description="数据行数")
    importable: list[int] = Field(description="可导入的行")
    duplicates: list[dict[str, Any]] = Field(description="已在台账中的行（跳过）")
    refused: list[ImportRefusalOut] = Field(description="不符合要求的行")
    skipped: list[dict[str, Any]] = Field(description="跳过的空行")
    stored: bool = Field(description="是否已保存")
    events: int = Field(description="保存的事件数")
    stored_to: int | None = Field(description="最后一条事件的位置")
    summary: str = Field(description="摘要")


class FailedLookupOut(BaseModel):
    """一次失败的按身份证号查找（报到）"""

    at: str = Field(description="时间（UTC）")
    officer_id: str = Field(description="查找的工作人员编号")
    org_id: str | None = Field(description="报到组织编号")
    member_key: str | None = Field(description="该身份证号对应的党员编号（由密钥派生，不含身份证号；格式不对时为空）")
