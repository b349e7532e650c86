"""A real PostgreSQL 15 primary and a streaming-replication hot standby, built
for one test and thrown away afterwards, so read-replica code meets a replica
that really lags, really refuses writes and really runs recovery.

Debian only, as root: the primary is a `pg_createcluster` cluster (so
`pg_lsclusters` shows it and `pg_dropcluster` removes every file of it); the
standby is a `pg_basebackup -R` copy in a temporary directory. Names and ports
are picked at run time, so pytest-xdist workers each build their own pair.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

__all__ = ["StandbyPair", "primary_and_standby", "standby_available"]

VERSION = "15"
BIN = Path(f"/usr/lib/postgresql/{VERSION}/bin")
TOOLS = ("pg_createcluster", "pg_dropcluster", "runuser")

# Shared by both servers. Small memory so several pairs fit on one machine;
# fsync off because the data is thrown away; a hot standby needs
# max_connections and max_wal_senders at least as large as its primary's;
# hot_standby_feedback (read only by the standby) stops the primary from
# vacuuming away rows a standby query still reads, so DELETE and VACUUM there
# do not cancel it. It does not help with locks: a DROP or TRUNCATE on the
# primary of a table an open standby transaction has read waits 30 s
# (max_standby_streaming_delay) in replay, then ends that transaction.
# No TLS, which only slows each connection down.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "ssl": "off",
    "shared_buffers": "32MB",
    "max_connections": "60",
    "max_wal_senders": "4",
    "fsync": "off",
    "hot_standby_feedback": "on",
}


def standby_available() -> str | None:
    """None when this machine can build a pair, else the reason it cannot."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    missing += [str(BIN / tool) for tool in ("pg_ctl", "pg_basebackup") if not (BIN / tool).exists()]
    if missing:
        return "missing " + ", ".join(missing)
    if os.geteuid() != 0:
        return "must run as root to act as the postgres user"
    return None


@dataclass(frozen=True)
class StandbyPair:
    primary_url: str
    standby_url: str

    def lag_bytes(self) -> int:
        """How many bytes of WAL the primary has written that the standby has not replayed."""
        return _replay_gap(self.standby_url, _current_lsn(self.primary_url))

    def wait_replayed(self, timeout: float = 10) -> None:
        """Waits until the standby has replayed all the primary has written so far."""
        target = _current_lsn(self.primary_url)
        deadline = time.monotonic() + timeout
        while (gap := _replay_gap(self.standby_url, target)) > 0:
            if time.monotonic() > deadline:
                raise TimeoutError(f"standby still {gap} bytes behind {target} after {timeout}s")
            time.sleep(0.01)


@contextmanager
def primary_and_standby() -> Iterator[StandbyPair]:
    """Builds a primary and its hot standby; tears both down however the body ends."""
    name = f"liudong_{secrets.token_hex(4)}"
    primary_port, standby_port = _free_ports(2)
    with ExitStack() as cleanup:
        work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        cleanup.callback(shutil.rmtree, work, ignore_errors=True)
        shutil.chown(work, "postgres", "postgres")  # the servers write their logs and the standby here
        _start_primary(name, primary_port, work, cleanup)
        _start_standby(primary_port, standby_port, work, cleanup)
        yield StandbyPair(_url(primary_port), _url(standby_port))


def _start_primary(name: str, port: int, work: Path, cleanup: ExitStack) -> None:
    # --auth=trust leaves initdb's pg_hba.conf alone, which already trusts
    # 127.0.0.1 for both ordinary and replication connections.
    _run(["pg_createcluster", "-q", VERSION, name, "-p", str(port), "--start-conf=manual",
          "--", "--auth=trust", "--no-sync"], work)
    cleanup.callback(_run, ["pg_dropcluster", "--stop", VERSION, name], work)
    # Appended rather than passed with -o: pg_createcluster writes 127.0.0.1 unquoted,
    # which the server rejects. Later lines win, and pg_dropcluster removes this file.
    conf = Path(f"/etc/postgresql/{VERSION}/{name}/postgresql.conf")
    with conf.open("a") as file:
        file.write(_conf_lines(port))
    # pg_ctl directly, not pg_ctlcluster: the latter sleeps about 2 s probing the new server.
    data = Path(f"/var/lib/postgresql/{VERSION}/{name}")
    _pg_ctl_start(data, f"-c config_file={conf}", work / "primary.log", work)


def _start_standby(primary_port: int, port: int, work: Path, cleanup: ExitStack) -> None:
    data = work / "standby"
    # -R writes standby.signal and primary_conninfo; a fast checkpoint starts the copy at once.
    _run(_as_postgres("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
                      "-D", str(data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync", "--no-manifest"), work)
    # Debian keeps a cluster's configuration in /etc, so the copy has none of its own.
    _write_as_postgres(data / "postgresql.conf", _conf_lines(port))
    _write_as_postgres(data / "pg_hba.conf", "host all all 127.0.0.1/32 trust\n")
    _write_as_postgres(data / "pg_ident.conf", "")
    cleanup.callback(_run, _as_postgres("pg_ctl", "-D", str(data), "-m", "fast", "-w", "-s", "stop"), work, check=False)
    _pg_ctl_start(data, "", work / "standby.log", work)


def _pg_ctl_start(data: Path, options: str, log: Path, work: Path) -> None:
    command = _as_postgres("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-s", "start")
    command += ["-o", options] if options else []
    try:
        # A session of its own, so a Ctrl-C meant for pytest leaves the server to our teardown.
        _run(command, work, new_session=True)
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n{log.read_text(errors='replace') if log.exists() else ''}") from None


def _as_postgres(tool: str, *args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", str(BIN / tool), *args]


def _run(command: list[str], cwd: Path, check: bool = True, new_session: bool = False) -> None:
    # cwd is a directory the postgres user can enter; some tools complain otherwise.
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, start_new_session=new_session)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stdout}{done.stderr}")


def _write_as_postgres(path: Path, text: str) -> None:
    path.write_text(text)
    shutil.chown(path, "postgres", "postgres")


def _conf_lines(port: int) -> str:
    return "".join(f"{key} = {value}\n" for key, value in {**SETTINGS, "port": str(port)}.items())


def _free_ports(count: int) -> list[int]:
    # Held open together so the ports differ. Another process could still take
    # one before a server binds it; the kernel's random choice makes that rare.
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _url(port: int) -> str:
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def _current_lsn(primary_url: str) -> str:
    return str(_scalar(primary_url, "SELECT pg_current_wal_lsn()"))


def _replay_gap(standby_url: str, target: str) -> int:
    gap = _scalar(standby_url, "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", (target,))
    return max(0, int(gap))


def _scalar(url: str, query: str, params: tuple[str, ...] = ()) -> Any:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]
