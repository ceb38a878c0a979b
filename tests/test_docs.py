"""The documentation's commands cannot go stale, and every command has help text.

Every line in a fenced code block of ``README.md`` or ``docs/*.md`` that starts
with ``compliance `` (optionally after a ``$ `` prompt) is run from the repository
root through Typer's CliRunner.  It must exit 0 or 1 (findings), never 2, and
never print a traceback.  A line meant as illustration only ends in ``# not run``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from compliance.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([*(ROOT / "docs").glob("*.md"), *ROOT.glob("README.md")])
FENCE = re.compile(r"^\s*(```|~~~)")
SHELL_OPERATORS = {"|", "||", "&&", ";", ">", ">>", "2>", "2>&1", "&"}
SKIP = "# not run"


@dataclass(frozen=True)
class DocCommand:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.text}"


def doc_commands(path: Path) -> list[DocCommand]:
    """``compliance ...`` lines inside fenced blocks, continuation lines joined."""
    found: list[DocCommand] = []
    in_fence = False
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if not in_fence:
            continue
        line = raw.strip()
        if pending is not None:
            start, text = pending
            text = f"{text} {line.removesuffix(chr(92)).strip()}"
            pending = (start, text) if line.endswith("\\") else None
            if pending is None:
                found.append(DocCommand(path, start, text))
            continue
        line = line.removeprefix("$ ")
        if not line.startswith("compliance "):
            continue
        if line.endswith("\\"):
            pending = (number, line.removesuffix("\\").strip())
        else:
            found.append(DocCommand(path, number, line))
    return [c for c in found if not c.text.rstrip().endswith(SKIP)]


def argv(command: DocCommand) -> list[str]:
    """The arguments after ``compliance``, up to any shell operator or comment."""
    words = shlex.split(command.text, comments=True)
    for i, word in enumerate(words):
        if word in SHELL_OPERATORS:
            words = words[:i]
            break
    return words[1:]


COMMANDS = [c for path in DOCS for c in doc_commands(path)]


def test_doc_commands_are_found() -> None:
    mine = {c.path.name for c in COMMANDS}
    assert {"writing-rules.md", "editor-setup.md"} <= mine, mine


def test_extraction_handles_prompts_continuations_and_skips(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text("compliance outside fence\n```console\n$ compliance rules list\n"
                   "compliance rules show \\\n  unscr-2375-op18\n"
                   "compliance schema rules -o x.json  # not run\n```\n", encoding="utf-8")
    found = [c.text for c in doc_commands(doc)]
    assert found == ["compliance rules list", "compliance rules show unscr-2375-op18"]
    assert argv(DocCommand(doc, 1, "compliance schema rules | head -3")) == ["schema", "rules"]


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_doc_command_runs(command: DocCommand, runner: CliRunner,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, argv(command))
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in output, f"{command}\n{output}"
    assert result.exit_code in (0, 1), f"{command} exited {result.exit_code}:\n{output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{command} raised {result.exception!r}")


def _commands(group: Any, prefix: str = "compliance") -> list[tuple[str, Any]]:
    # Typer vendors its own click, so walk the tree by attributes, not isinstance.
    out = [(prefix, group)]
    for name, sub in sorted((getattr(group, "commands", None) or {}).items()):
        out.extend(_commands(sub, f"{prefix} {name}"))
    return out


CLI_COMMANDS = _commands(typer.main.get_command(app))


def test_command_tree_is_walked() -> None:
    names = {name for name, _ in CLI_COMMANDS}
    assert {"compliance check", "compliance schema", "compliance rules validate",
            "compliance rules diff", "compliance rules verify-quotes"} <= names, names


@pytest.mark.parametrize(("name", "command"), CLI_COMMANDS,
                         ids=[name for name, _ in CLI_COMMANDS])
def test_every_command_has_help(name: str, command: Any) -> None:
    assert (command.help or command.short_help or "").strip(), f"'{name}' has no help text"
    for param in command.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            assert (param.help or "").strip(), f"'{name}' option {param.opts} has no help text"


def test_case_format_lists_every_fact_of_the_vocabulary() -> None:
    """docs/case-format.md's fact tables are those the vocabulary gives (no fact undocumented)."""
    from compliance.vocabulary.docs import rewrite

    doc = ROOT / "docs" / "case-format.md"
    text = doc.read_text(encoding="utf-8")
    assert "<!-- vocabulary:relationship -->" in text
    assert "<!-- vocabulary:party -->" in text
    assert rewrite(text) == text, "run: python -m compliance.vocabulary.docs docs/case-format.md"


def test_the_module_map_matches_the_modules() -> None:
    """CONTRIBUTING.md's module map is each module's docstring: run
    ``python scripts/module_map.py`` after adding, moving or redescribing a module."""
    from scripts.module_map import DOC, rewrite

    text = DOC.read_text(encoding="utf-8")
    assert rewrite(text) == text, "the module map is stale: run python scripts/module_map.py"
