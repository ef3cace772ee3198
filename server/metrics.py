"""Request counts, latencies and sync counters of this instance, in Prometheus' text format."""

from __future__ import annotations

import threading
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._hist: dict[tuple[str, str], list[int]] = {}
        self._sum: dict[tuple[str, str], float] = defaultdict(float)
        self._counters: dict[str, int] = defaultdict(int)

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(method, path, str(status))] += 1
            key = (method, path)
            buckets = self._hist.setdefault(key, [0] * (len(BUCKETS) + 1))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            buckets[-1] += 1
            self._sum[key] += seconds

    def count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counters[name] += n

    def render(self) -> str:
        out = [
            "# HELP linggong_http_requests_total HTTP requests by method, route and status.",
            "# TYPE linggong_http_requests_total counter",
        ]
        with self._lock:
            for (method, path, status), n in sorted(self._requests.items()):
                out.append(f'linggong_http_requests_total{{method="{method}",route="{path}",status="{status}"}} {n}')
            out += [
                "# HELP linggong_http_request_seconds Time to answer a request.",
                "# TYPE linggong_http_request_seconds histogram",
            ]
            for (method, path), buckets in sorted(self._hist.items()):
                labels = f'method="{method}",route="{path}"'
                for bound, n in zip(BUCKETS, buckets, strict=False):
                    out.append(f'linggong_http_request_seconds_bucket{{{labels},le="{bound}"}} {n}')
                out.append(f'linggong_http_request_seconds_bucket{{{labels},le="+Inf"}} {buckets[-1]}')
                out.append(f"linggong_http_request_seconds_sum{{{labels}}} {self._sum[(method, path)]:.6f}")
                out.append(f"linggong_http_request_seconds_count{{{labels}}} {buckets[-1]}")
            for name, n in sorted(self._counters.items()):
                out += [f"# TYPE {name} counter", f"{name} {n}"]
        return "\n".join(out) + "\n"
