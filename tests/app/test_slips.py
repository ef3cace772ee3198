"""Referral slips: signed QR payloads, the two layouts, and the PDF as a printer and a scanner see it.

The PDF checks run the real poppler and zbar tools (pdftoppm, pdftotext, pdffonts, zbarimg); a
machine without them fails here rather than skipping, so a slip nobody can scan never ships.
"""

from __future__ import annotations

import os
import shutil
import stat
import string
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import qrcode

from app.errors import LinggongError
from app.slips import LAYOUTS, SlipData
from app.slips.layout import (
    ASCENT,
    DESCENT,
    MM,
    QUIET_MODULES,
    Line,
    QrCode,
    Rect,
    SlipPage,
    Text,
    build_slip,
    qr_modules,
    string_width,
    text_left,
    text_width,
    wrap,
)
from app.slips.pdf import render_pdf, slip_pdf
from app.slips.qr import (
    KEY_FILE,
    PayloadError,
    Scan,
    SlipKey,
    make_payload,
    parse_scan,
    referral_message,
    verify_signature,
)

CODE = "GY01-20261124-0042"
REFERRAL_ID = "7f1c6a52-2d3b-4e55-9a0e-3c1d2b4a5e6f"
SEEKER_ID = "0b9e3c1a-55d2-4f0e-8a61-2c7d9e4b1a30"
POSTING_ID = "c2a4e6f8-1b3d-4c5e-9f7a-8b6c4d2e0f13"
VALID_UNTIL = date(2026, 11, 27)
QR_ALPHANUMERIC = set(string.digits + string.ascii_uppercase + " $%*+-./:")
NOT_OURS = "不是零工市场的推荐介绍信"
DAMAGED = "已损坏或被改动"


def message_for(code: str = CODE) -> bytes:
    return referral_message(code, REFERRAL_ID, SEEKER_ID, POSTING_ID, VALID_UNTIL)


def signed_payload(key: SlipKey, server_url: str = "") -> str:
    return make_payload(CODE, key.sign(message_for()), server_url)


def sample_slip(qr_text: str, **changes: object) -> SlipData:
    """A realistic slip: a Guiyang restaurant hiring a waiter for a week, paid daily."""
    data = SlipData(
        market_name="贵州省贵阳市观山湖区零工市场",
        code=CODE,
        issued_on=date(2026, 11, 24),
        valid_until=VALID_UNTIL,
        seeker_name="张三丰",
        seeker_id_masked="520102************",
        seeker_phone_masked="138****8000",
        job_title="餐厅服务员（中餐厅前厅）",
        job_type="餐厅服务员",
        pay="¥180/天",
        settlement="日结",
        work_place="观山湖区金阳南路6号世纪城购物中心三楼好味道餐厅",
        work_dates="2026-11-26 至 2026-11-30",
        work_hours="10:00-14:00、17:00-21:00，每天8小时",
        employer_name="贵阳市观山湖区好味道餐饮有限公司",
        employer_address="贵州省贵阳市观山湖区金阳南路6号世纪城龙禧苑F区3栋1单元附1号门面（世纪城购物中心北门对面）",
        employer_contact="李经理 0851-86811234",
        bring=("本介绍信", "本人身份证", "健康证"),
        clerk="王小丽",
        qr_text=qr_text,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def very_long_slip(qr_text: str) -> SlipData:
    """Every field far longer than real ones, to prove nothing overlaps whatever the data."""
    return sample_slip(
        qr_text,
        market_name="黔南布依族苗族自治州都匀市经济开发区零工市场暨人力资源服务中心零工驿站",
        seeker_name="阿卜杜热合曼·买买提明",
        job_title="大型商业综合体中央厨房面点师兼凉菜师傅（需持健康证，有三年以上经验优先）",
        job_type="中式面点师",
        pay="¥260/天（另有全勤奖每月300元、夜班补贴每晚50元）",
        settlement="完工结",
        work_place="贵州省黔南布依族苗族自治州都匀市经济开发区大龙路以东、剑江大道以南商业综合体B座负一楼中央厨房（地铁口进）",
        work_dates="2026-11-26 至 2027-01-30（春节期间放假，具体以用人单位安排为准）",
        work_hours="06:00-10:00、11:00-14:00、17:00-21:00，每天11小时，每周休息一天",
        employer_name="黔南布依族苗族自治州都匀市经济开发区好味道餐饮管理服务有限责任公司第二分公司",
        employer_address="贵州省黔南布依族苗族自治州都匀市经济开发区大龙路以东、剑江大道以南，"
        "都匀国际商贸城商业综合体B座3楼301-305号（请从东门进入，乘坐3号电梯）",
        employer_contact="李经理（人事部负责人）0854-86811234 转 8021，13800138000",
        bring=("本介绍信", "本人身份证原件", "健康证", "厨师等级证书", "近期一寸免冠照片两张", "银行卡"),
        clerk="欧阳娜仁高娃",
    )


@pytest.fixture
def key(tmp_path: Path) -> SlipKey:
    return SlipKey.open(tmp_path / "keys")


@pytest.fixture
def payload(key: SlipKey) -> str:
    return signed_payload(key)


def refused(key: SlipKey, scanned: str) -> bool:
    """What the counter does with a scan: read it, then check the signature over the referral on record.

    The record is looked up by the scanned code; here every code maps to the same referral, which
    is the hardest case (an altered code that happens to exist still has to fail the signature).
    """
    try:
        scan = parse_scan(scanned)
    except PayloadError:
        return True
    return scan.signature is None or not verify_signature(key.public_key, message_for(scan.code), scan.signature)


# ---------------------------------------------------------------------------------------------
# Keys and payloads


def test_message_is_the_canonical_identity() -> None:
    assert message_for() == (f"LG1|{CODE}|{REFERRAL_ID}|{SEEKER_ID}|{POSTING_ID}|2026-11-27").encode()


def test_key_is_made_once_private_and_reloaded(tmp_path: Path) -> None:
    first = SlipKey.open(tmp_path / "keys")
    path = tmp_path / "keys" / KEY_FILE
    assert len(path.read_bytes()) == 32 and len(first.public_key) == 32
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = SlipKey.open(tmp_path / "keys")
    assert again.public_key == first.public_key
    signature = again.sign(b"x")
    assert len(signature) == 64 and verify_signature(first.public_key, b"x", signature)
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match="wrong size"):
        SlipKey.open(tmp_path / "keys")


def test_payload_round_trip_verifies(key: SlipKey, payload: str) -> None:
    assert payload.startswith(f"LG1:{CODE}:") and len(payload) == len(f"LG1:{CODE}:") + 103
    assert set(payload) <= QR_ALPHANUMERIC
    scan = parse_scan(payload)
    assert scan.code == CODE and scan.signature is not None
    assert verify_signature(key.public_key, message_for(), scan.signature)
    assert not refused(key, payload)


def test_qr_packs_in_alphanumeric_mode(payload: str) -> None:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    assert [chunk.mode for chunk in code.data_list] == [qrcode.util.MODE_ALPHA_NUM]
    assert code.version <= 6  # 41 × 41 modules: 0.7 mm each at 30 mm
    assert len(qr_modules(payload)) == 17 + 4 * code.version


def test_every_single_character_alteration_of_the_payload_is_refused(key: SlipKey, payload: str) -> None:
    replacements = sorted(QR_ALPHANUMERIC | set(string.ascii_lowercase))
    for i, original in enumerate(payload):
        variants = [payload[:i] + payload[i + 1 :]]  # a character dropped
        variants += [payload[:i] + c + payload[i + 1 :] for c in replacements if c.upper() != original]
        for altered in variants:
            assert refused(key, altered), (i, altered)


def test_every_single_character_alteration_of_the_message_is_refused(key: SlipKey) -> None:
    message = message_for()
    signature = key.sign(message)
    for i in range(len(message)):
        for b in range(256):
            if b != message[i]:
                assert not verify_signature(key.public_key, message[:i] + bytes([b]) + message[i + 1 :], signature)
    for i in range(len(signature) * 8):
        flipped = bytearray(signature)
        flipped[i // 8] ^= 1 << (i % 8)
        assert not verify_signature(key.public_key, message, bytes(flipped))


def test_another_stations_key_is_refused(key: SlipKey, payload: str, tmp_path: Path) -> None:
    other = SlipKey.open(tmp_path / "other")
    scan = parse_scan(payload)
    assert scan.signature is not None
    assert not verify_signature(other.public_key, message_for(), scan.signature)


def test_verify_never_raises_on_junk(key: SlipKey) -> None:
    signature = key.sign(message_for())
    assert not verify_signature(b"", message_for(), signature)
    assert not verify_signature(key.public_key[:31], message_for(), signature)
    assert not verify_signature(key.public_key, message_for(), b"")
    assert not verify_signature(key.public_key, message_for(), signature[:63])


def test_scanner_with_caps_lock_and_trailing_enter(key: SlipKey, payload: str) -> None:
    for typed in (payload.lower(), payload.swapcase(), f"  {payload}\r\n", f"\t{payload.lower()}\n"):
        assert parse_scan(typed) == parse_scan(payload)
        assert not refused(key, typed)


def test_url_form(key: SlipKey) -> None:
    sig = key.sign(message_for())
    for server in ("https://linggong.guiyang.gov.cn", "https://linggong.guiyang.gov.cn/", "http://10.0.0.5:8080/lg"):
        url = make_payload(CODE, sig, server)
        assert url.startswith(server.rstrip("/") + "/r/" + CODE + ".")
        assert parse_scan(url) == Scan(CODE, sig)
        assert parse_scan(url.upper()) == Scan(CODE, sig)
        assert not refused(key, url.lower())
    url = make_payload(CODE, sig, "https://linggong.guiyang.gov.cn")
    assert refused(key, url.replace("0042", "0043"))
    assert refused(key, url[:-1] + ("A" if url[-1] != "A" else "B"))


def test_code_typed_by_hand() -> None:
    assert parse_scan("GY01-20261124-0042") == Scan(CODE, None)
    assert parse_scan(" gy01-20261124-0042 ") == Scan(CODE, None)
    assert parse_scan("QN-20261124-12345") == Scan("QN-20261124-12345", None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "13800138000",
        "52010219900307123X",
        "GY01-P20261124-0001",  # a posting's code, not a referral's
        "GY01-2026112-0042",
        "ABCDEFGHI-20261124-0042",
        "LG2:GY01-20261124-0042:AAAA",
        "https://www.baidu.com/",
        "https://linggong.guiyang.gov.cn/p/GY01-20261124-0042",
        "二维码",
    ],
)
def test_garbage_is_not_ours(text: str) -> None:
    with pytest.raises(PayloadError, match=NOT_OURS) as e:
        parse_scan(text)
    assert isinstance(e.value, LinggongError)


def test_damaged_signature_part(key: SlipKey, payload: str) -> None:
    sig = payload.rsplit(":", 1)[1]
    for damaged in (
        f"LG1:{CODE}:",
        f"LG1:{CODE}:{sig[:-1]}",  # 102 characters: 63 bytes
        f"LG1:{CODE}:{sig[:-8]}",  # 59 bytes
        f"LG1:{CODE}:{sig}AAAAAAAA",
        f"LG1:{CODE}:{sig[:50]}1{sig[51:]}",  # 1 is not in the base32 alphabet
        f"LG1:{CODE}:{sig}=====",
        f"LG1:GY01-2026:{sig}",
    ):
        with pytest.raises(PayloadError, match=DAMAGED):
            parse_scan(damaged)


def test_unused_trailing_bits_must_be_zero(key: SlipKey, payload: str) -> None:
    """103 base32 characters carry 515 bits for 512: the last character's low 3 bits are padding.
    A lenient decoder would read a changed padding bit as the same signature; ours refuses it."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    last = alphabet.index(payload[-1])
    assert last & 0b111 == 0
    for low in range(1, 8):
        altered = payload[:-1] + alphabet[last | low]
        with pytest.raises(PayloadError, match=DAMAGED):
            parse_scan(altered)


def test_make_payload_refuses_what_it_cannot_encode(key: SlipKey) -> None:
    with pytest.raises(ValueError):
        make_payload("gy01-20261124-0042", key.sign(b"x"))
    with pytest.raises(ValueError):
        make_payload(CODE, b"\0" * 63)
    with pytest.raises(ValueError):
        referral_message(CODE, "a|b", SEEKER_ID, POSTING_ID, VALID_UNTIL)


# ---------------------------------------------------------------------------------------------
# Layout


def test_wrap_breaks_chinese_by_character_within_the_width() -> None:
    text = "贵州省贵阳市观山湖区金阳南路6号世纪城龙禧苑F区3栋1单元附1号门面（世纪城购物中心北门对面）"
    for width in (60.0, 100.0, 163.0, 250.0):
        lines = wrap(text, 9, width)
        assert "".join(lines) == text
        assert all(string_width(line, 9) <= width + 1e-6 for line in lines)
        assert not any(line[0] in "，。、；：）”" for line in lines)
        assert not any(line[-1] in "（“" for line in lines[:-1])


def test_wrap_keeps_codes_and_numbers_whole_when_they_fit() -> None:
    lines = wrap("介绍信编号 GY01-20261124-0042，电话 0851-86811234", 9, 100)
    assert any("GY01-20261124-0042" in line for line in lines)
    assert any("0851-86811234" in line for line in lines)
    # Longer than a line: broken by character rather than overflowing.
    long = wrap("A" * 60, 9, 50)
    assert all(string_width(line, 9) <= 50 for line in long) and "".join(long) == "A" * 60


def test_wrap_never_starts_a_line_with_closing_punctuation() -> None:
    text = "贵市场推荐的求职者张三丰应聘“餐厅服务员（中餐厅前厅）”岗位，结果如下："
    for width in range(120, 320, 3):
        for line in wrap(text, 9.5, width, indent=19):
            assert line[0] not in "，。、；：）”", (width, line)


def test_wrap_ellipsis_when_limited() -> None:
    lines = wrap("餐" * 100, 9, 90, max_lines=2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(string_width(line, 9) <= 90 for line in lines)


def _box(op: Text) -> tuple[float, float, float, float]:
    left = text_left(op)
    return left, op.y - ASCENT * op.size, left + text_width(op), op.y + DESCENT * op.size


def _segments(page: SlipPage) -> list[tuple[float, float, float, float]]:
    out = []
    for op in page.ops:
        if isinstance(op, Line):
            out.append((min(op.x1, op.x2), min(op.y1, op.y2), max(op.x1, op.x2), max(op.y1, op.y2)))
        elif isinstance(op, Rect):
            x, y, w, h = op.x, op.y, op.w, op.h
            out += [(x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)]
    return out


def _hit(a: tuple[float, ...], b: tuple[float, ...], tol: float = 0.0) -> bool:
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


def layout_problems(page: SlipPage, margin: float) -> list[str]:
    """Texts that overlap each other, a rule or a QR's quiet zone, or leave the printable area."""
    problems = []
    texts = [(op, _box(op)) for op in page.ops if isinstance(op, Text)]
    segments = _segments(page)
    for i, (op, box) in enumerate(texts):
        if box[0] < margin or box[2] > page.width - margin or box[1] < margin or box[3] > page.height - margin:
            problems.append(f"outside the printable area: {op.text}")
        problems += [f"overlap: {op.text} / {other.text}" for other, b in texts[i + 1 :] if _hit(box, b, 0.3)]
        problems += [f"rule through: {op.text}" for s in segments if _hit(box, s)]
    for qr in (op for op in page.ops if isinstance(op, QrCode)):
        quiet = QUIET_MODULES * qr.side / len(qr.modules)
        zone = (qr.x - quiet, qr.y - quiet, qr.x + qr.side + quiet, qr.y + qr.side + quiet)
        problems += [f"in the QR's quiet zone: {op.text}" for op, box in texts if _hit(box, zone)]
        problems += [f"rule in the QR's quiet zone: {s}" for s in segments if _hit(s, zone)]
    return problems


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("make", [sample_slip, very_long_slip])
def test_nothing_overlaps_or_is_clipped(layout: str, make: object, payload: str) -> None:
    page = build_slip(make(payload), layout)  # type: ignore[operator]
    assert layout_problems(page, margin=3.5 * MM) == []


def test_a5_page_and_qr_sizes(payload: str) -> None:
    page = build_slip(sample_slip(payload), "a5")
    assert (round(page.width / MM), round(page.height / MM)) == (148, 210)
    qrs = [op for op in page.ops if isinstance(op, QrCode)]
    assert len(qrs) == 2  # the letter's and the 回执's
    assert max(q.side for q in qrs) >= 30 * MM - 1e-6
    assert all(q.modules == qr_modules(payload) for q in qrs)
    texts = " ".join(op.text for op in page.ops if isinstance(op, Text))
    for expected in (
        "推荐介绍信",
        "回执",
        "沿此线剪下",
        "扫码核验",
        "有效期至",
        "已录用",
        "未录用",
        "未到岗",
        "经办人",
    ):
        assert expected in texts


def test_receipt_roll_is_72mm_wide_and_as_long_as_its_content(payload: str) -> None:
    short = build_slip(sample_slip(payload), "receipt")
    long = build_slip(very_long_slip(payload), "receipt")
    assert round(short.width / MM) == 80 and long.height > short.height
    for page in (short, long):
        for op in page.ops:
            if isinstance(op, Text):
                left, _, right, _ = _box(op)
                assert left >= 4 * MM - 0.01 and right <= 76 * MM + 0.01, op.text
        (qr,) = (op for op in page.ops if isinstance(op, QrCode))
        assert qr.side >= 30 * MM and abs(qr.x + qr.side / 2 - page.width / 2) < 0.01
        assert not any(isinstance(op, Text) and "回执" in op.text for op in page.ops)


def test_unknown_layout() -> None:
    with pytest.raises(ValueError, match="unknown slip layout"):
        build_slip(sample_slip("LG1:X"), "a4")


# ---------------------------------------------------------------------------------------------
# The PDF as a printer and a scanner see it


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: install poppler-utils and zbar-tools (packaging/test-tools.sh) "
            "to check that slips print and scan"
        )
    return path


def run(*args: str) -> str:
    return subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, check=True, timeout=60).stdout


def scan_png(png: Path) -> list[str]:
    """Every QR zbarimg finds, as text."""
    # zbarimg exits 4 when it finds no code: that is an answer (none), not a failure.
    done = subprocess.run(
        [tool("zbarimg"), "--raw", "-q", str(png)], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode in (0, 4), done.stderr
    return done.stdout.splitlines()


def scan_pdf(pdf: Path, dpi: int = 200) -> list[str]:
    run("pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(pdf.with_suffix("")))
    return scan_png(pdf.with_suffix(".png"))


@pytest.mark.parametrize(("layout", "qr_count"), [("a5", 2), ("receipt", 1)])
def test_pdf_prints_and_scans(layout: str, qr_count: int, key: SlipKey, payload: str, tmp_path: Path) -> None:
    data = sample_slip(payload)
    pdf = slip_pdf(data, layout)
    assert pdf.startswith(b"%PDF") and len(pdf) <= 150 * 1024
    path = tmp_path / f"{layout}.pdf"
    path.write_bytes(pdf)

    # The bundled font, embedded as a subset, and no other font a printer would have to find.
    fonts = run("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all("WenQuanYiMicroHei" in row and row.split()[-5:-2] == ["yes", "yes", "yes"] for row in fonts)
    info = run("pdfinfo", str(path))
    assert f"推荐介绍信 {CODE}" in info and "零工市场服务台" in info

    # What a phone or the counter's scanner reads off the printout is the payload, and it verifies.
    scanned = scan_pdf(path)
    assert scanned == [payload] * qr_count
    scan = parse_scan(scanned[0])
    assert scan.signature is not None and verify_signature(key.public_key, message_for(scan.code), scan.signature)

    text = "".join(run("pdftotext", str(path), "-").split())  # the title is letter-spaced
    for expected in ("推荐介绍信", "张三丰", CODE, "贵阳市观山湖区好味道餐饮有限公司", "520102************", "¥180/天"):
        assert expected in text, expected
    assert ("回执" in text) == (layout == "a5")


def test_tampered_slip_is_refused(key: SlipKey, payload: str, tmp_path: Path) -> None:
    """A slip printed with a forged QR (the code of another referral, an old signature) scans but fails."""
    forged = payload.replace(CODE, "GY01-20261124-0043")
    path = tmp_path / "forged.pdf"
    path.write_bytes(slip_pdf(sample_slip(forged, code="GY01-20261124-0043"), "receipt"))
    (scanned,) = scan_pdf(path)
    assert scanned == forged and refused(key, scanned)


def test_long_slip_pdf_scans(payload: str, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(build_slip(very_long_slip(payload), "a5")))
    assert scan_pdf(path) == [payload, payload]


def test_url_payload_scans(key: SlipKey, tmp_path: Path) -> None:
    url = signed_payload(key, "https://linggong.guiyang.gov.cn")
    path = tmp_path / "url.pdf"
    path.write_bytes(slip_pdf(sample_slip(url), "a5"))
    assert scan_pdf(path) == [url, url]
    assert not refused(key, url)
