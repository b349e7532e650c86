"""Thousands of events quickly: members who leave, report in, pay dues,
keep contact and come back, recorded in batches through the same rules."""

from __future__ import annotations

from datetime import date

from domain.commands import Command, RecordContact, RecordDeparture, RecordDues, RecordReportIn, RecordReturn
from domain.ledger import Ledger
from tests.support.county import SmallCounty, member_command

__all__ = ["populate"]


def populate(ledger: Ledger, county: SmallCounty, members: int, first_seq: int = 100) -> int:
    """About 10 events per member; returns the position of the last one."""
    commands: list[tuple[object, Command]] = []
    officer = county.t1_officer
    for seq in range(first_seq, first_seq + members):
        branch = county.b1 if seq % 2 else county.b1b
        register = member_command(branch, seq, birth=date(1960 + seq % 30, 1 + seq % 12, 1 + seq % 28))
        member_id = ledger.member_id_for(register.id_number)
        commands += [(county.admin, register),
                     (officer, RecordDeparture(member_id=member_id, reason="务工", province="四川省",
                                               city=("成都市", "绵阳市", "德阳市")[seq % 3], industry="construction",
                                               expected_months=8, contact_phone="13900001111",
                                               effective_on=date(2024, 1, 10))),
                     (officer, RecordReportIn(member_id=member_id, org_id=county.mb, effective_on=date(2024, 1, 20)))]
        commands += [(officer, RecordDues(member_id=member_id, months=(f"2024-{m:02d}",), amount_fen=20,
                                          collector="home", basis="minimal", effective_on=date(2024, m, 15)))
                     for m in range(1, 6)]
        commands += [(officer, RecordContact(member_id=member_id, method="phone", outcome="reached",
                                             effective_on=date(2024, 6, 1)))]
        if seq % 3 == 0:
            commands.append((officer, RecordReturn(member_id=member_id, effective_on=date(2024, 7, 1))))
    for start in range(0, len(commands), 400):
        batch = ledger.batch(isolated=False)
        for actor, command in commands[start:start + 400]:
            batch.run(actor, command)
        batch.save()
    return ledger.recorder.max_notification_id() or 0
