"""Every test runs offscreen on a temporary data dir, and no dialog ever blocks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.i18n import install_translator, set_language
from app.services.seekers import SeekerInput
from app.station import Station, open_station
from app.validation.resident_id import check_digit


def make_id(prefix14: str, seq: str = "123") -> str:
    """A valid ID number from region + birth date (14 digits) and a 3-digit sequence."""
    first17 = prefix14 + seq
    return first17 + check_digit(first17)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINGGONG_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    set_language("zh_CN")
    install_translator(None)
    yield
    set_language("zh_CN")
    install_translator(None)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    st = open_station(tmp_path / "station")
    yield st
    st.close()


@pytest.fixture
def person() -> SeekerInput:
    return SeekerInput(
        name="张三丰",
        id_number=make_id("52010219900307"),
        phone="13800138000",
        district_code="520102",
        job_types=["4-03-02-05"],
        consent=True,
        wage_expect="180",
        wage_unit="day",
    )


TODAY = date(2026, 11, 24)
