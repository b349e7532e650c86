"""Walking the generated forms end to end in a real browser, one area per
test, with screenshots in build/screenshots/: a member's movements, the
whole certificate path, the county admin's management, and a double click
that records once."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import Site, login, shot


def submit(page: Any, flash: str) -> None:
    """Submits the form and checks the page it leads to says it was done."""
    page.get_by_role("button", name="办理").click()
    answer = page.locator(".flash, #form-error").first.inner_text(timeout=5000)
    assert flash in answer, answer


def open_form(page: Any, label: str) -> None:
    page.locator("#member-forms, #certificate-forms, #org-forms, p.actions").get_by_role(
        "link", name=label, exact=True).first.click()


def test_a_member_leaves_reports_in_is_contacted_comes_home_for_a_while_and_returns(page: Any, site: Site) -> None:
    login(page, site, "t2_officer")
    member = f"{site.url}/ui/members/{site.at_home}"
    page.goto(member)
    open_form(page, "外出登记")
    page.get_by_label("外出原因").fill("外出务工")
    page.get_by_label("流向省份").fill("上海市")
    page.get_by_label("流向城市").fill("上海市")
    page.get_by_label("从事行业").select_option("services")
    page.get_by_label("预计外出月数").fill("12")
    page.get_by_label("外出期间联系电话").fill("13900002222")
    page.get_by_label("发生日期").fill("2025-03-01")
    submit(page, "外出登记：已办理")
    open_form(page, "报到")
    page.get_by_label("报到组织").select_option(str(site.county.io))
    page.get_by_label("发生日期").fill("2025-03-10")
    shot(page, "10-报到表单")
    submit(page, "报到：已办理")
    page.goto(member)
    open_form(page, "联系")
    page.get_by_label("联系方式").select_option("phone")
    page.get_by_label("联系结果").select_option("reached")
    submit(page, "联系：已办理")
    open_form(page, "临时返乡")
    page.get_by_label("预计返回外出地日期").fill("2025-07-01")
    page.get_by_label("返乡事由").fill("农忙")
    submit(page, "临时返乡：已办理")
    assert "临时返乡" in page.locator("h1 small").inner_text()
    open_form(page, "返回")
    page.get_by_label("外出情况汇报").fill("回乡创业")
    submit(page, "返回：已办理")
    assert "已返回" in page.locator("h1 small").inner_text()
    timeline = page.locator("ol.timeline").inner_text()
    for step in ("外出登记", "报到", "联系", "临时返乡", "返回"):
        assert step in timeline, step
    shot(page, "11-党员流动全程")


def test_a_certificate_goes_the_whole_path_through_the_pages(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.goto(f"{site.url}/ui/members/{site.away}")
    open_form(page, "申请发放活动证")
    page.get_by_label("申请理由").fill("在深圳务工一年以上")
    submit(page, "申请发放活动证：已办理")
    approval = page.url
    page.get_by_role("button", name="退出").click()
    login(page, site, "t1_approver")
    page.goto(approval)
    submit(page, "批准发放活动证：已办理")
    issue = page.url
    page.get_by_role("button", name="退出").click()
    login(page, site, "t1_officer")
    page.goto(issue)
    page.get_by_label("活动证编号").fill("511922-2025-00021")
    submit(page, "发放活动证：已办理")
    assert "有效" in page.locator("#certificate h2").inner_text()
    open_form(page, "活动证年审")
    page.get_by_label("年审年度").fill("2025")
    submit(page, "活动证年审：已办理")
    open_form(page, "活动证挂失")
    page.get_by_label("备注").fill("在深圳遗失")
    submit(page, "活动证挂失：已办理")
    open_form(page, "补发活动证")
    page.get_by_label("新活动证编号").fill("511922-2025-00022")
    page.get_by_label("批准补发的工作人员").select_option(str(site.county.t1_approver))
    submit(page, "补发活动证：已办理")
    assert "511922-2025-00022" in page.locator("#certificate h2").inner_text()
    open_form(page, "收回活动证")
    page.get_by_label("收回原因").select_option("returned")
    submit(page, "收回活动证：已办理")
    assert "已收回" in page.locator("#certificate h2").inner_text()
    shot(page, "12-活动证全程")


def test_the_county_admin_manages_organisations_officers_tokens_blanks_and_policy(page: Any, site: Site) -> None:
    login(page, site, "admin")
    page.get_by_role("link", name="管理").click()
    open_form(page, "设立组织")
    page.get_by_label("组织类型").select_option("station")
    page.get_by_label("组织名称").fill("长赤镇流动党员服务站")
    page.get_by_label("上级组织").select_option(str(site.county.centre))
    page.get_by_label("所属乡镇党委").select_option(str(site.county.t1))
    submit(page, "设立组织：已办理")
    assert "长赤镇流动党员服务站" in page.locator("h1").inner_text()
    open_form(page, "任命工作人员")  # from the organisation's page, its id filled in
    page.get_by_label("姓名").fill("新任站长甲")
    page.get_by_label("角色").select_option("officer")
    submit(page, "任命工作人员：已办理")
    assert "新任站长甲" in page.locator("#org-officers").inner_text()
    page.goto(f"{site.url}/ui/admin/officers")
    page.locator("tr", has_text="新任站长甲").get_by_role("link", name="签发令牌").click()
    page.get_by_role("button", name="办理").click()
    assert len(page.locator("#new-token").inner_text()) >= 43
    shot(page, "13-签发令牌")
    page.goto(f"{site.url}/ui/admin/tokens")
    page.locator("tr", has_text="新任站长甲").get_by_role("link", name="吊销令牌").click()
    page.get_by_label("吊销原因").fill("试用结束")
    submit(page, "吊销令牌：已办理")
    assert "已吊销" in page.locator("tr", has_text="新任站长甲").inner_text()
    page.goto(f"{site.url}/ui/admin/blanks")
    open_form(page, "分配空白活动证")
    page.get_by_label("基层党委").select_option(str(site.county.t1))
    page.get_by_label("年份").fill("2026")
    page.get_by_label("起始序号").fill("1")
    page.get_by_label("终止序号").fill("20")
    submit(page, "分配空白活动证：已办理")
    page.goto(f"{site.url}/ui/admin/policy")
    open_form(page, "调整政策参数")
    assert page.locator("#current-policy").inner_text().count("lost_contact_months") == 1
    page.get_by_label("调整内容").fill("contact_recent_months=4")
    submit(page, "调整政策参数：已办理")
    assert "contact_recent_months" in page.locator("#admin-policy").inner_text()
    shot(page, "14-政策参数")


def test_a_double_click_on_submit_records_once(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    member = f"{site.url}/ui/members/{site.away}"
    page.goto(member)
    before = page.locator("ol.timeline li", has_text="走访").count()
    open_form(page, "联系")
    page.get_by_label("联系方式").select_option("visit")
    page.get_by_label("联系结果").select_option("reached")
    page.get_by_label("备注").fill("双击提交")
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    box = page.get_by_role("button", name="办理").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with page.expect_request(lambda request: request.method == "POST"):
        page.mouse.click(x, y)  # the first post is on its way, the page not yet gone:
    with page.expect_response(lambda response: response.request.method == "POST") as second:
        page.mouse.click(x, y)  # the second click of the double click posts the form again
    assert second.value.status == 303 and f"/ui/members/{site.away}?" in second.value.headers["location"]
    assert len(posts) == 2, "the browser posted twice"
    page.goto(member)
    assert page.locator("ol.timeline li", has_text="走访").count() == before + 1, "two posts, one contact"


def test_a_station_records_an_activity_from_its_page(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.goto(f"{site.url}/ui/organisations/{site.county.s1}")
    open_form(page, "活动记录")
    page.get_by_label("活动类型").select_option("quarterly_theme")
    page.get_by_label("活动主题").fill("二季度主题党日")
    page.get_by_label("活动地点").fill("服务站会议室")
    page.get_by_label("组织人").fill("站长")
    page.locator("#f-member_ids").fill(str(site.away))
    submit(page, "活动记录：已办理")
    shot(page, "15-活动记录")


def test_a_reduction_of_dues_and_a_review_opinion_are_recorded_from_the_member_page(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    member = f"{site.url}/ui/members/{site.away}"
    page.goto(member)
    open_form(page, "批准少交或免交党费")
    page.get_by_label("批准组织或批准人").fill("红旗村党支部")
    page.get_by_label("起始年月").fill("2025-01")
    page.get_by_label("每月应交金额").fill("0")
    page.get_by_label("原因").fill("生活困难")
    submit(page, "批准少交或免交党费：已办理")
    open_form(page, "流入地党组织评议意见")
    page.get_by_label("评议年度").fill("2024")
    page.locator("#f-opinion").fill("表现良好")
    page.get_by_label("出具意见的党组织名称").fill("深圳市某街道党工委")
    submit(page, "流入地党组织评议意见：已办理")
    shot(page, "16-党费与评议")


def test_a_care_request_and_a_hotline_call_are_taken_through_the_work_menu(page: Any, site: Site) -> None:
    login(page, site, "t1_officer")
    page.get_by_role("link", name="业务办理").click()
    page.get_by_role("link", name="受理帮扶申请").click()
    page.get_by_label("帮扶类别").select_option("jobs")
    page.get_by_label("受理组织").select_option(str(site.county.s1))
    page.get_by_label("需求内容").fill("求职信息")
    page.get_by_label("本县党员（").fill(str(site.away))
    submit(page, "受理帮扶申请：已办理")
    page.goto(f"{site.url}/ui/work")
    page.get_by_role("link", name="登记热线来电").click()
    page.get_by_label("接听组织").select_option(str(site.county.s1))
    page.get_by_label("咨询类别").select_option("policy")
    page.get_by_label("来电事项").fill("咨询党费标准")
    page.get_by_label("答复与处理结果").fill("已答复")
    submit(page, "登记热线来电：已办理")
    shot(page, "17-帮扶与热线")
