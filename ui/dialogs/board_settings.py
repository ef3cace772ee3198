"""Settings of the hall board: its title (the market's name by the naming rule) and page time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import translate
from app.reference import find_district_in_text, province_name, region_name
from app.services.board import MARKET_KINDS, MARKET_NAME_MAX, check_market_name, market_name_for
from app.settings import Settings
from ui.widgets.field_form import ERROR_STYLE, WARNING_STYLE, district_combo


class BoardSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("大屏设置"))
        self.settings = settings
        self.name = QLineEdit(settings.market_name, self)
        self.name.setMaxLength(MARKET_NAME_MAX + 10)  # longer is refused with a message, not cut
        self.name.setMinimumWidth(420)
        self.name.textChanged.connect(self._check)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.district = district_combo(settings.province, self, self.tr("所在区县"))
        here = find_district_in_text(settings.market_name, settings.province)  # the county the title names
        if here is not None and self.district.findData(here) >= 0:
            self.district.setCurrentIndex(self.district.findData(here))
        self.kind = QComboBox(self)
        for kind in MARKET_KINDS:
            self.kind.addItem(translate("Board", kind), kind)
        make = QPushButton(self.tr("按规范生成名称"), self)
        make.clicked.connect(self.make_name)
        rule = QHBoxLayout()
        rule.addWidget(self.district, 1)
        rule.addWidget(self.kind)
        rule.addWidget(make)
        self.page_seconds = QSpinBox(self)
        self.page_seconds.setRange(5, 60)
        self.page_seconds.setSuffix(self.tr(" 秒"))
        self.page_seconds.setValue(max(5, min(60, settings.board_page_seconds)))

        form = QFormLayout()
        form.addRow(self.tr("大屏标题（市场名称）"), self.name)
        form.addRow("", self.message)
        form.addRow(self.tr("命名规范"), rule)
        form.addRow(self.tr("每页停留"), self.page_seconds)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("正在运行的大屏会在一分钟内换上新设置。"), self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._check()

    def make_name(self) -> None:
        code = self.district.currentData()
        province = province_name(self.settings.province) or ""
        if code:
            self.name.setText(market_name_for(province, region_name(str(code)), str(self.kind.currentData())))

    def _check(self) -> bool:
        try:
            _name, warning = check_market_name(self.name.text())
        except ValidationError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            return False
        self.message.setStyleSheet(WARNING_STYLE)
        self.message.setText(warning)
        return True

    def accept(self) -> None:
        if not self._check():
            self.name.setFocus()
            return
        self.settings.market_name = check_market_name(self.name.text())[0]
        self.settings.board_page_seconds = self.page_seconds.value()
        super().accept()
