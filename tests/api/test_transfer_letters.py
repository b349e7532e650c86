"""Transfer letters through HTTP: issued to a branch of the county, printed from
/ui on A4 (stub, letter, receipt), received by the number it bears; refusals
answer with their rule and store nothing. On both stores."""

from __future__ import annotations

from datetime import date

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, member, refused
from tests.api.test_pages_sessions import login, visitor
from tests.support.county import id_number

NUMBER = "南组转〔2025〕8号"


def test_a_letter_to_a_branch_of_the_county_is_issued_printed_and_received(api: Api) -> None:
    c, m = api.county, member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    letters = f"/members/{m}/transfer-letters"
    refused(api, lambda: api.post("t1_officer", letters, {"to_org_id": str(c.b2), "to_org_name": "某街道工委"}),
            422, "transfer.receiver", "to_org_id")
    refused(api, lambda: api.post("t1_officer", letters, {"to_org_id": str(c.t2)}), 422, "transfer.receiver_kind")
    issued = created(api.post("t1_officer", letters, {"to_org_id": str(c.b2), "letter_number": NUMBER}))
    assert len(issued["positions"]) == 2, "the letter, and its number taken in the county"
    row = api.get("t1_officer", f"/members/{m}").json()
    assert (row["letter_number"], row["letter_to"], row["letter_to_id"]) == (NUMBER, "赤溪镇新民村党支部", str(c.b2))
    other = created(api.post("t1_officer", "/members", {**MEMBER, "id_number": id_number(date(1985, 3, 4), 2),
                                                        "branch_id": str(c.b1)}))["subject_id"]
    refused(api, lambda: api.post("t1_officer", f"/members/{other}/transfer-letters",
                                  {"to_org_name": "某街道工委", "letter_number": NUMBER}), 409, "transfer.number_used")

    browser = visitor(api)
    login(browser, api.tokens["b1_officer"])
    assert f'href="/ui/members/{m}/letter"' in browser.get(f"/ui/members/{m}").text
    sheet = browser.get(f"/ui/members/{m}/letter")
    assert sheet.status_code == 200 and "default-src 'self'" in sheet.headers["Content-Security-Policy"]
    for part in ("（存根）", "中国共产党党员组织关系介绍信回执", f'<span class="no">{NUMBER}</span>',
                 "组织关系由长赤镇红旗村党支部转到赤溪镇新民村党支部", "有效期90天（至2025年8月30日）",
                 "开具人：长赤镇干事（中共长赤镇委员会）", "身份证号码**************", "尚未收到回执"):
        assert part in sheet.text, part
    assert "size: A4" in browser.get("/ui/static/letter.css").text
    assert browser.get(f"/ui/members/{other}/letter").status_code == 404

    receipts = f"/members/{m}/transfer-receipts"
    refused(api, lambda: api.post("b1_officer", receipts, {"letter_number": "南组转〔2025〕9号"}), 422,
            "transfer.receipt_number", "letter_number")
    created(api.post("b1_officer", receipts, {"letter_number": NUMBER}))
    row = api.get("admin", f"/members/{m}").json()
    assert (row["status"], row["branch_id"], row["township_name"], row["receipt_on"]) == \
        ("away", str(c.b2), "中共赤溪镇委员会", "2025-06-01")
    assert browser.get(f"/ui/members/{m}/letter").status_code == 403, "赤溪镇's member now"
    receiving = visitor(api)
    login(receiving, api.tokens["t2_officer"])
    assert "回执已于2025年6月1日登记" in receiving.get(f"/ui/members/{m}/letter").text


def test_the_printed_letter_escapes_what_was_typed(api: Api) -> None:
    m = member(api)
    created(api.post("t1_officer", f"/members/{m}/transfer-letters", {"to_org_name": "<b>某街道</b>工委"}))
    browser = visitor(api)
    login(browser, api.tokens["t1_officer"])
    text = browser.get(f"/ui/members/{m}/letter").text
    assert "&lt;b&gt;某街道&lt;/b&gt;工委" in text and "<b>某街道" not in text
    assert '<span class="no">511922-20250601-001</span>' in text
