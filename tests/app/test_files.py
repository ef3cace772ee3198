"""Files written whole: the permissions a user expects on what they asked for, private ones on secrets."""

from __future__ import annotations

import stat
from pathlib import Path

from app import files
from app.files import write_atomic
from app.settings import Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    slip = tmp_path / "slip.pdf"
    write_atomic(slip, b"%PDF-1.4")
    assert mode(slip) == 0o666 & ~files._UMASK  # as any program saves a file (0644 with umask 022)
    assert mode(slip) & stat.S_IRGRP  # not the temporary file's private 0600

    slip.chmod(0o640)
    write_atomic(slip, b"%PDF-1.4 again")
    assert mode(slip) == 0o640
    assert slip.read_bytes() == b"%PDF-1.4 again"


def test_settings_holding_the_pin_hash_stay_private(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(supervisor_pin_hash="scrypt$...").save(path)
    assert mode(path) == 0o600
