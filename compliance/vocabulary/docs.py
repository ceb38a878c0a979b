"""The case-format tables of docs/case-format.md, written from the vocabulary.

``python -m compliance.vocabulary.docs docs/case-format.md`` rewrites the text
between the ``<!-- vocabulary:relationship -->`` and ``<!-- vocabulary:party -->``
markers and their closing ``<!-- /vocabulary:... -->``; a test checks the file is
up to date, so a new fact cannot be left undocumented.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from compliance.vocabulary import FactDef, recorded

TYPE_WORDS = {"bool": "yes/no", "text": "text", "enum": "one of the values", "number": "number",
              "percent": "percentage (0-100)", "date": "date (exact or bounded)",
              "codes": "list of text", "country": "ISO country code",
              "countries": "list of ISO country codes"}


def table(context: str) -> str:
    """The Markdown table of the recorded facts of ``context`` (relationship or party)."""
    rows = ["| fact | type | meaning |", "|---|---|---|"]
    for definition in recorded(context):  # type: ignore[arg-type]
        rows.append(f"| `{definition.name}` | {_type(definition)} | {definition.doc} |")
    return "\n".join(rows)


def _type(definition: FactDef) -> str:
    if definition.type == "enum":
        return ", ".join(f"`{v}`" for v in definition.values)
    return TYPE_WORDS[definition.type]


def _between(rows: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(1) + rows + "\n" + m.group(2)


def rewrite(text: str) -> str:
    """``text`` with every vocabulary block replaced by the current table."""
    for context in ("relationship", "party"):
        pattern = re.compile(rf"(<!-- vocabulary:{context} -->\n)(?:.*?\n)?(<!-- /vocabulary:"
                             rf"{context} -->)", re.DOTALL)
        text = pattern.sub(_between(table(context)), text)
    return text


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/case-format.md")
    path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
