"""The employer registration form (用人单位登记): identity first, then contact, then the terms."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import ValidationError
from app.i18n import translate
from app.reference import EMPLOYER_KINDS, INDUSTRIES
from app.services.employers import TERMS_TEXT, EmployerDetail, EmployerInput
from app.validation.credit_code import parse_credit_code
from app.validation.resident_id import parse_resident_id
from ui.widgets.field_form import FieldForm, combo_code, district_combo, set_combo_code

SUSPENDED_STYLE = "background: #ffebee; color: #b71c1c; padding: 6px; border: 1px solid #ef9a9a; font-weight: bold;"


class EmployerForm(FieldForm):
    submitted = Signal(object, object)  # EmployerInput, employer id or None
    known_code_typed = Signal(str)  # a valid credit code typed into a new registration
    known_owner_typed = Signal(str)  # a valid owner ID typed into a new household registration

    def __init__(self, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.employer_id: str | None = None
        self.detail: EmployerDetail | None = None
        form = self.new_form_layout()

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(SUSPENDED_STYLE)
        self.banner.hide()

        self.kind = QComboBox(self)
        for c in EMPLOYER_KINDS:
            self.kind.addItem(c.label, c.key)
        self.add_field(form, "kind", self.tr("单位类型"), self.kind)

        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("18位统一社会信用代码，见营业执照"))
        self.code_edit.setMaxLength(30)
        self.code_info = QLabel(self)
        self.code_info.setStyleSheet("color: #2e7d32;")
        self.add_field(form, "credit_code", self.tr("统一社会信用代码"), self.code_edit, extra=self.code_info)
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setPlaceholderText(self.tr("雇主本人18位身份证号码"))
        self.owner_edit.setMaxLength(40)
        self.add_field(form, "owner_id_number", self.tr("雇主身份证号码"), self.owner_edit)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("与营业执照一致；家庭雇主填“姓名（家政）”等"))
        self.add_field(form, "name", self.tr("单位名称"), self.name_edit)
        self.short_edit = QLineEdit(self)
        self.short_edit.setPlaceholderText(self.tr("大屏上显示，最多12个字，可不填"))
        self.add_field(form, "short_name", self.tr("大屏简称"), self.short_edit)
        self.contact_edit = QLineEdit(self)
        self.add_field(form, "contact_name", self.tr("联系人"), self.contact_edit)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("手机或座机，如 0851-86811234"))
        self.add_field(form, "phone", self.tr("联系电话"), self.phone_edit)
        self.phone2_edit = QLineEdit(self)
        self.add_field(form, "phone2", self.tr("备用电话"), self.phone2_edit)
        self.address_edit = QLineEdit(self)
        self.add_field(form, "address", self.tr("单位地址"), self.address_edit)
        self.district = district_combo(province, self, self.tr("输入区县名称"))
        self.add_field(form, "district_code", self.tr("所在区县"), self.district)
        self.industry = QComboBox(self)
        self.industry.addItem(self.tr("（未填）"), "")
        for c in INDUSTRIES:
            self.industry.addItem(c.label, c.key)
        self.add_field(form, "industry", self.tr("所属行业"), self.industry)
        self.notes_edit = QLineEdit(self)
        self.add_field(form, "notes", self.tr("备注"), self.notes_edit)

        self.terms_text = QLabel(translate("Employers", TERMS_TEXT), self)
        self.terms_text.setWordWrap(True)
        self.terms_text.setStyleSheet("color: #37474f; background: #eceff1; padding: 6px;")
        self.terms = QCheckBox(self.tr("用人单位已阅读并确认以上承诺"), self)
        self.terms_state = QLabel(self)
        self.terms_state.setStyleSheet("color: #455a64;")
        terms_box = QWidget(self)
        terms_layout = QVBoxLayout(terms_box)
        terms_layout.setContentsMargins(0, 0, 0, 0)
        terms_layout.addWidget(self.terms_text)
        terms_layout.addWidget(self.terms)
        terms_layout.addWidget(self.terms_state)
        self.add_field(form, "terms_accepted", self.tr("服务承诺书"), terms_box, self.terms)

        self.save_button = QPushButton(self.tr("保存 (Enter)"), self)
        self.save_button.setDefault(True)
        self.new_button = QPushButton(self.tr("新登记单位"), self)
        self.new_button.setAutoDefault(False)
        self.suspend_button = QPushButton(self.tr("暂停发布…"), self)
        self.suspend_button.setAutoDefault(False)
        self.post_button = QPushButton(self.tr("为该单位发布岗位"), self)
        self.post_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.suspend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.submit)
        self.new_button.clicked.connect(self.clear)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.code_edit.textChanged.connect(self._on_code_changed)
        self.owner_edit.textChanged.connect(self._on_owner_changed)
        self.clear()

    def _kind_changed(self) -> None:
        household = self.kind.currentData() == "household"
        self.set_field_visible("credit_code", not household)
        self.set_field_visible("owner_id_number", household)

    # ---- state ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.employer_id = None
        self.detail = None
        self.title.setText(self.tr("用人单位登记（新）"))
        self.banner.hide()
        self.kind.setCurrentIndex(0)
        self._kind_changed()
        for edit in (
            self.code_edit, self.owner_edit, self.name_edit, self.short_edit, self.contact_edit,
            self.phone_edit, self.phone2_edit, self.address_edit, self.notes_edit,
        ):  # fmt: skip
            edit.setReadOnly(False)
            edit.clear()
        self.code_info.clear()
        self.code_info.hide()
        set_combo_code(self.district, "")
        self.industry.setCurrentIndex(0)
        self.terms.setChecked(False)
        self.terms.setEnabled(True)
        self.terms_text.show()
        self.terms_state.clear()
        self.terms_state.hide()
        self.suspend_button.setEnabled(False)
        self.post_button.setEnabled(False)
        self.show_notice("")
        self.clear_errors()
        self.kind.setFocus()

    def load(self, detail: EmployerDetail, notice: str = "") -> None:
        self.clear()
        self.employer_id = detail.id
        self.detail = detail
        self.title.setText(self.tr("用人单位：{name}").format(name=detail.name))
        self.kind.setCurrentIndex(max(0, self.kind.findData(detail.kind)))
        self._kind_changed()
        self.code_edit.blockSignals(True)
        self.code_edit.setText(detail.credit_code or "")
        self.code_edit.blockSignals(False)
        self.owner_edit.blockSignals(True)
        self.owner_edit.setText(detail.owner_id_masked)
        self.owner_edit.blockSignals(False)
        self.owner_edit.setReadOnly(detail.kind == "household")
        self.name_edit.setText(detail.name)
        self.short_edit.setText(detail.short_name)
        self.contact_edit.setText(detail.contact_name)
        self.phone_edit.setText(detail.phone)
        self.phone2_edit.setText(detail.phone2)
        self.address_edit.setText(detail.address)
        set_combo_code(self.district, detail.district_code)
        self.industry.setCurrentIndex(max(0, self.industry.findData(detail.industry)))
        self.notes_edit.setText(detail.notes)
        self.terms.setChecked(detail.terms_accepted)
        self.terms.setEnabled(not detail.terms_accepted)
        self.terms_text.setVisible(not detail.terms_accepted)
        if not detail.terms_accepted:
            self.terms_state.show()
            self.terms_state.setText(self.tr("尚未确认（如从平台导入）：请在单位到场时确认并保存"))
        elif detail.terms_accepted_at is not None:
            self.terms_state.show()
            self.terms_state.setText(
                self.tr("已于 {at} 确认（版本 {v}）").format(
                    at=detail.terms_accepted_at.strftime("%Y-%m-%d %H:%M"), v=detail.terms_version
                )
            )
        if detail.suspension is not None:
            self.banner.setText(detail.suspension.describe())
            self.banner.show()
            self.suspend_button.setText(self.tr("恢复发布…"))
        else:
            self.suspend_button.setText(self.tr("暂停发布…"))
        self.suspend_button.setEnabled(True)
        self.post_button.setEnabled(detail.suspension is None)
        self.show_notice(notice)
        self.name_edit.setFocus()

    def collect(self) -> EmployerInput:
        kind = str(self.kind.currentData())
        return EmployerInput(
            kind=kind,
            name=self.name_edit.text(),
            short_name=self.short_edit.text(),
            credit_code=self.code_edit.text() if kind != "household" else "",
            owner_id_number="" if self.owner_edit.isReadOnly() or kind != "household" else self.owner_edit.text(),
            contact_name=self.contact_edit.text(),
            phone=self.phone_edit.text(),
            phone2=self.phone2_edit.text(),
            address=self.address_edit.text(),
            district_code=combo_code(self.district),
            industry=str(self.industry.currentData() or ""),
            terms_accepted=self.terms.isChecked(),
            notes=self.notes_edit.text(),
        )

    def submit(self) -> None:
        self.submitted.emit(self.collect(), self.employer_id)

    # ---- reactions -------------------------------------------------------------------------
    def _on_code_changed(self, text: str) -> None:
        self._errors["credit_code"].hide()
        self.code_info.clear()
        self.code_info.hide()
        if len(text.strip()) < 18:
            return
        try:
            code = parse_credit_code(text)
        except ValidationError as e:
            self._errors["credit_code"].setText(e.message)
            self._errors["credit_code"].show()
            return
        self.code_info.setText(
            self.tr("✓ 代码有效（个体工商户）") if code.is_individual_business else self.tr("✓ 代码有效")
        )
        self.code_info.show()
        if code.is_individual_business and self.kind.currentData() == "enterprise" and self.employer_id is None:
            self.kind.setCurrentIndex(self.kind.findData("individual"))
        if self.employer_id is None:
            self.known_code_typed.emit(code.code)

    def _on_owner_changed(self, text: str) -> None:
        if self.owner_edit.isReadOnly():
            return
        self._errors["owner_id_number"].hide()
        if len(text.strip()) < 18:
            return
        try:
            rid = parse_resident_id(text)
        except ValidationError as e:
            self._errors["owner_id_number"].setText(e.message)
            self._errors["owner_id_number"].show()
            return
        if self.employer_id is None:
            self.known_owner_typed.emit(rid.number)
