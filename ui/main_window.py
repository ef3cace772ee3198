"""The counter's main window: menus, the pages, shortcuts and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QToolBar,
    QWidget,
)

from app import __version__
from app.errors import LinggongError
from app.i18n import current_language
from app.practice import DemoMade, make_demo
from app.services.importer import ImportReport, import_seekers
from app.services.referrals import ScanRefused, ScanResult
from app.services.seekers import field_label
from app.slips.qr import PayloadError
from app.station import Station
from app.sync.client import SyncResult
from ui.board.app import board_lock
from ui.board.launch import board_command, practice_command
from ui.counter.employer_page import EmployerPage
from ui.counter.posting_page import PostingPage
from ui.counter.referral_page import ReferralPage
from ui.counter.seeker_page import SeekerPage
from ui.dialogs.board_settings import BoardSettingsDialog
from ui.dialogs.referral import ReferralDialog
from ui.dialogs.slip import SlipDialog
from ui.dialogs.supervisor import SetPinDialog, with_supervisor
from ui.errors import show_error, version_text
from ui.sync_status import EnrolDialog, SyncController
from ui.tasks import TaskRunner

DEMO_SEEKERS = 500
EXPIRY_CHECK_MS = 60 * 60 * 1000


class MainWindow(QMainWindow):
    _progress = Signal(int, int)

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = TaskRunner("db-write", self)
        self.reader = TaskRunner("db-read", self)
        title = self.tr("零工市场服务台 — {market}").format(market=station.settings.market_name)
        if station.practice:
            # Nobody may mistake the practice counter for real work.
            title = self.tr("【练习数据】{title}（演示数据，不会同步到服务器）").format(title=title)
        self.setWindowTitle(title)
        self.resize(1366, 800)

        self.seekers = SeekerPage(station, self.writer, self.reader, self)
        self.employers = EmployerPage(station, self.writer, self.reader, self)
        self.postings = PostingPage(station, self.writer, self.reader, self)
        self.referrals = ReferralPage(station, self.writer, self.reader, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.seekers, self.tr("求职人员 (Ctrl+1)"))
        self.tabs.addTab(self.employers, self.tr("用人单位 (Ctrl+2)"))
        self.tabs.addTab(self.postings, self.tr("招聘岗位 (Ctrl+3)"))
        self.tabs.addTab(self.referrals, self.tr("推荐记录 (Ctrl+4)"))
        self.setCentralWidget(self.tabs)
        self._build_scan_bar()

        self.count_label = QLabel(self)
        self.open_label = QLabel(self)
        self.station_label = QLabel(self.tr("站点 {code}").format(code=station.settings.station_code))
        self.sync = SyncController(station, self.reader, self)
        self.sync.changed.connect(
            lambda: self.station_label.setText(self.tr("站点 {code}").format(code=station.settings.station_code))
        )
        self.sync.synced.connect(self._synced)
        if station.practice:
            practice = QLabel(self.tr("练习数据"), self)
            practice.setStyleSheet("background: #f9a825; color: black; padding: 0 6px; font-weight: bold;")
            practice.setToolTip(self.tr("这里是练习数据目录：可以随意操作，不会混入正式数据，也不会上传"))
            self.statusBar().addPermanentWidget(practice)
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.open_label)
        for page in (self.seekers, self.employers, self.postings, self.referrals):
            page.status_message.connect(lambda m: self.statusBar().showMessage(m, 10_000))
        for panel in (self.seekers.matches, self.postings.matches):
            panel.referred.connect(self.open_slip)
            panel.referred.connect(lambda _id: self.referrals_changed())
        self.referrals.reprint_requested.connect(self.open_slip)
        self.referrals.referrals_changed.connect(self.referrals_changed)
        self.seekers.scan_requested.connect(self.scan)
        self.seekers.seekers_changed.connect(self.refresh_count)
        self.employers.employers_changed.connect(self.postings.load_employers)
        self.employers.post_for_employer.connect(self.post_for_employer)
        self.postings.postings_changed.connect(self.refresh_count)
        self.tabs.currentChanged.connect(self._tab_changed)

        self._build_menus()
        for keys, slot in (
            ((QKeySequence.StandardKey.Find, "F3"), self.focus_search),
            (("Ctrl+N", "F2"), self.new_registration),
            (("Ctrl+S",), self.submit_form),
            (("Ctrl+1",), lambda: self.tabs.setCurrentWidget(self.seekers)),
            (("Ctrl+2",), lambda: self.tabs.setCurrentWidget(self.employers)),
            (("Ctrl+3",), lambda: self.tabs.setCurrentWidget(self.postings)),
            (("Ctrl+4",), lambda: self.tabs.setCurrentWidget(self.referrals)),
            (("F4",), self.focus_scan),
            (("F12",), self.sync.sync_now),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
        self.refresh_count()
        self.postings.load_employers()
        self.postings.expire_due()
        self.employers.refresh()
        self.postings.refresh()
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setInterval(EXPIRY_CHECK_MS)
        self._expiry_timer.timeout.connect(self.postings.expire_due)
        self._expiry_timer.start()
        self.seekers.remote_lookup = self.sync.lookup
        self.seekers.focus_search()

    def _synced(self, result: SyncResult) -> None:
        """Records came from the server: the lists and counts show them."""
        if result.pulled:
            self.refresh_count()
            self.postings.load_employers()
            self.postings.refresh()
            self.employers.refresh()
            self.referrals_changed()
        for warning in result.warnings:
            self.statusBar().showMessage(warning, 15_000)

    def enrol(self) -> None:
        dialog = EnrolDialog(self.sync, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(self, self.tr("同步"), dialog.result_text)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.import_action = QAction(self.tr("导入求职人员…"), self)
        self.import_action.triggered.connect(self.import_seekers)
        template = QAction(self.tr("保存导入模板…"), self)
        template.triggered.connect(self.save_template)
        self.import_postings_action = QAction(self.tr("导入招聘岗位…"), self)
        self.import_postings_action.triggered.connect(lambda _checked=False: self.import_postings())
        posting_template = QAction(self.tr("保存岗位导入模板…"), self)
        posting_template.triggered.connect(self.save_posting_template)
        sync_now = QAction(self.tr("立即同步 (F12)"), self)
        sync_now.triggered.connect(self.sync.sync_now)
        board = QAction(self.tr("打开大屏"), self)
        board.triggered.connect(self.open_board)
        if self.station.practice:
            demo = QAction(self.tr("生成演示数据"), self)
            demo.triggered.connect(lambda: self.make_demo_data(DEMO_SEEKERS))
        else:
            demo = QAction(self.tr("打开练习服务台（演示数据）"), self)
            demo.triggered.connect(self.open_practice)
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.import_action, template):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.import_postings_action, posting_template):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(sync_now)
        file_menu.addAction(board)
        file_menu.addAction(demo)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        settings_menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(current_language() == code)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            language_menu.addAction(action)
        clerk = QAction(self.tr("经办人姓名…"), self)
        clerk.triggered.connect(self.ask_clerk_name)
        settings_menu.addAction(clerk)
        board_settings = QAction(self.tr("大屏设置…"), self)
        board_settings.triggered.connect(self.board_settings)
        settings_menu.addAction(board_settings)
        pin = QAction(self.tr("设置主管密码…"), self)
        pin.triggered.connect(self.set_supervisor_pin)
        settings_menu.addAction(pin)
        enrol = QAction(self.tr("连接同步服务器…"), self)
        enrol.triggered.connect(self.enrol)
        settings_menu.addAction(enrol)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    # ---- actions ---------------------------------------------------------------------------
    def new_registration(self) -> None:
        """Ctrl+N: a new record on the page in front (a person, an employer or a posting)."""
        page = self.tabs.currentWidget()
        if page is self.employers:
            self.employers.new_registration()
        elif page is self.postings:
            self.postings.new_posting()
        else:
            self.tabs.setCurrentWidget(self.seekers)
            self.seekers.new_registration()

    def focus_search(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, (SeekerPage, EmployerPage, PostingPage, ReferralPage)):
            page.focus_search()

    # ---- slips: scanning back, printing ----------------------------------------------------
    def _build_scan_bar(self) -> None:
        bar = QToolBar(self.tr("扫码"), self)
        bar.setMovable(False)
        box = QWidget(bar)
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(self.tr("扫介绍信二维码或输入推荐编号 (F4)："), box))
        self.scan_box = QLineEdit(box)
        self.scan_box.setObjectName("scan_box")
        self.scan_box.setPlaceholderText("GY01-20261124-0042")
        self.scan_box.setMinimumWidth(360)
        # A barcode scanner types like a keyboard: keep the Chinese input method out of its way.
        self.scan_box.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan_box.returnPressed.connect(lambda: self.scan(self.scan_box.text()))
        self.scan_message = QLabel(box)
        self.scan_message.setObjectName("scan_message")
        self.scan_message.setStyleSheet("color: #b71c1c;")
        row.addWidget(self.scan_box)
        row.addWidget(self.scan_message, 1)
        bar.addWidget(box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def focus_scan(self) -> None:
        self.scan_box.setFocus()
        self.scan_box.selectAll()

    def scan(self, text: str) -> None:
        """A slip's QR text (or a typed referral code): open the referral, or say why not."""
        if not text.strip():
            return
        self.scan_box.clear()
        self.scan_message.clear()

        def opened(result: ScanResult) -> None:
            source = "scan" if result.signed else "counter"
            self.open_referral(result.referral.id, result.notice, source)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, (PayloadError, ScanRefused)):
                self.scan_message.setText(str(exc))
                self.statusBar().showMessage(str(exc), 15_000)
                self.focus_scan()
            else:
                show_error(self, exc)

        self.reader.run(lambda: self.station.referrals.scan(text), opened, refused)

    def open_referral(self, referral_id: str, notice: str = "", source: str = "counter") -> ReferralDialog:
        dialog = ReferralDialog(
            self.station, self.writer, self.reader, referral_id, self, notice=notice, source=source
        )
        dialog.reprint_requested.connect(self.open_slip)
        dialog.changed.connect(self.referrals_changed)
        self.setProperty("referral_dialog", dialog)
        self._return_focus_after(dialog)
        dialog.open()
        return dialog

    def open_slip(self, referral_id: str) -> SlipDialog:
        dialog = SlipDialog(self.station, self.writer, self.reader, referral_id, self)
        self.setProperty("slip_dialog", dialog)
        self._return_focus_after(dialog)
        dialog.open()
        return dialog

    def _return_focus_after(self, dialog: QWidget) -> None:
        """When the dialog closes, the keyboard goes back to where the clerk was."""
        was = QApplication.focusWidget()

        def back(*_args: object) -> None:
            self.activateWindow()
            if was is not None and was.isVisible():
                was.setFocus()

        dialog.finished.connect(back)  # type: ignore[attr-defined]

    def referrals_changed(self) -> None:
        """A referral or an outcome was recorded: lists and counts that depend on it refresh."""
        self.referrals.refresh()
        self.postings.refresh()
        self.refresh_count()
        for panel in (self.seekers.matches, self.postings.matches):
            if panel.subject_id is not None:  # a hire or a no-show changes who and what fits
                panel.load(panel.subject_id)

    def ask_clerk_name(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("经办人"), self.tr("您的姓名（印在介绍信上）："), text=self.station.settings.clerk_name
        )
        if ok and name.strip():
            self.station.settings.clerk_name = name.strip()[:30]
            self.writer.run(self.station.save_settings)

    def board_settings(self) -> None:
        dialog = BoardSettingsDialog(self.station.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.writer.run(self.station.save_settings)

    def open_board(self) -> None:
        """The hall board in a process of its own: on the second screen when there is one."""
        lock = board_lock(self.station.data.root)
        if not lock.tryLock(0):
            QMessageBox.information(self, self.tr("大屏"), self.tr("大屏已经在运行。"))
            return
        lock.unlock()
        program, args = board_command(self.station.data.root)
        if not QProcess.startDetached(program, args):
            QMessageBox.warning(self, self.tr("大屏"), self.tr("大屏程序未能启动：{p}").format(p=program))

    def submit_form(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, (SeekerPage, EmployerPage, PostingPage)):
            page.form.submit()

    def _tab_changed(self, _index: int) -> None:
        self.focus_search()

    def post_for_employer(self, employer_id: str, _name: str) -> None:
        self.tabs.setCurrentWidget(self.postings)
        self.postings.load_employers()
        # The reader runs in order: the employer list is fresh when this runs.
        self.reader.run(lambda: None, lambda _r: self.postings.new_posting(employer_id))

    def refresh_count(self) -> None:
        self.reader.run(
            self.station.seekers.count, lambda n: self.count_label.setText(self.tr("已登记 {n} 人").format(n=n))
        )
        self.reader.run(
            lambda: self.station.postings.count("open"),
            lambda n: self.open_label.setText(self.tr("招聘中 {n} 个岗位").format(n=n)),
        )

    def set_supervisor_pin(self) -> None:
        gate = self.station.supervisor

        def open_dialog(current: object) -> None:
            dialog = SetPinDialog(gate, current if gate.configured else None, self)  # type: ignore[arg-type]
            self.setProperty("pin_dialog", dialog)

            def saved() -> None:
                self.writer.run(
                    self.station.save_settings,
                    lambda _r: self.statusBar().showMessage(self.tr("主管密码已设置"), 10_000),
                    lambda e: show_error(self, e),
                )

            dialog.accepted.connect(saved)
            dialog.open()

        if gate.configured:
            with_supervisor(self, gate, self.tr("修改主管密码"), open_dialog)
        else:
            open_dialog(None)

    def offer_demo_data(self) -> None:
        """On a first start, demo data to learn with: a real station offers the practice counter
        (a window and a data folder of its own); an empty practice counter fills itself."""
        st = self.station
        if st.settings.demo_offered or st.seekers.count() > 0:
            return
        st.settings.demo_offered = True
        st.save_settings()
        if st.practice:
            self.make_demo_data(DEMO_SEEKERS)
            return
        answer = QMessageBox.question(
            self,
            self.tr("欢迎使用"),
            self.tr(
                "这是本机第一次启动。是否打开练习服务台熟悉操作？\n"
                "练习服务台另开一个窗口，里面有{n}名演示求职人员和演示岗位。练习数据单独存放，"
                "不会混入正式数据，也不会上传到服务器；以后可从“文件 → 打开练习服务台”再次打开。"
            ).format(n=DEMO_SEEKERS),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_practice()

    def open_practice(self) -> None:
        """The practice counter in a process of its own, on this station's practice folder."""
        program, args = practice_command(self.station.data.root)
        if not QProcess.startDetached(program, args):
            QMessageBox.warning(self, self.tr("练习服务台"), self.tr("练习服务台未能启动：{p}").format(p=program))

    def make_demo_data(self, n: int) -> None:
        """Demo people, postings and referrals: only ever in a practice station."""
        if not self.station.practice:
            self.open_practice()
            return
        station = self.station
        self.statusBar().showMessage(self.tr("正在生成演示数据…"))

        def done(made: DemoMade) -> None:
            self.statusBar().showMessage(
                self.tr("已生成{n}名演示求职人员、{p}个岗位、{r}条推荐记录").format(
                    n=made.seekers, p=made.postings, r=made.referrals
                ),
                10_000,
            )
            self.refresh_count()
            self.postings.load_employers()
            self.postings.refresh()
            self.employers.refresh()
            self.referrals_changed()

        self.writer.run(lambda: make_demo(station, seekers=n), done)

    def save_template(self) -> None:
        from app.services.importer import write_template

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存导入模板"), "求职人员导入模板.xlsx", self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)")
        )
        if path:
            self.writer.run(
                lambda: write_template(Path(path)),
                lambda _r: self.statusBar().showMessage(self.tr("模板已保存"), 10_000),
            )

    def save_posting_template(self) -> None:
        from app.services.posting_import import write_posting_template

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存岗位导入模板"), "招聘岗位导入模板.xlsx", self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)")
        )
        if path:
            self.writer.run(
                lambda: write_posting_template(Path(path)),
                lambda _r: self.statusBar().showMessage(self.tr("模板已保存"), 10_000),
                lambda e: show_error(self, e),
            )

    def import_seekers(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入求职人员"), "", self.tr("表格文件 (*.xlsx *.csv)"))
        if not path:
            return
        station, source = self.station, Path(path)

        def summary(report: ImportReport) -> str:
            return self.tr("共{total}行：新登记{created}人，更新{updated}人，拒绝{rejected}行。").format(
                total=report.total, created=report.created, updated=report.updated, rejected=report.rejected_rows
            )

        self._run_import(
            source,
            self.import_action,
            lambda progress: import_seekers(
                station.seekers, source, province=station.settings.province, progress=progress
            ),
            summary,
            field_label,
        )

    def import_postings(self, path: str | None = None, channel: str | None = None) -> None:
        """Postings collected elsewhere (an online platform, a job fair), into review as pending."""
        from app.services.posting_import import DEFAULT_SOURCE, import_postings
        from app.services.postings import posting_field_label

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入招聘岗位"), "", self.tr("表格文件 (*.xlsx *.csv)"))
        if not path:
            return
        if channel is None:
            suggestions = [DEFAULT_SOURCE, "零工港", "灵工盒子", "贵州人才网", "招聘会"]
            channel, ok = QInputDialog.getItem(
                self, self.tr("导入招聘岗位"), self.tr("这些岗位来自哪里（信息来源）？"), suggestions, 0, True
            )
            if not ok:
                return
        station, source, chosen = self.station, Path(path), channel

        def summary(report: ImportReport) -> str:
            return self.tr(
                "共{total}行：新建岗位{created}个（待审核），新登记单位{employers}家，拒绝{rejected}行。"
            ).format(
                total=report.total,
                created=report.created,
                employers=report.employers_created,
                rejected=report.rejected_rows,
            )

        def work(progress: Callable[[int, int], None]) -> ImportReport:
            return import_postings(
                station.employers,
                station.postings,
                source,
                province=station.settings.province,
                source=chosen,
                progress=progress,
            )

        self._run_import(source, self.import_postings_action, work, summary, posting_field_label)

    def _run_import(
        self,
        source: Path,
        action: QAction,
        work: Callable[[Callable[[int, int], None]], ImportReport],
        summary: Callable[[ImportReport], str],
        label: Callable[[str], str],
    ) -> None:
        """Run an import on the writer with a progress bar, then show what was done and what was refused."""
        progress = QProgressDialog(self.tr("正在导入…"), "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self._progress.connect(lambda done, total: progress.setValue(int(100 * done / max(total, 1))))
        action.setEnabled(False)

        def finish() -> None:
            self._progress.disconnect()
            progress.close()
            action.setEnabled(True)

        def done(report: ImportReport) -> None:
            finish()
            self.refresh_count()
            self.employers.refresh()
            self.postings.load_employers()
            self.postings.refresh()
            self.show_import_report(report, source, summary(report), label)

        def failed(exc: BaseException) -> None:
            finish()
            show_error(self, exc)

        self.writer.run(lambda: work(self._progress.emit), done, failed)

    def show_import_report(
        self, report: ImportReport, source: Path, summary: str, label: Callable[[str], str] = field_label
    ) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information if not report.errors else QMessageBox.Icon.Warning,
            self.tr("导入结果"),
            summary,
            QMessageBox.StandardButton.Ok,
            self,
        )
        if report.errors:
            report_path = source.with_name(source.name + ".report.csv")
            try:
                report.write_csv(report_path, label)
                box.setInformativeText(self.tr("被拒绝的行已写入：{p}").format(p=report_path))
            except LinggongError:
                box.setInformativeText(self.tr("错误报告未能写入文件，请查看详细信息。"))
            box.setDetailedText(
                "\n".join(
                    self.tr("第{row}行  {field}：{message}").format(row=e.row, field=label(e.field), message=e.message)
                    for e in report.errors
                )
            )
        self.last_import_box = box
        box.exec()

    def set_language(self, code: str) -> None:
        self.station.settings.language = code
        self.station.save_settings()
        QMessageBox.information(self, self.tr("界面语言"), self.tr("界面语言将在下次启动时生效。"))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于零工市场服务台"),
            self.tr("零工市场服务台 {v}\n为零工市场和零工驿站的窗口服务而做。").format(v=__version__)
            + "\n\n"
            + version_text(),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._expiry_timer.stop()
        self.sync.shutdown()
        self.reader.run(self.seekers.close_reader_resources)
        self.reader.run(self.postings.close_reader_resources)
        self.writer.shutdown()
        self.reader.shutdown()
        super().closeEvent(event)
