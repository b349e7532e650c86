"""wrk (C, LuaJIT scripts in bench/lua/) as the bench's load generator: one
run is one wrk process, whose script prints one JSON line in done(). Any
answer other than 2xx/3xx, and any socket error or timeout, fails the run
loudly: a figure is never made of refusals.

    Plan([Request("GET", "/register?...", token), ...])  # written to a file, one request a line
    run_wrk(url, plan, connections=32, seconds=4)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LUA", "Request", "WrkFailed", "WrkRun", "plan_file", "run_wrk", "wrk_binary"]

LUA = Path(__file__).parent / "lua"
TIMEOUT = "10s"  # wrk's own default (2 s) would turn a slow answer into an error instead of a latency


class WrkFailed(RuntimeError):
    """wrk could not run, or the server refused or dropped requests."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str
    body: str = ""  # JSON, for a POST

    def line(self) -> str:
        if any(c in f"{self.path}{self.token}{self.body}" for c in "\t\n"):
            raise ValueError(f"a request line cannot hold a tab or a newline: {self}")
        return f"{self.method}\t{self.path}\t{self.token}\t{self.body}"


@dataclass(frozen=True)
class WrkRun:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    bytes: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkFailed("wrk is not installed: `apt-get install wrk` (Debian package wrk), or run `make bench`")
    return found


@contextmanager
def plan_file(requests: list[Request]) -> Iterator[Path]:
    """The requests as the file the Lua scripts read, one request a line."""
    with tempfile.NamedTemporaryFile("w", suffix=".plan", encoding="utf-8", delete=False) as handle:
        handle.write("\n".join(r.line() for r in requests) + "\n")
    try:
        yield Path(handle.name)
    finally:
        Path(handle.name).unlink()


def start_wrk(url: str, plan: Path, connections: int, seconds: float,
              rate: float | None = None) -> subprocess.Popen[str]:
    """wrk started in the background (one thread: the box's cores are the server's too).
    With `rate`, bench/lua/paced.lua holds that many requests a second."""
    script, extra = ("paced.lua", [str(rate)]) if rate else ("rotate.lua", [])
    command = [wrk_binary(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", TIMEOUT,
               "-s", str(LUA / script), url, "--", str(plan), uuid.uuid4().hex[:12], *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_wrk(process: subprocess.Popen[str]) -> WrkRun:
    """The run's figures; raises WrkFailed on any error the run met."""
    out, err = process.communicate()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        raise WrkFailed(f"wrk failed ({process.returncode}): {err.strip() or out.strip()}")
    done = json.loads(lines[-1])
    errors = {k: done[k] for k in ("connect", "read", "write", "status", "timeout") if done[k]}
    if errors or done["requests"] == 0:
        raise WrkFailed(f"wrk met errors {errors} in {done['requests']} requests "
                        "(status: answers other than 2xx/3xx); the figure is not valid")
    return WrkRun(requests=done["requests"], seconds=done["duration_us"] / 1e6, p50_ms=done["p50_us"] / 1000,
                  p99_ms=done["p99_us"] / 1000, max_ms=done["max_us"] / 1000, bytes=done["bytes"])


def run_wrk(url: str, plan: Path, connections: int, seconds: float, rate: float | None = None) -> WrkRun:
    return finish_wrk(start_wrk(url, plan, connections, seconds, rate))
