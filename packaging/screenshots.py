"""Take the README's screenshots offscreen: seekers, employers, postings, referrals and the hall board."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.services.demo import make_seekers
from app.services.demo_postings import make_postings
from app.services.demo_referrals import make_referrals
from app.station import open_station
from ui.setup import make_application


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        station = open_station(Path(tmp))
        station.settings.demo_offered = True
        make_seekers(station.db, station.keys, station.clock, 3000, seed=11)
        make_postings(station, 400, seed=11)
        make_referrals(station, 80, seed=11)
        station.settings.clerk_name = "刘文"
        app: QApplication = make_application(sys.argv, "zh_CN")
        from ui.main_window import MainWindow

        window = MainWindow(station)
        window.resize(1440, 860)
        window.show()
        settle()
        window.seekers.search_box.setText("王")
        settle()
        form = window.seekers.form
        form.id_edit.setText("52010219900307123")
        form.name_edit.setText("阿依古丽·买买提")
        form.phone_edit.setText("138 0013 800")
        form.job_types.filter_edit.setText("bj")
        form.submit()
        settle()
        window.grab().save(str(out / "counter-register.png"))
        window.seekers.search_box.setText("zw")
        settle()
        window.seekers.table.setFocus()
        window.seekers._open_index(window.seekers.model.index(0, 0))
        settle()
        window.grab().save(str(out / "counter-search.png"))

        window.tabs.setCurrentWidget(window.employers)
        settle()
        window.employers._open_index(window.employers.model.index(0, 0))
        settle()
        window.grab().save(str(out / "employers.png"))
        window.employers.form.clear()
        window.employers.form.code_edit.setText("91520000214434146X")
        window.employers.form.phone_edit.setText("8681123")
        window.employers.form.submit()
        settle()
        window.grab().save(str(out / "employer-errors.png"))

        window.tabs.setCurrentWidget(window.postings)
        window.postings.status_filter.setCurrentIndex(window.postings.status_filter.findData("pending"))
        settle()
        window.postings._open_index(window.postings.model.index(0, 0))
        settle()
        window.grab().save(str(out / "postings.png"))
        window.postings.status_filter.setCurrentIndex(window.postings.status_filter.findData("open"))
        settle()
        window.postings._open_index(window.postings.model.index(0, 0))
        settle(800)
        window.grab().save(str(out / "posting-matches.png"))
        window.postings.new_posting()
        form = window.postings.form
        form.choose_employer(window.employers.model.row_at(0).id)
        form.title_edit.setText("仓库装卸工")
        form.pay_edit.setText("150")
        form.requirements_edit.setPlainText("入职交押金200元")
        form.age_max_edit.setText("45")
        form.submit()
        settle()
        window.grab().save(str(out / "posting-errors.png"))
        window.tabs.setCurrentWidget(window.referrals)
        settle()
        window.grab().save(str(out / "referral-list.png"))
        window.close()

        # The hall board, through the same command support staff use; with a server address its QR shows.
        from app.cli import main as linggong

        station.settings.server_url = "https://jy.guiyang.example.cn"
        station.save_settings()
        for size, name in (("1920x1080", "board-1080.png"), ("3840x2160", "board-2160.png")):
            linggong(["--data-dir", tmp, "board", "--snapshot", str(out / name), "--size", size])
        station.close()
        app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
