"""The registration form (求职登记表): every field with its error shown right beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.pinyin import name_initials
from app.reference import SPECIAL_GROUPS, TIME_SLOTS, WAGE_UNITS, current_counties, job_types, region_name
from app.services.seekers import SeekerDetail, SeekerInput
from app.validation.resident_id import parse_resident_id, sex_label
from ui.widgets.check_list import CheckList

NO_DATE = QDate(2000, 1, 1)  # shown as 不限 (special value text)
ERROR_STYLE = "color: #b71c1c;"
NOTICE_STYLE = "background: #fff8e1; color: #5d4037; padding: 6px; border: 1px solid #ffe082;"


def _to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else NO_DATE


def _from_qdate(q: QDate) -> date | None:
    return None if q == NO_DATE else date(q.year(), q.month(), q.day())


class SeekerForm(QWidget):
    """Emits `submitted` with the typed input; the page saves it and calls back with errors."""

    submitted = Signal(object, object)  # SeekerInput, seeker id or None
    known_id_typed = Signal(str)  # a valid ID number typed into a new registration
    leave_requested = Signal()

    def __init__(self, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seeker_id: str | None = None
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        # Resident ID first: a returning person is found by it before anything else is typed.
        self.id_edit = QLineEdit(self)
        self.id_edit.setPlaceholderText(self.tr("18位身份证号码，可用读卡器或扫码枪录入"))
        self.id_edit.setMaxLength(40)
        self.id_fix = QPushButton(self.tr("更正"), self)
        self.id_fix.setToolTip(self.tr("更正已登记的身份证号码"))
        self.id_fix.setAutoDefault(False)
        self.id_fix.hide()
        self.id_info = QLabel(self)
        self.id_info.setStyleSheet("color: #455a64;")
        id_row = QHBoxLayout()
        id_row.setContentsMargins(0, 0, 0, 0)
        id_row.addWidget(self.id_edit, 1)
        id_row.addWidget(self.id_fix)
        id_box = QWidget(self)
        id_box.setLayout(id_row)
        self._add(form, "id_number", self.tr("身份证号码"), id_box, self.id_edit, extra=self.id_info)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("与身份证一致，少数民族姓名用“·”分隔"))
        self._add(form, "name", self.tr("姓名"), self.name_edit)

        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("11位手机号码"))
        self._add(form, "phone", self.tr("手机号码"), self.phone_edit)

        self.district = QComboBox(self)
        self.district.setEditable(True)
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in current_counties(province):
            self.district.addItem(name, code)
        completer = QCompleter(self.district.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.district.setCompleter(completer)
        line = self.district.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("输入区县名称"))
        self._add(form, "district_code", self.tr("现居区县"), self.district)

        self.job_types = CheckList(self)
        self.job_types.filter_edit.setPlaceholderText(self.tr("输入工种或拼音首字母筛选，回车勾选"))
        self.job_types.set_items((t.code, t.label, name_initials(t.zh)) for t in job_types())
        self._add(form, "job_types", self.tr("求职工种"), self.job_types, self.job_types.filter_edit)

        self.skills_edit = QLineEdit(self)
        self.skills_edit.setPlaceholderText(self.tr("如：电工证、健康证、叉车证"))
        self._add(form, "skills", self.tr("技能证书"), self.skills_edit)

        self.avail_from = self._date_edit()
        self.avail_to = self._date_edit()
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.avail_from)
        dates.addWidget(QLabel(self.tr("至"), self))
        dates.addWidget(self.avail_to)
        dates_box = QWidget(self)
        dates_box.setLayout(dates)
        self._add(form, "avail_to", self.tr("可工作日期"), dates_box, self.avail_from)
        self._errors["avail_from"] = self._errors["avail_to"]

        self.slots = {c.key: QCheckBox(c.label, self) for c in TIME_SLOTS}
        self._add(form, "avail_slots", self.tr("可工作时段"), self._row_of(self.slots.values()))

        self.wage_edit = QLineEdit(self)
        self.wage_edit.setPlaceholderText(self.tr("金额"))
        self.wage_edit.setMaximumWidth(140)
        self.wage_unit = QComboBox(self)
        for c in WAGE_UNITS:
            self.wage_unit.addItem(c.label, c.key)
        wage = QHBoxLayout()
        wage.setContentsMargins(0, 0, 0, 0)
        wage.addWidget(self.wage_edit)
        wage.addWidget(self.wage_unit)
        wage.addStretch(1)
        wage_box = QWidget(self)
        wage_box.setLayout(wage)
        self._add(form, "wage_expect", self.tr("期望工资"), wage_box, self.wage_edit)
        self._errors["wage_unit"] = self._errors["wage_expect"]

        self.groups = {c.key: QCheckBox(c.label, self) for c in SPECIAL_GROUPS}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.groups.values()):
            grid.addWidget(box, i // 3, i % 3)
        groups_box = QWidget(self)
        groups_box.setLayout(grid)
        self._add(form, "groups", self.tr("人员类别"), groups_box, next(iter(self.groups.values())))

        self.consent = QCheckBox(self.tr("本人已知悉并同意服务机构为就业服务使用其个人信息"), self)
        self._add(form, "consent", self.tr("同意授权"), self.consent)

        self.notes_edit = QLineEdit(self)
        self._add(form, "notes", self.tr("备注"), self.notes_edit)

        self.save_button = QPushButton(self.tr("保存 (Enter)"), self)
        self.save_button.setDefault(True)
        self.new_button = QPushButton(self.tr("新登记 (Ctrl+N)"), self)
        self.new_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.submit)
        self.new_button.clicked.connect(self.clear)
        self.id_fix.clicked.connect(self._unlock_id)
        self.id_edit.textChanged.connect(self._on_id_changed)
        self.clear()

    # ---- construction helpers ------------------------------------------------------------
    def _add(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        widget: QWidget,
        focus: QWidget | None = None,
        extra: QWidget | None = None,
    ) -> None:
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        error.setObjectName(f"error_{key}")
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        if extra is not None:
            box.addWidget(extra)
        box.addWidget(error)
        holder = QWidget(self)
        holder.setLayout(box)
        form.addRow(label, holder)
        self._errors[key] = error
        self._inputs[key] = focus or widget

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        return edit

    def _row_of(self, widgets: object) -> QWidget:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:  # type: ignore[attr-defined]
            row.addWidget(w)
        row.addStretch(1)
        box = QWidget(self)
        box.setLayout(row)
        return box

    # ---- state ---------------------------------------------------------------------------
    def clear(self) -> None:
        """An empty new registration, focus in the ID field."""
        self.seeker_id = None
        self.title.setText(self.tr("求职登记（新）"))
        self.id_edit.setReadOnly(False)
        self.id_edit.clear()
        self.id_fix.hide()
        for edit in (self.name_edit, self.phone_edit, self.skills_edit, self.wage_edit, self.notes_edit):
            edit.clear()
        self.district.setCurrentIndex(-1)
        self.district.setEditText("")
        self.job_types.set_keys([])
        self.avail_from.setDate(NO_DATE)
        self.avail_to.setDate(NO_DATE)
        for box in (*self.slots.values(), *self.groups.values(), self.consent):
            box.setChecked(False)
        self.wage_unit.setCurrentIndex(max(0, self.wage_unit.findData("day")))
        self.show_notice("")
        self.clear_errors()
        self.id_edit.setFocus()

    def load(self, detail: SeekerDetail, notice: str = "") -> None:
        """Open a registered person for update."""
        self.clear()
        self.seeker_id = detail.id
        self.title.setText(self.tr("求职人员：{name}").format(name=detail.name))
        self.id_edit.blockSignals(True)
        self.id_edit.setText(detail.id_masked)
        self.id_edit.blockSignals(False)
        self.id_edit.setReadOnly(True)
        self.id_fix.show()
        self.id_info.setText(self._id_summary(detail.sex, detail.birth_date, ""))
        self.name_edit.setText(detail.name)
        self.phone_edit.setText(detail.phone)
        self.district.setCurrentIndex(self.district.findData(detail.district_code))
        self.job_types.set_keys(detail.job_types)
        self.skills_edit.setText(detail.skills)
        self.avail_from.setDate(_to_qdate(detail.avail_from))
        self.avail_to.setDate(_to_qdate(detail.avail_to))
        for key, box in self.slots.items():
            box.setChecked(key in detail.avail_slots)
        if detail.wage_expect_cents is not None:
            self.wage_edit.setText(f"{detail.wage_expect_cents / 100:g}")
        self.wage_unit.setCurrentIndex(max(0, self.wage_unit.findData(detail.wage_unit)))
        for key, box in self.groups.items():
            box.setChecked(key in detail.groups)
        self.consent.setChecked(detail.consent)
        self.notes_edit.setText(detail.notes)
        self.show_notice(notice)
        self.name_edit.setFocus()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def show_errors(self, errors: list[ValidationError]) -> None:
        """Each message beside its field; focus goes to the first field in the form's order."""
        self.clear_errors()
        first: QWidget | None = None
        order = list(self._inputs)
        for e in sorted(errors, key=lambda e: order.index(e.field) if e.field in order else len(order)):
            label = self._errors.get(e.field)
            if label is None:
                continue
            if label.text():
                label.setText(label.text() + "；" + e.message)
            else:
                label.setText(e.message)
            label.show()
            if first is None:
                first = self._inputs.get(e.field)
        if first is not None:
            first.setFocus()

    def error_text(self, key: str) -> str:
        return self._errors[key].text()

    def collect(self) -> SeekerInput:
        # What is in the box decides (the clerk may have typed over a chosen item).
        typed = self.district.currentText().strip()
        index = self.district.findText(typed) if typed else -1
        district = self.district.itemData(index) if index >= 0 else ""
        return SeekerInput(
            name=self.name_edit.text(),
            id_number="" if self.id_edit.isReadOnly() else self.id_edit.text(),
            phone=self.phone_edit.text(),
            district_code=district or "",
            job_types=self.job_types.keys(),
            skills=self.skills_edit.text(),
            avail_from=_from_qdate(self.avail_from.date()),
            avail_to=_from_qdate(self.avail_to.date()),
            avail_slots=[k for k, b in self.slots.items() if b.isChecked()],
            wage_expect=self.wage_edit.text(),
            wage_unit=self.wage_unit.currentData(),
            groups=[k for k, b in self.groups.items() if b.isChecked()],
            consent=self.consent.isChecked(),
            notes=self.notes_edit.text(),
        )

    def submit(self) -> None:
        self.submitted.emit(self.collect(), self.seeker_id)

    # ---- reactions -----------------------------------------------------------------------
    def _id_summary(self, sex: str, birth: date, region: str) -> str:
        today = date.today()
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        text = self.tr("{sex} · 出生 {birth} · {age}岁").format(sex=sex_label(sex), birth=birth.isoformat(), age=age)
        return f"{text} · {region}" if region else text

    def _on_id_changed(self, text: str) -> None:
        if self.id_edit.isReadOnly():
            return
        self._errors["id_number"].hide()
        try:
            rid = parse_resident_id(text)
        except ValidationError as e:
            self.id_info.clear()
            if len(text.strip()) >= 18:
                self._errors["id_number"].setText(e.message)
                self._errors["id_number"].show()
            return
        self.id_info.setText(self._id_summary(rid.sex, rid.birth_date, region_name(rid.region_code)))
        if rid.notices:
            self.show_notice("；".join(rid.notices))
        if self.seeker_id is None:
            self.known_id_typed.emit(rid.number)

    def _unlock_id(self) -> None:
        self.id_edit.setReadOnly(False)
        self.id_edit.clear()
        self.id_fix.hide()
        self.id_edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
