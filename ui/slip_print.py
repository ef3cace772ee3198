"""Referral slips at the counter: the slip painted with QPainter, print preview, printing, saving as PDF.

The page comes from app.slips.layout, the same drawing operations the PDF is made of, so the
preview, the printout and the saved PDF agree. Dialogs are opened with `open()` (they never block
the event loop), and the file chooser is one small function, `ask_pdf_path`, that tests replace.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLineF,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPageLayout, QPageSize, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.files import write_atomic
from app.slips import SlipData
from app.slips.layout import (
    BOLD_STROKE,
    Line,
    QrCode,
    Rect,
    SlipPage,
    Text,
    build_slip,
    qr_runs,
    text_left,
    text_pieces,
)
from app.slips.pdf import render_pdf
from ui.setup import load_bundled_font

log = logging.getLogger("linggong.ui.slips")

# Text is drawn at this pixel size and scaled to its point size: QFont's pixel sizes are whole
# numbers, a slip's type sizes are not.
_FONT_PX = 100
_BLACK = QColor(Qt.GlobalColor.black)


@cache
def _font_family() -> str:
    return load_bundled_font()


@cache
def _font() -> QFont:
    font = QFont(_font_family())
    font.setPixelSize(_FONT_PX)
    # Unhinted and unkerned, so advances match the reportlab metrics the layout measured with.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)
    return font


def paint_slip(painter: QPainter, page: SlipPage, target: QRectF) -> None:
    """Paint `page` into `target` (device coordinates), scaled to fit, centred across, from the top.

    Painting is batched (lines of one style in one call, a QR in one call, a transform per text
    rather than save/translate/scale/restore): a slip is repainted on every preview zoom, and
    PySide6 6.12.0 on CPython 3.11 drops a reference to None on each call of a void method.
    """
    scale = min(target.width() / page.width, target.height() / page.height)
    painter.save()
    base = QTransform(painter.worldTransform())
    base.translate(target.x() + (target.width() - page.width * scale) / 2, target.y())
    base.scale(scale, scale)
    painter.setWorldTransform(base)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing, True)

    lines: dict[tuple[float, tuple[float, ...]], list[QLineF]] = defaultdict(list)
    for op in page.ops:
        if isinstance(op, Line):
            lines[op.width, op.dash].append(QLineF(op.x1, op.y1, op.x2, op.y2))
    for (width, dash), batch in lines.items():
        pen = QPen(_BLACK, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dash:
            pen.setDashPattern([d / width for d in dash])  # Qt counts dashes in pen widths
        painter.setPen(pen)
        painter.drawLines(batch)

    for op in page.ops:
        if isinstance(op, Rect):
            painter.setPen(QPen(_BLACK, op.width) if op.width > 0 else Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(_BLACK) if op.fill else Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(op.x, op.y, op.w, op.h))

    painter.setPen(_BLACK)
    painter.setBrush(QBrush(_BLACK))
    painter.setFont(_font())
    for op in page.ops:
        if not isinstance(op, Text):
            continue
        # Each text is drawn at _FONT_PX pixels in a transform that scales it to its size. Spaced
        # text goes character by character at the layout's positions: QFont's letter spacing is
        # not scaled by the transform on every paint engine (the PDF printer's is not).
        k = op.size / _FONT_PX
        painter.setWorldTransform(QTransform(k, 0, 0, k, text_left(op), op.y) * base)
        pieces = [(x / k, piece) for x, piece in text_pieces(op)]
        if op.bold:
            path = QPainterPath()
            for x, piece in pieces:
                path.addText(QPointF(x, 0), _font(), piece)
            painter.strokePath(path, QPen(_BLACK, BOLD_STROKE * _FONT_PX))
            painter.fillPath(path, _BLACK)
        else:
            for x, piece in pieces:
                painter.drawText(QPointF(x, 0), piece)

    painter.setWorldTransform(base)
    painter.setPen(Qt.PenStyle.NoPen)
    # Crisp module edges: anti-aliasing would leave faint seams where runs meet.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for op in page.ops:
        if isinstance(op, QrCode):
            painter.drawRects([QRectF(*run) for run in qr_runs(op)])
    painter.restore()


# ---------------------------------------------------------------------------------------------
# Printers


def page_size(page: SlipPage) -> QPageSize:
    """A5 for the letter; a custom size 80 mm wide and as long as the slip for the receipt roll."""
    if page.layout == "a5":
        return QPageSize(QPageSize.PageSizeId.A5)
    return QPageSize(
        QSizeF(page.width, page.height),
        QPageSize.Unit.Point,
        QCoreApplication.translate("SlipPrint", "80 毫米小票"),
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


def setup_printer(printer: QPrinter, page: SlipPage) -> None:
    """The slip's paper size, no margins of Qt's own (the layout has its margins), the slip's name."""
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(page_size(page), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    )
    printer.setDocName(page.title)
    printer.setCreator("Linggong")


def print_page(printer: QPrinter, page: SlipPage) -> bool:
    """Paint the slip on `printer`; False when the printer could not be opened or reported an error.

    The slip is printed at its real size when the paper allows, else shrunk to the paper.
    """
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        # At most real size (points to printer dots); centred on wider paper, shrunk on smaller.
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        height = min(page.height * printer.resolution() / 72, paper.height())
        paint_slip(painter, page, QRectF(0, 0, paper.width(), height))
    finally:
        ended = painter.end()
    return ended and printer.printerState() != QPrinter.PrinterState.Error


def available_printers() -> list[QPrinterInfo]:
    return QPrinterInfo.availablePrinters()


class _SlipJob(QObject):
    """A slip on its way to a printer: the page and a high-resolution printer set up for it.

    Qt's print dialogs only point at the printer they are given, so the job is made a child of
    its dialog: Python then keeps the printer exactly as long as Qt keeps the dialog.
    """

    def __init__(self, page: SlipPage) -> None:
        super().__init__()
        self.page = page
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(self.printer, page)

    def paint(self, printer: QPrinter) -> None:
        if not print_page(printer, self.page):
            log.warning("slip preview could not be painted")


def preview(parent: QWidget | None, page: SlipPage) -> QPrintPreviewDialog:
    """Open (not exec) a print preview of the slip; its print button prints the same painting.

    The dialog deletes itself when closed; give the window as `parent` so it stays up meanwhile.
    """
    job = _SlipJob(page)
    dialog = QPrintPreviewDialog(job.printer, parent)
    job.setParent(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("SlipPrint", "打印预览 — {title}").format(title=page.title))
    dialog.paintRequested.connect(job.paint)
    dialog.open()
    return dialog


def print_with_dialog(parent: QWidget | None, page: SlipPage) -> QPrintDialog | None:
    """Ask which printer, then print. Without any printer, offer to save the slip as PDF instead.

    Returns the open (not exec'd) dialog, or None when there is no printer.
    """
    if not available_printers():
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("SlipPrint", "没有打印机"),
            QCoreApplication.translate(
                "SlipPrint",
                "这台电脑没有安装打印机，推荐介绍信无法打印。\n要把它另存为 PDF 文件吗？可以拷到有打印机的电脑上打印。",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            save_page_pdf(parent, page)
        return None
    job = _SlipJob(page)
    dialog = QPrintDialog(job.printer, parent)
    job.setParent(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("SlipPrint", "打印推荐介绍信"))
    # QPrintDialog's accepted(QPrinter*) carries the printer the chosen settings were applied to.
    dialog.accepted.connect(lambda chosen: print_and_report(parent, chosen, page))
    QDialog.open(dialog)  # QPrintDialog's own open() overload wants a receiver
    return dialog


def print_and_report(parent: QWidget | None, printer: QPrinter, page: SlipPage) -> bool:
    """Print; if the printer fails, say so — the referral is recorded and stays valid either way."""
    if print_page(printer, page):
        return True
    log.warning("slip not printed (printer state %s)", printer.printerState().name)
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("SlipPrint", "未能打印"),
        QCoreApplication.translate(
            "SlipPrint",
            "推荐介绍信没有打印出来：打印机无法使用或报告了错误。\n"
            "推荐记录已保存，仍然有效。请检查打印机后重新打印，或另存为 PDF。",
        ),
    )
    return False


# ---------------------------------------------------------------------------------------------
# Saving as PDF


def ask_pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The file chooser (blocking, so tests replace this function); None when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SlipPrint", "另存为 PDF"),
        str(Path(folder) / suggested),
        QCoreApplication.translate("SlipPrint", "PDF 文件 (*.pdf)"),
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")


def save_page_pdf(parent: QWidget | None, page: SlipPage) -> Path | None:
    """Ask where, then write the slip's PDF whole. A write failure raises OutputFileError."""
    path = ask_pdf_path(parent, f"{page.title.replace(' ', '-')}.pdf")
    if path is None:
        return None
    write_atomic(path, render_pdf(page))
    return path


def save_pdf(parent: QWidget | None, data: SlipData, layout: str) -> Path | None:
    return save_page_pdf(parent, build_slip(data, layout))
