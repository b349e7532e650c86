"""`make bench`: every figure on SQLite and on PostgreSQL, each beside a
baseline measured in the same run (the HTTP ones beside the stack's
ceiling), printed as one table. Growth: `make bench-growth` (bench/growth.py).

    python -m bench.run [--stores sqlite,postgres] [--scale 1.0] [--seconds 4]

Both sides of a ratio use the same durability (SQLite synchronous=FULL in WAL
mode; PostgreSQL synchronous_commit on) and share the machine's cores with
the load generator, wrk, which runs as its own process (bench/wrk.py).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.figures import measure
from bench.report import Figure, console, show, write_json

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each wrk run")
    parser.add_argument("--json", default="bench/latest.json")
    args = parser.parse_args()
    figures: list[Figure] = []
    started = time.perf_counter()
    for kind in args.stores.split(","):
        console.print(f"[bold]{kind}[/bold] …")
        figures += measure(kind, args.scale, args.seconds)
        write_json(figures, Path(args.json))  # a store's rows kept as soon as they are measured
    show(figures)
    console.print(f"bench: {(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
