"""The views' tables for one past day, built in memory from the aggregates'
states on that day by the same row functions the live views use; queries
read them through the same SQL as the live generation."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from threading import Lock
from typing import Any
from uuid import UUID

from domain.certificate import Certificate
from domain.certificate_request import CertificateRequest
from domain.inflow_member import InflowMember
from domain.member import Member
from domain.officer import Officer
from domain.organisation import Organisation
from projections.certificates import CertificatesView
from projections.directory import DirectoryView
from projections.dues import DuesView
from projections.inflow import InflowView, inflow_row
from projections.register import RegisterView, register_row
from projections.register_row import COLUMNS
from projections.store import Tx

__all__ = ["Snapshot"]

VIEWS = (DirectoryView, CertificatesView, RegisterView, InflowView, DuesView)


class _Memory:
    """What `Tx` asks of its store."""

    is_postgres = False


class Snapshot:
    """Tables `orgs`, `officers`, `requests`, `certificates`, `register` as they stood."""

    def __init__(self, states: dict[UUID, Any]):
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.row_factory = sqlite3.Row
        self.lock = Lock()
        self.tables = {name: name for view in VIEWS for name in view.tables}
        with self.transaction() as tx:
            for view in VIEWS:
                for name, columns in view.tables.items():
                    tx.execute(f"CREATE TABLE {name} ({columns})")
            self._fill(tx, states)
            for view in VIEWS:
                for number, (table, columns) in enumerate((*view.indexes, *view.lookups)):
                    tx.execute(f"CREATE INDEX {table}_{number} ON {table} ({columns})")

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        with self.lock:
            cursor = self.connection.cursor()
            try:
                yield Tx(_Memory(), cursor, self.tables)  # type: ignore[arg-type]
            finally:
                cursor.close()

    @staticmethod
    def _fill(tx: Tx, states: dict[UUID, Any]) -> None:
        by_kind: dict[type, list[Any]] = {}
        for state in states.values():
            by_kind.setdefault(type(state), []).append(state)
        orgs = {o.id: o for o in by_kind.get(Organisation, [])}
        for org in orgs.values():
            DirectoryView._write_org(tx, org)  # noqa: SLF001 - the view's own row, for a past day
        for officer in by_kind.get(Officer, []):
            DirectoryView._write_officer(tx, officer)  # noqa: SLF001
        for request in by_kind.get(CertificateRequest, []):
            for fact in request.facts:
                CertificatesView._request(tx, fact)  # noqa: SLF001
        certificates = CertificatesView()
        for cert in by_kind.get(Certificate, []):
            certificates._write(tx, cert)  # noqa: SLF001
        rows = []
        for member in by_kind.get(Member, []):
            row = register_row(member, orgs.get)  # as the live view: 基层党委, handovers
            rows.append([row[c] for c in COLUMNS])
        tx.executemany(f"INSERT INTO {{register}} ({', '.join(COLUMNS)}) VALUES ({','.join('?' * len(COLUMNS))})",
                       rows)
        InflowView.write(tx, [inflow_row(m) for m in by_kind.get(InflowMember, [])])
        for member in by_kind.get(Member, []):  # 党费台账 as of the day (log positions not kept here)
            if member.dues_payments or member.dues_reductions:
                DuesView.write(tx, member.id, list(member.dues_payments), list(member.dues_reductions), {})
