"""One run of ``compliance check``: every case, through one writer, whatever fails.

Problems are collected as they are met (a case or JSON Lines line that does not
validate, broken rules, a case without an assessment date), handed to the writer
as records, and printed on standard error at the end; the other cases are still
assessed.  The exit status is 2 when there was any problem, else 1 when a finding
reaches ``--fail-on``, else 0.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from compliance.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, echo
from compliance.engine.assess import STATUSES, assess_relationships, default_window, resolve_as_of
from compliance.engine.compile import Rulebook
from compliance.engine.scope import scope_statement
from compliance.errors import (
    Diagnostic,
    InvalidInputError,
    NoAssessmentDateError,
    UsageError,
    summary_line,
)
from compliance.inputs.cases import (
    LoadedCase,
    case_files,
    is_case_document,
    load_case,
    numbered_relationships,
)
from compliance.inputs.documents import load_path
from compliance.models.case import Relationship
from compliance.output.protocol import CaseRun, Options, Place, Writer
from compliance.pipeline import load_rulebook, readings


class Run:
    """The state of one ``check``: the writer, what failed, and the worst statuses."""

    def __init__(self, writer: Writer, options: Options, as_of: dt.date | None,
                 since: dt.date | None, until: dt.date | None, show_all: bool,
                 interpretations: Mapping[str, str]) -> None:
        self.writer = writer
        self.interpretations = interpretations
        self.options = options
        self.as_of, self.since, self.until = as_of, since, until
        self.show_all = show_all
        self.problems: list[Diagnostic] = []
        self.worst: Counter[str] = Counter()

    def all(self, rule_paths: list[Path] | None, paths: Sequence[Path], progress: Any) -> int:
        """Assess every case under ``paths``; return the exit status."""
        task = progress.add_task("assessing", total=None) if progress is not None else None
        rulebook = self._rulebook(rule_paths)
        if rulebook is not None:
            skipped: list[Path] = []
            found = case_files(paths, skipped)
            for link in skipped:
                echo(f"note: {link} skipped: a symbolic link or special file (folders are"
                     " searched for regular files only)", err=True)
            for path, found_in_dir in found:
                loaded = self._load(path, found_in_dir)
                if loaded is not None:
                    self._case(loaded, rulebook, progress, task)
        status = self._status()
        self.writer.close(status)
        if self.problems:
            for diagnostic in sorted(self.problems):
                echo(diagnostic.format(), err=True)
            echo(summary_line(self.problems), err=True)
        return status

    def _status(self) -> int:
        if self.problems:
            return EXIT_INVALID
        return EXIT_FINDINGS if any(self.worst[s] for s in self.options.failing) else EXIT_OK

    def _failed(self, diagnostics: Sequence[Diagnostic], in_case: bool = False) -> None:
        self.problems.extend(diagnostics)
        if not in_case:
            self.writer.errors(diagnostics)

    def _rulebook(self, paths: list[Path] | None) -> Rulebook | None:
        try:
            return load_rulebook(paths)
        except InvalidInputError as exc:
            self._failed(exc.diagnostics)
            return None

    def _load(self, path: Path, found_in_dir: bool) -> LoadedCase | None:
        try:
            if not found_in_dir:
                return load_case(path, stream=True)
            doc = load_path(path)
            if not is_case_document(doc):
                echo(f"note: {path} skipped: not a case file (no parties, relationships"
                     " or relationships_file at the top level)", err=True)
                return None
            return load_case(path, stream=True, doc=doc)
        except InvalidInputError as exc:
            self._failed(exc.diagnostics)
            return None

    def _case(self, loaded: LoadedCase, rulebook: Rulebook, progress: Any, task: Any) -> None:
        shown = str(loaded.path)
        try:
            when = resolve_as_of(loaded.case, self.as_of)
            window = default_window(rulebook, when, self.since, self.until)
            in_force = readings(loaded, rulebook, self.interpretations)
        except InvalidInputError as exc:
            self._failed(exc.diagnostics)
            return
        except (NoAssessmentDateError, UsageError, ValueError) as exc:
            # Problems of the command line met while assessing this case: records too,
            # so a machine-readable output stays complete.
            code = ("no-assessment-date" if isinstance(exc, NoAssessmentDateError)
                    else "usage" if isinstance(exc, UsageError) else "window")
            message = f"--since/--until: {exc}" if code == "window" else str(exc)
            self._failed([Diagnostic(shown, 1, 1, code, message)])
            return
        self.writer.begin_case(CaseRun(loaded.case, shown, when, window, loaded.sha256,
                                       rulebook, scope_statement(loaded.case, rulebook,
                                                                 in_force)))
        counts: Counter[str] = Counter()
        in_window: Counter[str] = Counter()
        places: list[Place] = []
        errors: list[Diagnostic] = []
        results = assess_relationships(loaded.case, _placed(loaded, places), rulebook, when,
                                       counts, window=window, counts_in_window=in_window,
                                       include_not_applicable=self.show_all,
                                       explain=self.options.explained, readings=in_force)
        try:
            for result in results:
                # assess_relationships yields each result before it reads the next
                # relationship, so the last place recorded is this result's.
                self.writer.relationship(result, places[-1])
                if progress is not None and task is not None:
                    progress.update(task, advance=1)
        except InvalidInputError as exc:  # bad JSON Lines lines, raised once all are read
            errors = list(exc.diagnostics)
            self._failed(errors, in_case=True)
        self.writer.end_case({s: counts.get(s, 0) for s in STATUSES},
                             {s: in_window.get(s, 0) for s in STATUSES}, errors)
        self.worst.update(in_window)


def _placed(loaded: LoadedCase, places: list[Place]) -> Iterator[Relationship]:
    """The case's relationships, recording where each was read in ``places`` (the
    last entry only is kept: memory does not grow with the input)."""
    doc, shown = loaded.doc, str(loaded.path)
    for i, rel in enumerate(loaded.case.relationships):
        places[:] = [Place(shown, partial(doc.locate, ("relationships", i)))]
        yield rel
    if loaded.kept is not None:  # pragma: no cover - check streams, so nothing is kept
        places[:] = [Place(str(loaded.bulk), 1)]
        yield from loaded.kept
    elif loaded.bulk is not None:
        bulk = str(loaded.bulk)
        for number, rel in numbered_relationships(loaded, loaded.bulk):
            places[:] = [Place(bulk, number)]
            yield rel
