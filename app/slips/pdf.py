"""A laid-out slip as PDF, with the bundled font embedded as a subset so it prints right anywhere."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from app import __version__
from app.slips import SlipData
from app.slips.layout import (
    BOLD_STROKE,
    FONT_NAME,
    Line,
    QrCode,
    Rect,
    SlipPage,
    Text,
    build_slip,
    qr_runs,
    register_font,
    text_left,
)

AUTHOR = "零工市场服务台"


def render_pdf(page: SlipPage) -> bytes:
    """One page of PDF; y is flipped here, the layout's origin being the top-left corner."""
    register_font()
    buffer = io.BytesIO()
    # The initial font is ours, so no unembedded Helvetica is left in the page resources.
    pdf = Canvas(buffer, pagesize=(page.width, page.height), pageCompression=1, initialFontName=FONT_NAME)
    pdf.setTitle(page.title)
    pdf.setAuthor(AUTHOR)
    pdf.setSubject("推荐介绍信")
    pdf.setCreator(f"Linggong {__version__}")
    h = page.height
    for op in page.ops:
        if isinstance(op, Text):
            _text(pdf, op, h)
        elif isinstance(op, Line):
            pdf.setLineWidth(op.width)
            pdf.setDash(list(op.dash) if op.dash else [])
            pdf.line(op.x1, h - op.y1, op.x2, h - op.y2)
        elif isinstance(op, Rect):
            pdf.setLineWidth(op.width)
            pdf.setDash([])
            pdf.rect(op.x, h - op.y - op.h, op.w, op.h, stroke=1 if op.width > 0 else 0, fill=1 if op.fill else 0)
        elif isinstance(op, QrCode):
            _qr(pdf, op, h)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _text(pdf: Canvas, op: Text, h: float) -> None:
    # Character spacing, render mode and line width belong to the graphics state and would
    # outlive this text object: set them inside a save/restore pair.
    styled = op.bold or op.spacing
    if styled:
        pdf.saveState()
    text = pdf.beginText(text_left(op), h - op.y)
    text.setFont(FONT_NAME, op.size)
    if op.spacing:
        text.setCharSpace(op.spacing)
    if op.bold:
        pdf.setLineWidth(op.size * BOLD_STROKE)
        pdf.setDash([])
        text.setTextRenderMode(2)  # fill, then stroke the outline
    text.textOut(op.text)
    pdf.drawText(text)
    if styled:
        pdf.restoreState()


def _qr(pdf: Canvas, op: QrCode, h: float) -> None:
    """Dark modules as vector rectangles, runs merged, all in one filled path (no seams)."""
    path = pdf.beginPath()
    for x, y, w, run_h in qr_runs(op):
        path.rect(x, h - y - run_h, w, run_h)
    pdf.drawPath(path, stroke=0, fill=1)


def slip_pdf(data: SlipData, layout: str) -> bytes:
    return render_pdf(build_slip(data, layout))
