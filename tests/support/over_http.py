"""A ledger whose `execute` is a POST to the app: the test stories written for
`ledger.execute` (tests/support/life.py) run every command through the HTTP
route of its kind, as its actor, and so through `Service.record`; a kind with
no route runs as the CLI runs it, on the ledger. Everything else (set-up
batches, loads) goes to the service's ledger as it is. Every path, query and
body sent is kept, for a test to look for what it held."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from api.routes.commands import ROUTES
from domain.command_batch import Outcome
from domain.commands import Command, IssueToken
from service.process import Service

__all__ = ["OverHttp", "free_text"]

PATHS = {route.command: route.path for route in ROUTES}
PATH_NAME = re.compile(r"{(\w+)}")
FREE_TEXT = re.compile(r"[^\x00-\x7f]|\d{7}")  # a character beyond ASCII, or seven digits in a row
AN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def free_text(value: Any) -> set[str]:
    """Every string in `value` that holds text beyond ASCII (names, notes, places) or
    seven digits in a row (ID and phone numbers), also inside lists and objects; not
    an aggregate's id (a log line names officers by theirs)."""
    if isinstance(value, str):
        return {value} if FREE_TEXT.search(value) and not AN_ID.fullmatch(value) else set()
    if isinstance(value, dict):
        return set().union(*map(free_text, value.keys()), *map(free_text, value.values()))
    if isinstance(value, list | tuple):
        return set().union(*map(free_text, value))
    return set()


class OverHttp:
    """`execute(actor, command)` as a POST with the actor's token (issued on its
    first command, straight through the ledger); a refusal fails the test."""

    def __init__(self, client: TestClient, service: Service):
        self.client, self.service = client, service
        self.admin: UUID | None = None
        self.tokens: dict[UUID, str] = {}
        self.sent: list[Any] = []  # every path, query and body, as sent

    def __getattr__(self, name: str) -> Any:
        return getattr(self.service.ledger, name)

    def initialise(self, *args: Any, **kwargs: Any) -> Outcome:
        founded = self.service.ledger.initialise(*args, **kwargs)
        assert founded.subject_id is not None and founded.token is not None
        self.admin, self.tokens[founded.subject_id] = founded.subject_id, founded.token
        return founded

    def execute(self, actor: UUID, command: Command) -> Outcome:
        if type(command) not in PATHS:  # e.g. RecordFullExport, by `liudong export --full`
            self.sent.append(jsonable_encoder(command))
            return self.service.ledger.execute(actor, command)
        answer = self.post(actor, command)
        assert answer.status_code == 201, (type(command).__name__, answer.status_code, answer.json())
        body = answer.json()
        return Outcome(tuple(body["positions"]), UUID(body["subject_id"]) if body["subject_id"] else None,
                       body["version"], body["token"], body["revealed"], body["replayed"])

    def post(self, actor: UUID, command: Command) -> Any:
        """The command's POST, as `actor`, whatever its answer."""
        values = jsonable_encoder(command)
        path = PATH_NAME.sub(lambda name: str(values.pop(name[1])), PATHS[type(command)])
        self.sent += [path, values]
        return self.client.post(path, json=values, headers=self.headers(actor))

    def get(self, actor: UUID, path: str, **params: Any) -> Any:
        self.sent += [path, params]
        return self.client.get(path, params=params, headers=self.headers(actor))

    def headers(self, actor: UUID) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(actor)}"}

    def token(self, actor: UUID) -> str:
        if actor not in self.tokens:
            assert self.admin is not None, "the county is initialised first"
            issued = self.service.ledger.execute(self.admin, IssueToken(officer_id=actor))
            assert issued.token is not None and self.service.queries.wait_for(issued.last_position, timeout=10)
            self.tokens[actor] = issued.token
        return self.tokens[actor]
