"""The staff pages in a real browser: log in, filter the register, open a
member and move the as-of date, look up a certificate, record a departure
through a form, and stay inside one's jurisdiction. Screenshots of each page
go to build/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.ui.conftest import Site, login, shot


def test_an_officer_filters_the_register_and_downloads_it(page: Any, site: Site) -> None:
    login(page, site, "admin")
    page.get_by_label("状态").select_option("away_any")
    page.get_by_label("乡镇党委").select_option(str(site.county.t1))
    page.get_by_role("button", name="查询").click()
    assert "共 1 名党员" in page.locator("#total").inner_text()
    assert page.get_by_role("link", name="张外出").is_visible()
    assert "广东省深圳市" in page.locator("table.register").inner_text()
    shot(page, "01-台账")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 Excel").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [r[0] for r in book["台账"].iter_rows(values_only=True)] == ["姓名", "张外出"]


def test_a_member_page_shows_the_timeline_and_the_state_on_any_date(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.goto(f"{site.url}/ui/register?name=张外出")
    page.get_by_role("link", name="张外出").click()
    page.wait_for_load_state()  # is_visible() does not wait for the page
    assert page.get_by_role("heading", name="张外出").is_visible()
    timeline = page.locator("ol.timeline").inner_text()
    assert "外出登记" in timeline and "长赤镇干事" in timeline
    assert "****" in page.locator("section.details").inner_text(), "personal data masked"
    assert "外出" in page.locator("#as-of-state").inner_text()
    page.get_by_label("查看该日状态").fill("2024-01-01")
    page.get_by_role("button", name="查看").click()
    assert "2024-01-01：在家" in page.locator("#as-of-state").inner_text()
    assert page.locator("ol.timeline li.future").count() >= 1, "later events are set apart"
    shot(page, "02-党员流动历程")
    page.get_by_label("查看该日状态").fill("2024-06-01")
    page.get_by_role("button", name="查看").click()
    assert "外出" in page.locator("#as-of-state").inner_text() and "广东省深圳市" in page.locator("#as-of-state").inner_text()


def test_an_auditor_looks_up_a_certificate_and_sees_who_issued_it(page: Any, site: Site) -> None:
    page.add_init_script("window.print = () => { window.printed = true; };")  # no print dialog in a test
    login(page, site, "auditor")
    page.get_by_role("link", name="活动证发放登记").click()
    page.get_by_label("活动证编号").fill("511922-2024-00001")
    page.get_by_role("button", name="查询").click()
    card = page.locator("#certificate").inner_text()
    assert "长赤镇干事" in page.locator("#issuer").inner_text()
    assert "长赤镇副书记" in card and "在成都务工一年以上" in card
    assert "发证人统计" in page.content()
    shot(page, "03-活动证发放登记")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed === true"), "the print button prints"
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible(), "the print stylesheet hides the navigation"


def test_a_departure_recorded_through_the_form_shows_in_the_register(page: Any, site: Site) -> None:
    login(page, site, "t2_officer")
    page.goto(f"{site.url}/ui/members/{site.at_home}")
    page.get_by_role("link", name="外出登记").click()
    page.get_by_label("外出原因").fill("外出经商")
    page.get_by_label("流向省份").fill("浙江省")
    page.get_by_label("流向城市").fill("杭州市")
    page.get_by_label("从事行业").select_option("catering")
    page.get_by_label("预计外出月数").fill("12")
    page.get_by_label("外出期间联系电话").fill("12345")
    page.get_by_role("button", name="办理").click()
    assert "电话号码格式不正确" in page.locator("#form-error").inner_text(), "the API's message"
    shot(page, "04-外出登记表单（有误）")
    page.get_by_label("外出期间联系电话").fill("13900009999")
    page.get_by_role("button", name="办理").click()
    page.wait_for_url(f"**/ui/members/{site.at_home}?**")
    assert "外出登记：已办理" in page.locator(".flash").inner_text()
    page.get_by_role("link", name="台账").click()
    page.get_by_label("姓名").fill("李在家")
    page.get_by_role("button", name="查询").click()
    row = page.locator("table.register tbody tr").first.inner_text()
    assert "外出" in row and "浙江省杭州市" in row


def test_an_officer_cannot_open_a_member_outside_their_jurisdiction(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    answer = page.goto(f"{site.url}/ui/members/{site.at_home}")
    assert answer.status == 403
    assert "不在" in page.locator(".error").inner_text() and "管辖范围" in page.locator(".error").inner_text()
    page.goto(f"{site.url}/ui/register?name=李在家")
    assert "共 0 名党员" in page.locator("#total").inner_text()


def test_the_dashboard_draws_its_charts_without_the_internet(page: Any, site: Site) -> None:
    login(page, site, "admin")
    page.get_by_role("link", name="统计").click()
    page.wait_for_selector("#by-destination canvas")
    assert page.locator("#trend canvas").count() == 1
    page.locator("#trend canvas").hover()  # the tooltip styles its own elements: allowed by the policy too
    assert "%" in page.locator("#holding-rate").inner_text()
    policy = page.request.get(page.url).headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy, "drawn under the pages' policy (the page fixture checks nothing was blocked)"
    shot(page, "05-统计")


def test_pages_need_a_session_and_posts_need_the_csrf_token(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/ui/register")
    assert page.url.endswith("/ui/login")
    page.get_by_label("令牌").fill("不是令牌")
    page.get_by_role("button", name="登录").click()
    assert "令牌" in page.locator(".error").inner_text()
    shot(page, "00-登录")
    login(page, site, "t2_officer")
    answer = page.request.post(f"{site.url}/ui/forms/contact", form={"member_id": str(site.at_home),
                                                                     "method": "phone", "outcome": "reached"},
                               max_redirects=0)
    assert answer.status == 303 and answer.headers["location"].endswith("/ui/login"), "no CSRF token, no command"
    cookie = next(c for c in page.context.cookies() if c["name"] == "liudong_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"


def test_a_certificate_is_requested_approved_and_issued_through_the_forms(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.goto(f"{site.url}/ui/members/{site.away}")
    page.get_by_role("link", name="申请发放活动证").click()
    page.get_by_label("申请理由").fill("在深圳务工两年")
    page.get_by_role("button", name="办理").click()
    assert "申请发放活动证：已办理" in page.locator(".flash").inner_text()
    approval = page.url  # the approval form of this request
    assert "/ui/forms/approve-request?request_id=" in approval
    page.get_by_role("button", name="退出").click()
    login(page, site, "t1_approver")
    page.goto(approval)
    page.get_by_role("button", name="办理").click()
    assert "批准发放活动证：已办理" in page.locator(".flash").inner_text()
    issue = page.url
    page.get_by_role("button", name="退出").click()
    login(page, site, "t1_officer")
    page.goto(issue)
    page.get_by_label("活动证编号").fill("511922-2025-00007")
    page.get_by_role("button", name="办理").click()
    page.wait_for_url("**/ui/certificates?**")  # the certificate's page: the register's record of it
    card = page.locator("#certificate").inner_text()
    assert "长赤镇干事" in card and "长赤镇副书记" in card and "在深圳务工两年" in card and "张外出" in card
