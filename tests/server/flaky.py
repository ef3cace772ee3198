"""A TCP proxy between a station and the server that misbehaves on purpose: it cuts connections in
the middle of a request or of a response, or answers 429/503 with Retry-After itself."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from dataclasses import dataclass, field

BUSY = (
    b"HTTP/1.1 %d Busy\r\nRetry-After: 1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
    b"Connection: close\r\n\r\n{}"
)


@dataclass
class FlakyProxy:
    target_port: int
    seed: int = 1
    # chances per connection
    cut_request: float = 0.0
    cut_response: float = 0.0
    busy: float = 0.0
    port: int = 0
    stats: dict[str, int] = field(default_factory=lambda: {"cut_request": 0, "cut_response": 0, "busy": 0, "ok": 0})

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def calm(self) -> None:
        self.cut_request = self.cut_response = self.busy = 0.0

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close alone does not)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                roll = self._rng.random()
                cut_at = self._rng.randint(1, 4000)
            if roll < self.busy:
                mode = "busy"
            elif roll < self.busy + self.cut_request:
                mode = "cut_request"
            elif roll < self.busy + self.cut_request + self.cut_response:
                mode = "cut_response"
            else:
                mode = "ok"
            self.stats[mode] += 1
            threading.Thread(target=self._serve, args=(client, mode, cut_at), daemon=True).start()

    def _serve(self, client: socket.socket, mode: str, cut_at: int) -> None:
        try:
            if mode == "busy":
                with client:
                    client.recv(65536)
                    client.sendall(BUSY % self._rng.choice((429, 503)))
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        up_limit = cut_at if mode == "cut_request" else None
        down_limit = cut_at if mode == "cut_response" else None
        t = threading.Thread(target=self._pipe, args=(client, upstream, up_limit), daemon=True)
        t.start()
        self._pipe(upstream, client, down_limit)
        t.join(timeout=30)

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) >= limit:
                    dst.sendall(data[: max(0, limit - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
