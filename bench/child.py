"""A rebuild in a process of its own, to measure its time and peak memory:

    python -m bench.child   (store from the environment, like `liudong`)

prints {"events", "seconds", "max_rss_mb"}.
"""

from __future__ import annotations

import json
import resource
import time

from service.bootstrap import build_service
from service.settings import get_settings


def main() -> None:
    service = build_service(get_settings())
    events = service.ledger.recorder.max_notification_id() or 0
    started = time.perf_counter()
    service.runner.rebuild(grace=0)
    seconds = time.perf_counter() - started
    service.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"events": events, "seconds": seconds, "max_rss_mb": rss}))


if __name__ == "__main__":
    main()
