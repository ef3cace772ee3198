"""A station seeded with known personal data, for proving that none of it reaches the hall board."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import make_id, open_posting

CLEANER = "4-09-07-01"  # 保洁员


@dataclass
class Seeded:
    secrets: list[str] = field(default_factory=list)  # full names, ID numbers, phones
    masked_names: list[str] = field(default_factory=list)  # how the hired appear on the board
    posting_ids: list[str] = field(default_factory=list)


PEOPLE = (
    ("欧阳娜娜", "52010219900307", "13985012345", "欧*娜"),
    ("张三丰", "52010219851111", "13700001111", "张*丰"),
    ("王五", "52262219920202", "18685150000", "王*"),
    ("阿依古丽·买买提", "52010219950505", "15900002222", "阿*提"),
)


def seed_people_and_hires(station: Station, boss: Supervisor, today: date) -> Seeded:
    """Four people with distinctive names hired into posts of a company and of a household (whose
    owner's name and ID are personal too), with a phone number typed into a posting's title."""
    seeded = Seeded()
    company = station.employers.save(
        EmployerInput(
            kind="enterprise",
            name="贵阳洁净家政服务有限公司",
            short_name="洁净家政",
            credit_code="91520000214434146R",
            contact_name="李红梅",
            phone="13511112222",
            district_code="520115",
            industry="N",
            terms_accepted=True,
        ),
        today=today,
    ).employer_id
    owner_id = make_id("52010219700101", "555")
    household = station.employers.save(
        EmployerInput(
            kind="household",
            name="刘秀英",
            owner_id_number=owner_id,
            contact_name="刘秀英",
            phone="13899990000",
            district_code="520102",
            terms_accepted=True,
        ),
        today=today,
    ).employer_id
    # A sole trader with no shop name trades under the owner's own name.
    sole_trader = station.employers.save(
        EmployerInput(
            kind="individual",
            name="贵阳市观山湖区张秀兰",
            credit_code="92520115MA6H1X2K3W",
            contact_name="张秀兰",
            phone="13712341234",
            district_code="520115",
            industry="O",
            terms_accepted=True,
        ),
        today=today,
    ).employer_id
    seeded.secrets += ["李红梅", "13511112222", "刘秀英", owner_id, "13899990000", "13612345678", "张秀兰"]
    seeded.secrets += ["13712341234", "1234 5678", "1234－5678"]
    common: dict[str, object] = {
        "job_type": CLEANER,
        "district_code": "520115",
        "headcount": "3",
        "start_date": today,
        "contact_name": "李红梅",
        "contact_phone": "13511112222",
    }
    posts = [
        open_posting(station, boss, company, today=today, title="写字楼保洁 电话13612345678", **common),
        open_posting(
            station,
            boss,
            household,
            today=today,
            title="住家保洁（短期）",
            **{**common, "contact_name": "刘秀英", "contact_phone": "13899990000"},
        ),
    ]
    posts.append(open_posting(station, boss, sole_trader, today=today, title="家电清洗 电话137－1234－1234", **common))
    seeded.posting_ids = posts
    for n, (name, prefix, phone, masked) in enumerate(PEOPLE):
        number = make_id(prefix, f"{200 + n:03d}")
        person = SeekerInput(
            name=name,
            id_number=number,
            phone=phone,
            district_code="520115",
            job_types=[CLEANER],
            consent=True,
            wage_expect="150",
            wage_unit="day",
        )
        seeker_id = station.seekers.save(person, today=today).seeker_id
        ref = station.referrals.refer(seeker_id, posts[n % 2], clerk="周敏", today=today)
        station.referrals.record_outcome(
            ref.id,
            OutcomeInput("hired", start_date=today, agreed_pay="160", agreed_pay_unit="day"),
            by="周敏",
            today=today,
        )
        seeded.secrets += [name, number, phone, number[-6:], phone[-8:]]
        seeded.masked_names.append(masked)
    return seeded


def strings_in(value: object) -> list[str]:
    """Every string inside a snapshot (dataclasses, tuples, lists), however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []
