"""The pages that offer the forms (over HTTP, no browser): a member's forms
grouped, with 更正/作废 on each event; an organisation's page; 业务办理 by
role; the admin lists; a token shown once though its form is posted twice."""

from __future__ import annotations

import html
import re

from tests.api.conftest import Api
from tests.support.members import away
from tests.support.staff_pages import page_of
from tests.ui.test_form_coverage import form_of, logged_in


def test_a_member_page_groups_the_forms_about_the_member_and_links_corrections(api: Api) -> None:
    member = away(api.service.ledger, api.county)
    api.sync()
    text = page_of(api, "t1_officer", f"/ui/members/{member}")
    for group in ("外出与返回", "联系与活动", "党费", "评议与转正", "活动证", "组织关系", "停止党籍与恢复党籍"):
        assert f"<h3>{group}</h3>" in text, group
    assert f'href="/ui/forms/record-temporary-return?member_id={member}"' in text
    assert f'href="/ui/forms/propose-membership-stop?member_id={member}"' in text
    positions = re.findall(r'/ui/forms/correct-event\?position=(\d+)&amp;member_id=', text)
    assert len(positions) == 2, "registration and departure, each correctable"
    assert f"/ui/forms/void-event?position={positions[1]}" in text
    assert "/ui/forms/" not in page_of(api, "auditor", f"/ui/members/{member}"), "an auditor records nothing"


def test_a_correction_form_keeps_the_position_hidden_and_leads_back_to_the_member(api: Api) -> None:
    member = away(api.service.ledger, api.county)
    api.sync()
    browser = logged_in(api, "b1_officer")
    [position] = [e["position"] for e in api.service.queries.history(member) if "外出" in e["summary"]]
    hidden = form_of(browser, f"/ui/forms/correct-event?position={position}&member_id={member}")
    assert hidden["position"] == str(position) and hidden["member_id"] == str(member)
    answer = browser.post("/ui/forms/correct-event", data={**hidden, "changes": "city=重庆市", "reason": "城市填错"})
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/ui/members/{member}?")
    assert api.service.queries.member(member)["city"] == "重庆市"


def test_the_work_menu_offers_each_role_what_it_may_run(api: Api) -> None:
    admin = page_of(api, "admin", "/ui/work")
    officer = page_of(api, "t1_officer", "/ui/work")
    inflow = page_of(api, "io_officer", "/ui/work")
    assert 'data-form="change-policy"' in admin and 'data-form="change-policy"' not in officer
    assert 'data-form="record-departure"' in officer and 'data-form="record-departure"' not in inflow
    assert 'data-form="record-report-in"' in inflow
    assert "业务办理" in officer and '/ui/admin/organisations' not in officer, "管理 only for the admin"
    paths = {getattr(r, "path", "") for r in api.client.app.routes}
    for path in ("/ui/activities", "/ui/dues", "/ui/care"):  # the areas' pages, linked once they exist
        assert (f'href="{path}"' in officer) == (path in paths), path


def test_an_organisation_page_shows_its_officers_and_forms_with_its_id(api: Api) -> None:
    text = page_of(api, "admin", f"/ui/organisations/{api.county.t1}")
    assert "长赤镇" in text and "乡镇党委" in text
    assert "长赤镇干事" in re.search(r'<table id="org-officers">.*?</table>', text, re.S).group(0)  # type: ignore[union-attr]
    assert f'/ui/forms/close-organisation?org_id={api.county.t1}' in text
    assert f'/ui/forms/allocate-blanks?org_id={api.county.t1}' in text


def test_the_admin_lists_are_the_admins_and_the_auditors(api: Api) -> None:
    for section, expected in (("organisations", "长赤镇"), ("officers", "长赤镇干事"), ("tokens", "有效"),
                              ("blanks", "分配"), ("policy", "lost_contact_months")):
        assert expected in page_of(api, "admin", f"/ui/admin/{section}"), section
    assert "/ui/forms/" not in page_of(api, "auditor", "/ui/admin/officers")
    answer = logged_in(api, "t1_officer").get("/ui/admin/officers")
    assert answer.status_code == 403 and "不能办理" in answer.text


def test_the_policy_form_shows_the_values_in_force(api: Api) -> None:
    text = page_of(api, "admin", "/ui/forms/change-policy")
    row = re.search(r"<code>lost_contact_months</code></td><td>(\d+)</td>", text)
    assert row and row.group(1) == "6"
    browser = logged_in(api, "admin")
    hidden = form_of(browser, "/ui/forms/change-policy")
    answer = browser.post("/ui/forms/change-policy", data={**hidden, "changes": "lost_contact_months=7"})
    assert answer.status_code == 303
    assert "<td>7</td>" in page_of(api, "admin", "/ui/admin/policy")


def test_a_token_is_shown_once_though_its_form_is_posted_twice(api: Api) -> None:
    def issued() -> int:
        return len(api.service.queries.audit(topic="liudong.credential.Issued", size=500).rows)

    before = issued()
    browser = logged_in(api, "admin")
    hidden = form_of(browser, f"/ui/forms/issue-token?officer_id={api.id('s1_officer')}")
    first, second = (browser.post("/ui/forms/issue-token", data=hidden) for _ in range(2))
    token = re.search(r'id="new-token">([^<]+)<', first.text)
    assert token and api.service.callers.caller(html.unescape(token.group(1))).id == api.id("s1_officer")
    assert 'id="new-token"' not in second.text and 'id="replayed"' in second.text
    assert issued() == before + 1, "issued once"
