"""`linggong slip CODE --layout … --out FILE.pdf`: the same slip, headless."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.services.employers import EmployerInput
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import TODAY, open_posting


def test_slip_command_writes_a_pdf_whose_qr_scans_back(
    station: Station, boss: Supervisor, company: EmployerInput, person: object, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    if shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None:
        pytest.fail("install poppler-utils and zbar-tools (make test does)")
    employer = station.employers.save(company, today=TODAY).employer_id
    posting = open_posting(station, boss, employer, job_type="4-03-02-05", district_code="520102")
    seeker = station.seekers.save(person, today=TODAY).seeker_id  # type: ignore[arg-type]
    code = station.referrals.refer(seeker, posting, clerk="刘文", today=TODAY).code
    root = station.data.root
    station.close()

    out = tmp_path / "slip.pdf"
    assert main(["--data-dir", str(root), "slip", code.lower(), "--layout", "receipt", "--out", str(out)]) == 0
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "p")], check=True)
    [png] = tmp_path.glob("p*.png")
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True)

    assert scanned.stdout.startswith(f"LG1:{code}:")
    assert main(["--data-dir", str(root), "slip", "GY01-20200101-0001", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有编号为GY01-20200101-0001的推荐记录" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
