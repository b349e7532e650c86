"""The API, the dashboard page and the export's 统计 sheet give the same
figures for the same scope and day; the dashboard's 应发未发 count is the
length of the list it links to. Pages are read with the app's own client
(a session cookie), not a browser: what is compared is text."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.api.conftest import Api
from tests.support.coverage_stories import DAY, tell_stories
from tests.support.staff_pages import page_of
from tests.support.stores import Clock

TILES = {"members": "members", "away": "away", "holding": "holding", "lapsed": "lapsed",
         "holding-rate": "holding_rate", "eligible-holding-rate": "eligible_holding_rate", "missing": "missing",
         "reported-in-rate": "reported_in_rate", "lost-contact-rate": "lost_contact_rate",
         "contact-rate": "contact_rate"}
SHEET = {"在册党员": "members", "外出党员": "away", "持有效活动证": "holding", "年审逾期": "lapsed",
         "持证率（%）": "holding_rate", "应发活动证": "eligible", "应发且持证": "eligible_holding",
         "应发持证率（%）": "eligible_holding_rate", "应发未发": "missing", "已报到": "reported_in",
         "报到率（%）": "reported_in_rate", "失联": "lost_contact", "失联率（%）": "lost_contact_rate",
         "近期联系": "contacted_recently", "联系率（%）": "contact_rate"}


def tiles(html: str) -> dict[str, Any]:
    """Each tile's figure by its id: a number, a rate (without %) or None for —."""
    found = {}
    for tile, key in TILES.items():
        text = re.search(rf'<strong id="{tile}">(?:<a [^>]*>)?([^<]*)<', html).group(1)  # type: ignore[union-attr]
        found[key] = None if text == "—" else float(text.rstrip("%")) if "." in text else int(text)
    return found


def sheet_figures(site: Api, who: str) -> dict[str, Any]:
    book = load_workbook(io.BytesIO(site.get(who, "/register.xlsx").content))
    rows = list(book["统计"].iter_rows(values_only=True))
    found = {SHEET[r[0]]: r[1] for r in rows if r and r[0] in SHEET}
    found["as_of"] = next(r[1] for r in rows if r and r[0] == "统计日期")
    return found


@pytest.mark.parametrize("who", ["admin", "t1_officer"])
def test_the_api_the_dashboard_and_the_export_agree(api: Api, clock: Clock, who: str) -> None:
    tell_stories(api.service.ledger, api.county, clock)
    api.sync()
    stats = api.get(who, "/statistics").json()
    assert stats["as_of"] == DAY.isoformat()
    html = page_of(api, who, "/ui/dashboard")
    assert f"（截至 {DAY}）" in html
    assert tiles(html) == {key: stats[key] for key in TILES.values()}
    assert sheet_figures(api, who) == {**{key: stats[key] for key in SHEET.values()}, "as_of": stats["as_of"]}
    listed = api.get(who, "/certificates/missing", size=1).json()["total"]
    assert stats["missing"] == listed == stats["eligible"] - stats["eligible_holding"] > 0
    assert f"共 {listed} 名党员" in page_of(api, who, "/ui/certificates/missing")
    townships = re.findall(r"<tr><td>(中共[^<]*)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", html)
    assert townships == [(t["township_name"], str(t["members"]), str(t["away"]), str(t["holding"]))
                         for t in stats["by_township"]]
