"""The counter's sync: the status line, F12, enrolment from the settings, and a person registered at
another station found by typing the full ID number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.services.seekers import SeekerInput
from app.station import open_station
from server import admin
from tests.server.conftest import LiveServer, start_server
from tests.server.helpers import enrolled_counter
from tests.ui.test_counter import wait_idle
from ui.setup import install_translations, load_bundled_font, set_names


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    from server.store import make_engine, upgrade
    from server.vault import make_keys

    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    keys = make_keys()
    upgrade(engine, keys)
    srv = start_server(engine, keys)
    yield srv
    srv.stop()
    engine.dispose()


def test_enrol_from_settings_then_the_status_line_tells_the_truth(
    qtbot: Any, qapp: QApplication, tmp_path: Path, server: LiveServer, person: SeekerInput
) -> None:
    set_names()
    qapp.setFont(load_bundled_font())
    install_translations(qapp, "zh_CN")
    from ui.main_window import MainWindow
    from ui.sync_status import EnrolDialog

    station = open_station(tmp_path / "counter")
    w = MainWindow(station)
    qtbot.addWidget(w)
    w.show()
    try:
        assert "未连接服务器" in w.sync.label.text()
        new = admin.add_station(server.engine, "观山湖区零工市场", "520100")
        dialog = EnrolDialog(w.sync, w)
        dialog.url.setText(server.url)
        dialog.code.setText("WRONG-CODE-0000")
        dialog.submit()
        qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)
        assert "登记码不对" in dialog.message.text()
        dialog.code.setText(new.enrol_code.lower().replace("-", " "))  # typed sloppily: still accepted
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        assert station.settings.station_code == new.code
        assert new.code in w.station_label.text()

        station.seekers.save(person)
        w.sync.refresh_counts()
        qtbot.waitUntil(lambda: "待上传 1 条" in w.sync.label.text(), timeout=5000)
        assert "已同步" not in w.sync.label.text()
        from PySide6.QtCore import Qt

        qtbot.keyClick(w, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: "已同步" in w.sync.label.text(), timeout=10_000)
        assert "待上传" not in w.sync.label.text()
        w.grab().save(str(tmp_path / "synced.png"))

        server.stop()
        station.seekers.save(
            SeekerInput(**{**person.__dict__, "id_number": "", "phone": "13900000000"}),
            seeker_id=station.seekers.find_id_by_number(person.id_number),
        )
        w.sync.sync_now()
        qtbot.waitUntil(lambda: not w.sync.busy, timeout=20_000)
        # The count of waiting changes is re-read off the UI thread right after the failure.
        qtbot.waitUntil(lambda: "待上传 1 条" in w.sync.label.text(), timeout=5000)
        text = w.sync.label.text()
        assert "连不上服务器" in text and "已同步" not in text
    finally:
        w.close()
        station.close()


def test_a_person_registered_elsewhere_is_found_by_full_id_number(
    qtbot: Any, qapp: QApplication, tmp_path: Path, server: LiveServer, person: SeekerInput
) -> None:
    set_names()
    qapp.setFont(load_bundled_font())
    install_translations(qapp, "zh_CN")
    from ui.main_window import MainWindow

    elsewhere = enrolled_counter(tmp_path / "b", server.engine, server.url, name="花溪区零工驿站")
    elsewhere.station.seekers.save(person)
    elsewhere.sync()
    here = enrolled_counter(tmp_path / "a", server.engine, server.url, name="观山湖区零工市场")
    here.close()
    station = open_station(tmp_path / "a")
    w = MainWindow(station)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: not w.sync.busy and w.sync.online, timeout=10_000)
        w.new_registration()
        qtbot.keyClicks(w.seekers.form.id_edit, person.id_number)
        qtbot.waitUntil(lambda: w.seekers.form.seeker_id is not None, timeout=10_000)
        wait_idle(qtbot, w)
        assert w.seekers.form.name_edit.text() == person.name
        assert "其他站点" in w.seekers.form.notice.text()
    finally:
        w.close()
        station.close()
        elsewhere.close()


def test_the_practice_counter_refuses_to_enrol_and_says_where_to_enrol(
    qtbot: Any, qapp: QApplication, tmp_path: Path, server: LiveServer
) -> None:
    set_names()
    qapp.setFont(load_bundled_font())
    install_translations(qapp, "zh_CN")
    from PySide6.QtWidgets import QDialogButtonBox

    from app.practice import prepare_practice
    from app.sync.client import enroll
    from tests.server.helpers import server_count
    from ui.main_window import MainWindow
    from ui.sync_status import EnrolDialog

    root = tmp_path / "counter"
    station = open_station(prepare_practice(root))
    w = MainWindow(station)
    qtbot.addWidget(w)
    w.show()
    try:
        w.make_demo_data(20)
        qtbot.waitUntil(lambda: w.writer.pending == 0, timeout=20_000)
        assert station.seekers.count() == 20
        keys = {p.name: p.read_bytes() for p in station.data.keys.iterdir()}
        new = admin.add_station(server.engine, "观山湖区零工市场", "520100")
        dialog = EnrolDialog(w.sync, w)
        # Said at once, and the button is off.
        assert "练习数据目录" in dialog.message.text() and str(root) in dialog.message.text()
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.url.setText(server.url)
        dialog.code.setText(new.enrol_code)
        dialog.submit()  # pressed anyway (Enter): refused before the server is asked
        qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)
        assert "练习数据目录" in dialog.message.text() and dialog.result() != 1
        assert station.settings.station_id == "" and "练习数据" in w.sync.label.text()
        assert {p.name: p.read_bytes() for p in station.data.keys.iterdir()} == keys
        assert server_count(server.engine, "seeker") == 0
    finally:
        w.close()
        station.close()
    real = open_station(root)  # the code is still unused: the real data enrols with it
    try:
        assert enroll(real, server.url, new.enrol_code).queued == 0
    finally:
        real.close()
