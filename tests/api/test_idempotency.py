"""Idempotency-Key: a retry gets the first answer and stores nothing; the
same key for another request is refused; eight racing retries store one
event. On both stores."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from service.idempotency import TABLE
from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, head, member


def test_a_retry_gets_the_first_answer_and_stores_nothing(api: Api) -> None:
    m = member(api)
    first = api.post("b1_officer", f"/members/{m}/departures", AWAY, **{"Idempotency-Key": "dep-1"})
    assert first.status_code == 201
    stored = head(api)
    again = api.post("b1_officer", f"/members/{m}/departures", AWAY, **{"Idempotency-Key": "dep-1"})
    assert again.status_code == 200
    assert {**first.json(), "replayed": True} == {**again.json(), "token": None, "revealed": None}
    assert head(api) == stored


def test_a_key_used_for_another_request_is_refused(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY, **{"Idempotency-Key": "k"}))
    stored = head(api)
    other = api.post("b1_officer", f"/members/{m}/contacts", {"method": "phone", "outcome": "reached"},
                     **{"Idempotency-Key": "k"})
    assert other.status_code == 409 and other.json()["detail"]["code"] == "idempotency.reused"
    assert head(api) == stored
    mine = api.post("t1_officer", f"/members/{m}/contacts", {"method": "phone", "outcome": "reached"},
                    **{"Idempotency-Key": "k"})  # keys belong to one officer
    assert mine.status_code == 201


def test_eight_racing_retries_store_one_event_and_get_one_answer(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    before = head(api)

    def contact(_: int) -> tuple[int, dict[str, object]]:
        response = api.post("b1_officer", f"/members/{m}/contacts", {"method": "visit", "outcome": "reached"},
                            **{"Idempotency-Key": "visit-2025-06-01"})
        return response.status_code, response.json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(contact, range(8)))
    stored = [n.id for n in api.service.ledger.recorder.select_notifications(before + 1, 100)]
    assert len(stored) == 1  # positions may skip numbers: attempts that lost the race used some
    assert sorted(status for status, _ in answers) == [200] * 7 + [201]
    assert {tuple(body["positions"]) for _, body in answers} == {(stored[0],)}  # type: ignore[arg-type]


def test_the_record_keeps_no_personal_data(api: Api) -> None:
    created(api.post("t1_officer", "/members", {**MEMBER, "branch_id": str(api.county.b1)},
                     **{"Idempotency-Key": "register-zhang"}))
    with api.service.store.read() as tx:
        rows = tx.all(f"SELECT * FROM {TABLE}")
    assert len(rows) == 1 and rows[0]["key"] == "register-zhang"
    assert MEMBER["id_number"] not in str(rows) and MEMBER["phone"] not in str(rows)
