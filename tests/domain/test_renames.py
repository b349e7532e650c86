"""A renamed field and the corrections that cite it by its old name: a
throwaway event (`remark` in version 1, `text` in version 2), stored as the
old code wrote it, then read by the new code."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import text
from domain.ledger import Ledger
from tests.support.stores import NOW

CTX = Ctx("officer", None, NOW.date(), NOW)


class Noted(LedgerCreated):
    """No TOPIC: a test's event stays out of the catalogue."""

    class_version = 2  # v2: `remark` renamed `text`
    renamed = {"remark": "text"}
    correctable = {"text": text("内容")}
    text: str

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["text"] = state.pop("remark")


class Notebook(LedgerAggregate):
    def __init__(self) -> None:
        self.text = ""

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _noted(self, e: Noted) -> None:
        self.text = e.text


def as_version_1(ledger: Ledger, event: LedgerEvent) -> StoredEvent:
    """The event as the code before the rename stored it."""
    stored = ledger.mapper.to_stored_event(event)
    state = ledger.mapper.transcoder.decode(stored.state)
    state.pop("class_version", None)
    if "text" in state:
        state["remark"] = state.pop("text")
    if "changes" in state:
        state["changes"] = {"remark": state["changes"]["text"]}
    return StoredEvent(originator_id=stored.originator_id, originator_version=stored.originator_version,
                       topic=stored.topic, state=ledger.mapper.transcoder.encode(state))


def stored_before_the_rename(ledger: Ledger) -> Any:
    """A note and a correction of it, both written by the old code."""
    book = Notebook._start(Noted, CTX, uuid4(), text="初稿")
    book.correct(CTX, position=1, version=1, changes={"text": "定稿"}, reason="改写")
    ledger.recorder.insert_events([as_version_1(ledger, e) for e in book.collect_events()])
    return book.id


def test_a_correction_citing_a_renamed_field_still_applies_to_it(ledger: Ledger) -> None:
    book_id = stored_before_the_rename(ledger)
    stored = ledger.recorder.select_events(book_id)
    assert b"remark" in stored[1].state and b"text" not in stored[1].state  # the old name, as written
    assert ledger.repository.get(book_id).text == "定稿"


def test_without_the_rename_table_the_old_correction_cannot_be_read(
        ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    book_id = stored_before_the_rename(ledger)
    monkeypatch.setattr(Noted, "renamed", {})
    with pytest.raises(TypeError, match="remark"):
        ledger.repository.get(book_id)


def test_a_correction_recorded_after_the_rename_uses_the_new_name(ledger: Ledger) -> None:
    book_id = stored_before_the_rename(ledger)
    book = ledger.repository.get(book_id)
    book.correct(CTX, position=2, version=1, changes={"text": "再改"}, reason="再改写")
    ledger.save(book)
    assert ledger.repository.get(book_id, version=3).text == "再改"


def test_a_chain_of_renames_and_a_dropped_field_are_followed() -> None:
    class Twice(Noted):
        renamed = {"remark": "comment", "comment": "text", "colour": None}

    assert Twice.current_names({"remark": "a", "colour": "red"}) == {"text": "a"}
    assert Twice.current_names({"comment": "c"}) == {"text": "c"}
