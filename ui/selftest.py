"""`linggong --self-test`: what a market's IT person runs after copying the program to a counter PC.

It works headless, in a temporary data dir that it removes afterwards (kept when a check fails, so
it can be sent to support), and prints one line per check: what was checked and what was found.
Every check uses the real parts the counter uses (the SQLite database and its migrations, the
bundled font, the slip's PDF and QR code, Qt's print path, the hall board's painter, the sync
server and client), so a bundle missing a file, a plugin or a module fails here and not at a counter.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app import clock as wallclock
from app.errors import StorageError, SyncError, classify_storage_fault
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.logs import close_logging
from resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.station import Station

# A person, an employer and a post as a clerk would type them; the ID and phone must never show.
ID_NUMBER = "520102199003071236"
PHONE = "13800138000"
CREDIT_CODE = "91520000214434146R"
POST_TITLE = "自检用包装工"


class CheckFailed(Exception):
    """A check found something wrong; the message says what, in the clerk's language."""


@dataclass
class Context:
    root: Path
    today: date = field(default_factory=wallclock.today)
    station: Station | None = None
    app: QApplication | None = None
    family: str = ""
    seeker_id: str = ""
    posting_id: str = ""
    referral_id: str = ""
    referral_code: str = ""

    @property
    def st(self) -> Station:
        assert self.station is not None
        return self.station


# ---- the checks, in order; each returns what it found ------------------------------------------


def check_program(ctx: Context) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    kind = translate("SelfTest", "打包版") if getattr(sys, "frozen", False) else translate("SelfTest", "源码运行")
    return (
        f"linggong {__version__} ({kind}), Python {platform.python_version()}, Qt {qVersion()}, "
        f"PySide6 {pyside_version}, {platform.system()} {platform.machine()}"
    )


def check_files(ctx: Context) -> str:
    from app.slips.layout import FONT_FILE

    wanted = [
        resource_path(*FONT_FILE),
        resource_path("i18n", "linggong_en.qm"),
        resource_path("i18n", "linggong_en.ts"),
        resource_path("icons", "linggong-256.png"),
        resource_path("data", "regions.json"),
        resource_path("data", "job_types.json"),
    ]
    missing = [str(p) for p in wanted if not p.is_file()]
    if missing:
        raise CheckFailed(translate("SelfTest", "缺少文件：{files}").format(files="、".join(missing)))
    return translate("SelfTest", "字体、翻译、图标和行政区划数据齐全（{n}个文件）").format(n=len(wanted))


def check_database(ctx: Context) -> str:
    from alembic.script import ScriptDirectory

    from app.station import open_station
    from db.session import alembic_config

    ctx.station = open_station(ctx.root / "station")
    with ctx.st.db.read() as s:
        current = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    head = ScriptDirectory.from_config(alembic_config(ctx.st.db.writer)).get_current_head()
    if current != head:
        raise CheckFailed(translate("SelfTest", "数据库版本为{current}，应为{head}").format(current=current, head=head))
    return translate("SelfTest", "新建SQLite数据库（SQLite {v}），迁移到{head}").format(
        v=sqlite3.sqlite_version, head=head
    )


def check_seeker(ctx: Context) -> str:
    from app.services.seekers import SeekerInput

    saved = ctx.st.seekers.save(
        SeekerInput(
            name="张自检",
            id_number=ID_NUMBER,
            phone=PHONE,
            district_code="520102",
            job_types=["6-31-05-01"],
            consent=True,
            wage_expect="180",
            wage_unit="day",
        ),
        today=ctx.today,
    )
    ctx.seeker_id = saved.seeker_id
    # The ID number and phone are kept encrypted or keyed, never as typed.
    plain = []
    with sqlite3.connect(ctx.st.data.database) as raw:
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in raw.execute(f'SELECT * FROM "{name}"'):
                if any(isinstance(v, str) and ID_NUMBER[:14] in v for v in row):
                    plain.append(name)
                    break
    if plain:
        raise CheckFailed(
            translate("SelfTest", "身份证号以明文存放在：{tables}").format(tables="、".join(sorted(set(plain))))
        )
    searcher = ctx.st.searcher()
    try:
        found = searcher.search(ID_NUMBER).rows
    finally:
        searcher.close()
    if [r.id for r in found] != [ctx.seeker_id]:
        raise CheckFailed(translate("SelfTest", "按身份证号查不到刚登记的人"))
    row = found[0]
    if ID_NUMBER in row.id_masked or PHONE in row.phone_masked:
        raise CheckFailed(translate("SelfTest", "列表里的身份证号或手机号没有打码"))
    return translate("SelfTest", "已登记求职人员，身份证号加密保存，列表显示为{id}、{phone}").format(
        id=row.id_masked, phone=row.phone_masked
    )


def check_posting(ctx: Context) -> str:
    from app.services.employers import EmployerInput
    from app.services.postings import PostingInput

    employer = ctx.st.employers.save(
        EmployerInput(
            kind="enterprise",
            name="贵州茅台酒股份有限公司",
            short_name="茅台酒股份",
            credit_code=CREDIT_CODE,
            contact_name="李红",
            phone="0851-22386002",
            district_code="520382",
            industry="C",
            terms_accepted=True,
        )
    ).employer_id
    saved = ctx.st.postings.save(
        PostingInput(
            employer_id=employer,
            title=POST_TITLE,
            job_type="6-31-05-01",
            headcount="20",
            duties="成品酒装箱、贴标",
            pay="180",
            pay_unit="day",
            settlement="daily",
            meals=True,
            safety="发放手套、防滑鞋",
            work_place="仁怀市茅台镇包装车间",
            district_code="520382",
            start_date=ctx.today + timedelta(days=1),
            end_date=ctx.today + timedelta(days=30),
            daily_hours="8",
            contact_name="李红",
            contact_phone="0851-22386002",
        ),
        today=ctx.today,
    )
    ctx.st.supervisor.set_pin("246810")
    boss = ctx.st.supervisor.verify("自检主管", "246810")
    ctx.st.postings.submit(saved.posting_id, today=ctx.today)
    ctx.st.postings.approve(saved.posting_id, boss, today=ctx.today)
    ctx.posting_id = saved.posting_id
    detail = ctx.st.postings.get(saved.posting_id)
    if detail.status != "open":
        raise CheckFailed(translate("SelfTest", "岗位审核后状态为{s}，应为招聘中").format(s=detail.status))
    return translate("SelfTest", "已登记用人单位并发布岗位“{title}”（{code}）").format(
        title=detail.title, code=detail.code
    )


def check_slip_pdf(ctx: Context) -> str:
    from app.slips.layout import QrCode, build_slip
    from app.slips.pdf import render_pdf

    created = ctx.st.referrals.refer(ctx.seeker_id, ctx.posting_id, clerk="自检", today=ctx.today)
    ctx.referral_id, ctx.referral_code = created.id, created.code
    page = build_slip(ctx.st.referrals.slip_data(created.id), "a5")
    pdf = render_pdf(page)
    out = ctx.root / "slip.pdf"
    out.write_bytes(pdf)
    if not pdf.startswith(b"%PDF") or b"FontFile2" not in pdf:
        raise CheckFailed(translate("SelfTest", "介绍信PDF没有嵌入中文字体"))
    qr = [op for op in page.ops if isinstance(op, QrCode)]
    if not qr or any(len(q.modules) < 21 or not any(any(r) for r in q.modules) for q in qr):
        raise CheckFailed(translate("SelfTest", "介绍信上没有二维码"))
    text = "".join(getattr(op, "text", "") for op in page.ops)
    if ID_NUMBER in text or PHONE in text:
        raise CheckFailed(translate("SelfTest", "介绍信上印出了完整的身份证号或手机号"))
    return translate("SelfTest", "推荐介绍信{code}：PDF {kb} KB，嵌入字体，{q}个二维码（{n}×{n}）").format(
        code=created.code, kb=round(len(pdf) / 1024), q=len(qr), n=len(qr[0].modules)
    )


def _qt_message(_kind: Any, _context: Any, message: str) -> None:
    if not message.startswith("This plugin does not support"):  # the offscreen platform about itself
        print(f"Qt: {message}", file=sys.stderr)


def check_qt(ctx: Context) -> str:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QGuiApplication

    from ui.setup import BUNDLED_FAMILY, make_application

    qInstallMessageHandler(_qt_message)
    ctx.app = make_application([sys.argv[0]], "zh_CN")
    font = QFont(ctx.app.font())
    ctx.family = QFontInfo(font).family()  # the font Qt really uses, not the one asked for
    if ctx.family != BUNDLED_FAMILY:
        raise CheckFailed(translate("SelfTest", "随附字体没有载入，界面用的是{f}").format(f=ctx.family))
    if not QFontMetrics(font).inFontUcs4(ord("零")):
        raise CheckFailed(translate("SelfTest", "界面字体{f}不含汉字").format(f=ctx.family))
    plugins = _screen_plugins()
    native = "windows" if sys.platform == "win32" else "xcb"
    if native not in plugins:
        raise CheckFailed(translate("SelfTest", "缺少屏幕插件{p}，服务台无法在桌面上显示").format(p=native))
    icon = ctx.app.windowIcon()
    if icon.isNull() or not icon.availableSizes():
        raise CheckFailed(translate("SelfTest", "程序图标没有载入"))
    return translate(
        "SelfTest", "Qt界面（{platform}；屏幕插件：{plugins}）：随附字体{f}含汉字，程序图标{n}种尺寸"
    ).format(
        platform=QGuiApplication.platformName(),
        plugins="、".join(plugins),
        f=ctx.family,
        n=len(icon.availableSizes()),
    )


def _screen_plugins() -> list[str]:
    """The platform plugins Qt can load here: xcb and wayland on a Linux desktop, windows on Windows."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = []
    for path in sorted(folder.glob("*")):
        stem = path.name.split(".")[0]
        names.append(stem.removeprefix("lib").removeprefix("q"))
    return names


def check_translations(ctx: Context) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator()
    if not translator.load(str(resource_path("i18n", "linggong_en.qm"))):
        raise CheckFailed(translate("SelfTest", "英文翻译文件打不开"))
    english = translator.translate("MainWindow", "关于")
    if not english or english == "关于":
        raise CheckFailed(translate("SelfTest", "英文翻译文件里没有界面文字"))
    qt = QTranslator()
    qt_ok = qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not qt_ok:
        raise CheckFailed(translate("SelfTest", "缺少Qt自带的中文翻译（对话框按钮会显示英文）"))
    return translate("SelfTest", "中文界面和英文翻译可用（“关于”→“{en}”），Qt对话框按钮为中文").format(en=english)


def _blank(image: Any) -> bool:
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    return len(colours) < 5


def check_counter_window(ctx: Context) -> str:
    from ui.main_window import MainWindow

    assert ctx.app is not None
    window = MainWindow(ctx.st)
    try:
        window.resize(1280, 800)
        window.show()
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            ctx.app.processEvents()
            time.sleep(0.02)
        image = window.grab().toImage()
        out = ctx.root / "counter.png"
        image.save(str(out))
        if _blank(image):
            raise CheckFailed(translate("SelfTest", "服务台主窗口画出来是空白"))
        title = window.windowTitle()
    finally:
        window.close()
        ctx.app.processEvents()
    return translate("SelfTest", "服务台主窗口已打开：{title}").format(title=title)


def check_board(ctx: Context) -> str:
    from app.services.board import BoardService
    from ui.board.window import BoardWindow

    board = BoardWindow(BoardService(ctx.st.db, ctx.st.settings), ctx.family, live=False)
    try:
        board.load_now()
        image = board.render_image(1920, 1080)
        image.save(str(ctx.root / "board.png"))
        drawn = "\n".join(board.drawn_text())
    finally:
        board.close()
    if _blank(image):
        raise CheckFailed(translate("SelfTest", "大屏第一页画出来是空白"))
    if POST_TITLE not in drawn:
        raise CheckFailed(translate("SelfTest", "大屏第一页上没有刚发布的岗位"))
    if ID_NUMBER in drawn or PHONE in drawn:
        raise CheckFailed(translate("SelfTest", "大屏上出现了身份证号或手机号"))
    snapshot = board.snapshot
    assert snapshot is not None
    return translate("SelfTest", "大屏第一页1920×1080：{n}个岗位，今日登记{r}人，无个人号码").format(
        n=snapshot.open_postings, r=snapshot.today.registered
    )


def check_print(ctx: Context) -> str:
    from PySide6.QtPrintSupport import QPrinter

    from app.slips.layout import build_slip
    from ui.slip_print import available_printers, print_page, setup_printer

    page = build_slip(ctx.st.referrals.slip_data(ctx.referral_id), "receipt")
    out = ctx.root / "slip-qt.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    setup_printer(printer, page)
    if not print_page(printer, page) or not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
        raise CheckFailed(translate("SelfTest", "经Qt打印通道输出介绍信失败"))
    printers = available_printers()
    found = "、".join(p.printerName() for p in printers[:3]) if printers else translate("SelfTest", "本机未装打印机")
    return translate("SelfTest", "Qt打印通道可用（80毫米小票输出为PDF）；打印机：{p}").format(p=found)


@contextmanager
def _server(ctx: Context) -> Iterator[tuple[str, Any]]:
    import uvicorn

    from server.api import create_app
    from server.store import make_engine, upgrade
    from server.vault import make_keys

    engine = make_engine(f"sqlite:///{ctx.root / 'server' / 'server.db'}")
    keys = make_keys()  # a throwaway server: its keys need no file
    upgrade(engine, keys)
    # Port 0: the system gives a free one, read back once the server listens.
    server = uvicorn.Server(uvicorn.Config(create_app(engine, keys), host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, name="selftest-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise CheckFailed(translate("SelfTest", "同步服务器没有启动"))
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}", engine
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


def check_sync(ctx: Context) -> str:
    from app.sync.client import SyncClient, enroll
    from server import admin

    # The server is on this machine: a proxy set for the internet must not be asked for it.
    for name in ("NO_PROXY", "no_proxy"):
        os.environ[name] = ",".join(filter(None, [os.environ.get(name), "127.0.0.1", "localhost"]))
    with _server(ctx) as (url, engine):
        new = admin.add_station(engine, "自检服务台", "520102")
        enroll(ctx.st, url, new.enrol_code)
        client = SyncClient(ctx.st)
        try:
            result = client.sync()
        finally:
            client.close()
        if not result.complete or result.pushed < 4:
            raise CheckFailed(
                translate("SelfTest", "同步没有完成：上传{p}条，待上传{q}条，被退回{r}条").format(
                    p=result.pushed, q=result.pending, r=result.quarantined
                )
            )
    return translate("SelfTest", "本机同步服务器（uvicorn + SQLite）上登记站点并同步：上传{p}条，待上传0条").format(
        p=result.pushed
    )


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    (QT_TRANSLATE_NOOP("SelfTest", "程序"), check_program),
    (QT_TRANSLATE_NOOP("SelfTest", "随附文件"), check_files),
    (QT_TRANSLATE_NOOP("SelfTest", "数据库"), check_database),
    (QT_TRANSLATE_NOOP("SelfTest", "登记求职人员"), check_seeker),
    (QT_TRANSLATE_NOOP("SelfTest", "发布岗位"), check_posting),
    (QT_TRANSLATE_NOOP("SelfTest", "介绍信PDF"), check_slip_pdf),
    (QT_TRANSLATE_NOOP("SelfTest", "界面"), check_qt),
    (QT_TRANSLATE_NOOP("SelfTest", "翻译"), check_translations),
    (QT_TRANSLATE_NOOP("SelfTest", "服务台窗口"), check_counter_window),
    (QT_TRANSLATE_NOOP("SelfTest", "大屏"), check_board),
    (QT_TRANSLATE_NOOP("SelfTest", "打印"), check_print),
    (QT_TRANSLATE_NOOP("SelfTest", "同步"), check_sync),
]


def _is_bug(exc: BaseException) -> bool:
    """Not the machine's fault (disk full, read-only, a sync refused): a traceback helps support."""
    return not isinstance(exc, StorageError | SyncError) and classify_storage_fault(exc) is None


def _what_failed(exc: BaseException) -> str:
    if isinstance(exc, StorageError | SyncError):
        return str(exc)
    kind = classify_storage_fault(exc)
    if kind is not None:
        return translate("Storage", kind.value)
    return f"{type(exc).__name__}: {exc}"


def _folder(keep: Path | None) -> Path:
    """Where the checks work: a new temporary folder, or `keep`, which must be new or empty."""
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="linggong-selftest-"))
    if keep.exists() and (not keep.is_dir() or any(keep.iterdir())):
        raise CheckFailed(translate("SelfTest", "自检需要一个空文件夹：{dir}").format(dir=keep))
    keep.mkdir(parents=True, exist_ok=True)
    return keep


def run_self_test(keep: Path | None = None, out: Any = None) -> int:
    """Run every check in a temporary data dir (or in `keep`, which is kept); 0 when all pass, 1 at
    the first that fails."""
    if out is None:
        out = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # a console in GBK cannot show every sign
            out.reconfigure(errors="replace")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        root = _folder(keep)
    except CheckFailed as exc:
        print(exc, file=out, flush=True)
        return 2
    except OSError as exc:
        where = keep or exc.filename or os.environ.get("TMPDIR") or "TMPDIR"
        print(
            translate("SelfTest", "无法建立自检的数据目录：{dir}（{why}）").format(dir=where, why=exc.strerror or exc),
            file=out,
            flush=True,
        )
        return 2
    ctx = Context(root)
    print(translate("SelfTest", "零工市场服务台自检，数据目录：{dir}").format(dir=root), file=out, flush=True)
    started = time.monotonic()
    failed = False
    try:
        for label, check in CHECKS:
            name = translate("SelfTest", label)
            try:
                found = check(ctx)
            except CheckFailed as exc:
                print(f"× {name}: {exc}", file=out, flush=True)
                failed = True
                break
            except Exception as exc:  # noqa: BLE001 — a self-test reports any failure and stops
                print(f"× {name}: {_what_failed(exc)}", file=out, flush=True)
                if _is_bug(exc):
                    traceback.print_exc(file=out)
                failed = True
                break
            print(f"√ {name}: {found}", file=out, flush=True)
    finally:
        if ctx.station is not None:
            ctx.station.close()
        close_logging()  # its log file sits in the folder; Windows would not delete it while open
    if failed:
        print(
            translate("SelfTest", "自检未通过；数据目录已保留，可发给技术支持：{dir}").format(dir=root),
            file=out,
            flush=True,
        )
        return 1
    if keep is None:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(
            translate("SelfTest", "介绍信、服务台窗口和大屏的图样保存在：{dir}").format(dir=root), file=out, flush=True
        )
    print(
        translate("SelfTest", "自检通过：{n}项检查，用时{s:.1f}秒").format(n=len(CHECKS), s=time.monotonic() - started),
        file=out,
        flush=True,
    )
    return 0
