"""What the service counts for Prometheus (`prometheus-client`): commands by type
and outcome, the group commit's sizes, the connection pools, and, read from the
store when scraped, each county's log head, sealed head and views' positions and lag.

Counters and histograms live in the client's registry; with several worker
processes `liudong serve` gives the client a directory (PROMETHEUS_MULTIPROC_DIR)
before this module is imported, and each process writes its own files there.
The store's figures are the same whichever process answers the scrape, so they
are read then (`StoreFigures`), not kept per process."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from integrity.tables import SealReader

if TYPE_CHECKING:
    from service.process import Service

__all__ = ["COMMANDS", "GROUP_SIZES", "StoreFigures", "note_pools"]

COMMANDS = Counter("liudong_commands", "办理的命令：按县、命令类型与结果（recorded 已记录、replayed 重复请求、"
                   "refused 被规则拒绝、behind 已记录但视图未及时更新、failed 出错）", ["county", "type", "outcome"])
GROUP_SIZES = Histogram("liudong_group_commit_size", "每次合并提交所含的命令数",
                        buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512))
POOL = Gauge("liudong_pool_connections", "PostgreSQL 连接池：size 已开连接、available 空闲、waiting 等待连接的请求",
             ["pool", "state"], multiprocess_mode="livesum")
POOL_EVERY = 1.0  # seconds between two readings of a process's pools
_pools_noted = 0.0


def note_pools(services: Callable[[], dict[str, Service]], now: bool = False) -> None:
    """Notes this process's pools at most once a second as requests end, and `now` at a scrape:
    a gauge per process, summed over the living ones, so a worker that exits leaves no stale share."""
    global _pools_noted
    moment = time.monotonic()
    if not now and moment - _pools_noted < POOL_EVERY:
        return
    _pools_noted = moment
    seen: dict[int, Any] = {}
    for service in services().values():
        for datastore in (service.ledger.recorder.datastore, service.store.datastore):
            pool = getattr(datastore, "pool", None)
            if hasattr(inner := getattr(pool, "_pool", None), "get_stats"):
                pool = inner  # a county's borrowed share of the deployment's pool (service/shared_pool.py)
            if pool is not None and hasattr(pool, "get_stats"):
                seen[id(pool)] = pool
    for pool in seen.values():
        stats = pool.get_stats()
        for state, key in (("size", "pool_size"), ("available", "pool_available"), ("waiting", "requests_waiting")):
            POOL.labels(pool.name, state).set(stats.get(key, 0))


class StoreFigures(Collector):
    """Each county's log head, sealed head and views, read from its store at each scrape."""

    def __init__(self, services: Callable[[], dict[str, Service]]):
        self.services = services

    def collect(self) -> Iterator[GaugeMetricFamily]:
        head = GaugeMetricFamily("liudong_log_head_position", "日志最新记录的位置", labels=["county"])
        sealed = GaugeMetricFamily("liudong_sealed_head_position", "已封印的最新记录的位置", labels=["county"])
        size = GaugeMetricFamily("liudong_sealed_tree_size", "已封印的记录数（检查点的树大小）", labels=["county"])
        position = GaugeMetricFamily("liudong_view_position", "视图已处理到的位置", labels=["county", "view"])
        lag = GaugeMetricFamily("liudong_view_lag_events", "视图落后日志的记录数", labels=["county", "view"])
        seconds = GaugeMetricFamily("liudong_view_lag_seconds", "视图尚未处理的最早记录已等待的秒数（追上则为 0）",
                                    labels=["county", "view"])
        failing = GaugeMetricFamily("liudong_view_failing", "视图更新出错（1）或正常（0）", labels=["county", "view"])
        for code, service in self.services().items():
            log_head = service.ledger.recorder.max_notification_id() or 0
            reader = SealReader(service.ledger.recorder)
            last = reader.head()
            head.add_metric([code], log_head)
            sealed.add_metric([code], last.position if last else 0)
            size.add_metric([code], last.seq + 1 if last else 0)
            waited: dict[int, float] = {}  # by position: views often stand at the same one
            for view, status in service.runner.status().items():
                at = int(status["position"])  # type: ignore[call-overload]
                if at < log_head and at not in waited:
                    waited[at] = _waited(reader, at)
                position.add_metric([code, view], at)
                lag.add_metric([code, view], max(log_head - at, 0))
                seconds.add_metric([code, view], waited.get(at, 0.0))
                failing.add_metric([code, view], 1 if status["failing"] else 0)
        yield from (head, sealed, size, position, lag, seconds, failing)


def _waited(reader: SealReader, position: int) -> float:
    oldest = reader.first_after(position)
    if oldest is None:
        return 0.0
    return max((datetime.now(UTC) - datetime.fromisoformat(oldest.sealed_at)).total_seconds(), 0.0)
