"""How a station reaches the server and who may listen in: HTTPS with a certificate the enrolment code
pins, plain http only to this machine or when asked, revocation at once, /metrics behind its own
token and whole across workers, no API docs served."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from app.cli import main as linggong
from app.errors import SyncError, SyncKind
from app.station import open_station
from app.sync.client import SyncClient, enroll, read_pin, read_token
from app.sync.transport import join_code, pinned_context, split_code
from server import admin
from server.api import create_app
from server.net import free_port
from server.store import make_engine, upgrade
from server.tls import ensure_self_signed, fingerprint_file, spaced
from server.vault import make_keys
from tests.server.conftest import LiveServer, start_server
from tests.server.helpers import quick_transport

KEYS = make_keys()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite is enough where the database plays no part (the transport)."""
    e = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    upgrade(e, KEYS)
    yield e
    e.dispose()


def _pull(url: str, token: str) -> httpx.Response:
    return httpx.get(url + "/api/v1/sync/pull", headers={"Authorization": f"Bearer {token}"})


def _push(url: str, token: str) -> httpx.Response:
    return httpx.post(
        url + "/api/v1/sync/push",
        headers={"Authorization": f"Bearer {token}"},
        json={"station_time_ms": 0, "changes": []},
    )


def test_a_revoked_or_recoded_station_is_refused_on_its_very_next_request(live_server: LiveServer) -> None:
    engine = live_server.engine
    new = admin.add_station(engine, "观山湖区零工市场", "520100")
    e = admin.enrol(engine, new.enrol_code, b"k" * 32, keys=KEYS)
    assert _pull(live_server.url, e.token).status_code == 200
    assert _push(live_server.url, e.token).status_code == 200  # the server now knows the token
    admin.revoke_station(engine, e.code)
    r = _pull(live_server.url, e.token)
    assert r.status_code == 403 and r.json()["detail"]["code"] == "revoked"
    # A push is asked again in its own transaction, however well the server knew the token; then
    # the token is forgotten, and the next push is refused before its body is read.
    r = _push(live_server.url, e.token)
    assert r.status_code == 403 and r.json()["detail"]["code"] == "revoked"
    r = httpx.post(
        live_server.url + "/api/v1/sync/push",
        headers={"Authorization": f"Bearer {e.token}", "Content-Type": "application/json"},
        content=b"{not json at all",
    )
    assert r.status_code == 403 and r.json()["detail"]["code"] == "revoked"

    again = admin.enrol(engine, admin.new_enrol_code(engine, e.code).enrol_code, b"k" * 32, keys=KEYS)
    assert _pull(live_server.url, again.token).status_code == 200
    # A new code (the counter PC was replaced, or stolen): the token in hand stops at once.
    assert _push(live_server.url, again.token).status_code == 200
    admin.new_enrol_code(engine, e.code)
    r = _pull(live_server.url, again.token)
    assert r.status_code == 401 and "登记码" in r.json()["detail"]["message"]
    r = _push(live_server.url, again.token)
    assert r.status_code == 401 and "登记码" in r.json()["detail"]["message"]


def test_a_push_with_a_token_no_station_holds_is_refused_before_its_body_is_read(live_server: LiveServer) -> None:
    r = httpx.post(
        live_server.url + "/api/v1/sync/push",
        headers={"Authorization": "Bearer not-a-token", "Content-Type": "application/json"},
        content=b"{not json at all",
    )
    # 401, not the 422 a body that cannot be read gets: nobody unknown makes the server parse.
    assert r.status_code == 401 and r.json()["detail"]["code"] == "unknown_station"


def test_metrics_ask_for_their_own_token_and_no_api_docs_are_served(engine: Engine) -> None:
    new = admin.add_station(engine, "观山湖区零工市场", "520100")
    station_token = admin.enrol(engine, new.enrol_code, b"k" * 32, keys=KEYS).token
    srv = start_server(engine, KEYS, metrics_token="metrics-secret")
    try:
        assert httpx.get(srv.url + "/healthz").status_code == 200
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {station_token}"}):
            r = httpx.get(srv.url + "/metrics", headers=headers)
            assert r.status_code == 401 and r.json()["detail"]["message"], headers
        r = httpx.get(srv.url + "/metrics", headers={"Authorization": "Bearer metrics-secret"})
        assert r.status_code == 200
        assert 'linggong_http_requests_total{method="GET",route="/healthz",status="200"} 1.0' in r.text
        assert "linggong_http_request_seconds_bucket" in r.text
        for path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
            assert httpx.get(srv.url + path).status_code == 404, path
    finally:
        srv.stop()
    # A server given no metrics token has no metrics to show.
    srv = start_server(engine, KEYS)
    try:
        assert httpx.get(srv.url + "/metrics", headers={"Authorization": "Bearer x"}).status_code == 404
    finally:
        srv.stop()
    # The document is still there for the tests and the fuzzer, in-process.
    assert "/api/v1/sync/push" in create_app(engine, KEYS).openapi()["paths"]


def test_the_server_serves_https_with_a_self_signed_certificate_made_once(tmp_path: Path, engine: Engine) -> None:
    cert, key = ensure_self_signed(tmp_path / "server")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    fingerprint = fingerprint_file(cert)
    assert ensure_self_signed(tmp_path / "server") == (cert, key) and fingerprint_file(cert) == fingerprint
    srv = start_server(engine, KEYS, tls=(cert, key))
    try:
        ctx = ssl.create_default_context()
        ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as raw, ctx.wrap_socket(raw) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
            assert hashlib.sha256(tls.getpeercert(binary_form=True) or b"").hexdigest() == fingerprint
            tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: server\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := tls.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200") and b'"ok"' in answer
        # Nothing is served in clear on the TLS port.
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{srv.port}/healthz", timeout=5)
    finally:
        srv.stop()


def test_the_station_pins_the_certificate_at_enrolment_and_at_every_sync(tmp_path: Path, engine: Engine) -> None:
    cert, key = ensure_self_signed(tmp_path / "server")
    fingerprint = fingerprint_file(cert)
    srv = start_server(engine, KEYS, tls=(cert, key))
    new = admin.add_station(engine, "观山湖区零工市场", "520100")
    station = open_station(tmp_path / "counter")
    keys = station.data.keys
    try:
        # Someone else's certificate at the server's address: refused before the code is sent
        # (it still works below).
        with pytest.raises(SyncError, match="证书与登记时记下的不符") as refused:
            enroll(station, srv.url, join_code(new.enrol_code, "ab" * 32))
        assert refused.value.kind is SyncKind.REFUSED
        # Without a fingerprint, a self-signed server is not trusted either.
        with pytest.raises(SyncError, match="无法验证服务器的证书"):
            enroll(station, srv.url, new.enrol_code)
        with pytest.raises(SyncError, match="指纹不完整"):
            enroll(station, srv.url, join_code(new.enrol_code, fingerprint[:40]))
        assert read_token(keys) == ""
        # Pasted as openssl prints it, colons and capitals.
        enroll(station, srv.url, join_code(new.enrol_code, spaced(fingerprint)))
        assert read_pin(keys) == fingerprint and read_token(keys)
        client = SyncClient(station)
        try:
            assert client.sync().complete
        finally:
            client.close()
    finally:
        srv.stop()
    # The server's address now answers with another certificate: the sync stops, the token unsent.
    other = start_server(engine, KEYS, srv.port, tls=ensure_self_signed(tmp_path / "impostor"), metrics_token="m")
    try:
        client = SyncClient(station)
        try:
            with pytest.raises(SyncError, match="证书与登记时记下的不符"):
                client.sync()
        finally:
            client.close()
        ctx = pinned_context(fingerprint_file(tmp_path / "impostor" / "tls" / "server.crt"))
        seen = httpx.get(other.url + "/metrics", headers={"Authorization": "Bearer m"}, verify=ctx).text
        assert "/api/v1/sync" not in seen
    finally:
        other.stop()
        station.close()


def test_enrolment_in_clear_goes_only_to_this_machine_unless_asked(
    tmp_path: Path, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    new = admin.add_station(engine, "观山湖区零工市场", "520100")
    # TEST-NET-1 (RFC 5737): nothing answers there, and nothing is asked.
    elsewhere = "http://192.0.2.10:8765"
    assert linggong(["--data-dir", str(tmp_path / "counter"), "enroll", elsewhere, new.enrol_code]) == 4
    assert "--plain-http" in capsys.readouterr().err
    station = open_station(tmp_path / "counter")
    srv = start_server(engine, KEYS)
    try:
        assert read_token(station.data.keys) == ""
        # The IT person's explicit choice (`enroll --plain-http`); a transport that reaches the test
        # server stands in for the network.
        transport = quick_transport(srv.url)
        done = enroll(station, elsewhere, new.enrol_code, allow_plain=True, transport=transport)
        transport.close()
        assert done.station_code == new.code and read_pin(station.data.keys) == ""
    finally:
        srv.stop()
        station.close()


def test_the_admin_commands_print_a_code_that_pins_the_servers_certificate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINGGONG_SERVER_DB", f"sqlite:///{tmp_path / 'city.db'}")
    data = ["--data-dir", str(tmp_path / "data")]
    assert linggong([*data, "server", "add-station", "--name", "观山湖区零工市场", "--region", "520100"]) == 0
    typed, pinned = split_code(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(typed) == 14 and pinned == fingerprint_file(tmp_path / "data" / "tls" / "server.crt")
    # The same certificate again (made once), and a new code carries it too.
    assert linggong([*data, "server", "new-code", "GY01"]) == 0
    assert split_code(capsys.readouterr().out.strip().splitlines()[-1])[1] == pinned
    assert linggong([*data, "server", "--plain-http", "new-code", "GY01"]) == 0
    assert split_code(capsys.readouterr().out.strip().splitlines()[-1])[1] == ""


def _requests_to(route: str, scrape: str) -> float:
    found = re.search(rf'linggong_http_requests_total{{method="GET",route="{route}",status="200"}} ([0-9.e+]+)', scrape)
    return float(found.group(1)) if found else 0.0


def test_a_scrape_counts_the_requests_every_worker_answered(tmp_path: Path) -> None:
    """The real `linggong server --workers 2`, over its own HTTPS."""
    data, port = tmp_path / "server", free_port()
    cmd = [sys.executable, "-m", "app", "--data-dir", str(data), "server", "--db", f"sqlite:///{data / 'server.db'}"]
    env = {**os.environ, "LINGGONG_METRICS_TOKEN": ""}
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"https://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        answered = 0
        ctx = None
        while answered == 0:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read() if proc.stdout else ""
            time.sleep(0.2)
            if ctx is None and (data / "tls" / "server.crt").is_file():
                ctx = pinned_context(fingerprint_file(data / "tls" / "server.crt"))
            if ctx is not None:
                with contextlib.suppress(httpx.HTTPError):  # not up yet
                    answered += httpx.get(url + "/healthz", verify=ctx, timeout=5).status_code == 200
        files = data / "metrics-workers"
        # A new connection each time, so both workers take some: on until the workers' metrics files
        # show that each has answered (or enough requests that both must have).
        while answered < 40 or (answered < 400 and len({p.stem for p in files.glob("counter_*.db")}) < 2):
            assert httpx.get(url + "/healthz", verify=ctx, timeout=5).status_code == 200
            answered += 1
        token = (data / "metrics.token").read_text().strip()
        assert stat.S_IMODE((data / "metrics.token").stat().st_mode) == 0o600
        assert httpx.get(url + "/metrics", verify=ctx).status_code == 401
        for _ in range(4):  # each scrape lands on either worker, and sees them all
            scrape = httpx.get(url + "/metrics", headers={"Authorization": f"Bearer {token}"}, verify=ctx)
            assert scrape.status_code == 200
            assert _requests_to("/healthz", scrape.text) == answered
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
