"""The built wheel works anywhere: it carries its catalogue, vocabulary, templates and fonts.

The wheel is built from the source tree, installed into a fresh virtual
environment (its dependencies come from this one, so nothing is downloaded but
the build backend), and run from a folder outside the source tree that holds a
decoy ``rules/`` folder: the installed catalogue must be used, not the decoy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "cases" / "dprk-internet-transit-2017.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("compliance-*.whl")
    return built


def test_the_wheel_carries_its_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("compliance/catalogue/rules/unscr/unscr-2375-op18.yaml",
                   "compliance/catalogue/tests/unscr-2375-op18.yaml",
                   "compliance/catalogue/scope.yaml",
                   "compliance/vocabulary/facts.yaml",
                   "compliance/render/templates/assessment.html.j2",
                   "compliance/render/templates/print.css",
                   "compliance/render/templates/fonts/DejaVuSans.ttf",
                   "compliance/py.typed"):
        assert needed in names, needed
    assert not any(n.startswith(("tests/", "cases/", "benchmarks/")) for n in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    # The dependencies are this environment's: a path line in a .pth file adds its
    # site-packages without running its own .pth files (so an editable install of the
    # source tree there stays invisible).
    purelib = subprocess.run([str(python), "-c", "import sysconfig;"
                              " print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env


def _run(env: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run([str(env / "bin" / "compliance"), *args], cwd=cwd, env=clean,
                          capture_output=True, text=True, timeout=300)


def test_the_installed_tool_checks_and_reports_outside_the_source_tree(
        installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(FLAGSHIP, work / FLAGSHIP.name)
    (work / "rules").mkdir()  # a decoy: an installed tool never reads ./rules
    (work / "rules" / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    where = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import compliance; print(compliance.__file__)"],
                           cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(installed) in where, where
    assert str(ROOT) not in where, where
    check = _run(installed, work, "check", FLAGSHIP.name, "--format", "json")
    assert check.returncode == 0, check.stderr
    assert '"rulebook_source": "installed"' in check.stdout
    report = _run(installed, work, "report", FLAGSHIP.name, "-o", "out.pdf")
    assert report.returncode == 0, report.stderr
    assert (work / "out.pdf").read_bytes().startswith(b"%PDF-")
    tests = _run(installed, work, "rules", "test")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert ", 0 failed (" in tests.stdout, tests.stdout
