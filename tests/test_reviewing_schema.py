"""`compliance schema`: generated JSON Schema, and the committed copies are current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.reviewing.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "docs" / "schema"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = SCHEMA_DIR / SCHEMAS[name][1]
    assert committed.read_text(encoding="utf-8") == schema_text(name), (
        f"{committed} is stale; run: compliance schema {name} -o {committed.relative_to(ROOT)}")


def test_schema_prints_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "rules"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "compliance rule file"
    assert "provision" in schema["required"]
    in_force = schema["$defs"]["InForce"]["properties"]
    assert "from" in in_force, "aliases must be used"
    assert "from_" not in in_force, "aliases must be used"
    assert schema["additionalProperties"] is False


def test_schema_writes_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "case.schema.json"
    result = runner.invoke(app, ["schema", "case", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, "")
    assert out.read_text(encoding="utf-8") == schema_text("case")


def test_unknown_schema_name_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "rule"])
    assert result.exit_code == 2


@pytest.mark.parametrize(("pattern", "schema"), [
    ("compliance/catalogue/rules/**/*.yaml", "rule"),
    ("compliance/catalogue/tests/*.yaml", "rule-test"),
    ("cases/*.yaml", "case"),
])
def test_shipped_files_point_at_the_schema(pattern: str, schema: str) -> None:
    paths = sorted(ROOT.glob(pattern))
    assert paths, pattern
    for path in paths:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert first != target, f"{path} has no yaml-language-server modeline"
        assert (path.parent / target).resolve() == SCHEMA_DIR / f"{schema}.schema.json", path
