"""Employers: identity by credit code or owner ID, terms acknowledgement, suspension by a supervisor."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from app.errors import ConflictError, FormInvalid, NotAllowed
from app.services.employers import TERMS_VERSION, EmployerInput
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import TENCENT, TODAY, make_id, posting_for


def test_register_and_read_back(station: Station, company: EmployerInput) -> None:
    result = station.employers.save(company, today=TODAY)
    got = station.employers.get(result.employer_id)
    assert result.created and got.name == "贵州茅台酒股份有限公司" and got.board_name == "茅台酒股份"
    assert got.phone == "0851-22386002" and got.credit_code == "91520000214434146R"
    assert got.terms_accepted and got.terms_version == TERMS_VERSION and got.terms_accepted_at is not None


def test_same_credit_code_twice_points_to_the_first(station: Station, company: EmployerInput) -> None:
    first = station.employers.save(company, today=TODAY)
    again = replace(company, name="茅台酒厂", credit_code="91520000214434146r")
    with pytest.raises(ConflictError) as e:
        station.employers.save(again, today=TODAY)
    assert e.value.existing_id == first.employer_id and "贵州茅台酒股份有限公司" in str(e.value)
    assert station.employers.find_by_credit_code(" 91520000 214434146R") == first.employer_id
    assert station.employers.count() == 1


def test_terms_must_be_acknowledged_at_first_registration(station: Station, company: EmployerInput) -> None:
    with pytest.raises(FormInvalid) as e:
        station.employers.save(replace(company, terms_accepted=False), today=TODAY)
    assert "承诺书" in e.value.by_field()["terms_accepted"]
    saved = station.employers.save(company, today=TODAY)
    first = station.employers.get(saved.employer_id).terms_accepted_at
    # An update does not ask again and keeps the first acknowledgement.
    station.employers.save(replace(company, terms_accepted=False, phone="13800138000"), employer_id=saved.employer_id)
    assert station.employers.get(saved.employer_id).terms_accepted_at == first


def test_an_update_never_records_terms_nobody_accepted(station: Station, company: EmployerInput) -> None:
    from app.services.employers import validate_employer

    clean, _ = validate_employer(replace(company, terms_accepted=False), needs_terms=False)
    assert not clean.terms_accepted


def test_every_bad_field_is_reported(station: Station) -> None:
    bad = EmployerInput(kind="enterprise", name="甲", credit_code="91520000214434146X", phone="123")
    with pytest.raises(FormInvalid) as e:
        station.employers.save(bad, today=TODAY)
    fields = e.value.by_field()
    assert {"name", "credit_code", "contact_name", "phone", "district_code", "terms_accepted"} <= fields.keys()
    assert "最后一位应为R" in fields["credit_code"]


def test_kind_must_fit_the_code(station: Station, company: EmployerInput) -> None:
    with pytest.raises(FormInvalid) as e:
        station.employers.save(replace(company, kind="individual"), today=TODAY)
    assert "92" in e.value.by_field()["credit_code"]


def test_household_owner_id_is_protected_like_a_seekers(station: Station) -> None:
    number = make_id("52010219800101")
    household = EmployerInput(
        kind="household",
        name="刘家（家政）",
        owner_id_number=number,
        contact_name="刘芳",
        phone="13800138001",
        district_code="520102",
        terms_accepted=True,
    )
    saved = station.employers.save(household, today=TODAY)
    got = station.employers.get(saved.employer_id)
    assert got.owner_id_masked == "520102************"
    assert station.employers.find_by_owner_id(number) == saved.employer_id
    assert station.employers.reveal_owner_id(saved.employer_id) == number
    with pytest.raises(ConflictError):
        station.employers.save(replace(household, name="刘芳"), today=TODAY)
    station.close()
    raw = station.data.database.read_bytes()
    wal = station.data.database.with_name("linggong.db-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert number.encode() not in raw and number[:17].encode() not in raw
    with sqlite3.connect(station.data.database) as conn:
        assert conn.execute("SELECT owner_id_masked FROM employers").fetchone()[0] != number


def test_list_masks_phones_and_filters(station: Station, company: EmployerInput) -> None:
    station.employers.save(company, today=TODAY)
    other = replace(
        company, name="深圳市腾讯计算机系统有限公司", short_name="腾讯", credit_code=TENCENT, phone="13800138000"
    )
    station.employers.save(other, today=TODAY)
    rows = station.employers.search("茅台")
    assert [r.name for r in rows] == ["贵州茅台酒股份有限公司"]
    assert rows[0].phone_masked == "0851-22****02"
    assert [r.short_name for r in station.employers.search("tx")] == ["腾讯"]  # pinyin initials
    assert len(station.employers.search("")) == 2
    assert station.employers.search(TENCENT.lower())[0].short_name == "腾讯"


def test_suspension_needs_a_supervisor_and_stops_posting(
    station: Station, company: EmployerInput, boss: Supervisor
) -> None:
    employer_id = station.employers.save(company, today=TODAY).employer_id
    draft = station.postings.save(posting_for(employer_id), today=TODAY)
    station.employers.suspend(employer_id, "unpaid_wages", "拖欠11月工资", boss, on=date(2026, 11, 20))
    got = station.employers.get(employer_id)
    assert (
        got.suspension is not None and "拖欠工资" in got.suspension.describe() and "王主管" in got.suspension.describe()
    )
    with pytest.raises(NotAllowed) as e:
        station.postings.save(posting_for(employer_id), today=TODAY)
    assert "拖欠工资" in str(e.value) and "不能发布岗位" in str(e.value)
    with pytest.raises(NotAllowed):
        station.postings.submit(draft.posting_id, today=TODAY)
    station.employers.lift_suspension(employer_id, boss)
    station.postings.submit(draft.posting_id, today=TODAY)
    assert station.postings.get(draft.posting_id).status == "pending"


def test_supervisor_pin(station: Station) -> None:
    gate = station.supervisor
    with pytest.raises(NotAllowed, match="尚未设置"):
        gate.verify("王主管", "246810")
    gate.set_pin("246810")
    with pytest.raises(NotAllowed, match="不正确"):
        gate.verify("王主管", "000000")
    with pytest.raises(NotAllowed):
        gate.set_pin("111111")  # changing needs the current supervisor
    assert "246810" not in station.settings.supervisor_pin_hash
    assert gate.verify("王主管", "246810").name == "王主管"
    with pytest.raises(TypeError):
        Supervisor("冒充", object())
