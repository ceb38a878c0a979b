"""Property tests: valid cases, mutated as text and as data, never crash or hang the tool.

Seeds are the shipped cases and the inline cases of the rule tests.  Hypothesis
mutates them at the text level (bytes of YAML syntax, control and bidi
characters, deleted, duplicated and swapped lines) and at the data level (a value
anywhere replaced by something hostile: NaN, huge or negative numbers, far dates,
deep nesting, control characters, a key dropped or added; written back as YAML or
as JSON with NaN tokens).  ``check`` must then exit 0, 1 or 2 with no traceback;
a generous alarm guards against hangs (it is not a speed test).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compliance.cli import app
from compliance.resources import CATALOGUE_TESTS
from tests.conftest import CASES

HANG_GUARD = 60
"""Seconds one check may take before it counts as a hang."""
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "60"))
"""Examples per property; set HOSTILE_EXAMPLES higher to search longer by hand."""
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@cache
def seeds() -> tuple[str, ...]:
    """The shipped cases and every rule test's inline case, as YAML text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*.yaml"))]
    for path in sorted(CATALOGUE_TESTS.glob("*.yaml")):
        for i, test in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]):
            case = {"id": f"t{i}", "title": str(test["name"]), "as_of": test["as_of"],
                    **test["case"]}
            texts.append(yaml.safe_dump(case, sort_keys=False, allow_unicode=True))
    return tuple(texts)


class Hang(BaseException):
    """A check ran past :data:`HANG_GUARD` seconds."""


@contextmanager
def hang_guard() -> Iterator[None]:
    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"check did not finish within {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(path: Path) -> None:
    """Run ``check`` on ``path``: exit 0, 1 or 2, no traceback, nothing escaping."""
    with hang_guard():
        result = CliRunner().invoke(app, ["check", str(path)],
                                    env={"NO_COLOR": "1", "COLUMNS": "100"})
    output = result.stdout + result.stderr
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, repr(escaped)
    assert "Traceback" not in output, output
    assert result.exit_code in (0, 1, 2), (result.exit_code, output[-2000:])


PIECES = st.sampled_from([
    ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!set ", "!x ", "|", ">-", "'", '"', "#",
    "%", "@", "`", "\t", "\n", "\n  ", "<<: ", "? ", "---\n", "...\n", "\\", "\\0", "\\e",
    "\\u202e", "\\ud800", "\x1b[2J", "\u202e", "\u200b", "\ufeff", "\x85", "\u2028",
    "-1", "1e309", ".nan", "9999-12-31", "0000-00-00", "~", "null", "yes", "no", "0x10",
])


@st.composite
def text_mutations(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(seeds())).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "cut"]))
        if action == "insert":
            line = lines[at]
            col = draw(st.integers(0, len(line)))
            extra = draw(st.one_of(PIECES, st.text(max_size=8)))
            lines[at] = line[:col] + extra + line[col:]
        elif action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines[at] = lines[at][:draw(st.integers(0, len(lines[at])))]
    return "".join(lines)


HOSTILE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-20, 500, 1e309, "NaN", "100%", "9999-12-31", "0001-01-01",
                     "2017-02-30", "/etc/passwd", "../../x.jsonl", "~/.ssh", "", "-"]),
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from("\x00\x07\x1b\x7f\x9b\u202e\u200b\ud800ab"), max_size=8),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=20),
    st.integers(60, 80).map(lambda depth: _nested(depth)),
)


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*here, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*here, i))


@st.composite
def data_mutations(draw: st.DrawFn) -> tuple[str, str]:
    data = yaml.safe_load(draw(st.sampled_from(seeds())))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(HOSTILE_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(HOSTILE_VALUES)
        else:
            parent.append(draw(HOSTILE_VALUES))
    if draw(st.booleans()):
        return "json", json.dumps(data, default=str)  # NaN and Infinity tokens included
    return "yaml", yaml.safe_dump(data, allow_unicode=True)


@PROPERTY
@given(text=text_mutations())
def test_mutated_case_text_never_crashes(text: str, tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check(path)


@PROPERTY
@given(mutated=data_mutations())
def test_mutated_case_data_never_crashes(mutated: tuple[str, str], tmp_path: Path) -> None:
    suffix, text = mutated
    path = tmp_path / f"case.{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check(path)


def test_seeds_are_valid_cases(tmp_path: Path) -> None:
    """The seeds themselves check cleanly (so mutations start from valid input)."""
    assert len(seeds()) >= 20
    for i, text in enumerate(seeds()[:5]):
        path = tmp_path / f"seed{i}.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["check", "-q", str(path)])
        assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -20, 500])
def test_json_share_tokens_are_refused(value: float, tmp_path: Path) -> None:
    """JSON written by json.dumps (NaN and Infinity tokens included) is refused, located."""
    case = {"id": "j", "title": "T", "as_of": "2017-10-02", "relationships": [],
            "parties": [{"id": "a", "name": "A", "kind": "company",
                         "owners": [{"owner": "b", "share": value}]},
                        {"id": "b", "name": "B", "kind": "company"}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "case.json:1:" in result.stderr
