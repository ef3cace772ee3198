"""The Qt binding itself: a counter runs all day, so a leak per call becomes a crash by afternoon."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.slips import SlipData
from app.slips.layout import build_slip
from ui.slip_print import paint_slip


def test_painting_slips_all_day_does_not_wear_away_none(qapp: Any) -> None:
    """PySide6 6.12.0 on Python 3.11 released a reference to None on each call returning nothing;
    after a few thousand calls the process aborted with "deallocating None". (On 3.12+ None is
    immortal and its count does not move at all.)"""
    data = SlipData(
        market_name="贵州省贵阳市观山湖区零工市场", code="GY01-20261124-0042", issued_on=date(2026, 11, 24),
        valid_until=date(2026, 11, 26), seeker_name="张三丰", seeker_id_masked="520102************",
        seeker_phone_masked="138****8000", job_title="餐厅服务员", job_type="餐厅服务员", pay="¥180/天",
        settlement="日结", work_place="观山湖区金阳南路6号", work_dates="2026-11-26 至 2026-11-30",
        work_hours="10:00-14:00，每天4小时", employer_name="贵阳市观山湖区好味道餐饮有限公司",
        employer_address="观山湖区金阳南路6号", employer_contact="李经理 0851-86811234",
        bring=("本人身份证", "本介绍信"), clerk="刘文", qr_text="LG1:GY01-20261124-0042:" + "A" * 103,
    )  # fmt: skip
    page = build_slip(data, "a5")
    image = QImage(420, 600, QImage.Format.Format_RGB32)

    def paint() -> None:
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_slip(painter, page, QRectF(0, 0, 420, 600))
        painter.end()

    paint()
    before = sys.getrefcount(None)
    for _ in range(20):
        paint()
    assert sys.getrefcount(None) - before >= -5  # a little noise from the interpreter, not thousands
