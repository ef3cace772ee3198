"""Try the built archive the way a counter PC meets it: `make dist-check`.

The archive is unpacked into an empty folder and every run of the frozen program happens in a
mount namespace where the machine's fonts, its Python installations and this source tree are
hidden, with a bare environment (no PYTHONPATH, no virtual environment, a new HOME). Inside, the
smoke test first proves that no font and no usable Python are left, then runs:

- `linggong --version` and `linggong --self-test` (offscreen);
- the headless tools: `demo` (into the station's practice folder), `board --snapshot` of it,
  `import seekers --template`;
- `linggong server --workers 2` on SQLite over HTTPS with the self-signed certificate it makes
  (worker processes are the frozen program started again), `server add-station`, `enroll` with the
  code that pins the certificate, and `sync` against it.

It fails when the archive is over 90 MB (issue 7's target). Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from server.net import free_port  # noqa: E402 — standard library only, like this script

MAX_ARCHIVE = 90 * 1000 * 1000


class SmokeFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"[smoke] {message}", flush=True)


def hidden_paths(work: Path) -> list[str]:
    """What a counter PC without Python and without Chinese fonts would not have (never a folder
    holding `work`, where the program is unpacked)."""
    home = Path.home()
    candidates = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        str(home / ".fonts"),
        str(home / ".local/share/fonts"),
        *map(str, Path("/usr/lib").glob("python3*")),
        *map(str, Path("/usr/local/lib").glob("python3*")),
        str(home / ".pyenv"),
        str(home / ".local/lib"),
        str(ROOT),
    ]
    return sorted({p for p in candidates if Path(p).is_dir() and not work.is_relative_to(p)})


class Isolated:
    """Runs commands as they would run on a bare counter PC.

    Best: a mount namespace (as root, or as a user where the kernel allows user namespaces) with
    the fonts, the Pythons and the source tree covered by empty folders. Without one: fontconfig
    given a configuration without fonts, and a PATH holding only the shell tools used here (the
    Pythons still exist on disk then, so this is weaker and says so).
    """

    NAMESPACES = (("--mount",), ("--user", "--map-root-user", "--mount"))

    def __init__(self, home: Path) -> None:
        self.home = home
        (home / "tmp").mkdir(parents=True, exist_ok=True)
        self.unshare = shutil.which("unshare") or "unshare"
        self.flags = next((f for f in self.NAMESPACES if self._can_hide(f)), None)
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "TMPDIR": str(home / "tmp"),
        }
        if self.flags is None:
            conf = home / "fonts.conf"
            conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{home / "fc"}</cachedir></fontconfig>')
            self.env["FONTCONFIG_FILE"] = str(conf)
            tools = home / "bin"
            tools.mkdir()
            for name in ("sh", "wc", "fc-list"):
                if found := shutil.which(name):
                    (tools / name).symlink_to(found)
            self.env["PATH"] = str(tools)

    @property
    def how(self) -> str:
        if self.flags is None:
            return "no mount namespace here: FONTCONFIG_FILE without fonts, PATH without Python (weaker)"
        return "user and mount namespace" if "--user" in self.flags else "mount namespace"

    def _can_hide(self, flags: tuple[str, ...]) -> bool:
        probe = self.home / "probe"
        probe.mkdir(exist_ok=True)
        command = [self.unshare, *flags, "--propagation", "private", "sh", "-c", f"mount -t tmpfs none {probe}"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0

    def argv(self, command: str) -> list[str]:
        if self.flags is None:
            return ["/bin/sh", "-c", command]
        mounts = "".join(f"mount -t tmpfs none {shlex.quote(p)} && " for p in hidden_paths(self.home))
        return [self.unshare, *self.flags, "--propagation", "private", "sh", "-c", mounts + command]

    def run(self, command: str, *, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(command), env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )

    def start(self, command: str, log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen(
                self.argv("exec " + command), env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )


def expect(done: subprocess.CompletedProcess[str], what: str, *, contains: str = "") -> str:
    if done.returncode != 0 or (contains and contains not in done.stdout):
        raise SmokeFailed(f"{what}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def processes_in_group(pgid: int) -> int:
    """How many processes of the frozen program run in the server's session (Linux /proc)."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and "linggong" in stat.with_name("cmdline").read_text():
                count += 1
    return count


def check_bare(box: Isolated) -> None:
    fonts = box.run("fc-list 2>/dev/null | wc -l")
    python = box.run("python3 -c 'import encodings' 2>/dev/null && echo yes || echo no")
    n_fonts = fonts.stdout.strip() or "?"
    if python.stdout.strip() != "no":
        raise SmokeFailed("a Python is still usable inside the isolated environment")
    if n_fonts not in ("0", "?"):
        raise SmokeFailed(f"{n_fonts} fonts are still visible inside the isolated environment")
    hidden = ", ".join(hidden_paths(box.home)) if box.flags else "-"
    say(f"isolated ({box.how}): fonts visible: {n_fonts}, python3 usable: no; hidden: {hidden}")


def smoke(archive: Path, work: Path) -> None:
    size = archive.stat().st_size
    say(f"{archive.name}: {size / 1e6:.1f} MB (target ≤ {MAX_ARCHIVE / 1e6:.0f} MB)")
    if size > MAX_ARCHIVE:
        raise SmokeFailed(f"the archive is {size / 1e6:.1f} MB, over {MAX_ARCHIVE / 1e6:.0f} MB")
    with tarfile.open(archive) as t:
        # The "tar" filter (no absolute paths, no device files) where this Python has it (3.11.4+).
        options = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}
        t.extractall(work / "opt", **options)  # noqa: S202 — our own archive
    exe = shlex.quote(str(work / "opt" / "linggong" / "linggong"))
    for needed in ("linggong.desktop", "linggong-board.desktop", "linggong.png", "install-desktop-entry.sh"):
        if not (work / "opt" / "linggong" / needed).is_file():
            raise SmokeFailed(f"the archive has no {needed}")

    box = Isolated(work / "home")
    check_bare(box)

    out = expect(box.run(f"{exe} --version"), "--version", contains="linggong ")
    say(out.strip())
    started = time.monotonic()
    pictures = shlex.quote(str(work / "selftest"))  # kept with --keep: the slip, the windows as drawn there
    out = expect(box.run(f"{exe} --self-test {pictures}"), "--self-test", contains="自检通过")
    print(out, end="", flush=True)
    say(f"self-test passed in {time.monotonic() - started:.1f} s")

    station = shlex.quote(str(work / "station"))
    expect(box.run(f"{exe} --data-dir {station} demo --seekers 40 --postings 6 --referrals 5"), "demo")
    png = work / "board.png"
    expect(
        box.run(f"{exe} --data-dir {station} --practice board --snapshot {shlex.quote(str(png))}"), "board --snapshot"
    )
    if not png.is_file() or png.stat().st_size < 20_000:
        raise SmokeFailed("board --snapshot wrote no picture")
    template = work / "seekers.xlsx"
    expect(box.run(f"{exe} import seekers --template {shlex.quote(str(template))}"), "import --template")
    say(f"tools: demo station made, board snapshot {png.stat().st_size // 1024} KB, import template written")

    server_dir = work / "server"
    db = shlex.quote(f"sqlite:///{server_dir / 'server.db'}")
    port = free_port()
    server = box.start(
        f"{exe} --data-dir {shlex.quote(str(server_dir))} server --db {db} --port {port} --workers 2",
        work / "server.log",
    )
    try:
        url = f"https://127.0.0.1:{port}"
        # Only "is it up" here: the station's enroll and sync below check the pinned certificate.
        unpinned = ssl.create_default_context()
        unpinned.check_hostname, unpinned.verify_mode = False, ssl.CERT_NONE
        deadline = time.monotonic() + 60
        while True:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{url}/healthz", timeout=2, context=unpinned) as answer,  # noqa: S310
            ):
                if answer.status == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SmokeFailed("the server did not answer /healthz:\n" + (work / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        workers = processes_in_group(server.pid)
        if workers < 3:
            raise SmokeFailed(f"`server --workers 2` runs {workers} process(es), not a parent and 2 workers")
        added = expect(
            box.run(
                f"{exe} --data-dir {shlex.quote(str(server_dir))} server --db {db} add-station "
                "--name 冒烟测试服务台 --region 520100"
            ),
            "server add-station",
        )
        code = added.strip().splitlines()[-1].strip()
        if "/sha256:" not in code:
            raise SmokeFailed(f"the enrolment code carries no certificate fingerprint: {code}")
        expect(box.run(f"{exe} --data-dir {station} enroll {url} {shlex.quote(code)}"), "enroll")
        synced = expect(box.run(f"{exe} --data-dir {station} sync"), "sync")
        say(f"server ({workers} processes): station enrolled and synced: {synced.strip()}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the unpacked folder and its data")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="linggong-smoke-"))
    try:
        smoke(args.archive, work)
    except (SmokeFailed, subprocess.TimeoutExpired) as exc:
        say(f"FAILED: {exc}")
        say(f"kept for a look: {work}")
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    say("the build works on a machine without fonts or Python")
    return 0


if __name__ == "__main__":
    sys.exit(main())
