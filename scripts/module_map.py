"""Rewrite the module map of CONTRIBUTING.md from each module's docstring.

The map lists every module of ``compliance/`` and ``scripts/`` with the first line
of its docstring, package by package in the order data flows (inputs to outputs),
between the ``<!-- modules -->`` markers.  ``tests/test_docs.py`` fails until the
map matches the code: run ``python scripts/module_map.py`` after adding, moving or
redescribing a module.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "CONTRIBUTING.md"
ORDER = ("compliance", "compliance/vocabulary", "compliance/models", "compliance/inputs",
         "compliance/engine", "compliance/engine/operators", "compliance/render",
         "compliance/render/speedups", "compliance/output", "compliance/reviewing",
         "compliance/cli", "scripts")
"""Folders in the order of the data flow; a folder not listed comes last."""
MARKERS = re.compile(r"(<!-- modules -->\n).*?(<!-- /modules -->)", re.S)


def summary(path: Path) -> str:
    """The first line of a module's docstring (a module without one is an error)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not doc:
        raise SystemExit(f"{path.relative_to(ROOT)}: no module docstring; write one")
    return " ".join(doc.split("\n\n")[0].split()).replace("|", "\\|")


def table() -> str:
    """The map as a Markdown table."""
    files = [p for p in (*ROOT.glob("compliance/**/*.py"), *ROOT.glob("scripts/*.py"))
             if "__pycache__" not in p.parts and p.read_text(encoding="utf-8").strip()]

    def key(p: Path) -> tuple[int, str]:
        folder = p.parent.relative_to(ROOT).as_posix()
        rank = ORDER.index(folder) if folder in ORDER else len(ORDER)
        return rank, "" if p.name == "__init__.py" else p.name

    rows = [f"| `{p.relative_to(ROOT).as_posix()}` | {summary(p)} |"
            for p in sorted(files, key=key)]
    return "| module | what it does |\n|---|---|\n" + "\n".join(rows) + "\n"


def rewrite(text: str) -> str:
    """``text`` with its map replaced by the current one."""
    if not MARKERS.search(text):
        raise SystemExit(f"{DOC.name}: no <!-- modules --> markers")
    return MARKERS.sub(lambda m: m.group(1) + table() + m.group(2), text)


def main() -> int:
    DOC.write_text(rewrite(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
