"""The registration form (求职登记表): every field with its error shown right beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock as wallclock
from app.errors import ValidationError
from app.pinyin import name_initials
from app.reference import SPECIAL_GROUPS, TIME_SLOTS, WAGE_UNITS, job_types, region_name
from app.services.seekers import SeekerDetail, SeekerInput
from app.validation.resident_id import age_from_month, parse_resident_id, sex_label
from ui.widgets.check_list import CheckList
from ui.widgets.field_form import NO_DATE, FieldForm, combo_code, district_combo, from_qdate, to_qdate


class SeekerForm(FieldForm):
    """Emits `submitted` with the typed input; the page saves it and calls back with errors."""

    submitted = Signal(object, object)  # SeekerInput, seeker id or None
    known_id_typed = Signal(str)  # a valid ID number typed into a new registration

    def __init__(self, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seeker_id: str | None = None
        form = self.new_form_layout()

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
        self.add_field(form, "id_number", self.tr("身份证号码"), id_box, self.id_edit, extra=self.id_info)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("与身份证一致，少数民族姓名用“·”分隔"))
        self.add_field(form, "name", self.tr("姓名"), self.name_edit)

        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("11位手机号码"))
        self.add_field(form, "phone", self.tr("手机号码"), self.phone_edit)

        self.district = district_combo(province, self, self.tr("输入区县名称"))
        self.add_field(form, "district_code", self.tr("现居区县"), self.district)

        self.job_types = CheckList(self)
        self.job_types.filter_edit.setPlaceholderText(self.tr("输入工种或拼音首字母筛选，回车勾选"))
        self.job_types.set_items((t.code, t.label, name_initials(t.zh)) for t in job_types())
        self.add_field(form, "job_types", self.tr("求职工种"), self.job_types, self.job_types.filter_edit)

        self.skills_edit = QLineEdit(self)
        self.skills_edit.setPlaceholderText(self.tr("如：电工证、健康证、叉车证"))
        self.add_field(form, "skills", self.tr("技能证书"), self.skills_edit)

        self.avail_from = self.date_edit(optional=True)
        self.avail_to = self.date_edit(optional=True)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.avail_from)
        dates.addWidget(QLabel(self.tr("至"), self))
        dates.addWidget(self.avail_to)
        dates_box = QWidget(self)
        dates_box.setLayout(dates)
        self.add_field(form, "avail_to", self.tr("可工作日期"), dates_box, self.avail_from)
        self.share_lines("avail_from", "avail_to")

        self.slots = {c.key: QCheckBox(c.label, self) for c in TIME_SLOTS}
        self.add_field(form, "avail_slots", self.tr("可工作时段"), self.row_of(self.slots.values()))

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
        self.add_field(form, "wage_expect", self.tr("期望工资"), wage_box, self.wage_edit)
        self.share_lines("wage_unit", "wage_expect")

        self.groups = {c.key: QCheckBox(c.label, self) for c in SPECIAL_GROUPS}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.groups.values()):
            grid.addWidget(box, i // 3, i % 3)
        groups_box = QWidget(self)
        groups_box.setLayout(grid)
        self.add_field(form, "groups", self.tr("人员类别"), groups_box, next(iter(self.groups.values())))

        self.consent = QCheckBox(self.tr("本人已知悉并同意服务机构为就业服务使用其个人信息"), self)
        self.add_field(form, "consent", self.tr("同意授权"), self.consent)

        self.notes_edit = QLineEdit(self)
        self.add_field(form, "notes", self.tr("备注"), self.notes_edit)

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
        self.id_info.setText(self._id_summary(detail.sex, detail.birth_date, "", month_only=True))
        self.name_edit.setText(detail.name)
        self.phone_edit.setText(detail.phone)
        self.district.setCurrentIndex(self.district.findData(detail.district_code))
        self.job_types.set_keys(detail.job_types)
        self.skills_edit.setText(detail.skills)
        self.avail_from.setDate(to_qdate(detail.avail_from))
        self.avail_to.setDate(to_qdate(detail.avail_to))
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

    def collect(self) -> SeekerInput:
        return SeekerInput(
            name=self.name_edit.text(),
            id_number="" if self.id_edit.isReadOnly() else self.id_edit.text(),
            phone=self.phone_edit.text(),
            district_code=combo_code(self.district),
            job_types=self.job_types.keys(),
            skills=self.skills_edit.text(),
            avail_from=from_qdate(self.avail_from.date()),
            avail_to=from_qdate(self.avail_to.date()),
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
    def _id_summary(self, sex: str, birth: date, region: str, *, month_only: bool = False) -> str:
        """The sex, birth date and age an ID says: from the number typed in, or for a registered
        person from the birth month kept (the day is not stored; the age counts from the 1st)."""
        today = wallclock.today()
        if month_only:
            age, born = age_from_month(birth, today), f"{birth:%Y-%m}"
        else:
            age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
            born = birth.isoformat()
        text = self.tr("{sex} · 出生 {birth} · {age}岁").format(sex=sex_label(sex), birth=born, age=age)
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
