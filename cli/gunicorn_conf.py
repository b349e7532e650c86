"""gunicorn's settings for `liudong serve --workers N` (cli/serving.py): uvicorn's
worker class, JSON logs, and the metrics' bookkeeping of workers that exit."""

from __future__ import annotations

import os
import shutil
from typing import Any

from prometheus_client import multiprocess

from service.logs import logging_config

worker_class = "uvicorn_worker.UvicornWorker"
logconfig_dict = logging_config(requests=os.environ.get("LIUDONG_REQUEST_LINES", "1") == "1")
graceful_timeout = 15  # a worker's lifespan stops its views' runner (up to 10 s)
timeout = 120  # a worker that answers no heartbeat this long is restarted (a long export runs in a thread)


def child_exit(server: Any, worker: Any) -> None:
    """A worker exited (stopped, or died): its live gauges leave the sums at once."""
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Any) -> None:
    """The server stopped: the metrics' directory goes with it (a new start makes a new one)."""
    shutil.rmtree(os.environ.get("PROMETHEUS_MULTIPROC_DIR", ""), ignore_errors=True)
