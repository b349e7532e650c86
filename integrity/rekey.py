"""Key rotation: events still encrypted under an old key are rewritten under
the current one. The plaintext does not change, so neither do their leaves
and seals; once `rekey` has run, the old key can be destroyed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["rekey"]

BATCH = 1000


def rekey(recorder: Any, progress: Callable[[int], None] = lambda n: None) -> int:
    cipher = recorder.sealer.leaves.mapper.cipher
    schema = getattr(recorder.datastore, "schema", None)
    table = f'"{schema}".{recorder.events_table_name}' if schema else recorder.events_table_name
    mark = "%s" if schema else "?"
    update = f"UPDATE {table} SET state = {mark} WHERE originator_id = {mark} AND originator_version = {mark}"
    rewritten, start = 0, 1
    while batch := recorder.select_notifications(start, BATCH):
        stale = [(cipher.encrypt(cipher.decrypt(n.state)), n.originator_id if schema else n.originator_id.hex,
                  n.originator_version) for n in batch if not cipher.is_current(n.state)]
        if stale:
            with recorder.datastore.transaction(commit=True) as cursor:
                cursor.executemany(update, stale)
            rewritten += len(stale)
        progress(len(batch))
        start = batch[-1].id + 1
    return rewritten
