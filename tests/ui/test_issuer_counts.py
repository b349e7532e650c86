"""The issuer counts on /ui/certificates (发证人统计) count every certificate
issued, not the first 1,000: after two real issues, 1,200 more rows are
written straight into the live certificates table (issuing them through
the ledger would take minutes), and the page's counts equal a COUNT over it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from projections.certificates import CERTIFICATE_COLUMNS
from tests.api.conftest import Api
from tests.support.certificates import holder
from tests.support.staff_pages import page_of
from tests.support.stores import Store, open_store

MORE = 1200


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The query is plain SQL, run on both stores by the API tests: the SQLite file is enough here."""
    with open_store("sqlite", tmp_path) as opened:
        yield opened


def test_the_issuer_counts_cover_every_certificate_issued(api: Api) -> None:
    ledger, county = api.service.ledger, api.county
    holder(ledger, county, 1)  # issued by the branch secretary (红旗村支书)
    holder(ledger, county, 2)
    api.sync()
    views = api.service.queries
    with views.store.transaction(views.generations.tables(views.generations.live())) as tx:
        tx.executemany(f"INSERT INTO {{certificates}} ({', '.join(CERTIFICATE_COLUMNS)}) "
                       f"VALUES ({','.join('?' * len(CERTIFICATE_COLUMNS))})",
                       [[{"number": f"test-{n:05d}", "cert_id": f"test-{n}", "issued_by": str(county.b1_officer),
                          "issuer_org": str(county.b1), "issued_on": "2025-03-01", "state": "handed_back",
                          "legacy": 0}.get(c) for c in CERTIFICATE_COLUMNS]
                        for n in range(MORE)])
    with views.reader() as tx:
        issued = tx.value("SELECT COUNT(*) AS n FROM {certificates} WHERE issued_by IS NOT NULL")
    assert issued == MORE + 2
    counts = views.issuer_counts()
    assert [(c["name"], c["org"], c["issued"]) for c in counts] == [("红旗村支书", "长赤镇红旗村党支部", MORE + 2)]
    html = page_of(api, "auditor", "/ui/certificates")
    assert re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td></tr>", html.split("发证人统计")[1]) == \
        [("红旗村支书", "长赤镇红旗村党支部", str(MORE + 2))]
