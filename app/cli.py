"""The `linggong` command: the counter app by default, and the headless tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.cli_parser import Parser
from app.errors import InputFileError, OutputFileError, StorageError
from app.i18n import translate
from app.paths import default_data_dir

if TYPE_CHECKING:
    from app.services.importer import ImportReport


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="linggong", description="零工市场服务台 · Linggong（不带命令时打开服务台）")
    p.add_argument(
        "--data-dir", type=Path, default=None, metavar="目录", help="服务台的数据目录：数据库、密钥、日志和设置都在这里"
    )
    p.add_argument(
        "--practice",
        action="store_true",
        help="使用练习数据目录（数据目录下的 practice，linggong demo 生成的演示数据在这里）：不能登记，不会同步",
    )
    p.add_argument("--version", action="version", version=f"linggong {__version__}", help="显示版本号并退出")
    p.add_argument(
        "--self-test",
        nargs="?",
        const="",
        default=None,
        metavar="保留目录",
        help="在临时数据目录里自检本机安装（数据库、登记求职人员和岗位、介绍信PDF、大屏第一页、打印、同步），"
        "全部通过时退出码为0；给出保留目录时在那里进行，并留下介绍信和画面图样备查",
    )
    sub = p.add_subparsers(dest="command")
    sub.add_parser("counter", help="服务台（默认）")

    board = sub.add_parser("board", help="大厅大屏：在招岗位和当日数据")
    board.add_argument(
        "--screen", type=int, metavar="N", help="显示在第几块屏幕（0为主屏；默认：有第二块屏时用第二块）"
    )
    board.add_argument("--windowed", action="store_true", help="在窗口中显示，不全屏")
    board.add_argument("--snapshot", type=Path, metavar="文件.png", help="把第一页保存为PNG图片后退出")
    board.add_argument(
        "--size", type=_board_size, default=(1920, 1080), metavar="宽x高", help="图片尺寸（默认1920x1080）"
    )

    demo = sub.add_parser("demo", help="在练习数据目录（数据目录下的 practice）里生成逼真的演示数据")
    demo.add_argument("--seekers", type=int, default=500, help="演示求职人员人数（默认500）")
    demo.add_argument("--postings", type=int, default=None, help="演示岗位数，连同用人单位（默认60）")
    demo.add_argument("--referrals", type=int, default=None, help="演示推荐记录数，连同反馈结果（默认120）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的数据")

    imp = sub.add_parser("import", help="从 .csv 或 .xlsx 导入")
    imp_sub = imp.add_subparsers(dest="what", required=True)
    seekers = imp_sub.add_parser("seekers", help="求职人员")
    seekers.add_argument("file", type=Path, nargs="?", metavar="文件", help="要导入的 .csv（UTF-8或GBK）或 .xlsx")
    seekers.add_argument("--template", type=Path, metavar="文件", help="写出空白模板后退出")
    seekers.add_argument(
        "--report", type=Path, metavar="文件", help="被拒绝行的报告写到哪里（默认：文件名.report.csv）"
    )
    postings = imp_sub.add_parser("postings", help="招聘岗位，如网络平台上的岗位清单")
    postings.add_argument("file", type=Path, nargs="?", metavar="文件", help="要导入的 .csv（UTF-8或GBK）或 .xlsx")
    postings.add_argument("--template", type=Path, metavar="文件", help="写出空白模板后退出")
    postings.add_argument(
        "--source", metavar="来源", default="", help="信息来源一栏为空的行用这个来源（如 零工港；默认：批量导入）"
    )
    postings.add_argument(
        "--report", type=Path, metavar="文件", help="被拒绝行的报告写到哪里（默认：文件名.report.csv）"
    )

    slip = sub.add_parser("slip", help="写出推荐介绍信的PDF")
    slip.add_argument("code", metavar="推荐编号", help="如 GY01-20261124-0042")
    slip.add_argument("--layout", choices=("a5", "receipt"), default="a5", help="a5：A5带回执；receipt：80毫米小票")
    slip.add_argument("--out", type=Path, required=True, metavar="文件.pdf", help="PDF写到哪里")

    enroll = sub.add_parser("enroll", help="把本站登记到同步服务器（只需一次）")
    enroll.add_argument("url", metavar="服务器地址", help="如 https://10.0.0.5:8765")
    enroll.add_argument(
        "code",
        metavar="登记码",
        help="服务器管理员用 linggong server add-station 得到的一次性登记码（整行，连同“/sha256:”证书指纹）",
    )
    enroll.add_argument(
        "--plain-http",
        action="store_true",
        help="允许向别的机器的明文 http:// 地址登记（凭证和部署密钥会明文经过网络；只用于受信的内网）",
    )
    sub.add_parser("sync", help="与服务器同步一次；全部上传和下载完时退出码为0")

    from server.cli import add_parser as add_server_parser

    add_server_parser(sub)

    bench = sub.add_parser("bench", help="测量速度指标（开发用）")
    bench.add_argument("--seekers", type=int, default=1_000_000, help="测试库的求职人员人数")
    bench.add_argument("--postings", type=int, default=100_000, help="岗位列表测试的岗位数（0：跳过）")
    bench.add_argument("--samples", type=int, default=300, help="每种查询测几次")
    bench.add_argument("--json", type=Path, metavar="文件", help="把全部数字写成JSON")
    bench.add_argument("--work-dir", type=Path, default=Path("build/bench"), help="测试库放在哪里")
    bench.add_argument("--sync-changes", type=int, default=10_000, help="同步上传测试的变更条数（0：跳过）")
    bench.add_argument("--sync-postings", type=int, default=100_000, help="首次下载测试的在招岗位数")
    bench.add_argument("--sync-stations", type=int, default=2_500, help="负载测试模拟的站点数")
    bench.add_argument("--sync-seconds", type=float, default=60.0, help="负载测试持续的秒数")
    bench.add_argument("--no-sync", action="store_true", help="跳过同步服务器的测试")
    return p


def _board_size(text: str) -> tuple[int, int]:
    from ui.board.app import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _cmd_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from app.practice import make_demo, prepare_practice
    from app.station import open_station

    # Demo people never go into a station's real data: they would reach the server at enrolment.
    practice = prepare_practice(data_dir)
    station = open_station(practice, log_to_console=True)
    try:
        make_demo(
            station,
            seekers=args.seekers,
            postings=args.postings,
            referrals=args.referrals,
            seed=args.seed,
            progress=lambda d, t: print(f"\r{d:,}/{t:,}", end="", flush=True),
            step=lambda text: print("\r" + text + " " * 12),
        )
    finally:
        station.close()
    print(translate("Cli", "演示数据在练习数据目录：{dir}").format(dir=practice))
    print(
        translate(
            "Cli", "打开练习服务台：linggong{data} --practice（窗口标题注明“练习数据”，不会同步到服务器）"
        ).format(data=f" --data-dir {args.data_dir}" if args.data_dir is not None else "")
    )
    return 0


def _print_rejections(
    report: ImportReport, source: Path, report_path: Path | None, label: Callable[[str], str]
) -> None:
    """Each rejected row on the console, and all of them in a CSV report beside the file."""
    if not report.errors:
        return
    report_path = report_path or source.with_name(source.name + ".report.csv")
    report.write_csv(report_path, label)
    for e in report.errors:
        print(
            translate("Cli", "第{row}行  {field}：{message}").format(row=e.row, field=label(e.field), message=e.message)
        )
    print(translate("Cli", "错误报告已保存：{p}").format(p=report_path))


def _cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    if args.what == "postings":
        return _cmd_import_postings(args, data_dir)
    from app.services.importer import import_seekers, write_template
    from app.services.seekers import field_label

    if args.template is not None:
        write_template(args.template)
        print(translate("Cli", "模板已保存：{p}").format(p=args.template))
        return 0
    if args.file is None:
        _err(translate("Cli", "请指定要导入的文件，或用 --template 生成模板"))
        return 2
    from app.station import open_station

    station = open_station(data_dir, log_to_console=True)
    try:
        report = import_seekers(station.seekers, args.file, province=station.settings.province)
    finally:
        station.close()
    print(
        translate("Cli", "共{total}行：新登记{created}人，更新{updated}人，拒绝{rejected}行").format(
            total=report.total, created=report.created, updated=report.updated, rejected=report.rejected_rows
        )
    )
    _print_rejections(report, args.file, args.report, field_label)
    return report.exit_status


def _cmd_import_postings(args: argparse.Namespace, data_dir: Path) -> int:
    from app.services.posting_import import import_postings, write_posting_template
    from app.services.postings import posting_field_label

    if args.template is not None:
        write_posting_template(args.template)
        print(translate("Cli", "模板已保存：{p}").format(p=args.template))
        return 0
    if args.file is None:
        _err(translate("Cli", "请指定要导入的文件，或用 --template 生成模板"))
        return 2
    from app.station import open_station

    station = open_station(data_dir, log_to_console=True)
    try:
        report = import_postings(
            station.employers, station.postings, args.file, province=station.settings.province, source=args.source
        )
    finally:
        station.close()
    print(
        translate("Cli", "共{total}行：新建岗位{created}个，新登记单位{employers}家，拒绝{rejected}行").format(
            total=report.total,
            created=report.created,
            employers=report.employers_created,
            rejected=report.rejected_rows,
        )
    )
    _print_rejections(report, args.file, args.report, posting_field_label)
    return report.exit_status


def _cmd_slip(args: argparse.Namespace, data_dir: Path) -> int:
    from app.files import write_atomic
    from app.slips.pdf import slip_pdf
    from app.station import open_station

    station = open_station(data_dir)
    try:
        found = station.referrals.find_by_code(args.code)
        if found is None:
            _err(translate("Cli", "没有编号为{code}的推荐记录").format(code=args.code.strip().upper()))
            return 1
        write_atomic(args.out, slip_pdf(station.referrals.slip_data(found.id), args.layout))
    finally:
        station.close()
    print(translate("Cli", "已写出推荐介绍信：{path}").format(path=args.out))
    return 0


def _cmd_enroll(args: argparse.Namespace, data_dir: Path) -> int:
    from app.errors import SyncError
    from app.station import open_station
    from app.sync.client import enroll

    station = open_station(data_dir)
    try:
        done = enroll(station, args.url, args.code, allow_plain=args.plain_http)
    except SyncError as exc:
        _err(translate("Cli", "登记失败：{why}").format(why=exc.message))
        return 4
    finally:
        station.close()
    print(
        translate("Cli", "已登记为站点 {code}（{name}，地区 {region}）；{n} 条已有记录将在首次同步时上传").format(
            code=done.station_code, name=done.name, region=done.region, n=done.queued
        )
    )
    return 0


def _cmd_sync(_args: argparse.Namespace, data_dir: Path) -> int:
    from app.errors import SyncError
    from app.station import open_station
    from app.sync.client import SyncClient

    station = open_station(data_dir)
    client = SyncClient(station)
    try:
        result = client.sync()
    except SyncError as exc:
        _err(translate("Cli", "同步失败：{why}").format(why=exc.message))
        return 4
    finally:
        client.close()
        station.close()
    print(
        translate("Cli", "已上传 {pushed} 条，已下载 {pulled} 条；待上传 {pending} 条，被退回 {q} 条").format(
            pushed=result.pushed, pulled=result.pulled, pending=result.pending, q=result.quarantined
        )
    )
    for warning in result.warnings:
        _err(warning)
    return 0 if result.complete else 1


def _cmd_server(args: argparse.Namespace, data_dir: Path) -> int:
    from server.cli import run

    return run(args, data_dir)


def _cmd_bench(args: argparse.Namespace, _data_dir: Path) -> int:
    from app import bench

    sync = None
    if not args.no_sync:
        sync = {
            "changes": args.sync_changes,
            "postings": args.sync_postings,
            "stations": args.sync_stations,
            "seconds": args.sync_seconds,
        }
    bench.run(
        args.work_dir,
        seekers=args.seekers,
        postings=args.postings,
        samples=args.samples,
        json_path=args.json,
        sync=sync,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.self_test is not None:
        from ui.selftest import run_self_test

        return run_self_test(Path(args.self_test) if args.self_test else None)
    data_dir = args.data_dir or default_data_dir()
    command = args.command or "counter"
    if args.practice:
        if command in ("server", "bench"):
            _err(translate("Cli", "--practice 只用于服务台的数据，不能用于 {command}").format(command=command))
            return 2
        from app.practice import prepare_practice

        try:
            data_dir = prepare_practice(data_dir)
        except StorageError as exc:
            _err(str(exc))
            return 3
    if command == "counter":
        from ui.counter_app import run_counter

        return run_counter(data_dir)
    if command == "board":
        from ui.board.app import BoardOptions, run_board

        return run_board(
            data_dir, BoardOptions(screen=args.screen, windowed=args.windowed, snapshot=args.snapshot, size=args.size)
        )
    handlers = {
        "demo": _cmd_demo,
        "import": _cmd_import,
        "slip": _cmd_slip,
        "bench": _cmd_bench,
        "enroll": _cmd_enroll,
        "sync": _cmd_sync,
        "server": _cmd_server,
    }
    try:
        return handlers[command](args, data_dir)
    except InputFileError as exc:
        _err(str(exc))
        return 2
    except (StorageError, OutputFileError) as exc:
        _err(str(exc))
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
