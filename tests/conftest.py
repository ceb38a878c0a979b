"""Shared fixtures: the shipped rulebook, the flagship case, a CLI runner."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import load_rulebook

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"
CASES = ROOT / "cases"
FLAGSHIP = CASES / "dprk-internet-transit-2017.yaml"
SHARED = ROOT.parent / "shared"


def load_synth() -> ModuleType:
    """``benchmarks/synth.py``, the synthetic case generator (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook([RULES])


@pytest.fixture(scope="session")
def flagship() -> LoadedCase:
    return load_case(FLAGSHIP)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    return CliRunner()
