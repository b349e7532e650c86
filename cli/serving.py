"""How `liudong serve` and `liudong run` serve the app, logging JSON lines (service/logs.py).

One process: uvicorn. Several: gunicorn with uvicorn's worker class, so that the
metrics stay true (api/routes/metrics.py): each worker writes its figures to a
directory of its own process id (PROMETHEUS_MULTIPROC_DIR, made here and removed
when the server stops), and gunicorn tells the client when a worker exits
(cli/gunicorn_conf.py), whose gauges then leave the sums. The variable must be
set before the client is imported, so gunicorn starts as a new program."""

from __future__ import annotations

import os
import sys
import tempfile

import uvicorn

from service.logs import logging_config

__all__ = ["serve_app"]

APP = "api.app:create_served_app"


def serve_app(host: str, port: int, workers: int, request_lines: bool) -> None:
    if workers <= 1:
        uvicorn.run(APP, factory=True, host=host, port=port, log_config=logging_config(request_lines),
                    access_log=False)
        return
    folder = tempfile.mkdtemp(prefix="liudong-metrics-")
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": folder, "LIUDONG_REQUEST_LINES": "1" if request_lines else "0"}
    command = [sys.executable, "-m", "gunicorn", "--config", "python:cli.gunicorn_conf", "--workers", str(workers),
               "--bind", f"{host}:{port}", f"{APP}()"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, env)
