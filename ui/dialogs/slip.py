"""The referral slip at the counter: the slip as it will print, then print (Ctrl+P), preview, or
save as PDF (Ctrl+S). Opened after each referral and from the referral list for a reprint."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.slips import SlipData
from app.slips.layout import SlipPage, build_slip
from app.station import Station
from ui.errors import show_error
from ui.slip_print import paint_slip, preview, print_with_dialog, save_page_pdf
from ui.tasks import TaskRunner

PREVIEW_WIDTH_PX = 520


def render_preview(page: SlipPage, width_px: int = PREVIEW_WIDTH_PX) -> QImage:
    """The slip as an image, for the screen."""
    scale = width_px / page.width
    image = QImage(width_px, round(page.height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_slip(painter, page, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


class SlipDialog(QDialog):
    def __init__(
        self, station: Station, writer: TaskRunner, reader: TaskRunner, referral_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.referral_id = referral_id
        self.data: SlipData | None = None
        self.page: SlipPage | None = None
        self.setWindowTitle(self.tr("推荐介绍信"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.heading = QLabel(self.tr("正在生成介绍信…"), self)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.layout_box = QComboBox(self)
        self.layout_box.addItem(self.tr("A5 介绍信（带回执）"), "a5")
        self.layout_box.addItem(self.tr("80毫米小票"), "receipt")
        index = self.layout_box.findData(station.settings.slip_layout)
        self.layout_box.setCurrentIndex(max(0, index))
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(PREVIEW_WIDTH_PX + 30, 560)

        self.print_button = QPushButton(self.tr("打印… (Ctrl+P)"), self)
        self.preview_button = QPushButton(self.tr("打印预览"), self)
        self.pdf_button = QPushButton(self.tr("另存为PDF (Ctrl+S)"), self)
        close = QPushButton(self.tr("关闭 (Esc)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("版式"), self))
        buttons.addWidget(self.layout_box)
        buttons.addStretch(1)
        for b in (self.print_button, self.preview_button, self.pdf_button, close):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        self.print_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.print_button.clicked.connect(self.print_slip)
        self.preview_button.clicked.connect(self.preview_slip)
        self.pdf_button.clicked.connect(self.save_slip)
        close.clicked.connect(self.reject)
        self.layout_box.currentIndexChanged.connect(self._layout_changed)
        for key, slot in (("Ctrl+P", self.print_slip), ("Ctrl+S", self.save_slip)):
            QShortcut(QKeySequence(key), self).activated.connect(slot)
        self._enable(False)
        reader.run(lambda: station.referrals.slip_data(referral_id), self._loaded, self._failed)

    def _enable(self, on: bool) -> None:
        for b in (self.print_button, self.preview_button, self.pdf_button):
            b.setEnabled(on)

    def _failed(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("介绍信无法生成"))
        show_error(self, exc)

    def _loaded(self, data: SlipData) -> None:
        self.data = data
        self.heading.setText(
            self.tr("{code}　{name} → {job}　有效期至 {day}").format(
                code=data.code, name=data.seeker_name, job=data.job_title, day=data.valid_until
            )
        )
        self._render()
        self._enable(True)
        self.print_button.setFocus()

    @property
    def layout_key(self) -> str:
        return str(self.layout_box.currentData())

    def _render(self) -> None:
        if self.data is None:
            return
        self.page = build_slip(self.data, self.layout_key)
        self.image.setPixmap(QPixmap.fromImage(render_preview(self.page)))

    def _layout_changed(self) -> None:
        self.station.settings.slip_layout = self.layout_key
        self.writer.run(self.station.save_settings)
        self._render()

    def print_slip(self) -> None:
        if self.page is None:
            return
        try:  # with no printer it offers to save a PDF, which can fail to be written
            print_with_dialog(self, self.page)
        except Exception as exc:  # noqa: BLE001 — shown in words
            show_error(self, exc)

    def preview_slip(self) -> None:
        if self.page is not None:
            preview(self, self.page)

    def save_slip(self) -> None:
        if self.page is None:
            return
        try:
            path = save_page_pdf(self, self.page)
        except Exception as exc:  # noqa: BLE001 — shown in words, e.g. no permission to write there
            show_error(self, exc)
            return
        if path is not None:
            self.heading.setText(self.tr("已保存：{path}").format(path=path))
