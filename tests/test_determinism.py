"""Same inputs, same bytes: across processes with different hash seeds.

Set and dict iteration order of strings changes with ``PYTHONHASHSEED``; anything
that leaked it into findings, JSON or the PDF would differ between these runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "cases" / "dprk-internet-transit-2017.yaml"
SEEDS = ("0", "1", "4242")


def _run(seed: str, *args: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "COMPLIANCE_CACHE_DIR": "off"}
    done = subprocess.run([sys.executable, "-m", "compliance", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


def test_check_json_is_the_same_whatever_the_hash_seed() -> None:
    outputs = {_run(seed, "check", str(FLAGSHIP), "cases/koryolink.yaml", "--format", "json",
                    "--all") for seed in SEEDS}
    assert len(outputs) == 1


@pytest.mark.pdf
def test_the_pdf_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    pdfs = set()
    for seed in SEEDS[:2]:
        out = tmp_path / f"{seed}.pdf"
        _run(seed, "report", str(FLAGSHIP), "-o", str(out))
        pdfs.add(out.read_bytes())
    assert len(pdfs) == 1
