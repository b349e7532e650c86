"""`make bench-growth`: the growth rows, outside the 20 minutes of `make bench`.
The demo county at scale/10 and at scale, each in a store of its own; a
rebuild of each in a process of its own (bench/child.py: time, peak RSS);
the register query's p99 in process on each.

    python -m bench.growth [--stores sqlite,postgres] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import END, bench_store, env_for
from bench.load import percentile
from bench.report import Figure, console, show, write_json
from demo import load_demo
from service.bootstrap import build_service
from service.settings import Settings

__all__ = ["growth", "main", "register_p99"]


def _loaded(settings: Settings, scale: float) -> None:
    service = build_service(settings)
    load_demo(service.ledger, end=END, scale=scale)
    service.close()


def growth(kind: str, scale: float) -> list[Figure]:
    runs = {}
    with bench_store(kind, "small") as small, bench_store(kind, "big") as big:
        for label, settings, size in (("small", small, scale / 10), ("big", big, scale)):
            _loaded(settings, size)
            done = subprocess.run([sys.executable, "-m", "bench.child"], env=env_for(settings),
                                  capture_output=True, text=True, check=True)
            runs[label] = json.loads(done.stdout)
            runs[label]["p99"] = register_p99(settings)
    events = runs["big"]["events"] / runs["small"]["events"]
    seconds = runs["big"]["seconds"] / runs["small"]["seconds"]
    memory = runs["big"]["max_rss_mb"] / runs["small"]["max_rss_mb"]
    p99 = runs["big"]["p99"] / runs["small"]["p99"]
    sizes = f"{runs['small']['events']} → {runs['big']['events']} events (×{events:.1f})"
    return [
        Figure(kind, "growth: rebuild time", seconds, "× time", None, f"≤ 1.1 × events (×{1.1 * events:.1f})",
               seconds <= 1.1 * events, f"{sizes}; {runs['small']['seconds']:.1f} s → {runs['big']['seconds']:.1f} s"),
        Figure(kind, "growth: rebuild peak memory", memory, "× RSS", None, "≤ 1.2×", memory <= 1.2,
               f"{sizes}; {runs['small']['max_rss_mb']:.0f} MB → {runs['big']['max_rss_mb']:.0f} MB"),
        Figure(kind, "growth: register query p99", p99, "× p99", None, "≤ 1.2× (must not grow)", p99 <= 1.2,
               f"{sizes}; in-process register page (township, status) "
               f"{1000 * runs['small']['p99']:.2f} ms → {1000 * runs['big']['p99']:.2f} ms"),
    ]


def register_p99(settings: Settings) -> float:
    service = build_service(settings)
    townships = [o["org_id"] for o in service.queries.organisations() if o["kind"] == "township_committee"]
    times = []
    for i in range(300):
        started = time.perf_counter()
        service.queries.register(org_id=townships[i % len(townships)], status="reported_in", size=50)
        times.append(time.perf_counter() - started)
    service.close()
    return percentile(times, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json", default="bench/growth.json")
    args = parser.parse_args()
    figures: list[Figure] = []
    for kind in args.stores.split(","):
        console.print(f"[bold]{kind}[/bold] growth …")
        figures += growth(kind, args.scale)
    show(figures)
    write_json(figures, Path(args.json))


if __name__ == "__main__":
    main()
