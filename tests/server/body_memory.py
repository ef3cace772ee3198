"""Sends a 300 MB body to /api/v1/enrol of a server in its own process and prints the server's memory
before and after (run by hand: python -m tests.server.body_memory [code root] [MB])."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from server.net import free_port, listening

SERVE = """
import sys, uvicorn
from server.api import create_app
from server.store import make_engine, upgrade
from server.vault import make_keys
keys = make_keys()
engine = make_engine(sys.argv[1]); upgrade(engine, keys)
uvicorn.run(create_app(engine, keys), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def send(port: int, megabytes: int, chunked: bool) -> str:
    """The status line the server answered, or how the connection ended."""
    chunk = b"x" * (1024 * 1024)
    head = "POST /api/v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {megabytes * len(chunk)}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
        try:
            sock.sendall(head.encode())
            for _ in range(megabytes):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early and closed: it read no more
        try:
            return sock.recv(4096).split(b"\r\n", 1)[0].decode()
        except (ConnectionResetError, TimeoutError) as exc:
            return type(exc).__name__


def main() -> None:
    root = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[2])
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": root}
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, f"sqlite:///{tmp}/server.db", str(port)], env=env, cwd=tmp
        )
        try:
            deadline = time.monotonic() + 30
            while not listening("127.0.0.1", port):
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start")
                time.sleep(0.1)
            before = rss_mb(proc.pid)
            peak = before
            done = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.wait(0.05):
                    peak = max(peak, rss_mb(proc.pid))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            for chunked in (False, True):
                started = time.monotonic()
                status = send(port, megabytes, chunked)
                kind = "chunked" if chunked else "Content-Length"
                print(f"{megabytes} MB {kind}: {status!r} in {time.monotonic() - started:.1f} s")
            done.set()
            sampler.join()
            after = rss_mb(proc.pid)
            print(f"server RSS before {before:.0f} MB, after {after:.0f} MB (highest seen {max(peak, after):.0f} MB)")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
