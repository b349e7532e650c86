"""The flags of items 7 and 8 of the member lifecycle, for `projections.queries.flags`:
`no_liaison` (an away member with nobody named to keep in touch, 落实专人负责)
and `removal_due` (membership stopped `removal_after_months` ago, and the
member not reached since: 按自行脱党除名 may be proposed). The software flags,
people decide (docs/figures.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from domain.fields import add_months
from domain.policy import Policy
from domain.vocab import EndReason
from projections.store import Tx

__all__ = ["membership_flags", "stopped_rows"]

Add = Callable[..., None]  # the collecting function of `FlagQueries.flags`


def stopped_rows(tx: Tx, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """The members of a subtree (`where` on `{register} r`) whose membership is stopped."""
    return tx.all("SELECT r.*, t.name AS township_name FROM {register} r "
                  "LEFT JOIN {orgs} t ON t.org_id = r.township_id "
                  f"WHERE r.ended = ? AND {where}", [EndReason.STOPPED.value, *params])


def membership_flags(away: list[dict[str, Any]], stopped: list[dict[str, Any]], day: date, policy: Policy,
                     add: Add) -> None:
    for row in away:
        if not row["liaison"]:
            add("no_liaison", row, f"{row['departed_on']}外出，未指定联系人")
    months = policy.removal_after_months
    for row in stopped:
        stopped_on = date.fromisoformat(row["ended_on"])
        due = add_months(stopped_on, months)
        reached = row["last_reached_on"]
        if day >= due and not (reached and reached > row["ended_on"]):
            add("removal_due", row, f"{stopped_on}停止党籍，至{due}满{months}个月，其后未取得联系", months=months)
