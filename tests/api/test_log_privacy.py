"""The logs name no one (issue 19, item 2): a command of every kind runs through
the real app over HTTP, with names, ID numbers and phones in it, and the JSON
lines of `liudong` hold none of them: no personal value the events hold, and
no free text or number the requests sent."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.commands import ROUTES
from domain import commands
from domain.commands import (
    AppointOfficer, HandBackCertificate, IssueCertificate, RecordDeparture, RecordReportIn, RevealPersonalData,
)
from domain.handlers import HANDLERS
from domain.ledger import Ledger
from domain.rules import REPORT_IN_NO_MATCH
from service.logs import json_formatter
from tests.integrity.test_personal_data import personal_values
from tests.support.certificates import approved
from tests.support.county import SmallCounty, id_number, member_command
from tests.support.life import live_a_life
from tests.support.over_http import OverHttp, free_text
from tests.support.stores import NOW, Clock, open_store

# Exported, but no request runs one: the fields their kinds share.
BASES = {"Command", "CareCommand", "EnterpriseWorkerCommand", "InflowCommand"}
# Kinds no request runs, and why (their runs are not logged).
NOT_BY_REQUEST = {"RecordFullExport": "recorded by `liudong export --full` through the ledger, not Service.record"}
LOGGERS = ("liudong", "liudong.requests", "liudong.commands")
NAME, ID_NUMBER, PHONE = "欧阳春花", id_number(date(1979, 8, 15), 77), "13712345678"
AWAY_PHONE, EMPLOYER = "13698765432", "东莞某电子厂"


def kinds() -> set[str]:
    """Every kind of command: the exported subclasses of `Command` but the bases."""
    exported = {name for name in commands.__all__
                if isinstance(kind := getattr(commands, name), type) and issubclass(kind, commands.Command)}
    return exported - BASES


@contextmanager
def captured_log() -> Iterator[io.StringIO]:
    """The JSON lines of `liudong`'s loggers at INFO while inside (levels restored after)."""
    text, loggers = io.StringIO(), [logging.getLogger(name) for name in LOGGERS]
    handler = logging.StreamHandler(text)
    handler.setFormatter(json_formatter())
    levels = [logger.level for logger in loggers]
    loggers[0].addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.INFO)
    try:
        yield text
    finally:
        loggers[0].removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def forms(value: str) -> set[str]:
    """A value as a line could hold it: as is, percent-encoded (a path or query as
    sent) and JSON-escaped (a formatter that writes ASCII only)."""
    return {value, quote(value), json.dumps(value)[1:-1]}


def names_in(ledger: Ledger) -> set[str]:
    """Every name the events hold (officers, inflow members, organisations, issuers)."""
    found: set[str] = set()
    for notification in ledger.recorder.select_notifications(1, 10**7):
        event = vars(ledger.mapper.to_domain_event(notification))
        found |= {value for key, value in event.items() if key.endswith("name") and isinstance(value, str)}
    return found


def more_than_a_life(http: OverHttp, c: SmallCounty) -> None:
    """What the life leaves out: an officer appointed, a certificate handed back, both
    personal fields revealed, a report-in that finds no one, and reads naming a person."""
    http.execute(c.admin, AppointOfficer(name="司马建国", org_id=c.b2, role="officer"))
    registered = replace(member_command(c.b1, 77, birth=date(1979, 8, 15), name=NAME), phone=PHONE)
    member = http.execute(c.t1_officer, registered).subject_id
    assert member is not None
    http.execute(c.t1_officer, RecordDeparture(
        member_id=member, reason="外出务工", province="广东省", city="东莞市", industry="manufacturing",
        expected_months=12, contact_phone=AWAY_PHONE, employer=EMPLOYER, effective_on=date(2025, 1, 6)))
    http.execute(c.t1_officer, IssueCertificate(request_id=approved(http, c, member), number="511922-2025-00040"))
    http.execute(c.t1_officer, HandBackCertificate(number="511922-2025-00040", reason="returned"))
    revealed = http.execute(c.t1_officer, RevealPersonalData(member_id=member, fields=("id_number", "phone"),
                                                             reason="核实身份")).revealed
    assert revealed == {"id_number": ID_NUMBER, "phone": PHONE}
    unknown = id_number(date(1990, 1, 1), 999)
    refused = http.post(c.mb_officer, RecordReportIn(org_id=c.mb, id_number=unknown))
    assert refused.json()["detail"]["code"] == REPORT_IN_NO_MATCH.code
    assert http.get(c.t1_officer, "/register", name=NAME).json()["total"] == 1
    assert http.get(c.t1_officer, f"/members/{ID_NUMBER}").status_code == 422  # a path that is no member id


def test_no_name_id_number_or_phone_is_logged_by_a_command_of_any_kind(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path) as store, captured_log() as log:
        app = create_app(store.settings, Clock(NOW))
        with TestClient(app) as client:
            http = OverHttp(client, app.state.service)
            more_than_a_life(http, live_a_life(http))  # type: ignore[arg-type]
            numbers, names = personal_values(app.state.service.ledger)
            secrets = (numbers | names | names_in(app.state.service.ledger) | free_text(http.sent)) - {""}
        text = log.getvalue()
    lines: list[dict[str, Any]] = [json.loads(line) for line in text.splitlines()]
    requests = {line["request_id"]: line for line in lines if line["logger"] == "liudong.requests"}
    ran = [line for line in lines if line["logger"] == "liudong.commands"]
    # A command of every kind ran, each in a request and named by its line.
    assert kinds() == {kind.__name__ for kind in HANDLERS}
    assert kinds() - {route.command.__name__ for route in ROUTES} == set(NOT_BY_REQUEST)
    assert {line["command"] for line in ran} == kinds() - set(NOT_BY_REQUEST)
    for line in ran:
        assert line["officer_id"] and line["county"] == "511922" and line["outcome"] in ("recorded", "refused")
        assert requests[line["request_id"]]["command"] == line["command"]
    assert [(line["command"], line["code"]) for line in ran if line["outcome"] == "refused"] == \
        [("RecordReportIn", REPORT_IN_NO_MATCH.code)]
    assert {line["route"] for line in requests.values()} >= {"/register", "/members/{member_id}"}
    # Nothing a request sent, nor any personal value the events hold, is in the log.
    assert {NAME, ID_NUMBER, PHONE, AWAY_PHONE, EMPLOYER, "司马建国"} <= secrets and len(numbers) > 20
    assert sorted(value for value in secrets if any(form in text for form in forms(value))) == []
