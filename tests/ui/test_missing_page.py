"""应发未发 in a real browser: the dashboard shows the count and the rates,
its link opens the list, a filter narrows it, and a row leads to the form
that starts the certificate (a screenshot of the list goes to build/screenshots/)."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import Site, login, shot


def test_the_dashboard_links_its_missing_count_to_the_list_and_the_list_to_the_request(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.get_by_role("link", name="统计").click()
    count = int(page.locator("#missing").inner_text())
    assert count >= 1 and "%" in page.locator("#contact-rate").inner_text()
    assert "截至" in page.locator("#as-of").inner_text()
    page.get_by_role("link", name="查看名单").click()
    assert f"共 {count} 名党员" in page.locator("#total").inner_text()
    row = page.locator("table.missing tr", has_text="张外出")
    assert "从未申请" in row.inner_text() and "广东省深圳市" in row.inner_text()
    shot(page, "07-应发未发")
    page.get_by_label("原因").select_option("approved")
    page.get_by_role("button", name="查询").click()
    assert "张外出" not in page.locator("table.missing").inner_text()
    page.get_by_label("原因").select_option("never_requested")
    page.get_by_role("button", name="查询").click()
    page.locator("table.missing tr", has_text="张外出").get_by_role("link", name="申请发证").click()
    assert page.locator('input[name="member_id"]').input_value() == str(site.away)
    assert page.get_by_label("申请理由").is_visible()
