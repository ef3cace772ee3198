"""Practice data: demo people in a data folder of their own, marked so that it never enrols."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.practice import demo_refusal, is_practice_folder, make_demo, prepare_practice
from app.services.demo import make_seekers
from app.services.demo_postings import make_postings
from app.settings import Settings
from app.station import Station, open_station


def test_the_practice_folder_is_one_folder_whichever_way_it_is_named(tmp_path: Path) -> None:
    real = tmp_path / "station"
    settings = Settings(language="en", province="53", market_name="昆明市零工市场", clerk_name="刘文")
    settings.station_id, settings.server_url, settings.supervisor_pin_hash = "abc", "http://10.0.0.5:8765", "x"
    real.mkdir()
    settings.save(real / "settings.json")

    practice = prepare_practice(real)
    assert practice == real / "practice" and is_practice_folder(practice) and not is_practice_folder(real)
    # Named directly, or with --practice twice over, it is the same folder (no practice/practice).
    assert prepare_practice(practice) == practice
    assert main(["--data-dir", str(practice), "--practice", "demo", "--seekers", "3", "--postings", "0"]) == 0
    assert not (practice / "practice").exists()
    st = open_station(practice)
    try:
        assert st.practice and st.seekers.count() == 3
        # The station's language and districts, never its server, identity or supervisor PIN.
        s = st.settings
        assert (s.language, s.province, s.market_name, s.clerk_name) == ("en", "53", "昆明市零工市场", "刘文")
        assert (s.station_id, s.server_url, s.supervisor_pin_hash) == ("", "", "")
    finally:
        st.close()
    assert not (real / "linggong.db").exists()


def test_demo_rows_mark_the_database_they_are_written_to(station: Station) -> None:
    assert demo_refusal(station.db, station.data.root) is None
    make_postings(station, 5, seed=2, marked=False)  # a load test's rows, meant to be pushed
    assert demo_refusal(station.db, station.data.root) is None
    make_seekers(station.db, station.keys, station.clock, 2)
    why = demo_refusal(station.db, station.data.root)
    assert why is not None and "演示数据" in why and str(station.data.root) in why


def test_demo_data_goes_into_a_practice_station_only(station: Station) -> None:
    with pytest.raises(ValueError, match="practice"):
        make_demo(station, seekers=3)
    assert station.seekers.count() == 0


def test_practice_is_for_station_data_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "s"), "--practice", "server", "list-stations"]) == 2
    assert "--practice" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()
