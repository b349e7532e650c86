"""The servers the HTTP figures meet, each a process of its own on a free
port: the service as `liudong serve --no-access-log` runs it, the ceiling
(bench/ceiling_app.py) and the CRUD baseline (bench/crud_app.py), both
served by uvicorn with the same settings (bench/ceiling_app.py `serve`)."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

__all__ = ["CEILING", "CRUD", "SERVICE", "Served", "free_port", "served"]

SERVICE = [sys.executable, "-m", "cli.main", "serve", "--no-access-log"]
CEILING = [sys.executable, "-m", "bench.ceiling_app"]
CRUD = [sys.executable, "-m", "bench.ceiling_app", "--factory", "bench.crud_app:create_app"]


@dataclass(frozen=True)
class Served:
    url: str
    pid: int

    def stack(self) -> str:
        """The event loop and HTTP parser the process runs, from the libraries it has loaded
        (uvicorn's "auto" takes uvloop and httptools when they can be imported)."""
        maps = Path(f"/proc/{self.pid}/maps").read_text()
        loop = "uvloop" if "/uvloop/" in maps else "asyncio"
        http = "httptools" if "/httptools/" in maps else "h11"
        return f"{loop} + {http}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(command: list[str], env: dict[str, str], ready: str = "/docs") -> Iterator[Served]:
    """The server started and answering `ready`; stopped (SIGTERM, its lifespan's end) afterwards."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:  # a file, not a pipe: a chatty server never blocks on it
        process = subprocess.Popen([*command, "--port", str(port)], env=env, stdout=log, stderr=log, text=True)
        try:
            yield Served(_answering(f"http://127.0.0.1:{port}", ready, process, log), process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answering(url: str, ready: str, process: subprocess.Popen[str], log: IO[str]) -> str:
    for _ in range(1200):
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{' '.join(map(str, process.args))} stopped: {log.read()[-3000:]}")  # type: ignore[arg-type]
        try:
            httpx.get(f"{url}{ready}", timeout=1)
            return url
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer within 120 s")
