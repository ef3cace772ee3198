"""Ports and addresses, for the bench, the server tests and the build's smoke test (standard library
only, so the smoke test runs from any Python)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on now (another program could still take it before it is used)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(host: str, port: int) -> bool:
    """Whether something accepts connections at host:port (a database server, say) within a second."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False
