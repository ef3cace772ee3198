"""`linggong server`: run the central server, and administer its stations.

    linggong server [--db URL] [--host H] [--port P] [--workers N]
    linggong server add-station --name NAME --region CODE [--code GY01]
    linggong server list-stations | revoke-station CODE | new-code CODE

Settings also come from the environment: LINGGONG_SERVER_DB, LINGGONG_SERVER_HOST,
LINGGONG_SERVER_PORT, LINGGONG_SERVER_WORKERS. The database defaults to server.db in the data dir;
its keys are in server-keys.json there, or the file LINGGONG_SERVER_KEYS names (server/vault.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

ENV_DB = "LINGGONG_SERVER_DB"
ENV_HOST = "LINGGONG_SERVER_HOST"
ENV_PORT = "LINGGONG_SERVER_PORT"
ENV_WORKERS = "LINGGONG_SERVER_WORKERS"

log = logging.getLogger("linggong.server")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("server", help="中心同步服务器，及其站点管理")
    p.add_argument("--db", metavar="URL", help=f"数据库地址（默认：数据目录里的SQLite文件server.db；${ENV_DB}）")
    p.add_argument("--host", help=f"监听地址（默认127.0.0.1；${ENV_HOST}）")
    p.add_argument("--port", type=int, help=f"端口（默认8765；${ENV_PORT}）")
    p.add_argument("--workers", type=int, help=f"工作进程数（默认1；${ENV_WORKERS}）")
    actions = p.add_subparsers(dest="action")
    add = actions.add_parser("add-station", help="添加站点；最后一行是它的一次性登记码")
    add.add_argument("--name", required=True, help="站点名称，如 观山湖区零工市场")
    add.add_argument(
        "--region", required=True, metavar="区划代码", help="它能看到哪个地区的岗位（GB/T 2260代码，如520100）"
    )
    add.add_argument("--code", default="", help="用在推荐编号里的站点代码（默认：由地区生成）")
    actions.add_parser("list-stations", help="列出站点")
    revoke = actions.add_parser("revoke-station", help="停用站点（站点上的数据保留）")
    revoke.add_argument("code", metavar="站点代码")
    renew = actions.add_parser("new-code", help="为站点发新的登记码（如服务台换了电脑）")
    renew.add_argument("code", metavar="站点代码")


def database_url(args: argparse.Namespace, data_dir: Path) -> str:
    return args.db or os.environ.get(ENV_DB) or f"sqlite:///{data_dir / 'server.db'}"


def _err(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from sqlalchemy.exc import OperationalError

    from server.store import make_engine, upgrade
    from server.vault import KeyFileError, key_path, open_keys

    url = database_url(args, data_dir)
    if os.name == "posix" and data_dir.is_dir():
        data_dir.chmod(0o700)  # the server's database and key file live here
    keys_at = key_path(data_dir)
    try:
        engine = make_engine(url)
        keys = open_keys(engine, keys_at)
        upgrade(engine, keys)
    except KeyFileError as exc:
        return _err(str(exc))
    except OperationalError as exc:
        return _err(f"打不开服务器数据库（{_safe_url(url)}）：{_first_line(exc)}")
    except Exception as exc:  # noqa: BLE001 - a bad URL or a missing driver, said plainly
        return _err(f"打不开服务器数据库（{_safe_url(url)}）：{type(exc).__name__}: {_first_line(exc)}")
    try:
        if args.action is None:
            return _serve(args, url, data_dir, keys_at)
        return _admin(args, engine)
    finally:
        engine.dispose()


def _first_line(exc: BaseException) -> str:
    return (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "?"


def _admin(args: argparse.Namespace, engine: Any) -> int:
    from server import admin

    try:
        if args.action == "add-station":
            new = admin.add_station(engine, args.name, args.region, args.code)
            print(f"已添加站点 {new.code}（{new.name}，地区 {new.region}）")
            print(f"登记码有效至 {new.expires:%Y-%m-%d %H:%M} UTC；在站点上运行 linggong enroll URL 登记码")
            print(new.enrol_code)
        elif args.action == "new-code":
            new = admin.new_enrol_code(engine, args.code)
            print(f"站点 {new.code} 的新登记码（旧凭证已失效），有效至 {new.expires:%Y-%m-%d %H:%M} UTC")
            print(new.enrol_code)
        elif args.action == "revoke-station":
            row = admin.revoke_station(engine, args.code)
            print(f"已停用站点 {row.code}（{row.name}）：它不能再同步，本机数据保留")
        elif args.action == "list-stations":
            rows = admin.list_stations(engine)
            print(f"{'代码':<8}{'地区':<8}{'状态':<8}{'最后同步':<18}名称")
            for r in rows:
                state = "已停用" if r.revoked_at else ("已登记" if r.enrolled_at else "待登记")
                seen = f"{r.last_seen_at:%Y-%m-%d %H:%M}" if r.last_seen_at else "-"
                print(f"{r.code:<10}{r.region:<10}{state:<8}{seen:<20}{r.name}")
    except admin.AdminError as exc:
        return _err(str(exc))
    return 0


def app_from_env() -> Any:
    """The ASGI app for uvicorn's worker processes (they read the database URL from the environment)."""
    from server.api import create_app
    from server.store import make_engine
    from server.vault import ENV_KEYS, read_key_file

    return create_app(make_engine(os.environ[ENV_DB]), read_key_file(Path(os.environ[ENV_KEYS])))


def _serve(args: argparse.Namespace, url: str, data_dir: Path, keys_at: Path) -> int:
    import uvicorn

    from app.logs import setup_logging
    from server.vault import ENV_KEYS

    setup_logging(data_dir / "logs", console=True, file_name="server.log")
    host = args.host or os.environ.get(ENV_HOST) or "127.0.0.1"
    port = args.port or int(os.environ.get(ENV_PORT) or 8765)
    workers = args.workers or int(os.environ.get(ENV_WORKERS) or 1)
    log.info("server starting on %s:%s (%s worker(s), database %s)", host, port, workers, _safe_url(url))
    os.environ[ENV_DB] = url
    os.environ[ENV_KEYS] = str(keys_at)
    try:
        uvicorn.run(
            "server.cli:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=30,
        )
    except OSError as exc:
        return _err(f"服务器无法在 {host}:{port} 上监听：{exc.strerror or exc}")
    return 0
