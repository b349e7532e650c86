"""Legacy register sheets written the way county staff write them, for the import tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.support.county import id_number

__all__ = ["HEADERS", "good_row", "write_sheet"]

# Headers as an older sheet writes them: variants, not the export's own.
HEADERS = ["序号", "名字", "性别", "民族", "公民身份号码", "入党日期", "党员身份", "乡镇", "党支部", "外出日期",
           "外出原因", "外出地点", "行业", "务工单位", "联系电话", "流入地党组织", "报到日期", "流动党员活动证编号",
           "发证日期", "发证人", "最后联系时间", "党费缴至", "民主评议结果", "是否失联", "是否转移组织关系"]


def good_row(seq: int, **changes: Any) -> list[Any]:
    values = {
        "序号": seq, "名字": f"旧台账党员{seq}", "性别": "男" if seq % 2 else "女", "民族": "汉族",
        "公民身份号码": id_number(date(1980, 1, 2), 100 + seq), "入党日期": date(2005, 7, 1), "党员身份": "正式党员",
        "乡镇": "中共长赤镇委员会", "党支部": "长赤镇红旗村党支部", "外出日期": "2023.3.5", "外出原因": "外出务工",
        "外出地点": "广东省深圳市", "行业": "建筑", "务工单位": "某建筑公司", "联系电话": f"139{seq:08d}",
        "流入地党组织": None, "报到日期": None, "流动党员活动证编号": f"南江旧证-{seq:03d}", "发证日期": date(2023, 3, 10),
        "发证人": "李某（已调离）", "最后联系时间": "2024年5月6日", "党费缴至": "2024-06", "民主评议结果": "2023年度合格",
        "是否失联": "否", "是否转移组织关系": "否",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


def write_sheet(path: Path, rows: list[list[Any]], *, title: bool = True,
                merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "流动党员台账"
    if title:  # a title row above the header, merged across, as staff sheets have
        sheet.append(["长赤镇流动党员管理台账（2024年）"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path
