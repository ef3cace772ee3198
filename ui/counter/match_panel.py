"""The ranked matches under a page's list: postings for the open person, or people for the open
posting. F6 moves into the list; Enter or F8 refers the selected match and opens the slip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QLabel, QVBoxLayout, QWidget

from app.services.matching import Matcher, PostingMatch, SeekerMatch
from app.services.referrals import ReferralCreated
from app.station import Station
from ui.errors import show_error
from ui.models.match_table import PostingMatchModel, SeekerMatchModel
from ui.tasks import TaskRunner
from ui.widgets.record_table import record_table


class MatchPanel(QWidget):
    """`mode` "postings": open postings for a person; "seekers": people for a posting."""

    referred = Signal(str)  # the new referral's id
    status_message = Signal(str)

    def __init__(
        self, mode: str, station: Station, writer: TaskRunner, reader: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.mode = mode
        self.station = station
        self.writer = writer
        self.reader = reader
        self.subject_id: str | None = None
        self._matcher: Matcher | None = None  # made and used on the reader thread only
        self._seq = 0

        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #546e7a;")
        self.model: PostingMatchModel | SeekerMatchModel = (
            PostingMatchModel(self) if mode == "postings" else SeekerMatchModel(self)
        )
        self.table = record_table(self.model, self)
        self.table.setObjectName(f"match_{mode}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

        self.table.activated.connect(lambda _i: self.refer_current())
        refer = QShortcut(QKeySequence("F8"), self.table)
        refer.setContext(Qt.ShortcutContext.WidgetShortcut)
        refer.activated.connect(self.refer_current)
        self.clear()

    def _heading(self) -> str:
        if self.mode == "postings":
            return self.tr("匹配岗位（F6 进入，回车或 F8 推荐）")
        return self.tr("匹配人员（F6 进入，回车或 F8 推荐）")

    def clear(self, note: str = "") -> None:
        self.subject_id = None
        self._seq += 1
        self.model.set_rows([])
        self.title.setText(self._heading())
        self.note.setText(
            note
            or (
                self.tr("打开一位求职者的记录后，这里按匹配度列出适合的招聘岗位。")
                if self.mode == "postings"
                else self.tr("打开一个招聘中的岗位后，这里按匹配度列出适合的人员。")
            )
        )

    def focus_list(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # ---- loading ----------------------------------------------------------------------------
    def _run(self, subject_id: str) -> tuple[Sequence[PostingMatch | SeekerMatch], str]:
        if self._matcher is None:
            self._matcher = self.station.matcher()
        if self.mode == "postings":
            return self._matcher.postings_for(subject_id), self.station.referrals.placed_text(subject_id)
        return self._matcher.seekers_for(subject_id), ""

    def load(self, subject_id: str) -> None:
        self.subject_id = subject_id
        self._seq += 1
        seq = self._seq

        def done(result: tuple[Sequence[Any], str]) -> None:
            if seq != self._seq:
                return
            rows, placed = result
            self.model.set_rows(list(rows))
            if rows:
                text = self.tr("共{n}条，按匹配度排序；灰色为已推荐、待反馈。").format(n=len(rows))
            elif self.mode == "postings":
                text = self.tr("暂无适合的招聘中岗位。可在“招聘岗位”页按条件查找。")
            else:
                text = self.tr("暂无适合的人员。")
            self.note.setText(f"{placed}　{text}" if placed else text)

        self.reader.run(lambda: self._run(subject_id), done, lambda e: show_error(self, e))

    def close_reader_resources(self) -> None:
        if self._matcher is not None:
            self._matcher.close()
            self._matcher = None

    # ---- referring --------------------------------------------------------------------------
    def _clerk(self) -> str:
        if not self.station.settings.clerk_name:
            name, ok = QInputDialog.getText(
                self, self.tr("经办人"), self.tr("请输入您的姓名，它会作为经办人印在介绍信上：")
            )
            if ok and name.strip():
                self.station.settings.clerk_name = name.strip()[:30]
                self.writer.run(self.station.save_settings)
        return self.station.settings.clerk_name

    def refer_current(self) -> None:
        index = self.table.currentIndex()
        if self.subject_id is None or not index.isValid():
            return
        match = self.model.row_at(index.row())
        if match.referred:
            self.status_message.emit(self.tr("已推荐过，待反馈；可在“推荐记录”中重新打印介绍信"))
            return
        clerk = self._clerk()
        if isinstance(match, PostingMatch):
            seeker_id, posting_id, note = self.subject_id, match.posting.id, match.fit.summary
            label = match.posting.title
        else:
            seeker_id, posting_id, note = match.seeker.id, self.subject_id, match.fit.summary
            label = match.seeker.name
        subject = self.subject_id

        def done(created: ReferralCreated) -> None:
            self.status_message.emit(self.tr("已推荐：{what}，编号 {code}").format(what=label, code=created.code))
            self.referred.emit(created.id)
            if self.subject_id == subject:
                self.load(subject)

        self.writer.run(
            lambda: self.station.referrals.refer(seeker_id, posting_id, clerk=clerk, match_note=note),
            done,
            lambda e: show_error(self, e),
        )
