"""The server's keys, kept in a file outside its database, and the sealing of personal fields at rest.

The key file (0600, `server-keys.json` in the data dir, or the path in $LINGGONG_SERVER_KEYS) holds
the deployment's lookup and data keys, which stations receive at enrolment, and the at-rest key, which
never leaves the server. Every server instance of one database must read the same file. The database
keeps only a check value of the keys, so a wrong or missing file is refused instead of new keys
being made over sealed data.

A record's personal fields (names, phones, ID ciphers and masks, birth date, address, free-text
notes) are kept in `records.sealed`, AES-256-GCM with the at-rest key and the record's id as
associated data; `records.data` keeps the rest in clear, and `records.coarse` what reports and the
slip's page may show of a person (the masked name 张*丰, a five-year birth band).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENV_KEYS = "LINGGONG_SERVER_KEYS"
KEY_FILE = "server-keys.json"
_FORMAT = "linggong-server-keys/1"
_SEAL_VERSION = b"\x01"
_NONCE = 12

# Per entity, the fields sealed at rest. Staff names (clerk, recorded_by…) and what a posting's
# public notice prints (its contact) stay in clear; so do empty values, which say nothing.
PERSONAL: dict[str, tuple[str, ...]] = {
    "seeker": (
        "name",
        "name_initials",
        "phone",
        "phone_last4",
        "id_cipher",
        "id_masked",
        "birth_date",
        "skills",
        "notes",
    ),
    "employer": (
        "contact_name",
        "phone",
        "phone2",
        "address",
        "owner_id_cipher",
        "owner_id_masked",
        "suspension_note",
        "notes",
    ),
    "posting": ("review_note", "end_reason", "limit_reason", "notes"),
    "referral": ("match_note", "reason"),
    "referral_outcome": ("reason", "note"),
    "follow_up_call": ("note",),
}
# A household's name is its owner's name.
HOUSEHOLD_NAMES = ("name", "short_name", "name_initials")


class KeyFileError(Exception):
    """The key file is missing, unreadable or not this database's (the message says what to do)."""


@dataclass(frozen=True, repr=False)
class ServerKeys:
    lookup_key: bytes
    data_key: bytes
    at_rest_key: bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "_aead", AESGCM(self.at_rest_key))

    def __repr__(self) -> str:  # never the keys themselves, in a traceback or a log line
        return f"ServerKeys(check={self.check()[:8]}…)"

    def check(self) -> str:
        """A value the database keeps to recognise these keys; it tells nothing about them."""
        msg = b"linggong-server-keys" + self.lookup_key + self.data_key
        return hmac.new(self.at_rest_key, msg, hashlib.sha256).hexdigest()

    # ---- sealing -----------------------------------------------------------------------------
    def seal(self, entity: str, record_id: str, data: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
        """`data` split into what stays in clear and the sealed personal fields (None: there are none)."""
        names = PERSONAL.get(entity, ())
        if entity == "employer" and data.get("kind") == "household":
            names = names + HOUSEHOLD_NAMES
        personal = {k: data[k] for k in names if data.get(k) not in (None, "")}
        if not personal:
            return data, None
        clear = {k: v for k, v in data.items() if k not in personal}
        nonce = secrets.token_bytes(_NONCE)
        aead: AESGCM = self._aead  # type: ignore[attr-defined]
        return clear, _SEAL_VERSION + nonce + aead.encrypt(nonce, orjson.dumps(personal), record_id.encode())

    def unseal(self, record_id: str, sealed: bytes | None) -> dict[str, Any]:
        """The personal fields sealed in `sealed` ({} for None)."""
        if sealed is None:
            return {}
        out: dict[str, Any] = orjson.loads(self._open(record_id, sealed))
        return out

    def full_json(self, record_id: str, data_json: str, sealed: bytes) -> bytes:
        """A record's whole data as JSON text, from its clear fields' JSON text and its sealed
        fields, without decoding either (a pull sends thousands): the sealed keys are never among
        the clear ones, so the two objects are joined."""
        plain = self._open(record_id, sealed)
        clear = data_json.encode("utf-8").strip()
        if clear[1:].strip() == b"}":  # no clear field
            return plain
        return clear[:-1] + b"," + plain[1:]

    def _open(self, record_id: str, sealed: bytes) -> bytes:
        blob = bytes(sealed)
        if blob[:1] != _SEAL_VERSION:
            raise ValueError("sealed fields of an unknown version")
        aead: AESGCM = self._aead  # type: ignore[attr-defined]
        try:
            plain = aead.decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], record_id.encode())
        except InvalidTag as exc:
            raise ValueError(f"sealed fields of record {record_id} do not verify (another key file?)") from exc
        return plain

    def full(self, record_id: str, data: dict[str, Any], sealed: bytes | None) -> dict[str, Any]:
        """A record's data as the stations know it: the clear fields with the sealed ones."""
        if sealed is None:
            return dict(data)
        return {**data, **self.unseal(record_id, sealed)}


def coarse(entity: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """What may be shown of a person without the key: the masked name and a five-year birth band.
    Sex, county and groups are in the clear fields already."""
    if entity != "seeker":
        return None
    out: dict[str, Any] = {"name": mask_name(str(data.get("name") or ""))}
    born = str(data.get("birth_date") or "")[:4]
    if born.isdigit():
        start = int(born) - int(born) % 5
        out["born"] = f"{start}-{start + 4}"
    return out


def mask_name(name: str) -> str:
    """张三丰 → 张*丰, 张三 → 张*: what a referral slip's page shows."""
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


# ---- the key file ----------------------------------------------------------------------------
def make_keys() -> ServerKeys:
    return ServerKeys(secrets.token_bytes(32), secrets.token_bytes(32), secrets.token_bytes(32))


def key_path(data_dir: Path) -> Path:
    return Path(os.environ.get(ENV_KEYS) or data_dir / KEY_FILE)


def read_key_file(path: Path) -> ServerKeys:
    try:
        doc = orjson.loads(path.read_bytes())
        if doc.get("format") != _FORMAT:
            raise ValueError("format")
        raw = [base64.b64decode(doc[k], validate=True) for k in ("lookup_key", "data_key", "at_rest_key")]
        if any(len(k) != 32 for k in raw):
            raise ValueError("size")
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise KeyFileError(f"读不了服务器密钥文件 {path}：{exc.strerror or exc}") from exc
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, orjson.JSONDecodeError) as exc:
        raise KeyFileError(f"服务器密钥文件 {path} 已损坏或不是本程序的密钥文件；请从备份恢复") from exc
    return ServerKeys(*raw)


def write_key_file(path: Path, keys: ServerKeys) -> ServerKeys:
    """Write a new key file (0600). Written beside and then linked into place, so two instances
    starting together never overwrite each other's: the second reads and returns the first's."""
    doc = {
        "format": _FORMAT,
        "note": "零工系统中心服务器的密钥。丢失则服务器上的个人信息无法读出：请另行妥善备份，勿与数据库备份放在一起。",
        "lookup_key": base64.b64encode(keys.lookup_key).decode(),
        "data_key": base64.b64encode(keys.data_key).decode(),
        "at_rest_key": base64.b64encode(keys.at_rest_key).decode(),
    }
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return read_key_file(path)
    finally:
        Path(tmp).unlink()
    return keys


def open_keys(engine: Any, path: Path) -> ServerKeys:
    """The keys of this server: read from `path`; else, on a database that kept its keys in itself
    (before migration 0004), those moved into a new key file with a new at-rest key; else, on a new
    database, new keys. A database sealed with keys from a file that is not there is refused."""
    try:
        return read_key_file(path)
    except FileNotFoundError:
        pass
    from server.store import legacy_keys, sealed_database

    old = legacy_keys(engine)
    if old is not None:
        return write_key_file(path, ServerKeys(old["lookup_key"], old["data_key"], secrets.token_bytes(32)))
    if sealed_database(engine):
        raise KeyFileError(
            f"服务器数据库中的个人信息已加密，但找不到密钥文件 {path}。"
            f"请把原服务器的密钥文件放到这里（或用环境变量 {ENV_KEYS} 指明位置）；"
            "不会生成新密钥，否则已有数据将无法读出"
        )
    return write_key_file(path, make_keys())
