"""`liudong serve --workers 2` as real processes (gunicorn, uvicorn's worker class):
/metrics sums both workers' counts whichever answers; when a worker dies, its
live gauges leave the sums (the pools' share, on PostgreSQL) and its counts stay;
the logs are JSON lines that echo the request ids; the metrics' directory goes
when the server stops (cli/serving.py, cli/gunicorn_conf.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.support.helpers import cli_env, liudong
from tests.support.network import free_port
from tests.support.stores import Store

TOKEN = "metrics-" + "0123456789abcdef" * 3


def until(found: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not found():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.1)


def livez_count(client: httpx.Client) -> float:
    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.name == "liudong_http_requests_total" and s.labels["route"] == "/livez")


def workers_of(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def answers(client: httpx.Client) -> bool:
    try:
        return client.get("/livez").status_code == 200
    except httpx.TransportError:
        return False


def test_two_workers_keep_the_metrics_true(store: Store, tmp_path: Path) -> None:
    env = {**cli_env(store), "LIUDONG_METRICS_TOKEN": TOKEN}
    initialised = liudong(env, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明")
    assert initialised.returncode == 0, initialised.stderr
    admin = initialised.stdout.strip().splitlines()[-1]
    port, log = free_port(), tmp_path / "server.log"
    with log.open("w") as err:
        server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--workers", "2", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=err)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        until(lambda: answers(client) and len(workers_of(server.pid)) == 2)
        folder = Path(dict(line.split("=", 1) for line in Path(f"/proc/{server.pid}/environ").read_text()
                           .split("\0") if "=" in line)["PROMETHEUS_MULTIPROC_DIR"])
        base = livez_count(client)
        for number in range(20):
            assert client.get("/livez", headers={"X-Request-ID": f"probe-{number}"}).headers["x-request-id"] \
                == f"probe-{number}"
        assert client.get("/register", headers={"Authorization": f"Bearer {admin}"}).status_code == 200
        assert {livez_count(client) for _ in range(4)} == {base + 20}  # the same sum from either worker
        dead = next(pid for pid in workers_of(server.pid) if (folder / f"counter_{pid}.db").exists())  # one that served
        if store.kind == "postgres":  # a worker notes its pools as it serves: a live gauge per process
            until(lambda: (folder / f"gauge_livesum_{dead}.db").exists(), 10)
        os.kill(dead, signal.SIGKILL)
        until(lambda: dead not in workers_of(server.pid) and len(workers_of(server.pid)) == 2)
        until(lambda: not (folder / f"gauge_livesum_{dead}.db").exists(), 10)  # the hook ran
        until(lambda: answers(client))
        assert (folder / f"counter_{dead}.db").exists()  # a dead worker's counts are history: kept
        assert livez_count(client) >= base + 20
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert not folder.exists()
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    requests = [line for line in lines if line.get("logger") == "liudong.requests"]
    assert {f"probe-{number}" for number in range(20)} <= {line["request_id"] for line in requests}
    register = next(line for line in requests if line["route"] == "/register")
    assert register["status"] == 200 and register["officer_id"] and register["county"] == "511922"
    assert all({"time", "level", "duration_ms", "method"} <= line.keys() for line in requests)
