"""Legacy register sheets written the way county staff write them, for the
import tests; and the same sheets with a part rewritten, as a hostile file is."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.support.county import id_number

__all__ = ["HEADERS", "SHEET_PART", "add_cells", "add_shared_strings", "good_row", "patch_part", "write_sheet"]

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


SHEET_PART = "xl/worksheets/sheet1.xml"


def patch_part(path: Path, part: str, edit: Callable[[bytes], bytes], *,
               level: int | None = None) -> Path:
    """Rewrites one part of a saved workbook (the others are copied as they are)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = edit(parts.get(part, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def add_cells(path: Path, xml: str) -> Path:
    """Appends raw rows (`<row>` elements) to the end of the first sheet's data."""
    return patch_part(path, SHEET_PART, lambda sheet: sheet.replace(b"</sheetData>", xml.encode() + b"</sheetData>"))


def add_shared_strings(path: Path, strings: list[bytes]) -> Path:
    """Gives the workbook a shared strings part holding `strings` (raw XML text, not escaped)."""
    relation = (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/></Relationships>')
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    patch_part(path, "xl/_rels/workbook.xml.rels", lambda rels: rels.replace(b"</Relationships>", relation))
    patch_part(path, "[Content_Types].xml", lambda types: types.replace(b"</Types>", override))
    body = b"".join(b"<si><t>" + s + b"</t></si>" for s in strings)
    return patch_part(path, "xl/sharedStrings.xml", lambda _: (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(strings), len(strings)) + body + b"</sst>"), level=1)
