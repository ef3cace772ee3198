"""An attacker with a station's SQLite file and no key: how many ID numbers fit what it keeps in clear.

The attacker knows GB 11643 (6-digit region, 8-digit birth date, 3-digit sequence whose last digit's
parity is the sex, a check character computed from the first 17) and reads every clear column that
comes from the ID — the mask, the birth date, the sex, the district — in the rows and in the outbox
entries queued for the server, joining a person's seeker row and household-employer row by the
keyed hash they share. It takes the district as the birth region when the mask hides the region
(the people here live where they were born: the attacker's best case), so each count is a lower
bound of the true one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from app.services.employers import EmployerInput
from app.services.seekers import SeekerInput
from app.station import Station
from tests.conftest import TODAY

ENOUGH = 1_000  # the rule: nothing in clear narrows an ID number to fewer candidates than this
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_C = "10X98765432"


def _check(first17: str) -> str:
    return _C[sum(int(d) * w for d, w in zip(first17, _W, strict=True)) % 11]


def _id(region: str, born: date, seq: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + _check(first17)


def _id_ending_in_x(region: str, born: date) -> str:
    """A man's number whose check character is X."""
    return next(n for n in (_id(region, born, s) for s in range(101, 1000, 2)) if n.endswith("X"))


@dataclass
class Facts:
    """What the stolen file says about one person."""

    masks: set[str] = field(default_factory=set)
    births: set[str] = field(default_factory=set)
    sexes: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)


def _shown(masks: Iterable[str], pos: int) -> str | None:
    for m in masks:
        if len(m) == 18 and m[pos] != "*":
            return m[pos]
    return None


def candidates(f: Facts, *, month_only: bool, adult_by: date) -> int:
    """How many valid ID numbers agree with every clear fact."""
    masks = [m for m in f.masks if m]
    if any(len(m) != 18 for m in masks):
        raise AssertionError(f"a mask of unexpected shape: {masks}")
    region = [_shown(masks, i) for i in range(6)]
    if all(region):
        regions = ["".join(region)]  # type: ignore[arg-type]
    else:
        regions = [d for d in f.districts if all(r is None or r == d[i] for i, r in enumerate(region))]
    if f.births:
        days: list[date] = []
        for text in f.births:
            b = date.fromisoformat(text)
            if month_only:
                first = b.replace(day=1)
                days += [d for d in (first + timedelta(n) for n in range(31)) if d.month == first.month]
            else:
                days.append(b)
        days = sorted(set(days))
    else:
        days = [date(1900, 1, 1) + timedelta(n) for n in range((adult_by - date(1900, 1, 1)).days + 1)]
    sex = next(iter(f.sexes)) if len(f.sexes) == 1 else ""
    seq_digits = [_shown(masks, i) for i in (14, 15, 16)]
    seqs = [
        f"{s:03d}"
        for s in range(1000)
        if all(d is None or d == f"{s:03d}"[i] for i, d in enumerate(seq_digits))
        and (not sex or (s % 2 == 1) == (sex == "M"))
    ]
    shown_check = _shown(masks, 17)
    count = 0
    for r in regions:
        for d in days:
            head = f"{r}{d:%Y%m%d}"
            if any(_shown(masks, 6 + i) not in (None, c) for i, c in enumerate(head[6:])):
                continue
            if shown_check is None:
                count += len(seqs)
            else:
                count += sum(1 for s in seqs if _check(head + s) == shown_check)
    return count


def steal(path: Path) -> tuple[dict[str, Facts], bool]:
    """Facts per person (by id_key), and whether the birth-date column reads as a month."""
    facts: dict[str, Facts] = {}
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        seekers = conn.execute("SELECT * FROM seekers").fetchall()
        employers = conn.execute("SELECT * FROM employers WHERE owner_id_key IS NOT NULL").fetchall()
        outbox = conn.execute("SELECT entity, row_id, fields FROM outbox").fetchall()
    key_of = {r["id"]: r["id_key"] for r in seekers} | {r["id"]: r["owner_id_key"] for r in employers}
    for r in seekers:
        f = facts.setdefault(r["id_key"], Facts())
        f.masks.add(r["id_masked"])
        f.births.add(str(r["birth_date"]))
        f.sexes.add(r["sex"])
        f.districts.add(r["district_code"])
    for r in employers:
        f = facts.setdefault(r["owner_id_key"], Facts())
        f.masks.add(r["owner_id_masked"])
        f.districts.add(r["district_code"])
    for r in outbox:
        f = facts.setdefault(key_of.get(r["row_id"], r["row_id"]), Facts())
        fields = json.loads(r["fields"])
        for name in ("id_masked", "owner_id_masked"):
            if fields.get(name):
                f.masks.add(fields[name])
        if fields.get("birth_date"):
            f.births.add(fields["birth_date"])
        if fields.get("sex"):
            f.sexes.add(fields["sex"])
    # A date column whose every value is the 1st of a month is read as a month, not a day.
    births = {b for f in facts.values() for b in f.births}
    month_only = bool(births) and all(b.endswith("-01") for b in births)
    return facts, month_only


PEOPLE = {
    "male, born on the 1st": ("520102", date(1990, 3, 1), 123),
    "female, born on the 31st": ("520103", date(1985, 10, 31), 242),
    "female, born on 29 February": ("520111", date(1996, 2, 29), 88),
}
X_PERSON = ("522601", date(1972, 7, 15))


def _register(station: Station) -> dict[str, str]:
    numbers = {label: _id(region, born, seq) for label, (region, born, seq) in PEOPLE.items()}
    numbers["male, check character X"] = _id_ending_in_x(*X_PERSON)
    for i, number in enumerate(numbers.values()):
        region = number[:6]
        station.seekers.save(
            SeekerInput(
                name="张三丰李四王五"[i : i + 2],
                id_number=number,
                phone=f"1380013800{i}",
                district_code=region,
                job_types=["4-03-02-05"],
                consent=True,
            ),
            today=TODAY,
        )
    return numbers


def _counts(station: Station, numbers: dict[str, str]) -> dict[str, int]:
    station.close()
    facts, month_only = steal(station.data.database)
    return {
        label: candidates(facts[station.keys.id_key(n)], month_only=month_only, adult_by=date(2008, 11, 24))
        for label, n in numbers.items()
    }


def test_a_stolen_station_file_leaves_every_seekers_id_among_a_thousand(station: Station) -> None:
    numbers = _register(station)
    assert numbers["male, check character X"].endswith("X") and int(numbers["male, check character X"][16]) % 2
    counts = _counts(station, numbers)
    assert all(n >= ENOUGH for n in counts.values()), counts


def test_a_household_employer_and_the_same_person_as_a_seeker_stay_among_a_thousand(station: Station) -> None:
    numbers = _register(station)
    owner_seeker = numbers["female, born on the 31st"]
    owner_only = _id("520102", date(1970, 1, 31), 357)
    for i, number in enumerate((owner_seeker, owner_only)):
        station.employers.save(
            EmployerInput(
                kind="household",
                name=f"家政雇主{i}",
                owner_id_number=number,
                contact_name="刘芳",
                phone=f"1390013900{i}",
                district_code=number[:6],
                terms_accepted=True,
            ),
            today=TODAY,
        )
    counts = _counts(station, {"owner who is also a seeker": owner_seeker, "owner only": owner_only})
    assert all(n >= ENOUGH for n in counts.values()), counts


def test_a_record_pulled_from_a_station_of_an_older_version_is_kept_coarse(station: Station) -> None:
    from app.sync.apply import apply_records

    number = _id("520102", date(1990, 3, 7), 123)
    fields = {
        "name": "张三", "name_initials": "zs", "id_key": station.keys.id_key(number), "id_cipher": "AAAA",
        "id_masked": number[:4] + "*" * 10 + number[-4:], "sex": "M", "birth_date": "1990-03-07",
        "phone": "13800001234", "phone_last4": "1234", "district_code": "520102", "origin_station": "ZY02",
        "created_at": "2026-11-20T08:00:00", "deleted": False,
    }  # fmt: skip
    stamp = "001763000000000.00000.ZY02"
    with station.db.write(sync_apply=True) as s:
        apply_records(s, [{"entity": "seeker", "id": "s-1", "hlc": stamp, "fields": fields}])
    later = "001763000000001.00000.ZY02"
    with station.db.write(sync_apply=True) as s:  # and when it comes again, edited there
        apply_records(s, [{"entity": "seeker", "id": "s-1", "hlc": later, "fields": {**fields, "name": "张山"}}])
    detail = station.seekers.get("s-1")
    assert (detail.name, detail.birth_date, detail.id_masked) == ("张山", date(1990, 3, 1), "5201**************")
