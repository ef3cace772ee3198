"""The counter as a clerk uses it: keyboard only, real widgets, real database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from app.errors import StorageError, StorageKind
from app.paths import default_data_dir
from app.services.seekers import SeekerInput
from app.station import Station
from tests.conftest import make_id


def wait_idle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: window.writer.pending == 0 and window.reader.pending == 0, timeout=5000)


def focused() -> Any:
    return QApplication.focusWidget()


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Keys for ASCII; for Chinese, what an input method sends: a commit of the composed text."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_register_with_the_keyboard_alone(qtbot: Any, window: Any, station: Station) -> None:
    form = window.seekers.form
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.id_edit
    number = make_id("52010219900307", "001")
    qtbot.keyClicks(form.id_edit, number)
    assert "男" in form.id_info.text() and "1990-03-07" in form.id_info.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.name_edit
    type_text(qtbot, focused(), "阿依古丽·买买提")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.phone_edit
    type_text(qtbot, focused(), "138 0013 8000")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.district.lineEdit() or focused() is form.district
    type_text(qtbot, focused(), "贵阳市南明区")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.job_types.filter_edit
    qtbot.keyClicks(focused(), "bjy")  # pinyin initials of 保洁员
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert form.job_types.keys() == ["4-09-07-01"]
    form.consent.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert form.consent.isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert station.seekers.count() == 1
    assert focused() is window.seekers.search_box
    qtbot.waitUntil(lambda: window.seekers.model.rowCount() == 1)
    assert "已登记" in window.statusBar().currentMessage()


def test_problems_are_shown_beside_their_fields(qtbot: Any, window: Any, station: Station) -> None:
    form = window.seekers.form
    form.id_edit.setFocus()
    qtbot.keyClicks(form.id_edit, "52010219900307123")
    qtbot.keyClick(form.id_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert "18位" in form.error_text("id_number")
    assert form.error_text("phone") == "请输入手机号码"
    assert form.error_text("consent")
    assert focused() is form.id_edit  # the first field in error
    assert station.seekers.count() == 0
    labels = [w for w in form.findChildren(QLabel) if w.objectName().startswith("error_") and w.isVisible()]
    assert len(labels) >= 5


def test_typing_a_known_id_opens_that_person(qtbot: Any, window: Any, station: Station, person: SeekerInput) -> None:
    saved = station.seekers.save(person)
    form = window.seekers.form
    form.clear()
    qtbot.keyClicks(form.id_edit, person.id_number.lower())
    qtbot.waitUntil(lambda: form.seeker_id == saved.seeker_id, timeout=3000)
    assert form.name_edit.text() == "张三丰"
    assert form.notice.isVisible() and "已登记" in form.notice.text()
    assert form.id_edit.text() == "520102************"  # masked in the form too
    assert "出生 1990-03 ·" in form.id_info.text()  # the birth month kept, not the day
    form.phone_edit.setText("13912345678")
    qtbot.keyClick(form.phone_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert station.seekers.count() == 1
    assert station.seekers.get(saved.seeker_id).phone == "13912345678"


def test_search_then_open_with_enter(qtbot: Any, window: Any, station: Station, person: SeekerInput) -> None:
    station.seekers.save(person)
    box = window.seekers.search_box
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is box
    qtbot.keyClicks(box, "8000")
    qtbot.waitUntil(lambda: window.seekers.model.rowCount() == 1, timeout=3000)
    model = window.seekers.model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "138****8000" in shown and "13800138000" not in shown
    assert not any(person.id_number in str(s) for s in shown)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.seekers.form.seeker_id is not None, timeout=3000)
    assert window.seekers.form.phone_edit.text() == "13800138000"  # the record's own form


def test_storage_faults_are_told_plainly(
    qtbot: Any, window: Any, dialogs: Any, monkeypatch: Any, person: SeekerInput
) -> None:
    def full(*_a: Any, **_k: Any) -> None:
        raise StorageError(StorageKind.DISK_FULL)

    monkeypatch.setattr(window.station.seekers, "save", full)
    window.seekers.save(person, None)
    wait_idle(qtbot, window)
    kind, _title, text = dialogs.shown[-1]
    assert kind == "critical" and "磁盘已满" in text and "Traceback" not in text
    assert window.seekers.form.save_button.isEnabled()


def test_first_start_offers_the_practice_counter_not_demo_people_in_the_real_data(
    qtbot: Any, window: Any, dialogs: Any, station: Station, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QMessageBox

    import ui.main_window

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda p, a: started.append((p, a)) or True))
    assert "练习数据" not in window.windowTitle()
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.offer_demo_data()
    wait_idle(qtbot, window)
    assert "练习服务台" in dialogs.shown[-1][2] and "不会上传" in dialogs.shown[-1][2]
    assert station.settings.demo_offered
    assert station.seekers.count() == 0 and station.postings.count() == 0  # nothing in the real data
    ((_program, args),) = started
    assert args[-4:] == ["--data-dir", str(station.data.root), "--practice", "counter"]
    dialogs.shown.clear()
    window.offer_demo_data()
    assert dialogs.shown == []
    # The menu opens it again (where demo data used to be made in the real data).
    demo = next(a for a in window.menuBar().actions()[0].menu().actions() if "练习服务台" in a.text())
    demo.trigger()
    assert len(started) == 2 and station.seekers.count() == 0
    assert ui.main_window.practice_command(station.data.root) == started[-1]


def test_the_practice_counter_says_so_and_fills_itself(
    qtbot: Any, qapp: QApplication, dialogs: Any, station: Station
) -> None:
    from app.practice import prepare_practice
    from app.station import open_station
    from ui.main_window import MainWindow
    from ui.setup import install_translations, set_names

    set_names()
    install_translations(qapp, "zh_CN")
    practice = open_station(prepare_practice(station.data.root))
    w = MainWindow(practice)
    qtbot.addWidget(w)
    w.show()
    try:
        assert "练习数据" in w.windowTitle() and "不会同步" in w.windowTitle()
        assert "练习数据" in w.sync.label.text()
        w.offer_demo_data()  # an empty practice counter: demo data without a question
        qtbot.waitUntil(lambda: w.writer.pending == 0, timeout=20_000)
        wait_idle(qtbot, w)
        assert dialogs.shown == []
        assert practice.seekers.count() == 500 and practice.postings.count() > 0
        assert "已登记 500 人" in w.count_label.text()
        assert station.seekers.count() == 0
    finally:
        w.close()
        practice.close()


def test_import_from_the_menu_reports_bad_rows(qtbot: Any, window: Any, dialogs: Any, tmp_path: Any) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "姓名,身份证号码,手机号码,现居区县,求职工种\n"
        f"张三,{make_id('52010219900307', '011')},13800138000,南明区,保洁员\n"
        "李四,123,13800138001,南明区,保洁员\n",
        encoding="utf-8",
    )
    window.import_seekers(str(src))
    qtbot.waitUntil(lambda: any(k == "exec" for k, _t, _m in dialogs.shown), timeout=5000)
    assert "新登记1人" in dialogs.texts() and "第3行" in dialogs.texts()
    assert (tmp_path / "in.csv.report.csv").exists()


def test_crash_dialog_for_bugs(qtbot: Any, window: Any, dialogs: Any, monkeypatch: Any) -> None:
    from ui import errors

    exits = []
    monkeypatch.setattr(QApplication.instance(), "exit", lambda code=0: exits.append(code))
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        errors.excepthook(RuntimeError, exc, exc.__traceback__)
    assert "Traceback" in dialogs.texts() and "Linggong" in dialogs.texts()
    assert exits == [1]


def test_bundled_font_draws_every_character_on_screen(window: Any) -> None:
    family = QApplication.font().family()
    assert family in QFontDatabase.applicationFontFamilies(0) or "WenQuanYi" in family
    metrics = QFontMetrics(QApplication.font())
    texts = [w.text() for w in window.findChildren(QLabel)] + [window.tabs.tabText(0)]
    missing = {ch for t in texts for ch in t if ch.strip() and not metrics.inFontUcs4(ord(ch))}
    assert not missing


def test_default_data_dir_matches_qstandardpaths(qapp: QApplication, monkeypatch: Any) -> None:
    monkeypatch.delenv("LINGGONG_DATA_DIR")
    from ui.setup import set_names

    set_names()
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert str(default_data_dir()) == qt_dir


def test_english_by_setting(qtbot: Any, station: Station, qapp: QApplication) -> None:
    from ui.main_window import MainWindow
    from ui.setup import install_translations

    translators = install_translations(qapp, "en")
    try:
        w = MainWindow(station)
        qtbot.addWidget(w)
        assert w.tabs.tabText(0) == "Job seekers (Ctrl+1)"
        assert w.seekers.form.title.text() == "New registration"
        w.seekers.save(SeekerInput(), None)
        qtbot.waitUntil(lambda: bool(w.seekers.form.error_text("phone")), timeout=3000)
        assert w.seekers.form.error_text("phone") == "Enter the mobile number"
        w.close()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        install_translations(qapp, "zh_CN")
