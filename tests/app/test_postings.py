"""Postings: the notice's required fields, minimum wage, banned demands, limits, and the lifecycle."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.errors import FormInvalid, NotAllowed
from app.services.employers import EmployerInput
from app.services.postings import PostingFilter, PostingInput
from app.station import Station
from app.supervisor import Supervisor
from app.validation.notice_terms import scan
from tests.conftest import TODAY, posting_for


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company, today=TODAY).employer_id


def test_draft_gets_a_station_code(station: Station, employer_id: str) -> None:
    first = station.postings.save(posting_for(employer_id), today=TODAY)
    second = station.postings.save(posting_for(employer_id), today=TODAY)
    assert (first.code, second.code) == ("GY01-P20261124-0001", "GY01-P20261124-0002")
    assert first.status == "draft" and not first.warnings


def test_missing_fields_each_say_so(station: Station) -> None:
    with pytest.raises(FormInvalid) as e:
        station.postings.save(PostingInput(daily_hours=""), today=TODAY)
    fields = e.value.by_field()
    for key in (
        "employer_id", "title", "job_type", "headcount", "duties", "pay", "settlement", "work_place",
        "district_code", "start_date", "end_date", "daily_hours", "contact_name", "contact_phone",
    ):  # fmt: skip
        assert key in fields, key
    assert fields["title"] == "请输入岗位名称"


@pytest.mark.parametrize(
    ("pay", "unit", "hours", "figure"),
    [
        ("15", "hour", "8", "每小时不低于19.6元"),
        ("150", "day", "8", "日薪不低于156.8元"),
        ("200", "day", "11", "按每天11小时、每小时19.6元计，日薪不低于215.6元"),
        ("1800", "month", "8", "月薪不低于1890元"),
    ],
)
def test_pay_below_minimum_wage_is_refused_with_the_figure(
    station: Station, employer_id: str, pay: str, unit: str, hours: str, figure: str
) -> None:
    with pytest.raises(FormInvalid) as e:
        station.postings.save(posting_for(employer_id, pay=pay, pay_unit=unit, daily_hours=hours), today=TODAY)
    message = e.value.by_field()["pay"]
    assert "低于本地最低工资标准" in message and figure in message


def test_minimum_wage_follows_the_settings(station: Station, employer_id: str) -> None:
    station.postings.policy = type(station.postings.policy)(hour_cents=2500, month_cents=200000)
    with pytest.raises(FormInvalid, match="25"):
        station.postings.save(posting_for(employer_id, pay="24", pay_unit="hour"), today=TODAY)
    station.postings.save(posting_for(employer_id, pay="25", pay_unit="hour"), today=TODAY)


def test_piece_rate_and_long_days_warn(station: Station, employer_id: str) -> None:
    saved = station.postings.save(posting_for(employer_id, pay="0.8", pay_unit="piece", daily_hours="10"), today=TODAY)
    assert "计件" in saved.warnings["pay"] and "加班" in saved.warnings["daily_hours"]


@pytest.mark.parametrize(
    "text",
    ["入职需交押金200元", "报名费50元", "上岗前扣押身份证", "需交服装费", "身份证原件由公司保管", "先交钱后上岗"],
)
def test_demands_of_money_or_id_cards_are_flagged(text: str) -> None:
    assert scan({"duties": text})


@pytest.mark.parametrize(
    "text", ["不收押金", "无需任何费用，不收费", "严禁扣押身份证", "免押金，包吃住", "工资日结", "不得收取押金"]
)
def test_denials_are_not_flagged(text: str) -> None:
    assert scan({"duties": text}) == []


@pytest.mark.parametrize("text", ["不包住，押金200元", "免费住宿押金500", "不限男女押金300", "押 金200元", "压金100"])
def test_a_denial_elsewhere_or_spaces_do_not_hide_a_demand(text: str) -> None:
    assert scan({"duties": text})


def test_flagged_posting_cannot_open_until_cleared(station: Station, employer_id: str, boss: Supervisor) -> None:
    saved = station.postings.save(posting_for(employer_id, requirements="入职交押金200元"), today=TODAY)
    assert "押金" in saved.warnings["requirements"] and "主管" in saved.warnings["requirements"]
    station.postings.submit(saved.posting_id, today=TODAY)
    with pytest.raises(NotAllowed, match="押金"):
        station.postings.approve(saved.posting_id, boss, today=TODAY)
    station.postings.clear_flags(saved.posting_id, boss)
    station.postings.approve(saved.posting_id, boss, today=TODAY)
    assert station.postings.get(saved.posting_id).status == "open"


def test_changed_wording_needs_a_new_clearance(station: Station, employer_id: str, boss: Supervisor) -> None:
    saved = station.postings.save(posting_for(employer_id, requirements="交押金"), today=TODAY)
    station.postings.clear_flags(saved.posting_id, boss)
    station.postings.save(
        posting_for(employer_id, requirements="交押金、报名费"), posting_id=saved.posting_id, today=TODAY
    )
    assert station.postings.get(saved.posting_id).flags_outstanding


def test_limits_need_a_reason_before_review(station: Station, employer_id: str) -> None:
    saved = station.postings.save(posting_for(employer_id, sex_limit="M", age_max="50"), today=TODAY)
    assert "理由" in saved.warnings["limit_reason"]
    with pytest.raises(FormInvalid) as e:
        station.postings.submit(saved.posting_id, today=TODAY)
    assert "limit_reason" in e.value.by_field()
    reason = "搬运重物，单件50公斤以上"
    station.postings.save(
        posting_for(employer_id, sex_limit="M", age_max="50", limit_reason=reason),
        posting_id=saved.posting_id,
        today=TODAY,
    )
    station.postings.submit(saved.posting_id, today=TODAY)


def test_under_16_is_never_allowed(station: Station, employer_id: str) -> None:
    with pytest.raises(FormInvalid) as e:
        station.postings.save(posting_for(employer_id, age_min="15", limit_reason="x"), today=TODAY)
    assert "16" in e.value.by_field()["age_min"]


def test_lifecycle_draft_pending_open_filled(station: Station, employer_id: str, boss: Supervisor) -> None:
    pid = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    with pytest.raises(NotAllowed, match="草稿"):
        station.postings.approve(pid, boss, today=TODAY)
    station.postings.submit(pid, today=TODAY)
    station.postings.return_to_draft(pid, boss, "工作内容写得不清楚")
    got = station.postings.get(pid)
    assert got.status == "draft" and got.review_note == "工作内容写得不清楚"
    station.postings.submit(pid, today=TODAY)
    expires = station.postings.approve(pid, boss, today=TODAY)
    got = station.postings.get(pid)
    assert got.status == "open" and got.reviewed_by == "王主管" and expires == TODAY + timedelta(days=30)
    station.postings.mark_filled(pid)
    assert station.postings.get(pid).status == "filled"
    with pytest.raises(NotAllowed, match="不能修改"):
        station.postings.save(posting_for(employer_id), posting_id=pid, today=TODAY)
    with pytest.raises(NotAllowed):
        station.postings.close(pid, "单位取消")


def test_editing_an_open_posting_sends_it_back_to_review(station: Station, employer_id: str, boss: Supervisor) -> None:
    pid = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    station.postings.submit(pid, today=TODAY)
    station.postings.approve(pid, boss, today=TODAY)
    again = station.postings.save(posting_for(employer_id, headcount="30"), posting_id=pid, today=TODAY)
    assert again.status == "pending" and again.notices


def test_close_needs_a_reason(station: Station, employer_id: str) -> None:
    pid = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    with pytest.raises(FormInvalid):
        station.postings.close(pid, " ")
    station.postings.close(pid, "单位取消招聘")
    assert station.postings.get(pid).end_reason == "单位取消招聘"


def test_open_postings_expire_at_end_date_or_after_set_days(
    station: Station, employer_id: str, boss: Supervisor
) -> None:
    short = station.postings.save(posting_for(employer_id, end_date=date(2026, 12, 5)), today=TODAY).posting_id
    long = station.postings.save(posting_for(employer_id, end_date=date(2027, 6, 30)), today=TODAY).posting_id
    for pid in (short, long):
        station.postings.submit(pid, today=TODAY)
        station.postings.approve(pid, boss, today=TODAY)
    assert station.postings.get(long).expires_on == TODAY + timedelta(days=30)
    assert station.postings.expire_due(date(2026, 12, 5)) == 0
    assert station.postings.expire_due(date(2026, 12, 6)) == 1
    assert station.postings.get(short).status == "expired"
    assert station.postings.expire_due(TODAY + timedelta(days=31)) == 1
    assert station.postings.get(long).status == "expired"


def test_filtering_the_list(station: Station, employer_id: str, boss: Supervisor) -> None:
    a = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    station.postings.save(
        posting_for(employer_id, title="客房清洁", job_type="4-09-07-01", pay="25", pay_unit="hour",
                    district_code="520102", work_place="南明区某酒店"),
        today=TODAY,
    )  # fmt: skip
    station.postings.submit(a, today=TODAY)
    station.postings.approve(a, boss, today=TODAY)
    query = station.posting_query()
    titles = lambda **kw: [r.title for r in query.run(PostingFilter(**kw))]  # noqa: E731
    assert titles() == ["客房清洁", "包装车间临时工"]
    assert titles(status="open") == ["包装车间临时工"]
    assert titles(job_type="4-09-07-01") == ["客房清洁"]
    assert titles(district_code="520102") == ["客房清洁"]
    assert titles(pay_unit="hour") == ["客房清洁"]
    assert titles(text="包装") == ["包装车间临时工"]
    assert titles(text="茅台") == ["客房清洁", "包装车间临时工"]  # employer name
    assert titles(text="南明区某酒店") == ["客房清洁"]
    assert titles(text="客") == ["客房清洁"]
    assert titles(work_on=date(2026, 12, 15)) == ["客房清洁", "包装车间临时工"]
    assert titles(work_on=date(2027, 1, 15)) == []
    row = query.run(PostingFilter(status="open"))[0]
    assert row.contact_phone_masked == "0851-22****02" and row.employer_short_name == "茅台酒股份"
    query.close()


def test_any_rewording_of_cleared_text_needs_a_new_clearance(
    station: Station, employer_id: str, boss: Supervisor
) -> None:
    pid = station.postings.save(posting_for(employer_id, safety="借用电钻押金100元，完工退还"), today=TODAY).posting_id
    station.postings.clear_flags(pid, boss)
    station.postings.save(
        posting_for(employer_id, safety="借用电钻押金100元，完工退还", requirements="入职先交押金500元"),
        posting_id=pid,
        today=TODAY,
    )
    station.postings.submit(pid, today=TODAY)
    with pytest.raises(NotAllowed, match="押金"):
        station.postings.approve(pid, boss, today=TODAY)
    # Saving the same wording again keeps a clearance.
    station.postings.clear_flags(pid, boss)
    again = posting_for(employer_id, safety="借用电钻押金100元，完工退还", requirements="入职先交押金500元")
    station.postings.save(again, posting_id=pid, today=TODAY)
    assert not station.postings.get(pid).flags_outstanding


def test_a_limit_added_while_pending_blocks_approval(station: Station, employer_id: str, boss: Supervisor) -> None:
    pid = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    station.postings.submit(pid, today=TODAY)
    station.postings.save(posting_for(employer_id, sex_limit="M"), posting_id=pid, today=TODAY)
    with pytest.raises(FormInvalid) as e:
        station.postings.approve(pid, boss, today=TODAY)
    assert "limit_reason" in e.value.by_field()
    assert station.postings.get(pid).status == "pending"


def test_suspension_takes_open_and_pending_postings_down(station: Station, employer_id: str, boss: Supervisor) -> None:
    open_id = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    pending_id = station.postings.save(posting_for(employer_id), today=TODAY).posting_id
    for pid in (open_id, pending_id):
        station.postings.submit(pid, today=TODAY)
    station.postings.approve(open_id, boss, today=TODAY)
    station.employers.suspend(employer_id, "fraud", "虚假承诺工资", boss)
    for pid in (open_id, pending_id):
        got = station.postings.get(pid)
        assert got.status == "closed" and "虚假招聘" in got.end_reason


def test_drafts_and_pending_past_their_end_date_expire(station: Station, employer_id: str) -> None:
    pid = station.postings.save(posting_for(employer_id, end_date=date(2026, 12, 5)), today=TODAY).posting_id
    station.postings.submit(pid, today=TODAY)
    assert station.postings.expire_due(date(2026, 12, 6)) == 1
    assert station.postings.get(pid).status == "expired"


def test_renamed_employer_finds_its_postings_and_codes_ignore_case(
    station: Station, company: EmployerInput, employer_id: str
) -> None:
    saved = station.postings.save(posting_for(employer_id), today=TODAY)
    station.employers.save(replace(company, short_name="国酒茅台"), employer_id=employer_id, today=TODAY)
    query = station.posting_query()
    assert [r.code for r in query.run(PostingFilter(text="国酒"))] == [saved.code]
    assert [r.code for r in query.run(PostingFilter(text=saved.code.lower()))] == [saved.code]
    query.close()
