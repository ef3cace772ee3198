"""How long the counter takes from launch to its first painted window, frozen and from source:
part of `make bench` (issue 7's target: frozen ≤ 1.5× unfrozen). Standard library only.

Both start on the same station (500 demo people, made once under build/bench/startup), with
LINGGONG_STARTUP_PROBE set: the counter prints a line once its main window has painted, then quits.
The clock runs from launch to that line. Runs alternate frozen/unfrozen so a noisy machine slows
both alike; the first of each is a warm-up (the disk cache), the median of the rest is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5


def launch_to_first_window(command: list[str], data_dir: Path) -> float:
    env = {**os.environ, "LINGGONG_STARTUP_PROBE": "1"}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with subprocess.Popen(
        [*command, "--data-dir", str(data_dir)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "first window painted":
                elapsed = time.perf_counter() - started
                break
        else:
            raise SystemExit(f"{command[0]} ended without showing its window (exit {proc.wait()})")
        proc.wait(60)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=ROOT / "build" / "pyi" / "dist" / "linggong" / "linggong")
    parser.add_argument("--python", type=Path, default=ROOT / ".venv" / "bin" / "python")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "build" / "bench" / "startup")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.frozen.exists():
        raise SystemExit(f"no frozen build at {args.frozen}: run `make dist` first")
    # The counter opens on the practice folder `demo` fills (demo data never goes into a real one).
    station = args.work_dir / "station" / "practice"
    unfrozen = [str(args.python), "-m", "app"]
    if not (station / "linggong.db").exists():
        subprocess.run(
            [*unfrozen, "--data-dir", str(station.parent), "demo", "--seekers", "500"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    times: dict[str, list[float]] = {"frozen": [], "unfrozen": []}
    for run in range(args.runs + 1):
        for name, command in (("unfrozen", unfrozen), ("frozen", [str(args.frozen)])):
            seconds = launch_to_first_window(command, station)
            if run:  # run 0 warms the disk cache
                times[name].append(seconds)
    frozen, source = statistics.median(times["frozen"]), statistics.median(times["unfrozen"])
    ratio = frozen / source
    verdict = "met" if ratio <= TARGET else "NOT met"
    screen = os.environ.get("QT_QPA_PLATFORM") or ("xcb/wayland" if os.environ.get("DISPLAY") else "offscreen")
    print(f"counter, launch to first painted window ({screen}; median of {args.runs}, after a warm-up):")
    print(f"  from source (python -m app): {source:.2f} s   [{', '.join(f'{t:.2f}' for t in times['unfrozen'])}]")
    print(f"  frozen build:                {frozen:.2f} s   [{', '.join(f'{t:.2f}' for t in times['frozen'])}]")
    print(f"  frozen / source: {ratio:.2f}x (target <= {TARGET}x: {verdict})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"startup_s": {"source": source, "frozen": frozen, "ratio": ratio}, **times}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
