"""The counter's print path: the slip painted by Qt, preview, print, no printer, save as PDF."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import OutputFileError
from app.slips.layout import SlipPage, build_slip
from app.slips.qr import SlipKey
from tests.app.test_slips import run, sample_slip, scan_pdf, scan_png, signed_payload
from tests.ui.conftest import Dialogs
from ui import slip_print


@pytest.fixture
def payload(tmp_path: Path) -> str:
    return signed_payload(SlipKey.open(tmp_path / "keys"))


@pytest.fixture
def page(payload: str) -> SlipPage:
    return build_slip(sample_slip(payload), "a5")


def pdf_printer(page: SlipPage, path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    slip_print.setup_printer(printer, page)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("layout", ["a5", "receipt"])
def test_painted_slip_shows_text_and_a_scannable_qr(
    qapp: QApplication, layout: str, payload: str, tmp_path: Path
) -> None:
    page = build_slip(sample_slip(payload), layout)
    image = QImage(int(page.width * 200 / 72), int(page.height * 200 / 72), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    slip_print.paint_slip(painter, page, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    row = gray.width() // 2  # a column through the title, the table and the QR
    dark = sum(1 for y in range(gray.height()) if gray.pixelColor(row, y).lightness() < 128)
    assert dark > gray.height() // 20  # ink, not a blank page
    png = tmp_path / f"{layout}.png"
    assert image.save(str(png))
    assert scan_png(png) == [payload] * (2 if layout == "a5" else 1)


@pytest.mark.parametrize(("layout", "size"), [("a5", "420 x 595 pts (A5)"), ("receipt", "227 x ")])
def test_printing_paints_the_real_size_page(
    qapp: QApplication, layout: str, size: str, payload: str, tmp_path: Path
) -> None:
    page = build_slip(sample_slip(payload), layout)
    out = tmp_path / f"printed-{layout}.pdf"
    assert slip_print.print_page(pdf_printer(page, out), page)
    assert size in run("pdfinfo", str(out))
    assert scan_pdf(out) == [payload] * (2 if layout == "a5" else 1)
    assert "张三丰" in run("pdftotext", str(out), "-")


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_failed_print_says_the_referral_stays_valid(
    qapp: QApplication, page: SlipPage, dialogs: Dialogs, tmp_path: Path
) -> None:
    printer = pdf_printer(page, tmp_path / "no-such-folder" / "slip.pdf")
    assert not slip_print.print_and_report(None, printer, page)
    (shown,) = dialogs.shown
    assert shown[0] == "warning" and "没有打印出来" in shown[2] and "仍然有效" in shown[2]


def test_no_printer_offers_pdf_instead(
    qapp: QApplication, page: SlipPage, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(list))
    target = tmp_path / "out" / "slip.pdf"
    asked: list[str] = []

    def ask(parent: Any, suggested: str) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(slip_print, "ask_pdf_path", ask)

    dialogs.answer = QMessageBox.StandardButton.No
    assert slip_print.print_with_dialog(None, page) is None
    assert "没有安装打印机" in dialogs.texts() and not target.exists() and not asked

    dialogs.answer = QMessageBox.StandardButton.Yes
    assert slip_print.print_with_dialog(None, page) is None
    assert asked == ["推荐介绍信-GY01-20261124-0042.pdf"]
    assert target.read_bytes().startswith(b"%PDF")
    assert [(kind, title) for kind, title, _ in dialogs.shown] == [("question", "没有打印机")] * 2


def test_print_dialog_opens_without_blocking_then_prints(
    qapp: QApplication, qtbot: Any, page: SlipPage, monkeypatch: pytest.MonkeyPatch, payload: str, tmp_path: Path
) -> None:
    monkeypatch.setattr(slip_print, "available_printers", lambda: [QPrinterInfo()])
    dialog = slip_print.print_with_dialog(None, page)
    assert dialog is not None and dialog.isVisible()
    gc.collect()  # the printer the dialog points at must outlive Python's references to it
    printer = dialog.printer()
    assert printer.resolution() >= 300
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.A5
    out = tmp_path / "chosen.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog.accepted.emit(printer)  # what OK does, without the platform dialog's own checks
    dialog.close()
    assert scan_pdf(out) == [payload, payload]


def test_preview_paints_the_slip(qapp: QApplication, qtbot: Any, payload: str) -> None:
    page = build_slip(sample_slip(payload), "receipt")
    dialog = slip_print.preview(None, page)
    assert isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible()
    gc.collect()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 1)
    size = dialog.printer().pageLayout().pageSize().size(dialog.printer().pageLayout().pageSize().Unit.Millimeter)
    assert round(size.width()) == 80 and size.height() > 150
    dialog.close()


def test_save_pdf(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, payload: str, tmp_path: Path) -> None:
    data = sample_slip(payload)
    monkeypatch.setattr(slip_print, "ask_pdf_path", lambda parent, suggested: None)
    assert slip_print.save_pdf(None, data, "a5") is None  # cancelled

    target = tmp_path / "slip.pdf"
    monkeypatch.setattr(slip_print, "ask_pdf_path", lambda parent, suggested: target)
    assert slip_print.save_pdf(None, data, "receipt") == target
    assert scan_pdf(target) == [payload]

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(slip_print, "ask_pdf_path", lambda parent, suggested: blocked / "slip.pdf")
    with pytest.raises(OutputFileError):
        slip_print.save_pdf(None, data, "a5")


def test_chosen_file_gets_the_pdf_suffix(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    answers = iter([(str(tmp_path / "slip"), ""), (str(tmp_path / "slip.PDF"), ""), ("", "")])
    monkeypatch.setattr(slip_print.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: next(answers)))
    assert slip_print.ask_pdf_path(None, "x.pdf") == tmp_path / "slip.pdf"
    assert slip_print.ask_pdf_path(None, "x.pdf") == tmp_path / "slip.PDF"
    assert slip_print.ask_pdf_path(None, "x.pdf") is None
