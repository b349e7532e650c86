"""docs/events.md stays true: every event, its fields and every rule are there."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from domain import rules
from domain.base import LedgerCreated, LedgerEvent
from domain.handlers import HANDLERS
from domain.ledger import Ledger  # noqa: F401  (imports every aggregate)
from domain.vocab import Role

CATALOGUE = (Path(__file__).parents[2] / "docs" / "events.md").read_text(encoding="utf-8")
COMMON = {f.name for f in dataclasses.fields(LedgerCreated)}


def event_classes() -> list[type[LedgerEvent]]:
    found, todo = [], [LedgerEvent]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__dict__.get("TOPIC"):
                found.append(sub)
    return sorted(found, key=lambda c: c.TOPIC)


def section(topic: str) -> str:
    match = re.search(rf"^### `{re.escape(topic)}`.*?(?=^##)", CATALOGUE, re.S | re.M)
    assert match, f"docs/events.md has no section for {topic}"
    return match.group(0)


@pytest.mark.parametrize("event_class", event_classes(), ids=lambda c: c.TOPIC)
def test_every_event_is_catalogued_with_its_fields(event_class: type[LedgerEvent]) -> None:
    text = section(event_class.TOPIC)
    assert event_class.label in text
    for field in dataclasses.fields(event_class):  # type: ignore[arg-type]
        if field.name not in COMMON:
            assert f"`{field.name}`" in text, f"{event_class.TOPIC}: field {field.name}"
    for name in event_class.correctable:
        assert f"`{name}`" in text, f"{event_class.TOPIC}: correctable {name}"


@pytest.mark.parametrize("code", sorted(rules.ALL))
def test_every_rule_is_catalogued(code: str) -> None:
    assert f"`{code}`" in CATALOGUE


def test_stored_names_are_unique_and_pinned() -> None:
    topics = [c.TOPIC for c in event_classes()]
    assert len(topics) == len(set(topics))
    assert all(t.startswith("liudong.") for t in topics)


def test_the_role_table_in_the_catalogue_is_the_handler_table() -> None:
    names = {Role.COUNTY_ADMIN: "county admin", Role.OFFICER: "officer", Role.INFLOW_OFFICER: "inflow officer"}
    for command, (_, roles) in HANDLERS.items():
        allowed = ", ".join(names[r] for r in names if r in roles)
        assert f"| `{command.__name__}` | {command.label} | {allowed} |" in CATALOGUE, command.__name__
    assert Role.AUDITOR not in {role for _, roles in HANDLERS.values() for role in roles}  # auditors record nothing
