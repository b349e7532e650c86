"""Activities view (活动记录): one row per activity an organisation recorded, and one
row per attendance derived from it (`activity_attendees`).

Attendees come from the attendees' own events (参加组织生活 carrying the activity's
id), not from the activity's list: an attendance voided on its own (a person listed
by mistake) leaves the activity, and voiding the activity voids them all
(`domain.activity_attendance`). Each row keeps the position of its event, which is
what a correction or a void cites. Attendance recorded for one member alone at an
organisation (before activity records, or still so) is kept as the day that organisation
met (`org_attendance`), which `no_quarterly_activity` counts. Names are read from the register and the
流入党员台账 when asked (`projections.queries.activities`), never stored twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.activity import ActivityRecorded
from domain.base import Corrected, Voided
from domain.inflow_events import InflowActivityAttended
from domain.member_events import ActivityAttended
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["ACTIVITY_COLUMNS", "ActivitiesView", "activity_row", "quarter_of"]

ACTIVITY_COLUMNS = ("activity_id", "org_id", "kind", "topic", "place", "organiser", "held_on", "quarter",
                    "recorded_at", "actor", "position")
_CORRECTABLE = ("topic", "place", "organiser")


def quarter_of(day: date) -> str:
    """2026Q3: the calendar quarter a day falls in."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def activity_row(event: ActivityRecorded, position: int | None) -> dict[str, Any]:
    return {"activity_id": str(event.originator_id), "org_id": str(event.org_id), "kind": event.kind,
            "topic": event.topic, "place": event.place, "organiser": event.organiser,
            "held_on": event.effective_on.isoformat(), "quarter": quarter_of(event.effective_on),
            "recorded_at": event.recorded_at.isoformat(), "actor": event.actor, "position": position}


class ActivitiesView(View):
    name = "activities"
    tables = {
        "activities": "activity_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, topic TEXT NOT NULL, "
                      "place TEXT NOT NULL, organiser TEXT NOT NULL, held_on TEXT NOT NULL, quarter TEXT NOT NULL, "
                      "recorded_at TEXT NOT NULL, actor TEXT NOT NULL, position INTEGER",
        "activity_attendees": "activity_id TEXT NOT NULL, attendee_kind TEXT NOT NULL, attendee_id TEXT NOT NULL, "
                              "held_on TEXT NOT NULL, position INTEGER NOT NULL, "
                              "PRIMARY KEY (activity_id, attendee_kind, attendee_id)",
        "org_attendance": "position INTEGER PRIMARY KEY, org_id TEXT NOT NULL, held_on TEXT NOT NULL",
    }
    indexes = (("activities", "org_id, held_on"), ("activities", "quarter"), ("activity_attendees", "attendee_id"),
               ("org_attendance", "held_on"))
    # A void or a correction names its target by position: looked up while applying events.
    lookups = (("activities", "position"), ("activity_attendees", "position"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        for position, event in batch.events:
            if isinstance(event, ActivityRecorded):
                row = activity_row(event, position)
                tx.execute(f"INSERT INTO {{activities}} ({', '.join(ACTIVITY_COLUMNS)}) VALUES "
                           f"({','.join('?' * len(ACTIVITY_COLUMNS))})", [row[c] for c in ACTIVITY_COLUMNS])
            elif isinstance(event, (ActivityAttended, InflowActivityAttended)) and event.activity_id is not None:
                kind = "member" if isinstance(event, ActivityAttended) else "inflow_member"
                tx.execute("INSERT INTO {activity_attendees} VALUES (?,?,?,?,?)",
                           [str(event.activity_id), kind, str(event.originator_id), event.effective_on.isoformat(),
                            position])
            elif isinstance(event, ActivityAttended) and event.org_id is not None:  # recorded for one member alone
                tx.execute("INSERT INTO {org_attendance} VALUES (?,?,?)",
                           [position, str(event.org_id), event.effective_on.isoformat()])
            elif isinstance(event, Voided):
                self._voided(tx, event.target_position)
            elif isinstance(event, Corrected) and "effective_on" in event.changes:  # an older attendance's day
                tx.execute("UPDATE {org_attendance} SET held_on = ? WHERE position = ?",
                           [str(event.changes["effective_on"]), event.target_position])
            elif isinstance(event, Corrected) and any(k in event.changes for k in _CORRECTABLE):
                changes = {k: v for k, v in event.changes.items() if k in _CORRECTABLE}
                tx.execute(f"UPDATE {{activities}} SET {', '.join(f'{k} = ?' for k in changes)} WHERE position = ?",
                           [*changes.values(), event.target_position])

    @staticmethod
    def _voided(tx: Tx, target: int) -> None:
        """An attendance voided on its own leaves its activity; a voided activity goes with its rows."""
        tx.execute("DELETE FROM {activity_attendees} WHERE position = ?", [target])
        tx.execute("DELETE FROM {org_attendance} WHERE position = ?", [target])
        activity = tx.one("SELECT activity_id FROM {activities} WHERE position = ?", [target])
        if activity is not None:
            tx.execute("DELETE FROM {activity_attendees} WHERE activity_id = ?", [activity["activity_id"]])
            tx.execute("DELETE FROM {activities} WHERE activity_id = ?", [activity["activity_id"]])
