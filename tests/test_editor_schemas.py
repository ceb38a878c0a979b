"""The real yaml-language-server, driven over stdio, agrees with the tool.

These run ``scripts/check_editor_schemas.py`` with the settings of
``docs/editor-setup.md``.  When npm is present and the pinned server is not yet
installed, it is installed first from the lock file (``npm ci --prefix
scripts/editor``), so the README's test command runs them as CI does; without
Node.js and npm (or the registry), they skip and say why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compliance.inputs.cases import load_case
from scripts.check_editor_schemas import (
    PACKAGE,
    ROOT,
    check,
    editor_settings,
    server_command,
    shipped_files,
)


def _install() -> str | None:
    """Install the pinned server if npm can; the reason it cannot, or ``None``."""
    if server_command() is not None:
        return None
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "Node.js and npm are not installed"
    done = subprocess.run([npm, "ci", "--prefix", str(PACKAGE), "--no-audit", "--no-fund",
                           "--loglevel=error"], capture_output=True, text=True, timeout=600,
                          check=False)
    if done.returncode != 0 or server_command() is None:
        return f"npm ci --prefix {PACKAGE.relative_to(ROOT)} failed: {done.stderr.strip()[:200]}"
    return None


_MISSING = _install()
pytestmark = pytest.mark.skipif(_MISSING is not None,
                                reason=f"yaml-language-server unavailable: {_MISSING}")

MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S+\n", re.MULTILINE)


def _docs_example() -> str:
    """The complete case of docs/case-format.md, modeline and all."""
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(# yaml-language-server: .*?)```", text, re.DOTALL)
    assert match, "docs/case-format.md lost its complete example"
    return match.group(1)


def test_shipped_files_have_no_editor_diagnostics() -> None:
    """The flagship had 3 false errors (``value: unknown``); none of the shipped cases,
    rules and rule tests may have any."""
    assert [d.format() for d in check(shipped_files())] == []


def test_docs_example_is_valid_in_the_editor_and_the_tool(tmp_path: Path) -> None:
    """The example had 8 false errors (``country: KP``, ``start: 2019-03-01``,
    ``cooperative_entity: no``...); it is opened where its modeline points at the schema."""
    example = _docs_example()
    assert [d.format() for d in check({ROOT / "cases" / "docs-example.yaml": example})] == []
    path = tmp_path / "docs-example.yaml"
    path.write_text(example, encoding="utf-8")
    assert load_case(path).case.id == "acme-transit-2019"


def test_documented_settings_associate_the_schemas() -> None:
    """Without a modeline, the ``yaml.schemas`` of docs/editor-setup.md apply the case,
    rule and rule-test schemas: a mistake in each is underlined where the tool puts it."""
    case = MODELINE.sub("", _docs_example()).replace("country: NO ", "country: Norway ")
    rule_path = ROOT / "compliance" / "catalogue" / "rules" / "unscr" / "unscr-2375-op18.yaml"
    rule = MODELINE.sub("", rule_path.read_text(encoding="utf-8")).replace(
        "applies_when:\n  all:", "applies_when:\n  all_of:", 1)
    test_path = ROOT / "compliance" / "catalogue" / "tests" / "unscr-2375-op18.yaml"
    tests = MODELINE.sub("", test_path.read_text(encoding="utf-8")).replace(
        "rule: unscr-2375-op18", "rule: Unscr 2375", 1)
    found = check({ROOT / "cases" / "no-modeline.yaml": case,
                   ROOT / "compliance" / "catalogue" / "rules" / "unscr" / "no-modeline.yaml": rule,
                   ROOT / "compliance" / "catalogue" / "tests" / "no-modeline.yaml": tests},
                  editor_settings())
    shown = [d.format() for d in found]
    assert any(d.path == "cases/no-modeline.yaml" and "country code" in d.message
               for d in found), shown
    assert any(d.path.endswith("rules/unscr/no-modeline.yaml") and "all_of" in d.message
               for d in found), shown
    assert any(d.path.endswith("tests/no-modeline.yaml") and d.line == 1 for d in found), shown


def test_settings_come_from_the_docs() -> None:
    settings = editor_settings()["yaml"]
    assert settings["validate"] is True
    globs = {g for value in settings["schemas"].values()
             for g in ([value] if isinstance(value, str) else value)}
    assert {"cases/*.yaml", "compliance/catalogue/rules/**/*.yaml",
            "compliance/catalogue/tests/*.yaml"} <= globs
