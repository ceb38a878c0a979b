"""Compare the findings of two rule sets on the saved cases (a rule change's effect).

Every case is assessed at its own ``as_of`` with the base rules and with the
working rules, over the same window.  A finding is keyed by (relationship, rule);
a missing finding counts as ``not_applicable`` on every day, so adding a rule
that reaches nothing is silent.  Statuses are compared on every day of the
window, not only on the assessment date: an edit that moves a deadline or
changes a status on any day is reported, with the days it changes.  ``new`` means
a finding that was not applicable on any day now applies on some, ``removed`` the
reverse.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compliance.engine.assess import resolve_as_of
from compliance.engine.compile import Rulebook
from compliance.errors import UsageError
from compliance.inputs.cases import CASE_SUFFIXES, LoadedCase
from compliance.inputs.reading import regular_files
from compliance.models.findings import Finding, Interval
from compliance.pipeline import assess

CHANGE_KINDS = ("new", "removed", "status", "deadline", "history")
Timeline = tuple[tuple[dt.date, dt.date | None, str, dt.date | None], ...]
"""A finding's history as (first day, last day or None, status, deadline)."""


@dataclass(frozen=True)
class Side:
    """A finding's status and deadline under one rule set."""

    status: str
    deadline: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status,
                "deadline": self.deadline.isoformat() if self.deadline else None}

    def __str__(self) -> str:
        return self.status + (f" until {self.deadline.isoformat()}" if self.deadline else "")


@dataclass(frozen=True)
class Change:
    """One finding that differs between the base and the working rules."""

    case: str
    path: str
    as_of: dt.date
    relationship: str
    rule: str
    kind: str
    before: Side
    after: Side
    days: tuple[tuple[dt.date, dt.date | None, Side, Side], ...] = ()
    """The periods whose status (or deadline) changes: (first, last, before, after)."""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"case": self.case, "path": self.path, "as_of": self.as_of.isoformat(),
                "relationship": self.relationship, "rule": self.rule, "change": self.kind,
                "before": self.before.as_dict(), "after": self.after.as_dict(),
                "periods": [{"from": a.isoformat(), "to": b.isoformat() if b else None,
                             "before": x.as_dict(), "after": y.as_dict()}
                            for a, b, x, y in self.days]}

    def describe(self) -> str:
        """E.g. ``deadline changed: wind_down until 2018-01-09 -> wind_down until ...``."""
        if self.kind == "new":
            text = f"new finding: {self.after}"
        elif self.kind == "removed":
            text = f"no longer applies (was {self.before})"
        elif self.kind == "history":
            text = f"history changed (on the assessment date still {self.after})"
        else:
            text = f"{self.kind} changed: {self.before} -> {self.after}"
        periods = "; ".join(f"{_span(a, b)}: {x} -> {y}" for a, b, x, y in self.days)
        return f"{text}" + (f" [{periods}]" if periods else "")


def _span(first: dt.date, last: dt.date | None) -> str:
    if last == first:
        return first.isoformat()
    return f"{first.isoformat()}..{last.isoformat() if last else ''}"


def case_files(directory: Path) -> list[Path]:
    """The case files in ``directory`` and below, sorted (regular files only; symbolic
    links are not followed)."""
    if not directory.is_dir():
        raise UsageError(f"--cases: '{directory}' is not a directory; expected e.g. cases/")
    return regular_files(directory, CASE_SUFFIXES)


def _sides(findings: Sequence[Finding]) -> dict[tuple[str, str], tuple[Side, Timeline]]:
    return {(f.relationship, f.rule): (Side(f.status, f.deadline), _timeline(f.history))
            for f in findings}


def _timeline(history: Sequence[Interval]) -> Timeline:
    return tuple((i.from_, i.to, i.status, i.deadline) for i in history)


def _changed_days(old: Timeline, new: Timeline, window: tuple[dt.date, dt.date]
                  ) -> tuple[tuple[dt.date, dt.date | None, Side, Side], ...]:
    """The periods of the window whose (status, deadline) differ between two histories."""
    first, last = window
    cuts = sorted({first, *(a for a, *_ in old), *(a for a, *_ in new)})
    out: list[tuple[dt.date, dt.date | None, Side, Side]] = []
    for i, start in enumerate(cuts):
        if start > last:
            break
        end = cuts[i + 1] - dt.timedelta(days=1) if i + 1 < len(cuts) else None
        before, after = _side_on(old, start), _side_on(new, start)
        if before == after:
            continue
        if out and out[-1][2:] == (before, after) and out[-1][1] is not None \
                and out[-1][1] + dt.timedelta(days=1) == start:
            out[-1] = (out[-1][0], end, before, after)
        else:
            out.append((start, end, before, after))
    return tuple(out)


def _side_on(timeline: Timeline, day: dt.date) -> Side:
    for first, last, status, deadline in timeline:
        if first <= day and (last is None or day <= last):
            return Side(status, deadline)
    return Side("not_applicable", None)


def diff_case(loaded: LoadedCase, base: Rulebook, work: Rulebook) -> Iterator[Change]:
    """The findings of one case that change from ``base`` to ``work`` rules, on any day."""
    as_of = resolve_as_of(loaded.case, None)
    since = min(_earliest(base, as_of), _earliest(work, as_of))
    before = _sides(assess(loaded, base, since=since, include_not_applicable=True).findings)
    result = assess(loaded, work, since=since, include_not_applicable=True)
    after = _sides(result.findings)
    window = (result.window.since, result.window.until)
    absent = (Side("not_applicable", None), ())
    for key in sorted(before.keys() | after.keys()):
        (old, old_history), (new, new_history) = before.get(key, absent), after.get(key, absent)
        days = _changed_days(old_history, new_history, window)
        if old == new and not days:
            continue
        statuses_old = {s for *_, s, _d in old_history} or {"not_applicable"}
        statuses_new = {s for *_, s, _d in new_history} or {"not_applicable"}
        if statuses_old == {"not_applicable"}:
            kind = "new"
        elif statuses_new == {"not_applicable"}:
            kind = "removed"
        elif old.status != new.status:
            kind = "status"
        elif old != new:
            kind = "deadline"
        else:
            kind = "history"
        yield Change(loaded.case.id, str(loaded.path), result.as_of, key[0], key[1], kind,
                     old, new, days)


def _earliest(rulebook: Rulebook, as_of: dt.date) -> dt.date:
    return min((r.spec.in_force.from_ for r in rulebook.rules), default=as_of)


def diff_cases(cases: Sequence[LoadedCase], base: Rulebook, work: Rulebook) -> list[Change]:
    """Every change over every case, in case order then (relationship, rule)."""
    return [change for loaded in cases for change in diff_case(loaded, base, work)]


def git_toplevel(start: Path) -> Path:
    """The root of the git work tree containing ``start``."""
    out = _git(["rev-parse", "--show-toplevel"], start if start.is_dir() else start.parent)
    return Path(out.decode().strip())


def export_rules(rev: str, rules_dir: Path, target: Path) -> Path:
    """Export ``rules_dir`` as it was at git revision ``rev`` into ``target``.

    Uses ``git archive`` (read-only: nothing in the repository changes) and
    returns the exported rules directory.
    """
    resolved = rules_dir.resolve()
    top = git_toplevel(resolved)
    relative = resolved.relative_to(top).as_posix()
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top,
         f"--base: '{rev}' is neither a directory nor a git revision; expected e.g. main")
    raw = _git(["archive", "--format=tar", rev, "--", relative], top,
               f"--base: revision '{rev}' has no '{relative}/' directory")
    with tarfile.open(fileobj=io.BytesIO(raw)) as archive:
        archive.extractall(target, filter="data")
    return target / relative


def _git(args: list[str], cwd: Path, failure: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"cannot run git ({exc.strerror}); give --base a directory") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(failure or (detail[-1] if detail else f"git {args[0]} failed"))
    return done.stdout


def render_text(changes: Sequence[Change], n_cases: int) -> list[str]:
    """Changes grouped by case, then a summary line."""
    lines: list[str] = []
    current = None
    for change in changes:
        if change.path != current:
            current = change.path
            lines.append(f"{change.path} ({change.case}, as of {change.as_of.isoformat()})")
        lines.append(f"  {change.relationship}  {change.rule}  {change.describe()}")
    cases = len({c.path for c in changes})
    noun = "change" if len(changes) == 1 else "changes"
    lines.append(f"{len(changes)} {noun} in {cases} of {n_cases} cases."
                 if changes else f"no changes in {n_cases} cases.")
    return lines
