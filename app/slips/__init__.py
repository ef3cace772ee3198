"""Referral slips (推荐介绍信): what a slip says, its layout, the PDF, and the signed QR payload.

The referral service fills a `SlipData`; `app.slips.layout` places it on a page as drawing
operations; `app.slips.pdf` turns those into a PDF with the bundled font embedded, and the
counter's print path (ui/slip_print.py) paints the very same operations with QPainter.
Slips are always in Chinese: they are a document for the employer, whatever the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LAYOUTS = ("a5", "receipt")


@dataclass(frozen=True)
class SlipData:
    market_name: str  # 贵州省贵阳市观山湖区零工市场
    code: str  # referral code, GY01-20261124-0042
    issued_on: date
    valid_until: date  # last day the slip is valid
    seeker_name: str
    seeker_id_masked: str  # 520102************
    seeker_phone_masked: str  # 138****5678
    job_title: str
    job_type: str  # label, 餐厅服务员
    pay: str  # ¥180/天
    settlement: str  # 日结
    work_place: str
    work_dates: str  # 2026-11-26 至 2026-11-30
    work_hours: str  # 08:00-17:00，每天8小时
    employer_name: str
    employer_address: str
    employer_contact: str  # 李经理 0851-86811234
    bring: tuple[str, ...]  # 本人身份证, 本介绍信, 健康证 …
    clerk: str
    qr_text: str  # LG1:CODE:SIG or https://server/r/CODE.SIG
