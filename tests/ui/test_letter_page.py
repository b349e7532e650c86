"""The transfer letter (组织关系介绍信) in a real browser: reached from the member
page, it prints its stub, letter and receipt on one A4 sheet, in Chinese."""

from __future__ import annotations

import re
from typing import Any

from tests.ui.conftest import Site, login, shot


def test_a_transfer_letter_prints_on_one_a4_sheet(page: Any, site: Site) -> None:
    page.add_init_script("window.print = () => { window.printed = true; };")  # no print dialog in a test
    login(page, site, "admin")
    page.goto(f"{site.url}/ui/register?name=党员1&status=ended")
    page.get_by_role("link", name="党员1").click()
    page.get_by_role("link", name="查看、打印介绍信").click()
    page.wait_for_url("**/letter")  # is_visible() does not wait for the page
    sheet = page.locator("article.letter-sheet")
    for part in ("存根", "介绍信", "回执"):
        assert page.get_by_role("region", name=part).is_visible(), part
    assert "第 南组转〔2025〕1号 号" in sheet.inner_text()
    assert "转到中共巴中市某街道工委" in sheet.inner_text() and "回执已于2025年3月15日登记" in page.content()
    shot(page, "08-组织关系介绍信")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and not page.locator(".letter-tools").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "one A4 sheet"
    [box] = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert abs(float(box[0]) - 595.3) < 1 and abs(float(box[1]) - 841.9) < 1, "A4: 210 x 297 mm"
