"""Request counts, latencies and sync counters, in Prometheus' text format: one process's, or with
`linggong server --workers N` (PROMETHEUS_MULTIPROC_DIR set) every worker's added up."""

from __future__ import annotations

import os
import threading

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# The *_created series say when each counter was made: noise for a scrape of request counts.
disable_created_metrics()


class Metrics:
    def __init__(self) -> None:
        # A registry per instance: the tests make many apps in one process.
        self.registry = CollectorRegistry(auto_describe=True)
        self.multiprocess = bool(os.environ.get(MULTIPROC_ENV))
        self._lock = threading.Lock()
        self._requests = Counter(
            "linggong_http_requests",
            "HTTP requests by method, route and status.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self._seconds = Histogram(
            "linggong_http_request_seconds",
            "Time to answer a request.",
            ("method", "route"),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self._counters: dict[str, Counter] = {}

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        self._requests.labels(method, path, str(status)).inc()
        self._seconds.labels(method, path).observe(seconds)

    def count(self, name: str, n: int = 1) -> None:
        counter = self._counters.get(name)
        if counter is None:
            with self._lock:
                counter = self._counters.get(name)
                if counter is None:
                    counter = Counter(name, name.removeprefix("linggong_").replace("_", " "), registry=self.registry)
                    self._counters[name] = counter
        counter.inc(n)

    def render(self) -> str:
        if not self.multiprocess:
            return generate_latest(self.registry).decode("utf-8")
        # Every worker's files, this one's included, added up at each scrape.
        whole = CollectorRegistry()
        MultiProcessCollector(whole)
        return generate_latest(whole).decode("utf-8")
