"""Matching people and open postings: who appears, in what order, and the reasons shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotAllowed
from app.services.employers import EmployerInput
from app.services.matching import Matcher
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.station import Station
from app.supervisor import Supervisor
from app.validation.work_time import parse_work_windows, windows_overlap
from tests.conftest import TODAY, make_id, open_posting, seeker_like

SERVER, COOK, PACKER = "4-03-02-05", "4-03-02-01", "6-31-05-01"
NANMING, YUNYAN, RENHUAI = "520102", "520103", "520382"  # Guiyang, Guiyang, Zunyi


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company).employer_id


@pytest.fixture
def matcher(station: Station) -> Matcher:
    m = station.matcher()
    yield m  # type: ignore[misc]
    m.close()


def restaurant(station: Station, boss: Supervisor, employer_id: str, **changes: object) -> str:
    fields: dict[str, object] = {
        "title": "餐厅服务员", "job_type": SERVER, "district_code": NANMING, "pay": "200", "pay_unit": "day",
        "work_place": "南明区花果园", "headcount": "3",
    }  # fmt: skip
    fields.update(changes)
    return open_posting(station, boss, employer_id, **fields)


def test_postings_for_a_person_rank_exact_type_and_nearby_first_with_reasons(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    seeker = station.seekers.save(person, today=TODAY).seeker_id
    near = restaurant(station, boss, employer_id, title="火锅店服务员")
    far = restaurant(station, boss, employer_id, title="遵义餐厅服务员", district_code=RENHUAI, work_place="仁怀市")
    related = restaurant(station, boss, employer_id, title="后厨帮厨", job_type=COOK)
    restaurant(station, boss, employer_id, title="包装工", job_type=PACKER)  # another category: never offered

    results = matcher.postings_for(seeker, today=TODAY)

    assert [m.posting.id for m in results] == [near, related, far]
    best = results[0].fit
    assert best.reasons[:3] == ("工种一致", "日薪高于期望¥20", "同区")
    assert "相近工种" in results[1].fit.reasons
    assert "跨市州" in results[2].fit.concerns


def test_pay_in_other_units_is_compared_per_day_with_the_assumption_shown(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    seeker = station.seekers.save(person, today=TODAY).seeker_id  # expects 180 a day
    restaurant(station, boss, employer_id, pay="25", pay_unit="hour", daily_hours="8")
    restaurant(station, boss, employer_id, title="短时服务员", pay="20", pay_unit="hour", daily_hours="8")

    reasons = [m.fit.summary for m in matcher.postings_for(seeker, today=TODAY)]

    assert "日薪高于期望¥20（按每天8小时折算）" in reasons[0]
    assert "日薪低于期望¥20（按每天8小时折算）" in reasons[1]


def test_suspended_filled_expired_and_unopened_postings_never_appear(
    station: Station, boss: Supervisor, employer_id: str, company: EmployerInput, person: SeekerInput,
    matcher: Matcher,
) -> None:  # fmt: skip
    seeker = station.seekers.save(person, today=TODAY).seeker_id
    live = restaurant(station, boss, employer_id)
    filled = restaurant(station, boss, employer_id, title="已满岗位")
    station.postings.mark_filled(filled)
    station.postings.save(posting_like_restaurant(employer_id), today=TODAY)  # a draft
    restaurant(station, boss, employer_id, title="短期", start_date=date(2026, 11, 25), end_date=date(2026, 11, 26))
    other = station.employers.save(
        EmployerInput(**{**company.__dict__, "credit_code": "91440300708461136T", "name": "深圳腾讯", "short_name": ""})
    ).employer_id
    restaurant(station, boss, other, title="将被暂停")
    station.employers.suspend(other, "unpaid_wages", "", boss, on=TODAY)

    ids = [m.posting.id for m in matcher.postings_for(seeker, today=date(2026, 11, 27))]

    assert ids == [live]


def posting_like_restaurant(employer_id: str) -> object:
    from tests.conftest import posting_for

    return posting_for(employer_id, title="草稿", job_type=SERVER, district_code=NANMING)


def test_people_for_a_posting_put_special_groups_first_when_otherwise_equal(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    plain = station.seekers.save(seeker_like(person, 1, name="李四"), today=TODAY).seeker_id
    helped = station.seekers.save(seeker_like(person, 2, name="王五", groups=["poverty_lifted"]), today=TODAY).seeker_id
    far = station.seekers.save(seeker_like(person, 3, name="赵六", district_code=RENHUAI), today=TODAY).seeker_id
    cook = station.seekers.save(seeker_like(person, 4, name="钱七", job_types=[COOK]), today=TODAY).seeker_id
    packer = station.seekers.save(seeker_like(person, 5, name="孙八", job_types=[PACKER]), today=TODAY).seeker_id
    posting = restaurant(station, boss, employer_id)

    results = matcher.seekers_for(posting, today=TODAY)

    assert [m.seeker.id for m in results] == [helped, plain, cook, far]  # day work is local
    assert packer not in [m.seeker.id for m in results]
    assert results[0].group_labels == "脱贫人口"
    assert results[0].phone_masked == "139****0002"


def test_limits_and_availability_leave_people_out(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    man = station.seekers.save(person, today=TODAY).seeker_id  # born 1990, male (seq 123 is odd)
    busy = station.seekers.save(
        seeker_like(person, 1, avail_from=date(2027, 1, 10), avail_to=date(2027, 1, 20)), today=TODAY
    ).seeker_id
    women_only = restaurant(station, boss, employer_id, sex_limit="F", limit_reason="女子浴室保洁")
    young = restaurant(station, boss, employer_id, title="青年岗", age_max="30", limit_reason="高强度搬运")

    assert matcher.seekers_for(women_only, today=TODAY) == []
    assert matcher.seekers_for(young, today=TODAY) == []
    assert busy not in [m.seeker.id for m in matcher.seekers_for(restaurant(station, boss, employer_id), today=TODAY)]
    assert man in [m.seeker.id for m in matcher.seekers_for(restaurant(station, boss, employer_id), today=TODAY)]


def test_age_limits_are_judged_on_the_birth_month_kept_never_letting_in_too_young_or_too_old(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    # The job starts on 1 December 2026 and wants people of 18 to 50 on that day.
    job = restaurant(station, boss, employer_id, age_min="18", age_max="50", limit_reason="夜班搬运")
    born = {
        "18 in November": date(2008, 11, 30),
        "17, 18 in mid-December": date(2008, 12, 15),
        "18 on the first day, but December is not past": date(2008, 12, 1),
        "50 all December": date(1976, 1, 5),
        "51 in November": date(1975, 11, 30),
        "50 until 20 December, but 51 from within December": date(1975, 12, 20),
    }
    ids = {
        label: station.seekers.save(
            replace(person, id_number=make_id(f"520102{b:%Y%m%d}", f"{101 + 2 * i:03d}"), phone=f"1390000000{i}"),
            today=TODAY,
        ).seeker_id
        for i, (label, b) in enumerate(born.items())
    }
    listed = {m.seeker.id for m in matcher.seekers_for(job, today=TODAY)}
    assert {label for label, i in ids.items() if i in listed} == {"18 in November", "50 all December"}
    with pytest.raises(NotAllowed, match="18至50"):
        station.referrals.refer(ids["18 on the first day, but December is not past"], job, clerk="刘文", today=TODAY)


def test_a_placed_person_is_left_out_of_clashing_jobs_but_may_take_an_evening_one(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    seeker = station.seekers.save(person, today=TODAY).seeker_id
    day_job = restaurant(station, boss, employer_id, title="午市服务员", work_time="10:00-14:00")
    clash = restaurant(station, boss, employer_id, title="全天服务员", work_time="09:00-17:00")
    evening = restaurant(station, boss, employer_id, title="夜宵服务员", work_time="18:00-22:00")
    unknown = restaurant(station, boss, employer_id, title="时间面议")
    ref = station.referrals.refer(seeker, day_job, clerk="刘文", today=TODAY)
    station.referrals.record_outcome(
        ref.id,
        OutcomeInput("hired", start_date=date(2026, 12, 1), agreed_pay="200", agreed_pay_unit="day"),
        by="刘文",
        today=TODAY,
    )

    ids = [m.posting.id for m in matcher.postings_for(seeker, today=TODAY)]

    assert evening in ids
    assert clash not in ids and unknown not in ids and day_job not in ids
    assert seeker not in [m.seeker.id for m in matcher.seekers_for(clash, today=TODAY)]
    assert seeker in [m.seeker.id for m in matcher.seekers_for(evening, today=TODAY)]


def test_a_pending_referral_is_marked_and_a_missing_certificate_is_a_concern(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    seeker = station.seekers.save(person, today=TODAY).seeker_id
    posting = restaurant(station, boss, employer_id, requirements="需持有健康证")
    station.referrals.refer(seeker, posting, clerk="刘文", today=TODAY)

    [match] = matcher.postings_for(seeker, today=TODAY)

    assert match.referred
    assert "缺健康证" in match.fit.concerns
    station.seekers.save(person, seeker_id=seeker, today=TODAY)  # unchanged skills: still missing
    healthy = seeker_like(person, 9, skills="有健康证")
    other = station.seekers.save(healthy, today=TODAY).seeker_id
    assert "有健康证" in matcher.postings_for(other, today=TODAY)[0].fit.reasons


def test_changing_a_persons_job_types_moves_them_between_postings(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, matcher: Matcher
) -> None:
    seeker = station.seekers.save(person, today=TODAY).seeker_id
    packing = restaurant(station, boss, employer_id, title="包装工", job_type=PACKER)
    assert matcher.seekers_for(packing, today=TODAY) == []

    person.job_types = [PACKER]
    station.seekers.save(person, seeker_id=seeker, today=TODAY)

    assert [m.seeker.id for m in matcher.seekers_for(packing, today=TODAY)] == [seeker]


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("08:00-12:00", "13:00-17:00", False),
        ("08:00-12:00", "11:00-17:00", True),
        ("22:00-06:00", "05:00-10:00", True),
        ("早8点到晚6点", "18:30-22:00", False),
        ("9:00-12:00，14:00-18:00", "12:00-14:00", False),
        ("面议", "18:00-22:00", True),
    ],
)
def test_working_times_clash_only_when_their_hours_overlap(a: str, b: str, clash: bool) -> None:
    assert windows_overlap(parse_work_windows(a), parse_work_windows(b)) is clash
