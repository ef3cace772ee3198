"""Importing postings from platform lists (.csv in UTF-8 or GBK, .xlsx), and the demo postings."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy.orm import Session

from app import clock as wallclock
from app.cli import main
from app.errors import InputFileError, NotAllowed, StorageError, StorageKind
from app.reference import find_district_in_text
from app.services.demo_postings import DemoPostings, make_postings, organisation_code, short_place
from app.services.employers import EmployerInput
from app.services.posting_import import import_postings, write_posting_template
from app.services.postings import PostingFilter, validate_posting
from app.station import Station, open_station
from app.supervisor import Supervisor
from app.validation.credit_code import parse_credit_code
from tests.conftest import MOUTAI, TENCENT, TODAY

HEADER = [
    "单位名称", "统一社会信用代码", "岗位名称", "工种", "招聘人数", "薪资", "薪资单位", "结算方式", "工作地点",
    "开始日期", "结束日期", "联系人", "联系电话", "工作区县", "工作内容", "包吃", "信息来源", "任职要求",
]  # fmt: skip
MOUTAI_NAME = "贵州茅台酒股份有限公司"
TENCENT_NAME = "深圳市腾讯计算机系统有限公司"


def row(**changes: str) -> list[str]:
    """A good row (茅台 packing in December 2026), with some cells changed by header name."""
    cells = {
        "单位名称": MOUTAI_NAME,
        "统一社会信用代码": MOUTAI,
        "岗位名称": "包装车间临时工",
        "工种": "包装工",
        "招聘人数": "20",
        "薪资": "180",
        "薪资单位": "元/天",
        "结算方式": "日结",
        "工作地点": "仁怀市茅台镇包装车间",
        "开始日期": "2026-12-01",
        "结束日期": "2026-12-31",
        "联系人": "李红",
        "联系电话": "0851-22386002",
        "工作区县": "",
        "工作内容": "成品酒装箱、贴标",
        "包吃": "是",
        "信息来源": "",
        "任职要求": "",
    }
    cells.update(changes)
    return [cells[h] for h in HEADER]


GOOD_TENCENT = row(
    单位名称=TENCENT_NAME, 统一社会信用代码=TENCENT, 岗位名称="活动布置临时工", 工种="会展及活动临时工",
    招聘人数="10", 薪资="25", 薪资单位="小时", 结算方式="完工结", 工作地点="观山湖区金阳南路6号",
    联系人="马化腾", 联系电话="13800138000", 工作内容="", 包吃="否", 信息来源="零工港",
)  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def run_import(station: Station, path: Path, **kw: object):  # type: ignore[no-untyped-def]
    return import_postings(station.employers, station.postings, path, today=TODAY, **kw)  # type: ignore[arg-type]


def listed(station: Station, **kw: object) -> list:  # type: ignore[type-arg]
    query = station.posting_query()
    try:
        return query.run(PostingFilter(**kw))  # type: ignore[arg-type]
    finally:
        query.close()


def test_valid_rows_land_as_pending_with_new_employers_registered_once(station: Station, tmp_path: Path) -> None:
    second = row(岗位名称="酒瓶搬运", 工种="装卸搬运工", 薪资="25", 薪资单位="元/小时", 结算方式="周结",
                 开始日期="2026/12/05", 结束日期="2026年12月20日", 工作内容="", 信息来源="零工港")  # fmt: skip
    src = write_csv(tmp_path / "in.csv", [HEADER, row(), second, GOOD_TENCENT])
    report = run_import(station, src)
    assert (report.total, report.created, report.employers_created, report.errors) == (3, 3, 2, [])
    assert station.employers.count() == 2
    moutai = station.employers.find_by_credit_code(MOUTAI)
    assert moutai is not None
    employer = station.employers.get(moutai)
    # The platform is not the market: the terms wait for the employer's first visit to the counter.
    assert employer.kind == "enterprise" and not employer.terms_accepted and employer.district_code == "520382"
    rows = listed(station)
    assert [r.code for r in rows] == ["GY01-P20261124-0003", "GY01-P20261124-0002", "GY01-P20261124-0001"]
    assert {r.status for r in rows} == {"pending"}
    by_title = {r.title: station.postings.get(r.id) for r in rows}
    packing = by_title["包装车间临时工"]
    assert (packing.pay_cents, packing.pay_unit, packing.settlement, packing.meals) == (18000, "day", "daily", True)
    assert packing.district_code == "520382" and packing.daily_hours == 8 and packing.submitted_at is not None
    assert packing.source_channel == "批量导入"
    moving = by_title["酒瓶搬运"]
    assert moving.duties == "酒瓶搬运"  # no 工作内容: the title says what the work is
    assert (moving.start_date, moving.end_date) == (date(2026, 12, 5), date(2026, 12, 20))
    assert moving.source_channel == "零工港" and moving.employer_id == moutai
    events = by_title["活动布置临时工"]
    assert events.district_code == "520115"  # 观山湖区, found in the work place
    assert events.job_type == "4-13-99-00" and events.settlement == "completion"
    assert station.employers.get(events.employer_id).name == TENCENT_NAME


def test_every_bad_row_is_reported_with_row_field_and_reason(station: Station, tmp_path: Path) -> None:
    bad_code = row(统一社会信用代码="91520000214434146X")
    low_pay = row(薪资="150")
    unknown_type = row(工种="宇航员")
    backwards = row(开始日期="2026-12-20", 结束日期="2026-12-10")
    nowhere = row(工作地点="火星基地", 工作区县="")
    many = row(单位名称="", 薪资单位="元/年", 结算方式="年结", 工作区县="火星区", 包吃="也许", 开始日期="下周")
    rows = [HEADER, row(), bad_code, low_pay, unknown_type, backwards, nowhere, many]
    report = run_import(station, write_csv(tmp_path / "in.csv", rows))
    assert (report.total, report.created, report.rejected_rows) == (7, 1, 6)
    by_row: dict[int, dict[str, str]] = {}
    for e in report.errors:
        assert e.field not in by_row.get(e.row, {}), "one message per field"
        by_row.setdefault(e.row, {})[e.field] = e.message
    assert by_row[3] == {"credit_code": "校验码不对：最后一位应为R，请逐位核对"}
    assert list(by_row[4]) == ["pay"]
    assert "低于本地最低工资标准" in by_row[4]["pay"] and "156.8" in by_row[4]["pay"]
    assert by_row[5] == {"job_type": "工种目录中没有“宇航员”"}
    assert by_row[6] == {"end_date": "结束日期不能早于开始日期"}
    assert list(by_row[7]) == ["district_code"] and "工作区县" in by_row[7]["district_code"]
    assert set(by_row[8]) == {"employer_name", "pay_unit", "settlement", "district_code", "meals", "start_date"}
    assert station.postings.count() == 1 and station.employers.count() == 1


def test_gbk_csv_from_excel_on_windows(station: Station, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "gbk.csv", [HEADER, row(), GOOD_TENCENT], encoding="gbk")
    assert run_import(station, src).created == 2
    assert {r.employer_name for r in listed(station)} == {MOUTAI_NAME, TENCENT_NAME}


def test_english_headers(station: Station, tmp_path: Path) -> None:
    header = [
        "employer_name", "credit_code", "title", "job_type", "headcount", "pay", "pay_unit", "settlement",
        "work_place", "start_date", "end_date", "contact_name", "contact_phone", "district", "duties", "meals",
        "source", "requirements",
    ]  # fmt: skip
    english = row(薪资单位="day", 结算方式="weekly", 工种="Packer", 工作区县="520382", 包吃="yes")
    report = run_import(station, write_csv(tmp_path / "en.csv", [header, english]))
    assert report.created == 1, report.errors
    posting = station.postings.get(listed(station)[0].id)
    assert (posting.pay_unit, posting.settlement, posting.job_type, posting.meals) == (
        "day",
        "weekly",
        "6-31-05-01",
        True,
    )


def test_xlsx_with_numbers_and_dates_as_excel_stores_them(station: Station, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    first = row()
    first[HEADER.index("招聘人数")] = 20  # type: ignore[call-overload]
    first[HEADER.index("薪资")] = 19.6  # type: ignore[call-overload]
    first[HEADER.index("薪资单位")] = "时"
    first[HEADER.index("开始日期")] = datetime(2026, 12, 1)  # type: ignore[call-overload]
    first[HEADER.index("联系电话")] = 13800138000  # type: ignore[call-overload]
    sheet.append(first)
    numeric_code = row()
    numeric_code[HEADER.index("统一社会信用代码")] = 915200002144341460  # type: ignore[call-overload]
    sheet.append(numeric_code)
    book.save(tmp_path / "in.xlsx")
    report = run_import(station, tmp_path / "in.xlsx")
    assert report.created == 1
    assert report.errors[0].row == 3 and report.errors[0].field == "credit_code"
    assert "Excel" in report.errors[0].message
    posting = station.postings.get(listed(station)[0].id)
    assert (posting.pay_cents, posting.pay_unit, posting.headcount) == (1960, "hour", 20)
    assert posting.start_date == date(2026, 12, 1) and posting.contact_phone == "13800138000"


def test_missing_required_column_and_unreadable_files_write_nothing(station: Station, tmp_path: Path) -> None:
    no_code = write_csv(tmp_path / "nocode.csv", [[h for h in HEADER if h != "统一社会信用代码"], row()[:1]])
    with pytest.raises(InputFileError, match="统一社会信用代码"):
        run_import(station, no_code)
    (tmp_path / "x.txt").write_text("hello")
    for path in (tmp_path / "x.txt", tmp_path / "missing.csv"):
        with pytest.raises(InputFileError):
            run_import(station, path)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputFileError, match="Excel"):
        run_import(station, tmp_path / "broken.xlsx")
    assert station.postings.count() == 0 and station.employers.count() == 0


def test_valid_rows_are_written_in_one_transaction(station: Station, tmp_path: Path, monkeypatch) -> None:
    writes = []
    original = station.db.write

    @contextmanager
    def counted() -> Iterator[Session]:
        writes.append(1)
        with original() as s:
            yield s

    monkeypatch.setattr(station.db, "write", counted)
    report = run_import(station, write_csv(tmp_path / "in.csv", [HEADER, row(), row(岗位名称="贴标工"), GOOD_TENCENT]))
    assert report.created == 3 and len(writes) == 1


def test_nothing_is_half_written_when_storage_fails(station: Station, tmp_path: Path, monkeypatch) -> None:
    calls = []
    original = station.postings.apply

    def apply_then_fail(s, row_, checked, employer):  # type: ignore[no-untyped-def]
        calls.append(row_)
        if len(calls) == 2:  # the second posting's write hits a full disk
            raise StorageError(StorageKind.DISK_FULL)
        original(s, row_, checked, employer)

    monkeypatch.setattr(station.postings, "apply", apply_then_fail)
    with pytest.raises(StorageError):
        run_import(station, write_csv(tmp_path / "in.csv", [HEADER, row(), GOOD_TENCENT]))
    assert station.postings.count() == 0 and station.employers.count() == 0


def test_known_employer_is_matched_by_credit_code_and_codes_keep_counting(
    station: Station, company: EmployerInput, tmp_path: Path
) -> None:
    from tests.conftest import posting_for

    employer_id = station.employers.save(company, today=TODAY).employer_id
    station.postings.save(posting_for(employer_id, title="仓库理货员"), today=TODAY)
    report = run_import(station, write_csv(tmp_path / "in.csv", [HEADER, row(), row(岗位名称="贴标工")]))
    assert (report.created, report.employers_created) == (2, 0)
    assert station.employers.count() == 1
    codes = sorted(r.code for r in listed(station, employer_id=employer_id))
    assert codes == ["GY01-P20261124-0001", "GY01-P20261124-0002", "GY01-P20261124-0003"]
    assert station.employers.get(employer_id).short_name == "茅台酒股份"  # the register is not overwritten


def test_suspended_employers_rows_are_rejected_with_the_reason(
    station: Station, company: EmployerInput, boss: Supervisor, tmp_path: Path
) -> None:
    employer_id = station.employers.save(company, today=TODAY).employer_id
    station.employers.suspend(employer_id, "unpaid_wages", "", boss, on=TODAY)
    report = run_import(station, write_csv(tmp_path / "in.csv", [HEADER, row(), GOOD_TENCENT, row(薪资="100")]))
    assert (report.created, report.rejected_rows) == (1, 2)
    assert [(e.row, e.field) for e in report.errors][:2] == [(2, "employer_id"), (4, "employer_id")]
    assert "拖欠工资" in report.errors[0].message and "不能发布岗位" in report.errors[0].message
    assert {e.field for e in report.errors if e.row == 4} == {"employer_id", "pay"}
    assert [r.employer_name for r in listed(station)] == [TENCENT_NAME]


def test_individual_business_and_bad_employer_details(station: Station, tmp_path: Path) -> None:
    from app.validation.credit_code import check_char

    first17 = "92520102MA6DK1234"
    shop_code = first17 + check_char(first17)
    shop = row(单位名称="南明区聚福羊肉粉馆", 统一社会信用代码=shop_code, 岗位名称="粉馆帮工", 工种="厨房帮工")
    long_name = row(单位名称="贵" * 101, 统一社会信用代码=TENCENT)
    report = run_import(station, write_csv(tmp_path / "in.csv", [HEADER, shop, long_name]))
    assert report.created == 1 and report.employers_created == 1
    assert [(e.row, e.field) for e in report.errors] == [(3, "employer_name")]
    shop_id = station.employers.find_by_credit_code(shop_code)
    assert shop_id is not None and station.employers.get(shop_id).kind == "individual"


def test_flagged_wording_waits_for_a_supervisor(station: Station, boss: Supervisor, tmp_path: Path) -> None:
    flagged = row(任职要求="入职需交押金200元")
    run_import(station, write_csv(tmp_path / "in.csv", [HEADER, flagged]))
    posting = station.postings.get(listed(station)[0].id)
    assert posting.status == "pending" and posting.flagged_terms == ["押金"]
    with pytest.raises(NotAllowed, match="押金"):
        station.postings.approve(posting.id, boss, today=TODAY)
    station.postings.clear_flags(posting.id, boss)
    station.postings.approve(posting.id, boss, today=TODAY)


def test_source_channel_for_rows_that_leave_it_empty(station: Station, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [HEADER, row(), GOOD_TENCENT])
    run_import(station, src, source="灵工盒子")
    assert sorted(r.source_channel for r in listed(station)) == ["灵工盒子", "零工港"]


def test_template_round_trip(station: Station, tmp_path: Path) -> None:
    write_posting_template(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:4] == ["单位名称", "统一社会信用代码", "岗位名称", "工种"]
    assert sheet["B2"].number_format == "@"  # credit codes stay text
    phone_col = header.index("联系电话")
    assert sheet.cell(row=2, column=phone_col + 1).number_format == "@"
    values = dict(zip(HEADER, row(), strict=True))
    sheet.append([values.get(str(h), "") for h in header])
    book.save(tmp_path / "filled.xlsx")
    assert run_import(station, tmp_path / "filled.xlsx").created == 1
    write_posting_template(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8-sig").startswith("单位名称,统一社会信用代码,岗位名称,工种,招聘人数")
    with pytest.raises(InputFileError):
        write_posting_template(tmp_path / "t.txt")


@pytest.mark.dates
def test_cli_exit_statuses_summary_and_report(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "d")
    start, end = wallclock.today() + timedelta(days=3), wallclock.today() + timedelta(days=20)
    dates = {"开始日期": start.isoformat(), "结束日期": end.isoformat()}
    good = write_csv(tmp_path / "good.csv", [HEADER, row(**dates)])
    mixed = write_csv(
        tmp_path / "mixed.csv", [HEADER, row(**dates, 岗位名称="贴标工"), row(**dates, 统一社会信用代码="123")]
    )
    assert main(["--data-dir", data, "import", "postings", str(good), "--source", "零工港"]) == 0
    assert "共1行：新建岗位1个，新登记单位1家，拒绝0行" in capsys.readouterr().out
    assert main(["--data-dir", data, "import", "postings", str(mixed)]) == 1
    out = capsys.readouterr().out
    assert "共2行：新建岗位1个，新登记单位0家，拒绝1行" in out
    assert "第3行  统一社会信用代码：统一社会信用代码应为18位，现在是3位" in out
    report = (tmp_path / "mixed.csv.report.csv").read_text("utf-8-sig")
    assert report.splitlines() == ["行号,字段,原因", "3,统一社会信用代码,统一社会信用代码应为18位，现在是3位"]
    own_report = tmp_path / "rejected.csv"
    assert main(["--data-dir", data, "import", "postings", str(mixed), "--report", str(own_report)]) == 1
    assert "未重复导入" in own_report.read_text("utf-8-sig")  # the same file again adds nothing
    (tmp_path / "x.txt").write_text("hello")
    assert main(["--data-dir", data, "import", "postings", str(tmp_path / "x.txt")]) == 2
    assert main(["--data-dir", data, "import", "postings", str(tmp_path / "missing.csv")]) == 2
    no_phone = write_csv(tmp_path / "nophone.csv", [HEADER[:12], row(**dates)[:12]])
    assert main(["--data-dir", data, "import", "postings", str(no_phone)]) == 2
    assert "联系电话" in capsys.readouterr().err
    assert main(["--data-dir", data, "import", "postings"]) == 2
    assert main(["--data-dir", data, "import", "postings", "--template", str(tmp_path / "t.xlsx")]) == 0
    st = open_station(Path(data))
    assert st.postings.count("pending") == 2 and st.employers.count() == 1
    query = st.posting_query()
    assert {r.source_channel for r in query.run(PostingFilter())} == {"零工港", "批量导入"}
    query.close()
    st.close()


def test_district_named_inside_a_work_place() -> None:
    assert find_district_in_text("观山湖区金阳南路", "52") == "520115"
    assert find_district_in_text("贵阳市南明区花果园", "52") == "520102"
    assert find_district_in_text("道真县城关镇", "52") == "520325"  # 道真仡佬族苗族自治县
    assert find_district_in_text("遵义市红花岗区到汇川区", "52") == "520302"  # the first one written
    assert find_district_in_text("火星基地", "52") is None


def test_demo_employers_and_postings_keep_the_rules(station: Station) -> None:
    made = make_postings(station, 400, seed=3, today=TODAY)
    assert made == DemoPostings(employers=100, postings=400)
    assert station.postings.count() == 400 and station.employers.count() == 100
    rows = listed(station, limit=1000)
    assert len({r.code for r in rows}) == 400
    statuses = [r.status for r in rows]
    assert statuses.count("open") > 200 and {"pending", "draft", "filled", "closed", "expired"} <= set(statuses)
    assert len({r.district_code for r in rows}) > 30 and len({r.source_channel for r in rows}) >= 5
    policy = station.postings.policy
    for r in random.Random(1).sample(rows, 120):
        detail = station.postings.get(r.id)
        today = TODAY if detail.status in ("draft", "pending", "open") else detail.created_at.date()
        checked = validate_posting(detail.as_input(), policy, today=today)
        floor = policy.floor(detail.pay_unit, detail.daily_hours)
        assert floor is None or detail.pay_cents >= floor[0]
        if detail.status == "open":
            assert detail.expires_on is not None and detail.expires_on >= TODAY
            assert not checked.flagged
    kinds = {"enterprise": 0, "individual": 0, "household": 0}
    for e in station.employers.search(limit=1000):
        kinds[e.kind] += 1
        detail = station.employers.get(e.id)
        if e.kind == "household":
            assert detail.owner_id_masked and detail.credit_code is None
        else:
            code = parse_credit_code(e.credit_code)
            assert code.is_individual_business == (e.kind == "individual")
            assert code.region_code.startswith("52")
    assert all(kinds.values()), kinds
    assert listed(station, text="有限公司")  # the text index was filled by the triggers


def test_demo_twice_adds_more_without_clashing(station: Station) -> None:
    make_postings(station, 30, seed=1, today=TODAY)
    make_postings(station, 30, seed=1, today=TODAY)
    assert station.postings.count() == 60 and station.employers.count() == 14


def test_demo_helpers() -> None:
    assert organisation_code("21443414") == "214434146"  # 茅台's code body
    assert short_place("黔东南苗族侗族自治州") == "黔东南" and short_place("贵阳市") == "贵阳"


def test_cli_demo_makes_postings(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--seekers", "5", "--postings", "40"]) == 0
    st = open_station(data / "practice")
    assert st.postings.count() == 40 and st.seekers.count() == 5
    st.close()
    assert main(["--data-dir", str(tmp_path / "e"), "demo", "--seekers", "5"]) == 0
    st = open_station(tmp_path / "e" / "practice")
    assert st.postings.count() == 60
    st.close()


def test_the_same_file_imported_twice_adds_nothing_the_second_time(station: Station, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [HEADER, row(), GOOD_TENCENT, row()])
    first = run_import(station, path)
    assert first.created == 2 and [(e.row, e.field) for e in first.errors] == [(4, "title")]
    assert "第2行" in first.errors[0].message
    second = run_import(station, path)
    assert second.created == 0 and second.rejected_rows == 3
    assert all("未重复导入" in e.message or "第2行" in e.message for e in second.errors)
    assert station.postings.count() == 2
