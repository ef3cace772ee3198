"""Supervisor authority: actions such as opening a posting or suspending an employer need one.

A station keeps a scrypt hash of the supervisor PIN in its settings. A `Supervisor` is only made
by `SupervisorGate.verify`, and the services that need one take it as an argument, so no code path
can review a posting without a PIN having been checked.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field

from app.errors import NotAllowed, ValidationError
from app.i18n import translate
from app.settings import Settings
from app.validation.names import normalize_name

log = logging.getLogger("linggong.supervisor")

MIN_PIN_LENGTH = 6
_N, _R, _P = 2**14, 8, 1
_GATE_TOKEN = object()


@dataclass(frozen=True)
class Supervisor:
    name: str
    _token: object = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _GATE_TOKEN:
            raise TypeError("a Supervisor is made only by SupervisorGate.verify")


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)


class SupervisorGate:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def configured(self) -> bool:
        return bool(self.settings.supervisor_pin_hash)

    def set_pin(self, new_pin: str, *, current: Supervisor | None = None) -> None:
        """Set the PIN: freely the first time, afterwards only by a verified supervisor."""
        if self.configured and current is None:
            raise NotAllowed(translate("Supervisor", "已设置主管密码，修改前须先验证原密码"))
        if len(new_pin) < MIN_PIN_LENGTH:
            raise ValidationError("pin", translate("Supervisor", "主管密码至少{n}位").format(n=MIN_PIN_LENGTH))
        salt = secrets.token_bytes(16)
        self.settings.supervisor_pin_hash = f"scrypt${salt.hex()}${_hash(new_pin, salt).hex()}"
        log.info("supervisor PIN set")

    def verify(self, name: str, pin: str) -> Supervisor:
        if not self.configured:
            raise NotAllowed(translate("Supervisor", "本机尚未设置主管密码，请在“设置”菜单中设置"))
        who = normalize_name(name, field="supervisor")
        _scheme, salt_hex, digest_hex = self.settings.supervisor_pin_hash.split("$")
        if not hmac.compare_digest(_hash(pin, bytes.fromhex(salt_hex)).hex(), digest_hex):
            log.warning("supervisor PIN refused")
            raise NotAllowed(translate("Supervisor", "主管密码不正确"))
        return Supervisor(who, _GATE_TOKEN)
