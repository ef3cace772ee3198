"""JSON over HTTP to the central server: gzip, timeouts, retries with backoff and jitter, Retry-After,
and the server's certificate pinned by its fingerprint.

Only this module knows HTTP. It turns every failure into a SyncError that says what happened —
offline, the server busy or failing, this station unknown or revoked, a certificate that is not the
pinned one — never a traceback.
"""

from __future__ import annotations

import gzip
import hashlib
import ipaddress
import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from app import clock as wallclock
from app.errors import SyncError, SyncKind
from app.i18n import translate

log = logging.getLogger("linggong.sync")

RETRY_STATUS = frozenset({429, 502, 503, 504})
GZIP_OVER = 4096
# The enrolment code as the server prints it: the typed part, then the certificate's fingerprint,
# e.g. K7QF-M2XP-9RTA/sha256:3f9a…(64 hex). "/" and ":" are never in the typed part and need no
# quoting in a shell.
PIN_MARK = "/sha256:"


def join_code(code: str, fingerprint: str) -> str:
    return f"{code}{PIN_MARK}{fingerprint}" if fingerprint else code


def split_code(text: str) -> tuple[str, str]:
    """(the typed code, the pinned fingerprint or "") from an enrolment code; the fingerprint may be
    pasted with colons or in capitals, as openssl prints it."""
    text = text.strip()
    at = text.lower().find(PIN_MARK)
    if at < 0:
        return text, ""
    code, fp = text[:at].strip(), text[at + len(PIN_MARK) :].replace(":", "").strip().lower()
    if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
        raise SyncError(
            SyncKind.REFUSED, translate("Sync", "登记码里的服务器证书指纹不完整：请把管理员给出的整行登记码复制过来")
        )
    return code, fp


def is_loopback(url: str) -> bool:
    """Whether the URL names this machine (127.0.0.0/8, ::1 or localhost): nothing on the network sees it."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PinMismatch(Exception):
    """The server's certificate is not the one pinned at enrolment: nothing was sent."""

    def __init__(self, seen: str) -> None:
        super().__init__(seen)
        self.seen = seen


def pinned_context(fingerprint: str) -> ssl.SSLContext:
    """TLS that trusts exactly one certificate, by its SHA-256: no CA chain, name or dates (the
    server's is self-signed), checked right after the handshake, before a byte of the request."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE

    class Pinned(ssl.SSLSocket):
        def do_handshake(self, block: bool = False) -> None:
            super().do_handshake(block)
            der = self.getpeercert(binary_form=True) or b""
            seen = hashlib.sha256(der).hexdigest()
            if seen != fingerprint:
                self.close()
                raise PinMismatch(seen)

    ctx.sslsocket_class = Pinned
    return ctx


@dataclass(frozen=True)
class Encoded:
    """A request body ready to send: JSON, gzipped when large."""

    content: bytes
    headers: dict[str, str]


def encode(body: dict[str, Any]) -> Encoded:
    raw = orjson.dumps(body)
    headers = {"Content-Type": "application/json"}
    if len(raw) > GZIP_OVER:
        raw = gzip.compress(raw, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
    return Encoded(raw, headers)


@dataclass
class Transport:
    base_url: str
    token: str = ""
    pin: str = ""  # the server certificate's SHA-256 (hex), for an https server; "" trusts the usual CAs
    timeout: float = 30.0
    attempts: int = 4
    backoff: float = 1.0  # first wait, doubled each attempt, with full jitter
    max_wait: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    keepalive: bool = True
    # The last answer's clock readings, NTP's four: the server's clock when the request arrived and
    # when the answer left (ms), and perf_counter() here when it was sent and when it came back.
    last_clock: tuple[int, int, float, float] | None = None
    _client: httpx.Client | None = field(default=None, repr=False)

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.base_url.rstrip("/"),
                timeout=httpx.Timeout(self.timeout, connect=min(10.0, self.timeout)),
                headers={"Accept-Encoding": "gzip", "User-Agent": "linggong-station"},
                limits=httpx.Limits(max_keepalive_connections=5 if self.keepalive else 0),
                verify=pinned_context(self.pin) if self.pin else True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def post(self, path: str, body: dict[str, Any] | Encoded) -> Any:
        """POST a JSON body; one already `encode`d (e.g. ahead of time, while an earlier request is
        under way) goes as it is."""
        enc = body if isinstance(body, Encoded) else encode(body)
        return self._request("POST", path, content=enc.content, headers=dict(enc.headers))

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._request("GET", path, params=params)

    def _request(self, method: str, path: str, **kw: Any) -> Any:
        if self.token:
            kw.setdefault("headers", {})["Authorization"] = f"Bearer {self.token}"
        error: SyncError | None = None
        for attempt in range(self.attempts):
            if error is not None:
                wait = error.retry_after if error.retry_after is not None else self._backoff(attempt)
                self.sleep(min(wait, self.max_wait))
            started = time.perf_counter()
            try:
                response = self.client().request(method, path, **kw)
            except PinMismatch as exc:
                # Not retried: someone else answers at the server's address, or the server's
                # certificate was replaced; either way the token must not go to it.
                log.warning("server certificate %s is not the pinned %s", exc.seen[:16], self.pin[:16])
                raise SyncError(
                    SyncKind.REFUSED,
                    translate(
                        "Sync",
                        "服务器的证书与登记时记下的不符（可能有人冒充服务器），未发送任何数据。"
                        "若服务器更换了证书，请向管理员要新的登记码重新登记",
                    ),
                ) from None
            except httpx.TimeoutException:
                error = SyncError(SyncKind.OFFLINE, translate("Sync", "连接服务器超时"))
                continue
            except httpx.TransportError as exc:
                if _unverified(exc):
                    raise SyncError(
                        SyncKind.REFUSED,
                        translate(
                            "Sync",
                            "无法验证服务器的证书：请使用管理员给出的整行登记码（带“/sha256:”证书指纹）登记",
                        ),
                    ) from None
                error = SyncError(SyncKind.OFFLINE, _offline_message(exc))
                continue
            back = time.perf_counter()
            sent_ms = response.headers.get("X-Server-Time-Ms", "")
            if sent_ms.isdigit():
                received_ms = response.headers.get("X-Server-Received-Ms", "")
                at = int(received_ms) if received_ms.isdigit() else int(sent_ms)
                self.last_clock = (at, int(sent_ms), started, back)
            if response.status_code < 300:
                try:
                    return orjson.loads(response.content)
                except orjson.JSONDecodeError:
                    error = SyncError(SyncKind.SERVER, translate("Sync", "服务器的回答不完整"))
                    continue
            error = _http_error(response)
            if response.status_code not in RETRY_STATUS and response.status_code < 500:
                raise error
        assert error is not None
        raise error

    def _backoff(self, attempt: int) -> float:
        return random.uniform(0, self.backoff * 2 ** (attempt - 1))


def _unverified(exc: BaseException) -> bool:
    """A TLS certificate that no CA vouches for (a self-signed server reached without its pin)."""
    seen: BaseException | None = exc
    for _ in range(8):  # the chain httpx -> httpcore -> ssl is three long
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _offline_message(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return translate("Sync", "连不上服务器（网络未连接或服务器未开）")
    return translate("Sync", "与服务器的连接中断")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - wallclock.epoch_s())
    except (TypeError, ValueError):
        return None


def _http_error(response: httpx.Response) -> SyncError:
    detail: dict[str, Any] = {}
    try:
        body = orjson.loads(response.content)
        if isinstance(body, dict) and isinstance(body.get("detail"), dict):
            detail = body["detail"]
    except orjson.JSONDecodeError:
        pass
    code = str(detail.get("code", ""))
    message = str(detail.get("message", ""))
    status = response.status_code
    if status == 401:
        return SyncError(
            SyncKind.UNKNOWN_STATION,
            translate("Sync", "服务器不认识本站（可能已在别处重新登记）。本机数据都在，请向管理员要新的登记码重新登记"),
        )
    if status == 403 and code == "revoked":
        return SyncError(
            SyncKind.REVOKED, translate("Sync", "本站已被管理员停用，不能同步。本机数据都在，请联系管理员")
        )
    if status in (429, 503):
        return SyncError(
            SyncKind.BUSY, translate("Sync", "服务器繁忙，稍后自动重试"), retry_after=_retry_after(response)
        )
    if status >= 500:
        return SyncError(
            SyncKind.SERVER, translate("Sync", "服务器出错（{status}），稍后自动重试").format(status=status)
        )
    return SyncError(
        SyncKind.REFUSED,
        message or translate("Sync", "服务器拒绝了请求（{status}）").format(status=status),
        code=code,
    )
