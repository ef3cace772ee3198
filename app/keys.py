"""Keys kept in the data dir, and what they protect: resident ID numbers.

* data key (AES-256-GCM): encrypts ID numbers at rest;
* lookup key (HMAC-SHA256): turns a normalised ID number into `id_key`, the same at every
  station of a deployment, so a person is recognised without storing the number in clear.

Until the station enrols with a server both are made locally on first use; enrolment replaces them
with the deployment's (app/sync/client.py re-keys the stored numbers). The new keys are first written
beside the old as pending files; the database records which data key it uses, and `recover` finishes
or undoes a switch that a power cut interrupted.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.files import write_atomic

_CIPHER_VERSION = b"\x01"
_NONCE = 12


def _load_or_make(path: Path) -> bytes:
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
        raise ValueError(f"key file {path.name} has the wrong size")
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        write_atomic(path, key, mode=0o600)
        return key


_FILES = ("data.key", "lookup.key")


@dataclass(frozen=True)
class KeyRing:
    data_key: bytes
    lookup_key: bytes

    def save(self, key_dir: Path, *, pending: bool = False) -> None:
        prefix = "pending-" if pending else ""
        write_atomic(key_dir / f"{prefix}data.key", self.data_key, mode=0o600)
        write_atomic(key_dir / f"{prefix}lookup.key", self.lookup_key, mode=0o600)

    @staticmethod
    def commit_pending(key_dir: Path) -> None:
        """Make the pending keys the station's keys (after the database switched to them)."""
        for name in _FILES:
            (key_dir / f"pending-{name}").replace(key_dir / name)

    @staticmethod
    def recover(key_dir: Path, key_id_in_use: str) -> None:
        """Finish or undo a key switch cut short: the database's record of the key it uses decides."""
        pending = key_dir / "pending-data.key"
        if not pending.exists():
            return
        try:
            pending_id = hashlib.sha256(pending.read_bytes()).digest()[:4].hex()
        except OSError:
            return
        if key_id_in_use and pending_id == key_id_in_use and (key_dir / "pending-lookup.key").exists():
            KeyRing.commit_pending(key_dir)
        else:
            for name in _FILES:
                (key_dir / f"pending-{name}").unlink(missing_ok=True)

    @classmethod
    def open(cls, key_dir: Path) -> KeyRing:
        key_dir.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            key_dir.chmod(0o700)
        return cls(_load_or_make(key_dir / "data.key"), _load_or_make(key_dir / "lookup.key"))

    @property
    def key_id(self) -> bytes:
        """Four bytes naming the data key, stored with each ciphertext for re-keying later."""
        return hashlib.sha256(self.data_key).digest()[:4]

    def id_key(self, id_number: str) -> str:
        return hmac.new(self.lookup_key, id_number.encode("ascii"), hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: str, *, context: bytes = b"resident-id") -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        sealed = AESGCM(self.data_key).encrypt(nonce, plaintext.encode("utf-8"), context)
        return _CIPHER_VERSION + self.key_id + nonce + sealed

    def decrypt(self, blob: bytes, *, context: bytes = b"resident-id") -> str:
        if blob[:1] != _CIPHER_VERSION or blob[1:5] != self.key_id:
            raise ValueError("ciphertext was made with another key")
        nonce, sealed = blob[5 : 5 + _NONCE], blob[5 + _NONCE :]
        try:
            return AESGCM(self.data_key).decrypt(nonce, sealed, context).decode("utf-8")
        except InvalidTag as exc:
            raise ValueError("ciphertext does not verify") from exc
