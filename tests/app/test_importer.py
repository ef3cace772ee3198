import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main
from app.errors import StorageError, StorageKind
from app.services.importer import import_seekers, write_template
from app.station import Station, open_station
from tests.conftest import make_id

HEADER = ["姓名", "身份证号码", "手机号码", "现居区县", "求职工种", "期望工资", "工资单位", "人员类别"]
GOOD1 = [
    "张三丰",
    make_id("52010219900307", "001"),
    "13800138000",
    "南明区",
    "餐厅服务员、保洁员",
    "180",
    "元/天",
    "脱贫人口",
]
GOOD2 = [
    "阿依古丽·买买提",
    make_id("52010219850101", "002"),
    "+86 139 0000 1234",
    "贵阳市云岩区",
    "护工",
    "25",
    "小时",
    "",
]
BAD_ID = ["李四", "520102199003071239", "13800138001", "南明区", "保洁员", "", "", ""]
BAD_MANY = ["王", make_id("52010219900307", "004"), "12345", "火星区", "宇航员", "abc", "元/年", "富豪"]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_valid_rows_import_and_every_bad_row_is_reported(station: Station, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [HEADER, GOOD1, BAD_ID, GOOD2, BAD_MANY])
    report = import_seekers(station.seekers, src)
    assert (report.total, report.created, report.updated) == (4, 2, 0)
    assert report.rejected_rows == 2
    by_row: dict[int, set[str]] = {}
    for e in report.errors:
        by_row.setdefault(e.row, set()).add(e.field)
    assert by_row[3] == {"id_number"}
    assert by_row[5] >= {"name", "phone", "district_code", "job_types", "wage_unit"}
    assert station.seekers.count() == 2
    hit = station.searcher().search("古丽")
    assert hit.rows[0].job_types == ["4-14-01-02"]


def test_gbk_csv_from_excel_on_windows(station: Station, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "gbk.csv", [HEADER, GOOD1], encoding="gbk")
    assert import_seekers(station.seekers, src).created == 1


def test_english_headers(station: Station, tmp_path: Path) -> None:
    header = ["name", "id_number", "phone", "district", "job_types", "wage_expect", "wage_unit", "groups"]
    src = write_csv(tmp_path / "en.csv", [header, GOOD1])
    assert import_seekers(station.seekers, src).created == 1


def test_existing_id_updates_that_person_and_duplicates_in_file_are_reported(station: Station, tmp_path: Path) -> None:
    import_seekers(station.seekers, write_csv(tmp_path / "a.csv", [HEADER, GOOD1]))
    changed = [*GOOD1[:2], "13912345678", *GOOD1[3:]]
    report = import_seekers(station.seekers, write_csv(tmp_path / "b.csv", [HEADER, changed, changed]))
    assert (report.created, report.updated) == (0, 1)
    assert report.errors[0].row == 3 and "第2行" in report.errors[0].message
    assert station.seekers.count() == 1
    assert station.searcher().search("13912345678").rows[0].name == "张三丰"


def test_xlsx_with_an_id_excel_turned_into_a_number(station: Station, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(GOOD1)
    sheet.append(["李四", 520102199003071239, 13800138001, "南明区", "保洁员", 200, "天", ""])
    book.save(tmp_path / "in.xlsx")
    report = import_seekers(station.seekers, tmp_path / "in.xlsx")
    assert report.created == 1
    assert report.errors[0].row == 3 and "Excel" in report.errors[0].message


def test_nothing_is_half_written_when_storage_fails(station: Station, tmp_path: Path, monkeypatch) -> None:
    src = write_csv(tmp_path / "in.csv", [HEADER, GOOD1, GOOD2])
    calls = []

    def apply_then_fail(row, clean):  # the second row's write hits a full disk
        calls.append(clean)
        if len(calls) == 2:
            raise StorageError(StorageKind.DISK_FULL)
        original(row, clean)

    original = station.seekers.apply
    monkeypatch.setattr(station.seekers, "apply", apply_then_fail)
    with pytest.raises(StorageError):
        import_seekers(station.seekers, src)
    assert station.seekers.count() == 0


def test_template_round_trip(tmp_path: Path, station: Station) -> None:
    write_template(tmp_path / "t.xlsx")
    header = [c.value for c in next(load_workbook(tmp_path / "t.xlsx").active.iter_rows(max_row=1))]
    assert header[:5] == ["姓名", "身份证号码", "手机号码", "现居区县", "求职工种"]
    write_template(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8-sig").startswith("姓名,身份证号码,手机号码")


def test_cli_exit_statuses_and_report_file(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "d")
    good = write_csv(tmp_path / "good.csv", [HEADER, GOOD1])
    mixed = write_csv(tmp_path / "mixed.csv", [HEADER, GOOD2, BAD_ID])
    assert main(["--data-dir", data, "import", "seekers", str(good)]) == 0
    assert main(["--data-dir", data, "import", "seekers", str(mixed)]) == 1
    out = capsys.readouterr().out
    assert "第3行" in out and "身份证号码" in out
    report = (tmp_path / "mixed.csv.report.csv").read_text("utf-8-sig")
    assert report.splitlines()[0] == "行号,字段,原因"
    assert "3,身份证号码," in report
    (tmp_path / "x.txt").write_text("hello")
    assert main(["--data-dir", data, "import", "seekers", str(tmp_path / "x.txt")]) == 2
    assert main(["--data-dir", data, "import", "seekers", str(tmp_path / "missing.csv")]) == 2
    no_id = write_csv(tmp_path / "noid.csv", [["姓名", "手机号码"], ["张三", "13800138000"]])
    assert main(["--data-dir", data, "import", "seekers", str(no_id)]) == 2
    assert "身份证号码" in capsys.readouterr().err
    assert main(["--data-dir", data, "import", "seekers", "--template", str(tmp_path / "t.xlsx")]) == 0
    st = open_station(Path(data))
    assert st.seekers.count() == 2
    st.close()


def test_cli_demo_makes_valid_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--seekers", "300", "--postings", "0", "--seed", "4"]) == 0
    assert "已生成300名演示求职人员" in capsys.readouterr().out  # people, not rows (the search index's too)
    assert main(["--data-dir", str(data), "demo", "--seekers", "300", "--postings", "0", "--seed", "4"]) == 0
    assert "已生成0名演示求职人员" in capsys.readouterr().out  # the same seed again: nobody twice
    assert not (data / "linggong.db").exists()  # demo people live in the practice folder only
    st = open_station(data / "practice")
    assert st.seekers.count() == 300
    searcher = st.searcher()
    row = searcher.search("王").rows[0]
    full = st.seekers.reveal_id_number(row.id)
    from app.validation.resident_id import parse_resident_id

    assert parse_resident_id(full).region_code.startswith("52")
    searcher.close()
    st.close()
