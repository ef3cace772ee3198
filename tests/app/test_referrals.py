"""Referring people, scanning their slips back, outcomes, corrections and follow-up calls."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ConflictError, FormInvalid, NotAllowed
from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput, ScanRefused
from app.services.seekers import SeekerInput
from app.slips.qr import PayloadError
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import TODAY, make_id, open_posting, posting_for, seeker_like

SERVER = "4-03-02-05"


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company).employer_id


@pytest.fixture
def seeker_id(station: Station, person: SeekerInput) -> str:
    return station.seekers.save(person, today=TODAY).seeker_id


def job(station: Station, boss: Supervisor, employer_id: str, **changes: object) -> str:
    fields: dict[str, object] = {"job_type": SERVER, "district_code": "520102", "headcount": "2"}
    fields.update(changes)
    return open_posting(station, boss, employer_id, **fields)


def hire(start: date = date(2026, 12, 1)) -> OutcomeInput:
    return OutcomeInput("hired", start_date=start, agreed_pay="180", agreed_pay_unit="day")


def test_a_referral_gets_a_station_code_a_validity_and_cannot_be_made_twice(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    posting = job(station, boss, employer_id)

    first = station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)
    with pytest.raises(ConflictError, match="不能重复推荐"):
        station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)

    assert first.code == "GY01-20261124-0001"
    assert first.valid_until == date(2026, 11, 26)  # three days, the day of issue included
    detail = station.referrals.get(first.id)
    assert (detail.status_text, detail.clerk, detail.seeker_id_masked) == ("待反馈", "刘文", "520102************")


def test_referring_is_refused_with_the_reason(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    draft = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    women = job(station, boss, employer_id, sex_limit="F", limit_reason="女宾部服务")

    with pytest.raises(NotAllowed, match="只能推荐到招聘中的岗位"):
        station.referrals.refer(seeker_id, draft, clerk="刘文", today=TODAY)
    with pytest.raises(NotAllowed, match="性别要求（女宾部服务）"):
        station.referrals.refer(seeker_id, women, clerk="刘文", today=TODAY)
    with pytest.raises(NotAllowed, match="经办人"):
        station.referrals.refer(seeker_id, job(station, boss, employer_id), clerk=" ", today=TODAY)


def test_scanning_the_slip_opens_the_referral_and_refuses_forged_or_unknown_codes(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    ref = station.referrals.refer(seeker_id, job(station, boss, employer_id), clerk="刘文", today=TODAY)
    qr = station.referrals.slip_data(ref.id).qr_text
    assert qr.startswith("LG1:GY01-20261124-0001:")

    opened = station.referrals.scan(qr, today=TODAY)
    assert (opened.referral.id, opened.signed, opened.notice) == (ref.id, True, "")
    assert station.referrals.scan(qr.lower() + "\n", today=TODAY).referral.id == ref.id  # caps lock on
    typed = station.referrals.scan("gy01-20261124-0001", today=TODAY)
    assert (typed.referral.id, typed.signed) == (ref.id, False)

    # Another referral's signature on this code: a forged slip.
    other = station.referrals.refer(
        station.seekers.save(seeker_like(SeekerInput(**station_person()), 1), today=TODAY).seeker_id,
        job(station, boss, employer_id),
        clerk="刘文",
        today=TODAY,
    )
    forged = "LG1:GY01-20261124-0001:" + station.referrals.slip_data(other.id).qr_text.rsplit(":", 1)[1]
    with pytest.raises(ScanRefused, match="伪造或篡改") as refused:
        station.referrals.scan(forged, today=TODAY)
    assert refused.value.kind == "forged"
    with pytest.raises(ScanRefused, match="没有编号为GY01-20261124-0099"):
        station.referrals.scan(qr.replace("0001", "0099"), today=TODAY)
    with pytest.raises(PayloadError):
        station.referrals.scan("6901234567892", today=TODAY)  # a product barcode

    expired = station.referrals.scan(qr, today=date(2026, 11, 30))
    assert expired.notice == "此介绍信已于2026-11-26过期，仍可登记结果"


def station_person() -> dict[str, object]:
    return {
        "name": "李四", "id_number": make_id("52010219850101", "234"), "phone": "13900000000",
        "district_code": "520102", "job_types": [SERVER], "consent": True,
    }  # fmt: skip


def test_a_hire_fills_headcount_and_shows_where_the_person_works(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str, person: SeekerInput
) -> None:
    posting = job(station, boss, employer_id, headcount="1", title="宴会服务员")
    ref = station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)

    with pytest.raises(FormInvalid) as missing:
        station.referrals.record_outcome(ref.id, OutcomeInput("hired"), by="刘文", today=TODAY)
    assert set(missing.value.by_field()) == {"start_date", "agreed_pay", "agreed_pay_unit"}
    assert station.referrals.get(ref.id).status == "pending"  # nothing half-written

    station.referrals.record_outcome(ref.id, hire(), by="刘文", today=TODAY)

    assert station.postings.get(posting).status == "filled"
    assert station.referrals.placed_text(seeker_id, today=TODAY) == "在岗：茅台酒股份 宴会服务员（至2026-12-31）"
    other = station.seekers.save(seeker_like(person, 1), today=TODAY).seeker_id
    with pytest.raises(NotAllowed, match="只能推荐到招聘中的岗位"):
        station.referrals.refer(other, posting, clerk="刘文", today=TODAY)
    with pytest.raises(NotAllowed, match="如需更正请由主管操作"):
        station.referrals.record_outcome(ref.id, OutcomeInput("no_show"), by="刘文", today=TODAY)


def test_a_supervisor_corrects_an_outcome_the_history_keeps_both_and_the_post_reopens(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    posting = job(station, boss, employer_id, headcount="1")
    ref = station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)
    station.referrals.record_outcome(ref.id, hire(), by="刘文", today=TODAY)

    with pytest.raises(FormInvalid):
        station.referrals.correct_outcome(ref.id, OutcomeInput("not_hired", reason="pay"), supervisor=boss, by="刘文")
    corrected = station.referrals.correct_outcome(
        ref.id,
        OutcomeInput("not_hired", reason="pay", note="用人单位来电：未谈拢工资"),
        supervisor=boss,
        by="刘文",
        today=TODAY,
    )

    assert corrected.status == "not_hired"
    assert [h.what for h in corrected.history] == ["推荐", "已录用", "更正为未录用（原为已录用）"]
    assert corrected.history[-1].by == "刘文 / 王主管"
    assert station.postings.get(posting).status == "open"
    assert station.referrals.placed_text(seeker_id, today=TODAY) == ""


def test_follow_up_lists_run_out_slips_and_records_each_call(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    posting = job(station, boss, employer_id)
    ref = station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)
    assert station.referrals.follow_ups(today=date(2026, 11, 26)) == []

    [due] = station.referrals.follow_ups(today=date(2026, 11, 27))
    assert (due.code, due.seeker_phone_masked, due.calls) == (ref.code, "138****8000", 0)

    station.referrals.record_call(ref.id, "no_answer", by="刘文", today=date(2026, 11, 27))
    [again] = station.referrals.follow_ups(today=date(2026, 11, 28))
    assert (again.calls, again.last_call) == (1, "无人接听")

    done = station.referrals.record_call(
        ref.id, "hired", by="刘文", note="已在店里上班", outcome=hire(), today=date(2026, 11, 28)
    )
    assert done.status == "hired"
    assert station.referrals.follow_ups(today=date(2026, 11, 29)) == []
    assert [h.what for h in done.history] == ["推荐", "回访：无人接听", "回访：已上岗", "已录用"]


def test_a_slip_carries_masked_personal_data_and_the_employer_contact(
    station: Station, boss: Supervisor, employer_id: str, seeker_id: str
) -> None:
    posting = job(station, boss, employer_id, requirements="需健康证", work_time="08:00-17:00")
    ref = station.referrals.refer(seeker_id, posting, clerk="刘文", today=TODAY)

    slip = station.referrals.slip_data(ref.id)

    assert (slip.seeker_id_masked, slip.seeker_phone_masked) == ("520102************", "138****8000")
    assert slip.bring == ("本人身份证", "本介绍信", "健康证")
    assert slip.work_hours == "08:00-17:00，每天8小时"
    assert slip.employer_contact == "李红 0851-22386002"
    assert slip.pay == "¥180/天"
