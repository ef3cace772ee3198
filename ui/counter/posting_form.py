"""The posting form (招聘岗位登记): every field a public recruitment notice must carry, and its state."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock as wallclock
from app.reference import SETTLEMENTS, SEX_LIMITS, WAGE_UNITS, job_types
from app.services.employers import EmployerRow
from app.services.postings import PostingDetail, PostingInput, status_label
from ui.widgets.field_form import FieldForm, combo_code, district_combo, from_qdate, set_combo_code, to_qdate

SOURCE_SUGGESTIONS = ("窗口登记", "电话登记", "零工港", "灵工盒子", "贵州人才网", "招聘会")
STATE_STYLE = "background: #e3f2fd; color: #0d47a1; padding: 6px; border: 1px solid #90caf9;"
SUSPENDED_STYLE = "color: #b71c1c; font-weight: bold;"


def _editable_combo(parent: QWidget, items: list[tuple[str, str]], placeholder: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for label, key in items:
        combo.addItem(label, key)
    completer = QCompleter(combo.model(), parent)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    return combo


class PostingForm(FieldForm):
    submitted = Signal(object, object)  # PostingInput, posting id or None
    action_requested = Signal(str)  # submit / approve / return / clear_flags / filled / close

    def __init__(self, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posting_id: str | None = None
        self.detail: PostingDetail | None = None
        self._employer_ids: dict[str, str] = {}
        self._employer_rows: dict[str, EmployerRow] = {}
        self._labels: dict[str, str] = {}
        self._loaded_employer = ""  # the employer box as a loaded posting filled it
        form = self.new_form_layout()

        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setStyleSheet(STATE_STYLE)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.hide()

        self.employer_edit = QLineEdit(self)
        self.employer_edit.setPlaceholderText(self.tr("输入单位名称、简称或信用代码选择"))
        self._employer_names = QStringListModel(self)
        completer = QCompleter(self._employer_names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.employer_edit.setCompleter(completer)
        self.employer_info = QLabel(self)
        self.employer_info.setWordWrap(True)
        self.add_field(form, "employer_id", self.tr("用人单位"), self.employer_edit, extra=self.employer_info)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("如：酒店客房保洁、仓库装卸工"))
        self.add_field(form, "title", self.tr("岗位名称"), self.title_edit)
        self.job_type = _editable_combo(
            self, [(t.label, t.code) for t in job_types()], self.tr("输入工种名称选择，如 保洁")
        )
        self.add_field(form, "job_type", self.tr("工种"), self.job_type)
        self.headcount_edit = QLineEdit(self)
        self.headcount_edit.setMaximumWidth(120)
        self.add_field(form, "headcount", self.tr("招聘人数"), self.headcount_edit)

        self.pay_edit = QLineEdit(self)
        self.pay_edit.setPlaceholderText(self.tr("金额"))
        self.pay_edit.setMaximumWidth(120)
        self.pay_unit = QComboBox(self)
        for c in WAGE_UNITS:
            self.pay_unit.addItem(c.label, c.key)
        self.add_field(form, "pay", self.tr("薪资"), self.row_of([self.pay_edit, self.pay_unit]), self.pay_edit)
        self.share_lines("pay_unit", "pay")
        self.settlement = QComboBox(self)
        self.settlement.addItem(self.tr("（请选择）"), "")
        for c in SETTLEMENTS:
            self.settlement.addItem(c.label, c.key)
        self.add_field(form, "settlement", self.tr("结算方式"), self.settlement)

        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(self.tr("详细地址，如：观山湖区金阳南路6号"))
        self.add_field(form, "work_place", self.tr("工作地点"), self.place_edit)
        self.district = district_combo(province, self, self.tr("输入区县名称"))
        self.add_field(form, "district_code", self.tr("工作区县"), self.district)

        self.start_date = self.date_edit(optional=False)
        self.end_date = self.date_edit(optional=False)
        dates = self.row_of([self.start_date, QLabel(self.tr("至"), self), self.end_date])
        self.add_field(form, "start_date", self.tr("工作日期"), dates, self.start_date)
        self.share_lines("end_date", "start_date")
        self.hours_edit = QLineEdit(self)
        self.hours_edit.setMaximumWidth(80)
        self.work_time_edit = QLineEdit(self)
        self.work_time_edit.setPlaceholderText(self.tr("如 8:30-17:30，午休1小时"))
        hours = self.row_of([self.hours_edit, QLabel(self.tr("小时/天"), self), self.work_time_edit], stretch=False)
        self.add_field(form, "daily_hours", self.tr("每日工时"), hours, self.hours_edit)
        self.share_lines("work_time", "daily_hours")

        self.duties_edit = self.text_box(self.tr("具体做什么"))
        self.add_field(form, "duties", self.tr("工作内容"), self.duties_edit)
        self.requirements_edit = self.text_box(self.tr("技能、证书、经验等"))
        self.add_field(form, "requirements", self.tr("任职要求"), self.requirements_edit)
        self.conditions_edit = self.text_box(self.tr("如：试工半天，合格即录用"))
        self.add_field(form, "conditions", self.tr("录用条件"), self.conditions_edit)

        self.meals = QCheckBox(self.tr("包吃"), self)
        self.lodging = QCheckBox(self.tr("包住"), self)
        self.transport = QCheckBox(self.tr("交通补贴/接送"), self)
        self.benefits_edit = QLineEdit(self)
        self.benefits_edit.setPlaceholderText(self.tr("其他福利"))
        benefits = self.row_of([self.meals, self.lodging, self.transport, self.benefits_edit], stretch=False)
        self.add_field(form, "benefits_note", self.tr("福利待遇"), benefits, self.meals)
        self.safety_edit = QLineEdit(self)
        self.safety_edit.setPlaceholderText(self.tr("如：发放安全帽、手套；高处作业须持证"))
        self.add_field(form, "safety", self.tr("劳动保护"), self.safety_edit)

        self.age_min_edit = QLineEdit(self)
        self.age_min_edit.setMaximumWidth(60)
        self.age_max_edit = QLineEdit(self)
        self.age_max_edit.setMaximumWidth(60)
        self.sex_limit = QComboBox(self)
        for c in SEX_LIMITS:
            self.sex_limit.addItem(c.label, c.key)
        limits = QWidget(self)
        grid = QGridLayout(limits)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("年龄"), self), 0, 0)
        grid.addWidget(self.age_min_edit, 0, 1)
        grid.addWidget(QLabel(self.tr("至"), self), 0, 2)
        grid.addWidget(self.age_max_edit, 0, 3)
        grid.addWidget(QLabel(self.tr("岁　性别"), self), 0, 4)
        grid.addWidget(self.sex_limit, 0, 5)
        grid.setColumnStretch(6, 1)
        self.add_field(form, "age_min", self.tr("限制条件"), limits, self.age_min_edit)
        for key in ("age_max", "sex_limit"):
            self.share_lines(key, "age_min")
        self.limit_reason_edit = QLineEdit(self)
        self.limit_reason_edit.setPlaceholderText(self.tr("只有岗位确需时才限制年龄或性别，并写明理由"))
        self.add_field(form, "limit_reason", self.tr("限制理由"), self.limit_reason_edit)

        self.contact_edit = QLineEdit(self)
        self.add_field(form, "contact_name", self.tr("联系人"), self.contact_edit)
        self.contact_phone_edit = QLineEdit(self)
        self.contact_phone_edit.setPlaceholderText(self.tr("手机或座机，如 0851-86811234"))
        self.add_field(form, "contact_phone", self.tr("联系电话"), self.contact_phone_edit)
        self.source = QComboBox(self)
        self.source.setEditable(True)
        self.source.addItems(list(SOURCE_SUGGESTIONS))
        self.add_field(form, "source_channel", self.tr("信息来源"), self.source)
        self.notes_edit = QLineEdit(self)
        self.add_field(form, "notes", self.tr("备注"), self.notes_edit)

        self.new_button = QPushButton(self.tr("新建岗位"), self)
        self.save_button = QPushButton(self.tr("保存 (Enter)"), self)
        self.save_button.setDefault(True)
        self.buttons: dict[str, QPushButton] = {
            "submit": QPushButton(self.tr("提交审核 (F9)"), self),
            "approve": QPushButton(self.tr("审核发布…"), self),
            "return": QPushButton(self.tr("退回修改…"), self),
            "clear_flags": QPushButton(self.tr("核实放行…"), self),
            "filled": QPushButton(self.tr("已招满"), self),
            "close": QPushButton(self.tr("关闭岗位…"), self),
        }
        actions = QHBoxLayout()
        for key, button in self.buttons.items():
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, key=key: self.action_requested.emit(key))
            actions.addWidget(button)
        actions.addStretch(1)
        main = QHBoxLayout()
        main.addStretch(1)
        self.new_button.setAutoDefault(False)
        main.addWidget(self.new_button)
        main.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(main)
        layout.addLayout(actions)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.submit)
        self.new_button.clicked.connect(self.clear)
        completer.activated.connect(self._employer_chosen)
        self.employer_edit.editingFinished.connect(lambda: self._employer_chosen(self.employer_edit.text()))
        self.clear()

    # ---- employers to choose from ------------------------------------------------------------
    def set_employers(self, rows: list[EmployerRow]) -> None:
        """One entry per employer: the credit code, or for a household its contact and masked phone;
        two entries that would still read the same get a number, so each names exactly one."""
        self._employer_ids, self._labels = {}, {}
        for r in rows:
            label = f"{r.name}（{r.credit_code or r.contact_name + ' ' + r.phone_masked}）"
            n = 2
            while label in self._employer_ids:
                label = f"{label} #{n}"
                n += 1
            self._employer_ids[label] = r.id
            self._labels[r.id] = label
        self._employer_rows = {r.id: r for r in rows}
        self._employer_names.setStringList(list(self._employer_ids))

    def choose_employer(self, employer_id: str) -> None:
        label = self._labels.get(employer_id)
        if label is not None:
            self.employer_edit.setText(label)
            self._employer_chosen(label)

    def _employer_chosen(self, text: str) -> None:
        employer_id = self._employer_ids.get(text.strip())
        row = self._employer_rows.get(employer_id or "")
        self.employer_info.setVisible(row is not None)
        if row is None:
            self.employer_info.clear()
            return
        if row.suspended:
            self.employer_info.setStyleSheet(SUSPENDED_STYLE)
            self.employer_info.setText(self.tr("该单位已被暂停发布岗位"))
        else:
            self.employer_info.setStyleSheet("color: #455a64;")
            self.employer_info.setText(
                self.tr("联系人 {name} · {phone}").format(name=row.contact_name, phone=row.phone_masked)
            )
            if not self.contact_edit.text():
                self.contact_edit.setText(row.contact_name)
            if not combo_code(self.district) and row.district_code:
                set_combo_code(self.district, row.district_code)

    # ---- state -----------------------------------------------------------------------------
    def clear(self) -> None:
        self.posting_id = None
        self.detail = None
        self.title.setText(self.tr("招聘岗位登记（新）"))
        self.state.hide()
        for edit in (
            self.employer_edit, self.title_edit, self.headcount_edit, self.pay_edit, self.place_edit,
            self.work_time_edit, self.benefits_edit, self.safety_edit, self.age_min_edit, self.age_max_edit,
            self.limit_reason_edit, self.contact_edit, self.contact_phone_edit, self.notes_edit,
        ):  # fmt: skip
            edit.clear()
        for text_box in (self.duties_edit, self.requirements_edit, self.conditions_edit):
            text_box.clear()
        self.employer_info.clear()
        self.employer_info.hide()
        self.job_type.setCurrentIndex(-1)
        self.job_type.setEditText("")
        self.pay_unit.setCurrentIndex(max(0, self.pay_unit.findData("day")))
        self.settlement.setCurrentIndex(0)
        set_combo_code(self.district, "")
        today = to_qdate(wallclock.today())
        self.start_date.setDate(today)
        self.end_date.setDate(today.addDays(6))
        self.hours_edit.setText("8")
        for box in (self.meals, self.lodging, self.transport):
            box.setChecked(False)
        self.sex_limit.setCurrentIndex(0)
        self.source.setCurrentIndex(0)
        self.show_notice("")
        self.clear_errors()
        self._enable_actions(None)
        self.employer_edit.setFocus()

    def load(self, d: PostingDetail, notice: str = "") -> None:
        self.clear()
        self.posting_id = d.id
        self.detail = d
        self.title.setText(self.tr("岗位 {code}：{title}").format(code=d.code, title=d.title))
        label = self._labels.get(d.employer_id, d.employer_name)
        self._loaded_employer = label
        self.employer_edit.setText(label)
        self._employer_chosen(label)
        if d.employer_suspension is not None:
            self.employer_info.show()
            self.employer_info.setStyleSheet(SUSPENDED_STYLE)
            self.employer_info.setText(d.employer_suspension.describe())
        self.title_edit.setText(d.title)
        self.job_type.setCurrentIndex(self.job_type.findData(d.job_type))
        inp = d.as_input()
        self.headcount_edit.setText(inp.headcount)
        self.pay_edit.setText(inp.pay)
        self.pay_unit.setCurrentIndex(max(0, self.pay_unit.findData(d.pay_unit)))
        self.settlement.setCurrentIndex(max(0, self.settlement.findData(d.settlement)))
        self.place_edit.setText(d.work_place)
        set_combo_code(self.district, d.district_code)
        self.start_date.setDate(to_qdate(d.start_date))
        self.end_date.setDate(to_qdate(d.end_date))
        self.hours_edit.setText(inp.daily_hours)
        self.work_time_edit.setText(d.work_time)
        self.duties_edit.setPlainText(d.duties)
        self.requirements_edit.setPlainText(d.requirements)
        self.conditions_edit.setPlainText(d.conditions)
        self.meals.setChecked(d.meals)
        self.lodging.setChecked(d.lodging)
        self.transport.setChecked(d.transport)
        self.benefits_edit.setText(d.benefits_note)
        self.safety_edit.setText(d.safety)
        self.age_min_edit.setText(inp.age_min)
        self.age_max_edit.setText(inp.age_max)
        self.sex_limit.setCurrentIndex(max(0, self.sex_limit.findData(d.sex_limit)))
        self.limit_reason_edit.setText(d.limit_reason)
        self.contact_edit.setText(d.contact_name)
        self.contact_phone_edit.setText(d.contact_phone)
        self.source.setEditText(d.source_channel)
        self.notes_edit.setText(d.notes)
        self.state.setText(self.state_html(d))
        self.state.show()
        self.show_notice(notice)
        self._enable_actions(d)
        self.title_edit.setFocus()

    def state_html(self, d: PostingDetail) -> str:
        lines = [self.tr("<b>{status}</b> · 编号 {code}").format(status=status_label(d.status), code=d.code)]
        if d.source_channel:
            lines.append(self.tr("信息来源：{s}").format(s=d.source_channel))
        if d.flagged_terms:
            terms = "、".join(d.flagged_terms)
            if d.flags_cleared_by:
                lines.append(self.tr("含“{t}”，已由{by}核实放行").format(t=terms, by=d.flags_cleared_by))
            else:
                lines.append(
                    self.tr("<span style='color:#b71c1c'>含“{t}”，须主管核实放行后才能发布</span>").format(t=terms)
                )
        if d.review_note:
            lines.append(self.tr("退回意见（{by}）：{note}").format(by=d.reviewed_by, note=d.review_note))
        elif d.reviewed_by and d.reviewed_at:
            lines.append(self.tr("审核：{by} {at:%Y-%m-%d %H:%M}").format(by=d.reviewed_by, at=d.reviewed_at))
        if d.status == "open" and d.expires_on:
            lines.append(self.tr("招聘至 {d}，到期自动下架").format(d=d.expires_on.isoformat()))
        if d.end_reason:
            lines.append(self.tr("关闭原因：{r}").format(r=d.end_reason))
        return "<br>".join(lines)

    def _enable_actions(self, d: PostingDetail | None) -> None:
        status = d.status if d else ""
        editable = status in ("", "draft", "pending", "open")
        self.save_button.setEnabled(editable)
        allowed = {
            "submit": status == "draft",
            "approve": status == "pending",
            "return": status == "pending",
            "clear_flags": bool(d and d.flags_outstanding and status in ("draft", "pending")),
            "filled": status == "open",
            "close": status in ("draft", "pending", "open"),
        }
        for key, button in self.buttons.items():
            button.setEnabled(allowed[key])

    def collect(self) -> PostingInput:
        return PostingInput(
            employer_id=self._employer_id(),
            title=self.title_edit.text(),
            job_type=combo_code(self.job_type),
            headcount=self.headcount_edit.text(),
            duties=self.duties_edit.toPlainText(),
            requirements=self.requirements_edit.toPlainText(),
            conditions=self.conditions_edit.toPlainText(),
            pay=self.pay_edit.text(),
            pay_unit=str(self.pay_unit.currentData()),
            settlement=str(self.settlement.currentData() or ""),
            meals=self.meals.isChecked(),
            transport=self.transport.isChecked(),
            lodging=self.lodging.isChecked(),
            benefits_note=self.benefits_edit.text(),
            safety=self.safety_edit.text(),
            work_place=self.place_edit.text(),
            district_code=combo_code(self.district),
            start_date=from_qdate(self.start_date.date()),
            end_date=from_qdate(self.end_date.date()),
            daily_hours=self.hours_edit.text(),
            work_time=self.work_time_edit.text(),
            contact_name=self.contact_edit.text(),
            contact_phone=self.contact_phone_edit.text(),
            age_min=self.age_min_edit.text(),
            age_max=self.age_max_edit.text(),
            sex_limit=str(self.sex_limit.currentData() or ""),
            limit_reason=self.limit_reason_edit.text(),
            source_channel=self.source.currentText(),
            notes=self.notes_edit.text(),
        )

    def _employer_id(self) -> str:
        text = self.employer_edit.text().strip()
        if self.detail is not None and text == self._loaded_employer:
            return self.detail.employer_id  # untouched, even if the list has not caught up yet
        return self._employer_ids.get(text, "")

    def has_unsaved_changes(self) -> bool:
        return self.detail is not None and self.collect() != self.detail.as_input()

    def submit(self) -> None:
        if self.save_button.isEnabled():
            self.submitted.emit(self.collect(), self.posting_id)
