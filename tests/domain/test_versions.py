"""Every event says which version of its stored form it is, and can read each
older one (docs/events.md, "Changing an event")."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain.base import LedgerEvent
from domain.ledger import Ledger
from domain.member_events import ContactRecorded, Departed
from tests.domain.test_catalogue import event_classes
from tests.support.stores import NOW


@pytest.mark.parametrize("event_class", event_classes(), ids=lambda c: c.TOPIC)
def test_every_event_declares_its_version_and_an_upcast_for_each_step_below_it(
        event_class: type[LedgerEvent]) -> None:
    version = event_class.__dict__.get("class_version")
    assert isinstance(version, int) and version >= 1, f"{event_class.TOPIC} declares no class_version"
    for step in range(1, version):
        upcast = event_class.__dict__.get(f"upcast_v{step}_v{step + 1}")
        assert isinstance(upcast, staticmethod), f"{event_class.TOPIC}: no upcast_v{step}_v{step + 1} of its own"
    assert f"upcast_v{version}_v{version + 1}" not in vars(event_class), "an upcast above the version"


@pytest.mark.parametrize("event_class", event_classes(), ids=lambda c: c.TOPIC)
def test_renamed_fields_are_retired_and_lead_to_a_field_of_the_event(event_class: type[LedgerEvent]) -> None:
    fields = {f.name for f in dataclasses.fields(event_class)}  # type: ignore[arg-type]
    for old in event_class.renamed:
        assert old not in fields, f"{event_class.TOPIC}: the retired name {old} is used again"
        assert set(event_class.current_names({old: 1})) <= fields, f"{event_class.TOPIC}: {old} leads nowhere"


def stored_state(ledger: Ledger, event: LedgerEvent) -> dict[str, Any]:
    """The state as the store holds it (decrypted), not as read back."""
    stored = ledger.mapper.to_stored_event(event)
    return ledger.mapper.transcoder.decode(stored.state)  # type: ignore[no-any-return]


def event(cls: type[LedgerEvent], **fields: Any) -> LedgerEvent:
    return cls(originator_id=uuid4(), originator_version=2, timestamp=NOW, actor="officer",  # type: ignore[call-arg]
               actor_org=None, effective_on=date(2025, 5, 1), **fields)


def test_a_version_1_event_is_stored_without_a_version_so_its_bytes_do_not_change(ledger: Ledger) -> None:
    departed = event(Departed, reason="务工", province="四川省", city="成都市", address="", industry="other",
                     employer="", expected_months=6, contact_phone="13900001111")
    assert "class_version" not in stored_state(ledger, departed)


def test_a_contact_is_stored_at_version_2_and_one_stored_at_version_1_reads_as_unrecorded(ledger: Ledger) -> None:
    contact = event(ContactRecorded, method="phone", outcome="reached", lost_reason=None, note="",
                    initiated_by="member")
    state = stored_state(ledger, contact)
    assert state["class_version"] >= 2 and state["initiated_by"] == "member"  # v3 (made_by): test_membership.py
    assert ledger.mapper.to_domain_event(ledger.mapper.to_stored_event(contact)) == contact
    del state["class_version"], state["initiated_by"]  # what version 1 stored
    old = dataclasses.replace(ledger.mapper.to_stored_event(contact), state=ledger.mapper.transcoder.encode(state))
    read = ledger.mapper.to_domain_event(old)
    assert isinstance(read, ContactRecorded) and read.initiated_by == "unrecorded"
    assert dataclasses.replace(read, initiated_by="member") == contact

