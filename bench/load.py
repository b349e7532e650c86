"""The projection lag's load generator (the other HTTP figures use wrk,
bench/wrk.py), run as its own process: N concurrent clients send requests
for a fixed time (or count); with --follow, each client then reads the
request's "follow" path until its field shows "expect" ("*": any value).

    python -m bench.load --url http://127.0.0.1:8000 --token T --clients 16 \
        --seconds 10 --plan plan.json

The plan is a JSON list of requests ({"method", "path", "json"?}); clients
take them in turn, round robin. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

import aiohttp

__all__ = ["percentile"]

FOLLOW_TIMEOUT = 10.0  # seconds: an effect not shown by then is reported, not waited for


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def _shown(value: Any, expect: Any) -> bool:
    """`expect` "*": any value at all (a field the command fills, whatever its value)."""
    return value not in (None, "") if expect == "*" else bool(value == expect)


async def _json(http: aiohttp.ClientSession, path: str) -> dict[str, Any]:
    async with http.get(path) as seen:
        return await seen.json()  # type: ignore[no-any-return]


async def run(url: str, token: str, clients: int, seconds: float, limit: int, plan: list[dict[str, Any]],
              follow: str | None) -> dict[str, Any]:
    latencies: list[float] = []
    lags: list[float] = []
    errors: dict[int, int] = {}
    unseen: list[str] = []  # effects never shown within FOLLOW_TIMEOUT
    next_request = 0
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(url, headers=headers, connector=connector) as http:
        async def client() -> None:
            nonlocal next_request
            while time.perf_counter() < deadline and next_request < limit:
                item = plan[next_request % len(plan)]
                next_request += 1
                started = time.perf_counter()
                async with http.request(item["method"], item["path"], json=item.get("json")) as response:
                    await response.read()
                    status = response.status
                answered = time.perf_counter()
                if status >= 400:
                    errors[status] = errors.get(status, 0) + 1
                    continue
                latencies.append(answered - started)
                if follow and "follow" in item:  # how long until the effect shows in the register
                    while not _shown((await _json(http, item["follow"])).get(follow), item["expect"]):
                        if time.perf_counter() - answered > FOLLOW_TIMEOUT:
                            unseen.append(item["follow"])
                            break
                    else:
                        lags.append(time.perf_counter() - answered)

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "seconds": elapsed, "per_second": len(latencies) / elapsed,
            "p50_ms": 1000 * percentile(latencies, 0.5), "p99_ms": 1000 * percentile(latencies, 0.99),
            "lag_p99_ms": 1000 * percentile(lags, 0.99) if lags else None, "errors": errors, "unseen": unseen}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--follow", default=None, help="a field of the followed resource to compare")
    args = parser.parse_args()
    with open(args.plan, encoding="utf-8") as handle:
        plan = json.load(handle)
    print(json.dumps(asyncio.run(run(args.url, args.token, args.clients, args.seconds, args.limit, plan,
                                     args.follow))))


if __name__ == "__main__":
    main()
