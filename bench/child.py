"""A rebuild in a process of its own, to measure its time and peak memory:

    python -m bench.child   (store from the environment, like `liudong`)

prints {"events", "seconds", "max_rss_mb"}.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from service.bootstrap import build_service
from service.settings import get_settings


def main() -> None:
    service = build_service(get_settings())
    events = service.ledger.recorder.max_notification_id() or 0
    started = time.perf_counter()
    service.runner.rebuild(grace=0)
    seconds = time.perf_counter() - started
    service.close()
    rss = _peak_rss_mb()
    print(json.dumps({"events": events, "seconds": seconds, "max_rss_mb": rss}))


def _peak_rss_mb() -> float:
    """This process's own peak (VmHWM). Not `ru_maxrss`: Linux carries it over `exec` from the
    process that started this one, so a child spawned by a parent that had just loaded the big
    store reported the parent's ~300 MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


if __name__ == "__main__":
    main()
