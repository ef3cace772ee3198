"""A counter that registers people and syncs until it is killed (tests/server/test_crash.py).

After each registration commits, its ID number is appended to the journal file, so the test knows
what the clerk was told was saved."""

from __future__ import annotations

import contextlib
import os
import random
from datetime import date, timedelta
from pathlib import Path

from app.errors import SyncError


def work(root: str, url: str, token: str, journal: str, first: int, seed: int) -> None:
    from app.services.seekers import SeekerInput
    from app.station import open_station
    from app.sync.client import SyncClient
    from app.sync.transport import Transport
    from tests.conftest import install_test_clock, make_id

    install_test_clock()  # the day the test's server runs at, or its stamps look days out

    rng = random.Random(seed)
    station = open_station(Path(root))
    client = SyncClient(station, transport=Transport(url, token, timeout=5, attempts=2, backoff=0.01, max_wait=0.1))
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.write(fd, b"ready\n")
    n = first
    while True:
        if rng.random() < 0.6:
            born = date(1980, 1, 1) + timedelta(days=n // 1000)
            number = make_id(f"520102{born:%Y%m%d}", f"{n % 1000:03d}")
            saved = station.seekers.save(
                SeekerInput(
                    name="李四",
                    id_number=number,
                    phone=f"138{n:08d}",
                    district_code="520102",
                    job_types=["4-03-02-05"],
                    consent=True,
                    wage_expect="150",
                    wage_unit="day",
                )
            )
            os.write(fd, f"saved {number}\n".encode())
            if rng.random() < 0.3:  # and changed at once, like a clerk correcting a phone number
                from dataclasses import replace

                station.seekers.save(
                    replace(
                        SeekerInput(
                            name="李四",
                            id_number="",
                            phone=f"139{n:08d}",
                            district_code="520102",
                            job_types=["4-03-02-05"],
                            consent=True,
                            wage_expect="150",
                            wage_unit="day",
                        )
                    ),
                    seeker_id=saved.seeker_id,
                )
                os.write(fd, f"phone {number} 139{n:08d}\n".encode())
            n += 1
        else:
            with contextlib.suppress(SyncError):
                client.sync()
