"""The slip's QR payload: an Ed25519 signature by the station over the referral's identity.

The QR text is `LG1:CODE:SIG` (or `SERVER/r/CODE.SIG` once a server is configured); SIG is the
64-byte signature in base32 (RFC 4648, upper case, no padding), so the whole text stays in the QR
alphanumeric set (0-9 A-Z space $%*+-./:) and packs densely. A scan is read back case-insensitively,
because a barcode scanner with caps lock on types the text with its case flipped.

What is signed is the referral's identity, `referral_message(...)`, not the QR text: the counter
looks the referral up by its code and checks the signature over what it has on record, so a slip
whose code, person, posting or validity was altered is refused.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.errors import LinggongError
from app.files import write_atomic
from app.i18n import translate

PAYLOAD_VERSION = "LG1"
KEY_FILE = "slip_ed25519.key"
SIGNATURE_SIZE = 64

# Station code (2–8 upper-case letters/digits) - issue date YYYYMMDD - sequence of 4+ digits.
CODE_PATTERN = r"[A-Z0-9]{2,8}-[0-9]{8}-[0-9]{4,}"
_CODE = re.compile(CODE_PATTERN)
# Matched against the upper-cased scan, so both forms are case-insensitive.
_LG1 = re.compile(rf"{PAYLOAD_VERSION}:(?P<code>[^:\s]*):(?P<sig>[^:\s]*)")
_URL = re.compile(r"HTTPS?://\S+?/R/(?P<code>[^/.\s]*)\.(?P<sig>[^/.\s]*)")


class PayloadError(LinggongError):
    """Scanned or typed text that is no readable referral code; the message says which case."""


@dataclass(frozen=True)
class Scan:
    code: str
    signature: bytes | None  # None when the code was typed by hand


def referral_message(code: str, referral_id: str, seeker_id: str, posting_id: str, valid_until: date) -> bytes:
    """The canonical bytes a slip's signature covers."""
    fields = (PAYLOAD_VERSION, code, referral_id, seeker_id, posting_id, valid_until.isoformat())
    for value in fields:
        if "|" in value:
            raise ValueError("a signed field may not contain '|'")
    return "|".join(fields).encode("utf-8")


class SlipKey:
    """The station's Ed25519 signing key for slips, kept as 32 raw bytes in the key folder."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private = private_key
        self.public_key: bytes = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @classmethod
    def open(cls, key_dir: Path) -> SlipKey:
        """Load the key from `key_dir`, or make and store one on first use."""
        key_dir.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            key_dir.chmod(0o700)
        path = key_dir / KEY_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = os.urandom(32)
            write_atomic(path, raw, mode=0o600)
        if len(raw) != 32:
            raise ValueError(f"key file {path.name} has the wrong size")
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)


def verify_signature(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """True only for a valid signature by `public_key`; any malformed input is simply False."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def encode_signature(signature: bytes) -> str:
    return base64.b32encode(signature).decode("ascii").rstrip("=")


def make_payload(code: str, signature: bytes, server_url: str = "") -> str:
    """The QR text: `LG1:CODE:SIG`, or `SERVER/r/CODE.SIG` when the station has a server."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"not a referral code: {code!r}")
    if len(signature) != SIGNATURE_SIZE:
        raise ValueError("an Ed25519 signature is 64 bytes")
    sig = encode_signature(signature)
    if server_url:
        return f"{server_url.rstrip('/')}/r/{code}.{sig}"
    return f"{PAYLOAD_VERSION}:{code}:{sig}"


def _not_ours() -> PayloadError:
    return PayloadError(translate("Slips", "这不是零工市场的推荐介绍信编号或二维码。"))


def _damaged() -> PayloadError:
    return PayloadError(translate("Slips", "推荐介绍信的二维码已损坏或被改动，无法核验。请核对纸质介绍信上的编号。"))


def _decode_signature(text: str) -> bytes:
    """Strict base32: the exact alphabet, the exact length, and canonical trailing bits.

    Without the canonical check, changing the last character among those that differ only in
    the unused low bits would decode to the same signature: an altered slip that still verifies.
    """
    if not text or re.fullmatch(r"[A-Z2-7]+", text) is None:
        raise _damaged()
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as exc:
        raise _damaged() from exc
    if len(raw) != SIGNATURE_SIZE or encode_signature(raw) != text:
        raise _damaged()
    return raw


def parse_scan(text: str) -> Scan:
    """Read what the scan box received: the LG1 form, the URL form, or a code typed by hand."""
    scanned = text.strip().upper()
    if _CODE.fullmatch(scanned):
        return Scan(scanned, None)
    match = _LG1.fullmatch(scanned) or _URL.fullmatch(scanned)
    if match is None:
        raise _not_ours()
    code = match["code"]
    if not _CODE.fullmatch(code):
        raise _damaged()
    return Scan(code, _decode_signature(match["sig"]))
