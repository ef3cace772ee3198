"""The server's TLS certificate (given, or self-signed at first start) and its SHA-256 fingerprint,
which the enrolment code carries and every station pins."""

from __future__ import annotations

import hashlib
import secrets
import ssl
from datetime import UTC, datetime
from pathlib import Path

from app.files import write_atomic

TLS_DIR = "tls"
CERT_FILE = "server.crt"
KEY_FILE = "server.key"
# Stations pin the certificate itself and never check its dates, so the self-signed one is valid from
# a fixed day to the end of time (RFC 5280 §4.1.2.5: 99991231235959Z means "no expiry"): nothing about
# it depends on a clock, the machine's or a test's.
_NOT_BEFORE = datetime(2000, 1, 1, tzinfo=UTC)
_NOT_AFTER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


class CertificateError(Exception):
    """A certificate or key file that cannot be used (the message says which and why, in Chinese)."""


def self_signed_paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / TLS_DIR / CERT_FILE, data_dir / TLS_DIR / KEY_FILE


def ensure_self_signed(data_dir: Path) -> tuple[Path, Path]:
    """The self-signed certificate and key in the data dir, made on the first call and reused after
    (the stations pinned it: a new one would need every station enrolled again)."""
    cert, key = self_signed_paths(data_dir)
    if cert.is_file() and key.is_file():
        return cert, key
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "linggong-server")])
    built = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    cert.parent.mkdir(parents=True, exist_ok=True)
    # The key first: a certificate without its key would be "reused" and fail at every start.
    write_atomic(
        key,
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        mode=0o600,
    )
    write_atomic(cert, built.public_bytes(serialization.Encoding.PEM))
    return cert, key


def fingerprint_der(der: bytes) -> str:
    """SHA-256 of a certificate in DER form, 64 lowercase hex digits."""
    return hashlib.sha256(der).hexdigest()


def fingerprint_file(cert: Path) -> str:
    """The fingerprint of the first certificate in a PEM file (the server's own, before any chain)."""
    try:
        text = cert.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise CertificateError(f"读不了证书文件 {cert}：{getattr(exc, 'strerror', None) or exc}") from exc
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start = text.find(begin)
    stop = text.find(end, start)
    if start < 0 or stop < 0:
        raise CertificateError(f"证书文件 {cert} 里没有 PEM 格式的证书")
    try:
        return fingerprint_der(ssl.PEM_cert_to_DER_cert(text[start : stop + len(end)]))
    except ValueError as exc:
        raise CertificateError(f"证书文件 {cert} 已损坏：{exc}") from exc


def spaced(fingerprint: str) -> str:
    """AB:CD:… as `openssl x509 -noout -fingerprint -sha256` prints it, to compare by eye."""
    up = fingerprint.upper()
    return ":".join(up[i : i + 2] for i in range(0, len(up), 2))
