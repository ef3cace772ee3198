"""Build the frozen `linggong` folder and its archive: `make dist` on Linux, `py packaging\\build.py`
on Windows. Standard library only, so any Python 3.11 can run it.

1. A virtual environment under build/dist-venv holding only packaging/requirements-dist.txt (the
   program's dependencies and PyInstaller; made again when that file changes).
2. PyInstaller with packaging/linggong.spec into build/pyi/dist/linggong.
3. Beside the program: the icon, desktop entries and a script that installs them (Linux), and a
   short text for the IT person; then dist/linggong-VERSION-linux-x86_64.tar.gz (or
   -windows-x86_64.zip).
"""

from __future__ import annotations

import hashlib
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
VENV = ROOT / "build" / "dist-venv"
REQUIREMENTS = ROOT / "packaging" / "requirements-dist.txt"
SPEC = ROOT / "packaging" / "linggong.spec"
PYI = ROOT / "build" / "pyi"
FOLDER = PYI / "dist" / "linggong"
DIST = ROOT / "dist"

DESKTOP = """[Desktop Entry]
Type=Application
Version=1.0
Name={en_name}
Name[zh_CN]={name}
GenericName={en_generic}
GenericName[zh_CN]={generic}
Comment={en_comment}
Comment[zh_CN]={comment}
Exec={exec}{args}
Icon=linggong
Terminal=false
Categories=Office;
StartupWMClass=linggong
"""

ENTRIES = {
    "linggong.desktop": {
        "en_name": "Linggong Counter",
        "name": "零工市场服务台",
        "en_generic": "Odd-job market counter",
        "generic": "零工市场窗口服务",
        "en_comment": "Register job seekers and employers, match them, print referral slips",
        "comment": "登记求职人员和用人单位，推荐匹配，打印推荐介绍信",
        "args": "",
    },
    "linggong-board.desktop": {
        "en_name": "Linggong Hall Board",
        "name": "零工市场大屏",
        "en_generic": "Odd-job market hall board",
        "generic": "零工市场大屏",
        "en_comment": "Open posts and the day's counts on the hall's big screen",
        "comment": "在大厅大屏上显示在招岗位和当日数据",
        "args": " board",
    },
}

README_TXT = """零工市场服务台 linggong {version}

检查这台电脑能否运行（不需要网络，不改动任何已有数据）：
  Linux:   ./linggong --self-test
  Windows: linggong.exe --self-test
打开服务台：linggong（Windows 上用 linggongw.exe，无控制台窗口）
打开大屏：  linggong board（Windows 上用 linggongw.exe board）
其他命令：  linggong --help

Linux: 解压到 /opt/linggong（或任何文件夹），再运行 ./install-desktop-entry.sh 把服务台和大屏加入菜单
（为所有用户：sudo ./install-desktop-entry.sh --all-users）。
数据保存在每个用户的数据目录（Linux: ~/.local/share/Linggong/linggong，
Windows: %APPDATA%\\Linggong\\linggong），或用 --data-dir 指定；升级时只替换本文件夹，数据不受影响。
"""


def log(message: str) -> None:
    print(f"[dist] {message}", flush=True)


def version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("app/__init__.py has no __version__")
    return found.group(1)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def ensure_venv() -> Path:
    """The build environment, made again whenever the pinned requirements change."""
    stamp = VENV / ".requirements-sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if venv_python().exists() and stamp.exists() and stamp.read_text() == wanted:
        return venv_python()
    log(f"making the build environment {VENV.relative_to(ROOT)}")
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(venv_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(wanted)
    return venv_python()


def freeze(python: Path) -> None:
    log("PyInstaller: packaging/linggong.spec")
    started = time.monotonic()
    subprocess.run(
        [
            str(python),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(PYI / "dist"),
            "--workpath",
            str(PYI / "work"),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    log(f"frozen in {time.monotonic() - started:.0f} s: {FOLDER.relative_to(ROOT)}")


def add_extras(ver: str) -> None:
    shutil.copy(ROOT / "resources" / "icons" / "linggong-256.png", FOLDER / "linggong.png")
    # With a BOM on Windows, where older Notepads otherwise read it as the local code page.
    (FOLDER / "README.txt").write_text(README_TXT.format(version=ver), encoding="utf-8-sig" if WINDOWS else "utf-8")
    if WINDOWS:
        return
    # Exec points at /opt/linggong, where the README suggests unpacking; the script rewrites it.
    for name, text in ENTRIES.items():
        (FOLDER / name).write_text(DESKTOP.format(exec="/opt/linggong/linggong", **text), encoding="utf-8")
    shutil.copy(ROOT / "packaging" / "install-desktop-entry.sh", FOLDER / "install-desktop-entry.sh")


def machine() -> str:
    m = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(m, m)


def archive(ver: str) -> Path:
    DIST.mkdir(exist_ok=True)
    system = "windows" if WINDOWS else sys.platform.replace("linux2", "linux")
    stem = f"linggong-{ver}-{system}-{machine()}"
    files = sorted(p for p in FOLDER.rglob("*") if not p.is_dir())
    if WINDOWS:
        out = DIST / f"{stem}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for p in files:
                z.write(p, Path("linggong") / p.relative_to(FOLDER))
        return out
    out = DIST / f"{stem}.tar.gz"
    tmp = out.with_suffix(".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as t:  # 9 saves 0.3 MB and takes 3× as long
        t.add(FOLDER, arcname="linggong", recursive=False)
        for p in sorted(FOLDER.rglob("*")):
            t.add(p, arcname=str(Path("linggong") / p.relative_to(FOLDER)), recursive=False)
    tmp.replace(out)
    return out


def main() -> int:
    if not WINDOWS and not (shutil.which("objdump") and shutil.which("strip")):
        raise SystemExit("PyInstaller needs objdump and strip: install binutils (apt-get install binutils)")
    ver = version()
    python = ensure_venv()
    freeze(python)
    add_extras(ver)
    out = archive(ver)
    size = out.stat().st_size
    folder = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file() and not p.is_symlink())
    log(f"{out.relative_to(ROOT)}: {size / 1e6:.1f} MB (the folder: {folder / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
