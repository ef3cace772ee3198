"""Drawing the hall board: one routine for the screen, the `--snapshot` PNG and the tests.

Sizes are in units `u` of a 1920×1080 screen read from 3 m (u = 1 there, 2 at 3840×2160): body text
is 28–32u, about 2 cm tall on a 55-inch television, the day's numbers 96u. Light text on a dark
navy ground: high contrast, and no glare across a bright hall.

Every string drawn goes through `_text`, which keeps a record of the frame's text (`drawn`), so
tests can prove that nothing personal reaches the screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPainterPath, QPen

from app import clock as wallclock
from app.services.board import BoardPosting, BoardSnapshot
from app.slips.layout import QrCode, qr_modules, qr_runs

BASE_W, BASE_H = 1920, 1080
# Qt draws synthetic bold up to about this size and plain glyphs above it.
SYNTHETIC_BOLD_MAX_PX = 56

BG = QColor("#0a1930")
HEADER_TOP = QColor("#14386e")
HEADER_BOTTOM = QColor("#0d2650")
CARD = QColor("#11284b")
CARD_EDGE = QColor("#24467a")
ROW_ALT = QColor("#0f2445")
COLUMN_HEAD = QColor("#1a3a6a")
TEXT = QColor("#ffffff")
MUTED = QColor("#b9c8e2")
PAY = QColor("#ffc83d")
NEW = QColor("#e5484d")
CHIP = QColor("#4fd1c5")
NOTICE = QColor("#ffb020")
TICKER = QColor("#0e2f27")
TICKER_LABEL = QColor("#1f9d55")
ACCENTS = (QColor("#ffc83d"), QColor("#4cc9ff"), QColor("#5ee38f"))


@dataclass
class BoardFrame:
    """What one paint shows: the data, the page, the time, any notice, where the ticker is."""

    snapshot: BoardSnapshot | None
    title: str = ""  # until the first read brings the snapshot's
    page: int = 0
    now: datetime | None = None
    notice: str = ""
    ticker_offset: float = 0.0


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    share: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


def columns() -> tuple[Column, ...]:
    right = Qt.AlignmentFlag.AlignRight
    return (
        Column("title", QCoreApplication.translate("Board", "岗位"), 0.26),
        Column("job_type", QCoreApplication.translate("Board", "工种"), 0.13),
        Column("pay", QCoreApplication.translate("Board", "薪酬"), 0.12, right),
        Column("places", QCoreApplication.translate("Board", "招聘"), 0.07, right),
        Column("district", QCoreApplication.translate("Board", "工作地点"), 0.12),
        Column("employer", QCoreApplication.translate("Board", "用人单位"), 0.15),
        Column("settlement", QCoreApplication.translate("Board", "结算"), 0.07),
        Column("posted", QCoreApplication.translate("Board", "发布"), 0.08, right),
    )


class BoardLayout:
    """Where everything goes on a screen of `width`×`height` pixels."""

    def __init__(self, width: float, height: float, *, with_qr: bool) -> None:
        self.width, self.height = width, height
        u = self.u = min(width / BASE_W, height / BASE_H)
        m = self.margin = 40 * u
        self.header = QRectF(0, 0, width, 124 * u)
        self.clock = QRectF(width - m - 420 * u, 10 * u, 420 * u, 72 * u)
        self.date = QRectF(width - m - 520 * u, 82 * u, 520 * u, 32 * u)
        self.title = QRectF(m, 0, self.date.left() - 2 * m, self.header.height())
        stats_top = self.header.bottom() + 22 * u
        stats_h = 176 * u
        right = width - m
        self.qr_box = QRectF(right - 380 * u, stats_top, 380 * u, stats_h) if with_qr else None
        if self.qr_box is not None:
            right = self.qr_box.left() - 22 * u
        gap = 22 * u
        card_w = (right - m - 2 * gap) / 3
        self.cards = [QRectF(m + i * (card_w + gap), stats_top, card_w, stats_h) for i in range(3)]
        self.section = QRectF(m, stats_top + stats_h + 22 * u, width - 2 * m, 44 * u)
        self.column_head = QRectF(m, self.section.bottom() + 6 * u, width - 2 * m, 48 * u)
        self.row_h = 66 * u
        self.ticker = QRectF(0, height - 80 * u, width, 80 * u)
        self.ticker_label = QRectF(0, self.ticker.top(), 230 * u, self.ticker.height())
        self.ticker_text = QRectF(
            self.ticker_label.right() + 24 * u,
            self.ticker.top(),
            width - self.ticker_label.right() - 48 * u,
            self.ticker.height(),
        )
        rows_top = self.column_head.bottom()
        self.rows_per_page = max(1, int((self.ticker.top() - 10 * u - rows_top) / self.row_h))
        self.table = QRectF(m, rows_top, width - 2 * m, self.rows_per_page * self.row_h)

    def column_rects(self, top: float, height: float) -> list[tuple[Column, QRectF]]:
        pad = 14 * self.u
        x = self.table.left()
        out = []
        for col in columns():
            w = self.table.width() * col.share
            out.append((col, QRectF(x + pad, top, w - 2 * pad, height)))
            x += w
        return out


def page_count(snapshot: BoardSnapshot | None, rows_per_page: int) -> int:
    if snapshot is None or not snapshot.postings:
        return 1
    return math.ceil(len(snapshot.postings) / rows_per_page)


def ticker_items(snapshot: BoardSnapshot | None) -> list[str]:
    if snapshot is None:
        return []
    return [
        QCoreApplication.translate("Board", "恭喜 {name} 入职 {employer} · {job}").format(
            name=p.name, employer=p.employer, job=p.job
        )
        for p in snapshot.placements
    ]


class BoardPainter:
    """Paints frames; keeps the fonts it made and the text of the last full frame."""

    def __init__(self, family: str) -> None:
        self.family = family
        self._fonts: dict[tuple[int, bool], QFont] = {}
        self._unit = 0.0
        self.drawn: list[str] = []
        self.ticker_drawn: list[str] = []
        self.ticker_cycle = 0.0  # width of one cycle of the ticker's text as last drawn (0: static)
        self._qr: tuple[str, list[tuple[float, float, float, float]], int] | None = None

    def font(self, px: float, *, bold: bool = False) -> QFont:
        key = (max(1, round(px)), bold)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.family)
            font.setPixelSize(key[0])
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = font
        return font

    def _text(
        self,
        p: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        color: QColor,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        *,
        record: list[str] | None = None,
    ) -> float:
        """Draw one line, elided to the rect; returns the width drawn."""
        (self.drawn if record is None else record).append(text)
        metrics = QFontMetricsF(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        width = metrics.horizontalAdvance(shown)
        if font.bold() and font.pixelSize() > SYNTHETIC_BOLD_MAX_PX:
            self._bold_path(p, rect, shown, font, color, align, metrics, width)
            return width
        p.setFont(font)
        p.setPen(color)
        p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        return width

    @staticmethod
    def _bold_path(
        p: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        color: QColor,
        align: Qt.AlignmentFlag,
        metrics: QFontMetricsF,
        width: float,
    ) -> None:
        """Large bold text as an outlined path. The bundled font has no bold face and Qt's synthetic
        bold stops at large sizes, where the day's numbers and a 4K title are drawn."""
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - width
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.center().x() - width / 2
        else:
            x = rect.left()
        baseline = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
        plain = QFont(font)
        plain.setBold(False)
        path = QPainterPath()
        path.addText(QPointF(x, baseline), plain, text)
        p.save()
        p.setPen(
            QPen(
                color, font.pixelSize() / 28, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
        )
        p.setBrush(color)
        p.drawPath(path)
        p.restore()

    # ---- the whole frame -------------------------------------------------------------------

    def paint(self, p: QPainter, width: float, height: float, frame: BoardFrame) -> BoardLayout:
        snap = frame.snapshot
        layout = BoardLayout(width, height, with_qr=bool(snap and snap.qr_url))
        if layout.u != self._unit:  # a new screen size: the fonts of the old one are not needed again
            self._fonts.clear()
            self._unit = layout.u
        self.drawn = []
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(QRectF(0, 0, width, height), BG)
        self._header(p, layout, frame)
        if snap is None:
            u, table = layout.u, layout.table
            waiting = QCoreApplication.translate("Board", "正在读取数据…")
            self._text(
                p,
                QRectF(table.left(), table.top(), table.width(), 60 * u),
                waiting,
                self.font(40 * u),
                MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )
            if frame.notice:
                self._text(
                    p,
                    QRectF(table.left(), table.top() + 70 * u, table.width(), 44 * u),
                    frame.notice,
                    self.font(28 * u),
                    NOTICE,
                    Qt.AlignmentFlag.AlignHCenter,
                )
        else:
            self._cards(p, layout, snap)
            if layout.qr_box is not None:
                self._qr_box(p, layout, snap.qr_url)
            self._postings(p, layout, frame, snap)
        self.paint_ticker(p, layout, frame)
        return layout

    def _header(self, p: QPainter, lay: BoardLayout, frame: BoardFrame) -> None:
        u = lay.u
        grad = QLinearGradient(0, 0, 0, lay.header.height())
        grad.setColorAt(0, HEADER_TOP)
        grad.setColorAt(1, HEADER_BOTTOM)
        p.fillRect(lay.header, grad)
        title = frame.snapshot.title if frame.snapshot else frame.title
        self._text(p, lay.title, title, self.font(54 * u, bold=True), TEXT)
        now = frame.now or wallclock.local_now()
        align = Qt.AlignmentFlag.AlignRight
        self._text(p, lay.clock, f"{now:%H:%M}", self.font(66 * u, bold=True), TEXT, align)
        day = QLocale().toString(
            QDate(now.year, now.month, now.day), QCoreApplication.translate("Board", "yyyy年M月d日 dddd")
        )
        self._text(p, lay.date, day, self.font(27 * u), MUTED, align)

    def _cards(self, p: QPainter, lay: BoardLayout, snap: BoardSnapshot) -> None:
        u = lay.u
        labels = (
            (
                QCoreApplication.translate("Board", "今日提供岗位"),
                QCoreApplication.translate("Board", "个"),
                snap.today.offered,
                snap.month.offered,
                snap.total.offered,
            ),
            (
                QCoreApplication.translate("Board", "今日登记求职"),
                QCoreApplication.translate("Board", "人"),
                snap.today.registered,
                snap.month.registered,
                snap.total.registered,
            ),
            (
                QCoreApplication.translate("Board", "今日成功就业"),
                QCoreApplication.translate("Board", "人"),
                snap.today.placed,
                snap.month.placed,
                snap.total.placed,
            ),
        )
        for rect, accent, (label, unit, today, month, total) in zip(lay.cards, ACCENTS, labels, strict=True):
            self._card_ground(p, rect, u)
            p.fillRect(QRectF(rect.left(), rect.top(), 8 * u, rect.height()), accent)
            inner = rect.adjusted(32 * u, 16 * u, -28 * u, -16 * u)
            self._text(p, QRectF(inner.left(), inner.top(), inner.width(), 40 * u), label, self.font(30 * u), MUTED)
            # This month and in all, stacked on the right, level with the day's number.
            side_w = min(250 * u, inner.width() * 0.45)
            side = QRectF(inner.right() - side_w, inner.top() + 52 * u, side_w, inner.bottom() - inner.top() - 52 * u)
            for row, (name, value) in enumerate(
                (
                    (QCoreApplication.translate("Board", "本月"), month),
                    (QCoreApplication.translate("Board", "累计"), total),
                )
            ):
                line = QRectF(side.left(), side.top() + row * side.height() / 2, side.width(), side.height() / 2)
                self._text(p, line, name, self.font(26 * u), MUTED)
                self._text(
                    p,
                    line.adjusted(60 * u, 0, 0, 0),
                    f"{value:,}",
                    self.font(34 * u, bold=True),
                    TEXT,
                    Qt.AlignmentFlag.AlignRight,
                )
            number_rect = QRectF(inner.left(), inner.top() + 44 * u, side.left() - inner.left() - 60 * u, 96 * u)
            w = self._text(p, number_rect, f"{today:,}", self.font(92 * u, bold=True), accent)
            unit_left = number_rect.left() + w + 10 * u
            unit_rect = QRectF(unit_left, number_rect.top() + 36 * u, side.left() - unit_left - 8 * u, 56 * u)
            self._text(p, unit_rect, unit, self.font(30 * u), MUTED)

    @staticmethod
    def _card_ground(p: QPainter, rect: QRectF, u: float) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, 10 * u, 10 * u)
        p.fillPath(path, CARD)
        p.setPen(QPen(CARD_EDGE, max(1.0, 2 * u)))
        p.drawPath(path)

    def _qr_box(self, p: QPainter, lay: BoardLayout, url: str) -> None:
        assert lay.qr_box is not None
        u, box = lay.u, lay.qr_box
        self._card_ground(p, box, u)
        side = box.height() - 24 * u
        # The code sits on white with a quiet zone of about four modules, as scanners expect.
        white = QRectF(box.right() - 12 * u - side, box.top() + 12 * u, side, side)
        path = QPainterPath()
        path.addRoundedRect(white, 6 * u, 6 * u)
        p.fillPath(path, QColor("white"))
        if self._qr is None or self._qr[0] != url:
            modules = qr_modules(url)
            self._qr = (url, qr_runs(QrCode(0, 0, 1, modules)), len(modules))
        _, runs, n = self._qr
        module = side / (n + 8)
        x0, y0 = white.left() + 4 * module, white.top() + 4 * module
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("black"))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.drawRects(
            [QRectF(x0 + x * n * module, y0 + y * n * module, w * n * module, h * n * module) for x, y, w, h in runs]
        )
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_w = white.left() - box.left() - 36 * u
        left = box.left() + 24 * u
        self._text(
            p,
            QRectF(left, box.top() + 38 * u, text_w, 44 * u),
            QCoreApplication.translate("Board", "手机扫码"),
            self.font(32 * u, bold=True),
            TEXT,
        )
        self._text(
            p,
            QRectF(left, box.top() + 86 * u, text_w, 40 * u),
            QCoreApplication.translate("Board", "查看全部岗位"),
            self.font(26 * u),
            MUTED,
        )

    def _postings(self, p: QPainter, lay: BoardLayout, frame: BoardFrame, snap: BoardSnapshot) -> None:
        u = lay.u
        sec = lay.section
        w = self._text(
            p,
            QRectF(sec.left(), sec.top(), 300 * u, sec.height()),
            QCoreApplication.translate("Board", "在招岗位"),
            self.font(36 * u, bold=True),
            TEXT,
        )
        summary = QCoreApplication.translate("Board", "共{n}个岗位，尚缺{places}人").format(
            n=f"{snap.open_postings:,}", places=f"{snap.open_places:,}"
        )
        if snap.open_postings > len(snap.postings):
            summary += QCoreApplication.translate("Board", "（轮播最新{k}个）").format(k=len(snap.postings))
        pages = page_count(snap, lay.rows_per_page)
        page = frame.page % pages
        indicator_left = self._page_indicator(p, lay, page, pages)
        # A fault notice takes the summary's place: it matters more, and it must not be cut short.
        line = QRectF(
            sec.left() + w + 24 * u, sec.top(), indicator_left - 24 * u - (sec.left() + w + 24 * u), sec.height()
        )
        if frame.notice:
            self._text(p, line, frame.notice, self.font(26 * u), NOTICE)
        else:
            self._text(p, line, summary, self.font(27 * u), MUTED)

        head = lay.column_head
        path = QPainterPath()
        path.addRoundedRect(head, 6 * u, 6 * u)
        p.fillPath(path, COLUMN_HEAD)
        for col, rect in lay.column_rects(head.top(), head.height()):
            self._text(p, rect, col.title, self.font(26 * u), MUTED, col.align)

        if not snap.postings:
            self._text(
                p,
                QRectF(lay.table.left(), lay.table.top() + 60 * u, lay.table.width(), 60 * u),
                QCoreApplication.translate("Board", "暂无在招岗位"),
                self.font(44 * u, bold=True),
                MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )
            self._text(
                p,
                QRectF(lay.table.left(), lay.table.top() + 130 * u, lay.table.width(), 44 * u),
                QCoreApplication.translate("Board", "用人单位可到服务台免费发布招聘信息"),
                self.font(30 * u),
                MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )
            return
        shown = snap.postings[page * lay.rows_per_page : (page + 1) * lay.rows_per_page]
        for i, posting in enumerate(shown):
            top = lay.table.top() + i * lay.row_h
            if i % 2 == 1:
                p.fillRect(QRectF(lay.table.left(), top, lay.table.width(), lay.row_h), ROW_ALT)
            self._row(p, lay, posting, top)

    def _page_indicator(self, p: QPainter, lay: BoardLayout, page: int, pages: int) -> float:
        """Dots and 第 x/y 页 at the right of the section line; returns where they begin."""
        u, sec = lay.u, lay.section
        right = sec.right()
        if 1 < pages <= 12:
            r, step = 7 * u, 24 * u
            p.setPen(Qt.PenStyle.NoPen)
            for i in range(pages):
                x = right - (pages - i - 0.5) * step
                p.setBrush(TEXT if i == page else CARD_EDGE)
                p.drawEllipse(QPointF(x, sec.center().y()), r, r)
            right -= pages * step + 16 * u
        text = QCoreApplication.translate("Board", "第 {page}/{pages} 页").format(page=page + 1, pages=pages)
        font = self.font(27 * u)
        width = QFontMetricsF(font).horizontalAdvance(text)
        self._text(
            p,
            QRectF(right - width - 4 * u, sec.top(), width + 4 * u, sec.height()),
            text,
            font,
            MUTED,
            Qt.AlignmentFlag.AlignRight,
        )
        return right - width - 4 * u

    def _row(self, p: QPainter, lay: BoardLayout, posting: BoardPosting, top: float) -> None:
        u = lay.u
        body = self.font(30 * u)
        for col, rect in lay.column_rects(top, lay.row_h):
            if col.key == "title":
                self._title_cell(p, lay, posting, rect)
            elif col.key == "pay":
                self._text(p, rect, posting.pay, self.font(32 * u, bold=True), PAY, col.align)
            elif col.key == "places":
                self._text(
                    p,
                    rect,
                    QCoreApplication.translate("Board", "{n}人").format(n=posting.places_left),
                    self.font(30 * u, bold=True),
                    TEXT,
                    col.align,
                )
            elif col.key == "posted":
                self._text(p, rect, posting.posted, self.font(26 * u), MUTED, col.align)
            else:
                self._text(p, rect, str(getattr(posting, col.key)), body, TEXT, col.align)

    def _title_cell(self, p: QPainter, lay: BoardLayout, posting: BoardPosting, rect: QRectF) -> None:
        u = lay.u
        x = rect.left()
        if posting.is_new:
            badge_font = self.font(24 * u, bold=True)
            badge_text = QCoreApplication.translate("Board", "新")
            badge_w = max(44 * u, QFontMetricsF(badge_font).horizontalAdvance(badge_text) + 16 * u)
            badge = QRectF(x, rect.center().y() - 17 * u, badge_w, 34 * u)
            path = QPainterPath()
            path.addRoundedRect(badge, 6 * u, 6 * u)
            p.fillPath(path, NEW)
            self._text(p, badge, badge_text, badge_font, TEXT, Qt.AlignmentFlag.AlignHCenter)
            x = badge.right() + 12 * u
        chip_font = self.font(21 * u)
        chips_w = sum(QFontMetricsF(chip_font).horizontalAdvance(c) + 24 * u for c in posting.benefits)
        title_font = self.font(32 * u, bold=True)
        title_w = QFontMetricsF(title_font).horizontalAdvance(posting.title)
        room = rect.right() - x
        # Benefit chips when the whole title and the chips fit; the title always comes first.
        show_chips = bool(posting.benefits) and title_w + 10 * u + chips_w <= room
        w = self._text(p, QRectF(x, rect.top(), room, rect.height()), posting.title, title_font, TEXT)
        if show_chips:
            cx = x + w + 12 * u
            for chip in posting.benefits:
                cw = QFontMetricsF(chip_font).horizontalAdvance(chip) + 16 * u
                box = QRectF(cx, rect.center().y() - 15 * u, cw, 30 * u)
                p.setPen(QPen(CHIP, max(1.0, 1.5 * u)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(box, 5 * u, 5 * u)
                self._text(p, box, chip, chip_font, CHIP, Qt.AlignmentFlag.AlignHCenter)
                cx += cw + 8 * u

    # ---- the ticker: painted alone many times a second -------------------------------------

    def paint_ticker(self, p: QPainter, lay: BoardLayout, frame: BoardFrame) -> None:
        """Draw the placements ticker; `ticker_cycle` becomes the width of one cycle of its text (0: static)."""
        u = lay.u
        self.ticker_drawn = []
        p.fillRect(lay.ticker, TICKER)
        p.fillRect(lay.ticker_label, TICKER_LABEL)
        label_font = self.font(32 * u, bold=True)
        self._text(
            p,
            lay.ticker_label,
            QCoreApplication.translate("Board", "就业喜报"),
            label_font,
            TEXT,
            Qt.AlignmentFlag.AlignHCenter,
            record=self.ticker_drawn,
        )
        items = ticker_items(frame.snapshot)
        font = self.font(30 * u)
        area = lay.ticker_text
        if not items:
            self._text(
                p,
                area,
                QCoreApplication.translate("Board", "欢迎到服务台登记求职，免费推荐就业"),
                font,
                TEXT,
                record=self.ticker_drawn,
            )
            self.ticker_cycle = 0.0
            return
        gap = "　　◆　　"
        text = gap.join(items) + gap
        self.ticker_drawn.append(text)
        cycle = QFontMetricsF(font).horizontalAdvance(text)
        p.save()
        p.setClipRect(area)
        p.setFont(font)
        p.setPen(TEXT)
        x = area.left() - (frame.ticker_offset % cycle if cycle else 0)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        while x < area.right():
            p.drawText(QRectF(x, area.top(), cycle + 10, area.height()), flags, text)
            x += cycle
        p.restore()
        self.ticker_cycle = cycle
