"""`linggong server`: run the central server, and administer its stations.

    linggong server [--db URL] [--host H] [--port P] [--workers N] [--cert F --key F | --plain-http]
    linggong server add-station --name NAME --region CODE [--code GY01]
    linggong server list-stations | revoke-station CODE | new-code CODE
    linggong server lookups [--station CODE] [--days N]

Settings also come from the environment: LINGGONG_SERVER_DB, LINGGONG_SERVER_HOST,
LINGGONG_SERVER_PORT, LINGGONG_SERVER_WORKERS, LINGGONG_SERVER_CERT, LINGGONG_SERVER_KEY,
LINGGONG_METRICS_TOKEN. The database defaults to server.db in the data dir; its keys are in
server-keys.json there, or the file LINGGONG_SERVER_KEYS names (server/vault.py); the certificate
to a self-signed one made there at first start (tls/), the metrics token to metrics.token there.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import shutil
import ssl
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

ENV_DB = "LINGGONG_SERVER_DB"
ENV_HOST = "LINGGONG_SERVER_HOST"
ENV_PORT = "LINGGONG_SERVER_PORT"
ENV_WORKERS = "LINGGONG_SERVER_WORKERS"
ENV_CERT = "LINGGONG_SERVER_CERT"
ENV_KEY = "LINGGONG_SERVER_KEY"
ENV_METRICS_TOKEN = "LINGGONG_METRICS_TOKEN"  # noqa: S105 - a variable's name
METRICS_TOKEN_FILE = "metrics.token"  # noqa: S105 - a file name
# prometheus_client's multiprocess mode: each worker writes its figures to files here, and a scrape
# of any worker adds up all of them.
ENV_MULTIPROC = "PROMETHEUS_MULTIPROC_DIR"

log = logging.getLogger("linggong.server")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("server", help="中心同步服务器，及其站点管理")
    p.add_argument("--db", metavar="URL", help=f"数据库地址（默认：数据目录里的SQLite文件server.db；${ENV_DB}）")
    p.add_argument("--host", help=f"监听地址（默认127.0.0.1；${ENV_HOST}）")
    p.add_argument("--port", type=int, help=f"端口（默认8765；${ENV_PORT}）")
    p.add_argument("--workers", type=int, help=f"工作进程数（默认1；${ENV_WORKERS}）")
    p.add_argument(
        "--cert", metavar="文件", help=f"TLS证书（PEM；默认：首次启动时在数据目录tls/里生成的自签名证书；${ENV_CERT}）"
    )
    p.add_argument("--key", metavar="文件", help=f"证书的私钥（PEM；${ENV_KEY}）")
    p.add_argument(
        "--plain-http",
        action="store_true",
        help="不加密，以明文http服务（只应用于本机测试或TLS反向代理之后）；登记码不带证书指纹",
    )
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
    looks = actions.add_parser("lookups", help="列出各站按身份证号码查询他站人员的记录（谁、何时、为何）")
    looks.add_argument("--station", default="", metavar="站点代码", help="只看这个站点")
    looks.add_argument("--days", type=int, default=30, help="最近多少天（默认30）")


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
        return _admin(args, engine, data_dir)
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


def _certificate(args: argparse.Namespace, data_dir: Path) -> tuple[Path, Path]:
    """The certificate and key the server serves: given, or the self-signed one in the data dir."""
    from server.tls import CertificateError, ensure_self_signed

    cert, key = args.cert or os.environ.get(ENV_CERT), args.key or os.environ.get(ENV_KEY)
    if bool(cert) != bool(key):
        raise CertificateError("证书和私钥须一起给出（--cert 和 --key）")
    if cert and key:
        return Path(cert), Path(key)
    return ensure_self_signed(data_dir)


def _pinned_code(args: argparse.Namespace, data_dir: Path, code: str) -> str:
    """The enrolment code with the server certificate's fingerprint (none for a plain-http server)."""
    from app.sync.transport import join_code
    from server.tls import fingerprint_file, spaced

    if args.plain_http:
        print("服务器以明文http运行（--plain-http）：登记码不带证书指纹")
        return code
    fingerprint = fingerprint_file(_certificate(args, data_dir)[0])
    print(f"服务器证书指纹（SHA-256）：{spaced(fingerprint)}")
    return join_code(code, fingerprint)


def _admin(args: argparse.Namespace, engine: Any, data_dir: Path) -> int:
    from server import admin
    from server.tls import CertificateError

    try:
        if args.action == "add-station":
            new = admin.add_station(engine, args.name, args.region, args.code)
            print(f"已添加站点 {new.code}（{new.name}，地区 {new.region}）")
            code = _pinned_code(args, data_dir, new.enrol_code)
            print(
                f"登记码有效至 {new.expires:%Y-%m-%d %H:%M} UTC；"
                "在站点上运行 linggong enroll https://服务器地址:端口 登记码（下面一整行，连同证书指纹）"
            )
            print(code)
        elif args.action == "new-code":
            new = admin.new_enrol_code(engine, args.code)
            code = _pinned_code(args, data_dir, new.enrol_code)
            print(f"站点 {new.code} 的新登记码（旧凭证已失效），有效至 {new.expires:%Y-%m-%d %H:%M} UTC")
            print(code)
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
        elif args.action == "lookups":
            _print_lookups(engine, args.station, args.days)
    except (admin.AdminError, CertificateError) as exc:
        return _err(str(exc))
    return 0


def _print_lookups(engine: Any, station: str, days: int) -> None:
    from datetime import timedelta

    from db.base import utcnow
    from server.sync import list_lookups

    rows = list_lookups(engine, station, utcnow() - timedelta(days=max(1, days)))
    print(f"{'时间(UTC)':<18}{'站点':<8}{'方式':<6}{'结果':<8}{'经办人':<10}原因")
    for r in rows:
        via = "登记" if r.via == "register" else "查询"
        found = "找到" if r.seeker_id else "未找到"
        print(f"{r.at:%Y-%m-%d %H:%M}  {r.station_code:<8}{via:<6}{found:<8}{r.clerk or '-':<10}{r.reason}")
    print(f"共 {len(rows)} 次")


def app_from_env() -> Any:
    """The ASGI app for uvicorn's worker processes (they read the database URL from the environment)."""
    from server.api import create_app
    from server.store import make_engine
    from server.vault import ENV_KEYS, read_key_file

    return create_app(
        make_engine(os.environ[ENV_DB]),
        read_key_file(Path(os.environ[ENV_KEYS])),
        metrics_token=os.environ.get(ENV_METRICS_TOKEN) or None,
    )


def _metrics_token(data_dir: Path) -> str:
    """The bearer token /metrics asks for: from the environment, else metrics.token in the data dir
    (made at first start, 0600; give it to Prometheus as `authorization: credentials_file`)."""
    from app.files import write_atomic

    given = os.environ.get(ENV_METRICS_TOKEN, "").strip()
    if given:
        return given
    path = data_dir / METRICS_TOKEN_FILE
    with suppress(FileNotFoundError):
        kept = path.read_text(encoding="ascii").strip()
        if kept:
            return kept
    token = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, token.encode("ascii"), mode=0o600)
    print(f"指标 /metrics 的凭证已写入 {path}")
    return token


def _multiproc_dir(data_dir: Path) -> Path:
    """A clean directory for the workers' metrics files (a previous run's would be counted again)."""
    path = data_dir / "metrics-workers"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _serve(args: argparse.Namespace, url: str, data_dir: Path, keys_at: Path) -> int:
    import uvicorn

    from app.logs import setup_logging
    from app.sync.transport import is_loopback
    from server.tls import CertificateError, fingerprint_file, spaced
    from server.vault import ENV_KEYS

    setup_logging(data_dir / "logs", console=True, file_name="server.log")
    host = args.host or os.environ.get(ENV_HOST) or "127.0.0.1"
    port = args.port or int(os.environ.get(ENV_PORT) or 8765)
    workers = args.workers or int(os.environ.get(ENV_WORKERS) or 1)
    cert_file = key_file = None
    if args.plain_http:
        scheme = "http"
        if is_loopback(f"http://{host}"):
            print(f"以明文http在本机 {host}:{port} 上服务（--plain-http）：只有本机的程序能连上")
        else:
            print(
                f"警告：以明文http在 {host}:{port} 上服务（--plain-http）：凭证和部署密钥会明文经过网络，"
                "只应在TLS反向代理之后或受信的内网里这样运行",
                file=sys.stderr,
            )
    else:
        scheme = "https"
        try:
            cert, key = _certificate(args, data_dir)
            fingerprint = fingerprint_file(cert)
            # Loaded once here, so a bad pair is said plainly before any worker starts.
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
        except CertificateError as exc:
            return _err(str(exc))
        except (OSError, ssl.SSLError) as exc:
            return _err(f"证书或私钥不能用（{getattr(exc, 'reason', None) or exc}）：请检查 --cert 和 --key")
        cert_file, key_file = str(cert), str(key)
        print(f"以https在 {host}:{port} 上服务；证书 {cert}，指纹（SHA-256）{spaced(fingerprint)}")
    log.info("server starting on %s://%s:%s (%s worker(s), database %s)", scheme, host, port, workers, _safe_url(url))
    os.environ[ENV_DB] = url
    os.environ[ENV_METRICS_TOKEN] = _metrics_token(data_dir)
    if workers > 1:
        # Before the workers start (they read it when they first import prometheus_client).
        os.environ[ENV_MULTIPROC] = str(_multiproc_dir(data_dir))
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
            ssl_certfile=cert_file,
            ssl_keyfile=key_file,
        )
    except OSError as exc:
        return _err(f"服务器无法在 {host}:{port} 上监听：{exc.strerror or exc}")
    return 0
