"""Where everything sits on a referral slip: the page as a list of drawing operations.

Coordinates are PostScript points (1/72 inch) with the origin at the **top-left** corner of the
page and y growing **downwards**, as one reads a page and as QPainter draws; the PDF renderer
flips them. A `Text`'s y is its baseline. The PDF (app.slips.pdf) and the counter's print path
(ui/slip_print.py) draw the same operations, so what is previewed is what prints.

Text is measured with reportlab's metrics of the bundled font, Chinese wrapped by character,
runs of Latin letters and digits kept whole where they fit, and no line begins with closing
punctuation. A5 has a fixed page, so when a slip's text is very long the type is set a little
smaller, and a field that still runs over its allowance ends in "…" rather than overlap the 回执.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from typing import Literal

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.slips import LAYOUTS, SlipData
from resources import resource_path

MM = 72 / 25.4
FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
# The bundled face's ascent and descent as fractions of the size (765 and 240 per 1000).
ASCENT = 0.765
DESCENT = 0.240
QUIET_MODULES = 4  # the QR quiet zone ISO/IEC 18004 asks for
# The font has one weight; bold text gets an outline this wide, as a fraction of its size.
BOLD_STROKE = 0.035

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    x: float  # the anchor: left end, centre or right end, by `align`
    y: float  # baseline
    text: str
    size: float
    align: Align = "left"
    bold: bool = False  # drawn with an outline of BOLD_STROKE × size
    spacing: float = 0.0  # extra space between characters, in points


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    dash: tuple[float, ...] = ()  # on/off lengths in points; empty for a solid line


@dataclass(frozen=True)
class Rect:
    x: float  # top-left corner
    y: float
    w: float
    h: float
    width: float = 0.5  # outline width; 0 draws no outline
    fill: bool = False


@dataclass(frozen=True)
class QrCode:
    x: float  # top-left corner of the symbol; the quiet zone lies outside it and is kept clear
    y: float
    side: float
    modules: tuple[tuple[bool, ...], ...]  # rows of modules, True = dark


Op = Text | Line | Rect | QrCode


@dataclass(frozen=True)
class SlipPage:
    layout: str  # one of LAYOUTS
    width: float  # points
    height: float
    title: str  # document title: 推荐介绍信 CODE
    ops: tuple[Op, ...]


@cache
def register_font() -> str:
    """Register the bundled CJK font with reportlab once (about 50 ms); returns its reportlab name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(resource_path(*FONT_FILE)), subfontIndex=0))
    return FONT_NAME


def string_width(text: str, size: float, spacing: float = 0.0) -> float:
    register_font()
    width: float = pdfmetrics.stringWidth(text, FONT_NAME, size)
    return width + spacing * max(len(text) - 1, 0)


def text_width(op: Text) -> float:
    return string_width(op.text, op.size, op.spacing)


def text_left(op: Text) -> float:
    """Where the text starts, whatever its alignment; both renderers use this."""
    if op.align == "center":
        return op.x - text_width(op) / 2
    if op.align == "right":
        return op.x - text_width(op)
    return op.x


def text_pieces(op: Text) -> list[tuple[float, str]]:
    """The text as (offset from its left end, piece): whole, or character by character when spaced."""
    if not op.spacing:
        return [(0.0, op.text)]
    pieces: list[tuple[float, str]] = []
    x = 0.0
    for char in op.text:
        pieces.append((x, char))
        x += string_width(char, op.size) + op.spacing
    return pieces


# Latin words, numbers and codes stay whole; everything else breaks between characters.
_TOKEN = re.compile(r"[A-Za-z0-9@#%&*+\-./:_¥$()（）]+|\s+|.")
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)%…·")
_NO_LINE_END = set("（《「『“‘(")
ELLIPSIS = "…"


def wrap(text: str, size: float, width: float, max_lines: int = 0, indent: float = 0.0) -> list[str]:
    """Break `text` into lines no wider than `width` (the first `indent` narrower).

    With `max_lines`, a text that runs over ends its last line in "…".
    """
    lines: list[str] = []
    current: list[str] = []

    def room() -> float:
        return width - indent if not lines else width

    def fits(tokens: Sequence[str]) -> bool:
        return string_width("".join(tokens), size) <= room()

    def close_line() -> None:
        lines.append("".join(current).strip())
        current.clear()

    for paragraph in text.split("\n"):
        for token in _TOKEN.findall(paragraph):
            if fits([*current, token]):
                current.append(token)
            elif token.isspace():
                close_line()
            elif not current or string_width(token, size) > width:
                # A run longer than a line: break it by character.
                for char in token:
                    if current and not fits([*current, char]):
                        close_line()
                    current.append(char)
            else:
                # Closing punctuation may not begin a line: it takes the character before along
                # (and that one's own closing punctuation, as in ）” ).
                carried: list[str] = []
                head = token
                while head[0] in _NO_LINE_START and len(current) > 1:
                    head = current.pop()
                    carried.insert(0, head)
                # Nor may a line end with opening punctuation.
                while current[-1][-1] in _NO_LINE_END and len(current) > 1:
                    carried.insert(0, current.pop())
                close_line()
                current.extend([*carried, token])
        close_line()
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        limit = width - indent if max_lines == 1 else width
        while last and string_width(last + ELLIPSIS, size) > limit:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + ELLIPSIS]
    return lines


@lru_cache(maxsize=32)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol for `text` (error correction M, smallest version), without quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def qr_runs(op: QrCode) -> list[tuple[float, float, float, float]]:
    """The dark modules as rectangles (x, y, w, h), one per run of dark modules in a row.

    Both renderers draw these: a few hundred rectangles instead of a thousand modules.
    """
    module = op.side / len(op.modules)
    runs = []
    for r, row in enumerate(op.modules):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            runs.append((op.x + start * module, op.y + r * module, (c - start) * module, module))
    return runs


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def text_height(size: float, lines: int = 1, leading: float = 0.0) -> float:
    """From the top of the first line's glyphs to the bottom of the last one's."""
    return size * (ASCENT + DESCENT) + (lines - 1) * leading


@dataclass
class _Ops:
    """Collects drawing operations; the block helpers return how far down they drew."""

    ops: list[Op] = field(default_factory=list)

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        align: Align = "left",
        *,
        bold: bool = False,
        spacing: float = 0.0,
    ) -> None:
        self.ops.append(Text(x, baseline, text, size, align, bold, spacing))

    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, dash: tuple[float, ...] = ()
    ) -> None:
        self.ops.append(Line(x1, y1, x2, y2, width, dash))

    def rect(self, x: float, y: float, w: float, h: float, width: float = 0.5) -> None:
        self.ops.append(Rect(x, y, w, h, width))

    def qr(self, x: float, y: float, side: float, modules: tuple[tuple[bool, ...], ...]) -> None:
        self.ops.append(QrCode(x, y, side, modules))

    def para(
        self,
        x: float,
        top: float,
        text: str,
        size: float,
        width: float,
        leading: float,
        align: Align = "left",
        *,
        max_lines: int = 0,
        bold: bool = False,
        indent: float = 0.0,
    ) -> float:
        """A wrapped paragraph whose first line's glyphs start at `top`; returns its bottom."""
        lines = wrap(text, size, width, max_lines, indent)
        for i, line in enumerate(lines):
            left = x + (indent if i == 0 else 0.0)
            anchor = {"left": left, "center": (left + x + width) / 2, "right": x + width}[align]
            self.text(anchor, top + size * ASCENT + i * leading, line, size, align, bold=bold)
        return top + text_height(size, len(lines), leading)

    def label(self, x: float, baseline: float, label: str, size: float, width: float, *, bold: bool = False) -> None:
        """A label spread evenly over `width` (分散对齐), so labels of 2, 3 and 4 characters align."""
        natural = string_width(label, size)
        spacing = (width - natural) / (len(label) - 1) if len(label) > 1 and natural < width else 0.0
        self.text(x, baseline, label, size, bold=bold, spacing=spacing)

    def blank(self, x: float, baseline: float, length: float) -> float:
        """A line to write on; returns its right end."""
        self.line(x, baseline + 2.5, x + length, baseline + 2.5, 0.5)
        return x + length


def _table(data: SlipData) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """What the slip says about the person, the post and the employer: (section, [(label, value, most lines)])."""
    return [
        (
            "求职者",
            [
                ("姓名", data.seeker_name, 1),
                ("身份证号", data.seeker_id_masked, 1),
                ("联系电话", data.seeker_phone_masked, 1),
            ],
        ),
        (
            "招聘岗位",
            [
                ("岗位名称", data.job_title, 2),
                ("工种", data.job_type, 1),
                ("薪资待遇", f"{data.pay}，{data.settlement}" if data.settlement else data.pay, 2),
                ("工作地点", data.work_place, 3),
                ("工作日期", data.work_dates, 2),
                ("工作时间", data.work_hours, 2),
            ],
        ),
        (
            "用人单位",
            [
                ("单位名称", data.employer_name, 2),
                ("单位地址", data.employer_address, 3),
                ("联系人", data.employer_contact, 2),
            ],
        ),
    ]


def _bring(data: SlipData) -> str:
    return "、".join(data.bring) if data.bring else "本介绍信、本人身份证"


def _quiet(side: float, modules: tuple[tuple[bool, ...], ...]) -> float:
    return QUIET_MODULES * side / len(modules)


# ---------------------------------------------------------------------------------------------
# A5 portrait: the letter above, a tear-off line, and the 回执 below.

A5_W, A5_H = 148 * MM, 210 * MM
A5_SIDE = 12 * MM  # left and right margins
A5_TOP = 10 * MM
A5_BOTTOM = 10 * MM
A5_QR = 30 * MM  # the letter's QR symbol, quiet zone outside
A5_RECEIPT_QR = 21 * MM


def _a5_letter(data: SlipData, qr: tuple[tuple[bool, ...], ...], scale: float, most: int) -> tuple[list[Op], float]:
    """The letter, from the page top down; returns its operations and where it ends.

    `scale` sizes the type, `most` caps the lines any one field may take.
    """
    out = _Ops()
    left, right = A5_SIDE, A5_W - A5_SIDE
    width = right - left
    s = scale
    # Header: the issuing market, the title, code and date, a thick-thin rule as on official letters.
    y = out.para(left, A5_TOP, data.market_name, 11 * s, width, 14 * s, "center", max_lines=min(most, 2)) + 5 * s
    title = 20 * s
    out.text(A5_W / 2, y + title * ASCENT, "推荐介绍信", title, "center", bold=True, spacing=8 * s)
    y += text_height(title) + 6 * s
    small = 9 * s
    base = y + small * ASCENT
    out.text(left, base, "编号：", small)
    out.text(left + string_width("编号：", small), base, data.code, small, bold=True)
    out.text(right, base, f"开具日期：{cn_date(data.issued_on)}", small, "right")
    y += text_height(small) + 3 * s
    out.line(left, y, right, y, 1.6)
    out.line(left, y + 2.6, right, y + 2.6, 0.5)
    y += 2.6 + 7 * s

    # The letter itself, addressed to the employer.
    size, leading = 10.5 * s, 10.5 * s * 1.55
    y = out.para(left, y, f"{data.employer_name}：", size, width, leading, max_lines=min(most, 2)) + (leading - size)
    y = out.para(
        left,
        y,
        f"兹介绍求职者{data.seeker_name}前往贵单位应聘“{data.job_title}”岗位，请予接洽。"
        f"本介绍信有效期至{cn_date(data.valid_until)}。",
        size,
        width,
        leading,
        max_lines=min(most + 1, 3),
        indent=2 * size,
    )
    above = 8 * s  # between the letter's text and the table (and the QR's quiet zone)
    y += above

    # The table on the left; the QR, the validity, the clerk and the stamp on the right.
    body, pad = 9 * s, 3 * s
    row_leading = body * 1.35
    quiet = _quiet(A5_QR, qr)
    qr_x = right - A5_QR
    table_right = qr_x - quiet - 1.5 * MM
    section_w = 7 * MM
    label_w = string_width("身份证号", body)
    cell = 2.2 * MM  # inner padding of a cell
    x_label = left + section_w
    x_value = x_label + label_w + 2 * cell
    value_w = table_right - x_value - 2 * cell
    table_top = y

    def row(top: float, label: str, value: str, allowed: int, *, spanning: bool = False) -> float:
        """One label and its wrapped value; returns the row's bottom."""
        lines = wrap(value, body, value_w, min(allowed, most))
        base = top + pad + body * ASCENT
        if spanning:  # 请携带 sits centred across the section and label columns
            out.text((left + x_value) / 2, base, label, body, "center", bold=True, spacing=body / 2)
        else:
            out.label(x_label + cell, base, label, body, label_w)
        for i, line in enumerate(lines):
            out.text(x_value + cell, base + i * row_leading, line, body)
        return top + 2 * pad + text_height(body, len(lines), row_leading)

    for section, rows in _table(data):
        section_top = y
        for label, value, allowed in rows:
            y = row(y, label, value, allowed)
            out.line(x_label, y, table_right, y, 0.4)
        # The section's name reads downwards in the narrow first column.
        step = min(body * 1.3, (y - section_top - 2 * pad - text_height(body)) / max(len(section) - 1, 1))
        first = section_top + (y - section_top - text_height(body, len(section), step)) / 2
        for i, char in enumerate(section):
            out.text(left + section_w / 2, first + body * ASCENT + i * step, char, body, "center", bold=True)
        out.line(left, y, table_right, y, 0.4)
    bring_top = y
    y = row(y, "请携带", _bring(data), 3, spanning=True)
    for x in (left, x_value, table_right):
        out.line(x, table_top, x, y, 0.4)
    out.line(x_label, table_top, x_label, bring_top, 0.4)
    out.rect(left, table_top, table_right - left, y - table_top, 0.9)
    table_bottom = y

    # Captions are centred under the QR and no wider than it.
    column = A5_QR
    col_x = qr_x
    centre = qr_x + A5_QR / 2
    qr_top = table_top + max(quiet - above + 1, 0.0)
    out.qr(qr_x, qr_top, A5_QR, qr)
    cy = qr_top + A5_QR + max(quiet, 3 * MM)
    cap = 9 * s
    out.text(centre, cy + cap * ASCENT, "扫码核验", cap, "center", spacing=2 * s)
    cy += text_height(cap) + 9 * s
    out.text(centre, cy + cap * ASCENT, "有效期至", cap, "center")
    cy += text_height(cap) + 2.5 * s
    valid = 10.5 * s
    out.text(centre, cy + valid * ASCENT, cn_date(data.valid_until), valid, "center", bold=True)
    cy += text_height(valid) + 10 * s
    cy = out.para(col_x, cy, f"经办人：{data.clerk}", cap, column, cap * 1.35, "center", max_lines=min(most, 2))
    # The market's stamp goes over the foot of the column, clear of the QR.
    stamp = max(cy + 8 * s, table_bottom - pad - text_height(cap))
    cy = out.para(col_x, stamp, "（开具单位盖章）", cap, column, cap * 1.35, "center")
    return out.ops, max(table_bottom, cy)


def _a5_receipt_part(data: SlipData, qr: tuple[tuple[bool, ...], ...]) -> tuple[list[Op], float]:
    """The tear-off line and the 回执 the employer fills in and returns, drawn from y = 0 down.

    Returns the operations and the height, so the caller can set the block on the page's foot.
    """
    out = _Ops()
    left, right = A5_SIDE, A5_W - A5_SIDE
    body = 9.5
    leading = body * 1.5
    row = 17.5
    quiet = _quiet(A5_RECEIPT_QR, qr)
    beside_qr = right - A5_RECEIPT_QR - quiet - 2

    cut = 7.5
    gap = string_width("沿此线剪下", cut) / 2 + 3 * MM
    out.line(6 * MM, 0, A5_W / 2 - gap, 0, 0.6, (3, 2))
    out.line(A5_W / 2 + gap, 0, A5_W - 6 * MM, 0, 0.6, (3, 2))
    out.text(A5_W / 2, cut * 0.35, "沿此线剪下", cut, "center")

    # The title, with the referral code on its line at the right.
    title, note, small = 14.0, 7.5, 8.5
    y = 5 * MM
    base = y + title * ASCENT
    out.text(A5_W / 2, base, "回执", title, "center", bold=True, spacing=14)
    out.text(right, base, data.code, small, "right", bold=True)
    out.text(right - string_width(data.code, small), base, "编号：", small, "right")
    y += text_height(title) + 3
    out.text(A5_W / 2, y + note * ASCENT, "（由用人单位填写，交回零工市场或由求职者带回）", note, "center")
    y += text_height(note) + 5

    out.qr(right - A5_RECEIPT_QR, y, A5_RECEIPT_QR, qr)
    qr_bottom = y + A5_RECEIPT_QR + quiet
    y = out.para(left, y, f"{data.market_name}：", body, beside_qr - left, leading, max_lines=2) + (leading - body)
    intro = f"贵市场推荐的求职者{data.seeker_name}应聘“{data.job_title}”岗位，结果如下："
    y = out.para(left, y, intro, body, beside_qr - left, leading, max_lines=3, indent=2 * body) + 6

    # □已录用 上岗日期____ 工资____ / □未录用 原因____ / □未到岗
    box = body * 0.95
    x0 = left + 3 * MM
    for i, choice in enumerate(("已录用", "未录用", "未到岗")):
        base = y + i * row + body * ASCENT
        limit = beside_qr if base - body * ASCENT < qr_bottom else right
        out.rect(x0, base - box * 0.86, box, box, 0.7)
        x = x0 + box + 2 * MM
        out.text(x, base, choice, body)
        x += string_width(choice, body) + 6 * MM
        if choice == "已录用":
            out.text(x, base, "上岗日期", body)
            x = out.blank(x + string_width("上岗日期", body) + 1, base, 26 * MM) + 5 * MM
            out.text(x, base, "工资", body)
            x += string_width("工资", body) + 1
            out.blank(x, base, limit - x)
        elif choice == "未录用":
            out.text(x, base, "原因", body)
            x += string_width("原因", body) + 1
            out.blank(x, base, limit - x)
    # Signature rows, with room above for the employer's stamp.
    base = y + 3 * row + 3 + body * ASCENT
    label = "用人单位（盖章）"
    out.text(left, base, label, body)
    out.blank(left + string_width(label, body) + 1, base, right - left - string_width(label, body) - 1)
    base += row + 2
    out.text(left, base, "经办人", body)
    out.blank(left + string_width("经办人", body) + 1, base, 34 * MM)
    # 日期____年__月__日, set from the right edge leftwards.
    x = right
    for unit, length in (("日", 7 * MM), ("月", 7 * MM), ("年", 13 * MM)):
        x -= string_width(unit, body)
        out.text(x, base, unit, body)
        x -= length + 1
        out.blank(x, base, length)
    out.text(x - 1, base, "日期", body, "right")
    return out.ops, base + body * DESCENT + 2.5


def _shift(op: Op, dy: float) -> Op:
    if isinstance(op, Line):
        return replace(op, y1=op.y1 + dy, y2=op.y2 + dy)
    return replace(op, y=op.y + dy)


def _a5(data: SlipData) -> list[Op]:
    qr = qr_modules(data.qr_text)
    receipt, height = _a5_receipt_part(data, qr)
    tear = A5_H - A5_BOTTOM - height
    # Long text first takes type down to 80 %, then one line per field at the largest type that
    # fits. At one line per field the letter's height no longer depends on the data, and at 75 %
    # it fits above the tallest 回执, whatever the slip says.
    tiers = ((1.0, 3), (0.95, 3), (0.9, 3), (0.9, 2), (0.85, 2), (0.8, 2), (1.0, 1), (0.9, 1), (0.8, 1), (0.75, 1))
    for scale, most in tiers:
        letter, bottom = _a5_letter(data, qr, scale, most)
        if bottom <= tear - 5 * MM:
            break
    return letter + [_shift(op, tear) for op in receipt]


# ---------------------------------------------------------------------------------------------
# 80 mm receipt roll: 72 mm printable, as long as the content; no 回执.

ROLL_W = 80 * MM
ROLL_MARGIN = 4 * MM  # (80 - 72) / 2
ROLL_QR = 36 * MM


def _roll(data: SlipData) -> tuple[list[Op], float]:
    out = _Ops()
    left, right = ROLL_MARGIN, ROLL_W - ROLL_MARGIN
    width = right - left
    body = 8.5
    leading = body * 1.4
    y = out.para(left, 4 * MM, data.market_name, 9, width, 12.5, "center", max_lines=3) + 4
    title = 15.0
    out.text(ROLL_W / 2, y + title * ASCENT, "推荐介绍信", title, "center", bold=True, spacing=4)
    y += text_height(title) + 5
    y = out.para(left, y, f"编号：{data.code}", 9, width, leading, "center", bold=True) + 3
    y = out.para(left, y, f"开具日期：{cn_date(data.issued_on)}", body, width, leading, "center") + 3
    y = out.para(left, y, f"有效期至：{cn_date(data.valid_until)}", 9.5, width, leading, "center", bold=True)
    label_w = string_width("身份证号", body)
    colon = string_width("：", body)

    def rule(y: float) -> float:
        out.line(left, y + 5, right, y + 5, 0.5, (2, 1.5))
        return y + 11

    def rows(y: float, items: Sequence[tuple[str, str, int]]) -> float:
        for label, value, most in items:
            out.label(left, y + body * ASCENT, label, body, label_w)
            out.text(left + label_w, y + body * ASCENT, "：", body)
            y = out.para(left + label_w + colon, y, value, body, width - label_w - colon, leading, max_lines=most) + 3.5
        return y

    y = rule(y + 2)
    for name, items in _table(data):
        y = out.para(left, y, f"【{name}】", 9.5, width, leading, bold=True) + 4
        y = rule(rows(y, items))
    y = rows(y, [("请携带", _bring(data), 3), ("经办人", data.clerk, 1)])

    qr = qr_modules(data.qr_text)
    quiet = _quiet(ROLL_QR, qr)
    y += quiet
    out.qr(ROLL_W / 2 - ROLL_QR / 2, y, ROLL_QR, qr)
    y += ROLL_QR + quiet + 1
    y = out.para(left, y, "扫码核验", body, width, leading, "center")
    return out.ops, y + 10 * MM  # room for the cutter


def build_slip(data: SlipData, layout: str) -> SlipPage:
    """Lay out `data` as the A5 letter with its 回执, or as the 80 mm receipt-roll slip."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown slip layout {layout!r}; expected one of {LAYOUTS}")
    if layout == "a5":
        ops, width, height = _a5(data), A5_W, A5_H
    else:
        ops, height = _roll(data)
        width = ROLL_W
    return SlipPage(layout, width, height, f"推荐介绍信 {data.code}", tuple(ops))
