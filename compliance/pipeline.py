"""The library's pipeline, end to end: load, compile, assess, report.

These are the functions :mod:`compliance` exports (with
:func:`compliance.output.files.write_output`, the one that writes); the command
line is a thin layer over them.  Only :func:`load_case` and :func:`load_rulebook`
read the file system.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.engine.assess import assess as assess_relationships_of
from compliance.engine.assess import choose_readings
from compliance.engine.compile import Rule, Rulebook, compile_rule, compile_rulebook
from compliance.engine.derived import stale_text
from compliance.engine.partial import partial_problems
from compliance.errors import Diagnostic, InvalidInputError, UsageError
from compliance.inputs.cases import LoadedCase
from compliance.inputs.cases import load_case as _load_case
from compliance.inputs.documents import Document
from compliance.inputs.rulefiles import interpretation_clashes, read_rules, read_scope
from compliance.models.findings import Assessment
from compliance.models.rules import CatalogueScope, RuleSpec
from compliance.resources import CATALOGUE_RULES

if TYPE_CHECKING:
    from compliance.render.report import Report

__all__ = ["assess", "check_rules", "load_case", "load_rulebook", "report"]


@dataclass
class RuleCheck:
    """Every rule file read, the rules that compiled, and every problem found."""

    files: list[Path] = field(default_factory=list)
    specs: list[tuple[RuleSpec, Document]] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scope: CatalogueScope | None = None


def check_rules(paths: Sequence[Path]) -> RuleCheck:
    """Read, validate and compile every rule file under ``paths``; never raises for
    their content.  ``compliance rules validate`` reports exactly these problems
    (and adds the checks that span files and tests); :func:`load_rulebook` refuses
    a catalogue that has any."""
    found = read_rules(paths)
    scope, problems = read_scope(paths)
    out = RuleCheck(found.files, found.specs, [], [*found.diagnostics, *problems], scope)
    out.diagnostics.extend(interpretation_clashes(found.specs))
    duplicated = {d.path for d in found.diagnostics if d.code == "duplicate-id"}
    for spec, doc in found.specs:
        if doc.path in duplicated:
            continue
        try:
            out.rules.append(compile_rule(spec, doc))
        except InvalidInputError as exc:
            out.diagnostics.extend(exc.diagnostics)
    for spec, doc in found.specs:
        out.diagnostics.extend(stale_text(spec, doc))
    for doc, reported in found.invalid:
        # One run reports every problem of a file: its conditions too, not only
        # once its schema errors are fixed.
        out.diagnostics.extend(partial_problems(doc, reported))
    return out


def load_case(path: str | Path, *, stream: bool = False) -> LoadedCase:
    """Load, validate and cross-check a case file (and its JSON Lines relationships).

    Raises :class:`~compliance.errors.InvalidInputError` with every problem found,
    each located as ``path:line:col``.  With ``stream`` the JSON Lines file is read
    only while the relationships are iterated (bounded memory, for bulk checks).
    """
    return _load_case(Path(path), stream=stream)


def load_rulebook(paths: Iterable[Path] | None = None) -> Rulebook:
    """Load, validate and compile a catalogue of rules: the installed one by default.

    Raises :class:`~compliance.errors.InvalidInputError` with every problem of
    every file.

    >>> rulebook = load_rulebook()
    >>> [rule.id for rule in rulebook.rules][:2]
    ['unscr-1718-op8a-c', 'unscr-1718-op8d']
    """
    chosen = list(paths) if paths is not None else [CATALOGUE_RULES]
    checked = check_rules(chosen)
    if checked.diagnostics:
        raise InvalidInputError(checked.diagnostics)
    source = "installed" if paths is None else ", ".join(str(p) for p in chosen)
    return compile_rulebook(checked.rules, source, checked.scope)


def readings(loaded: LoadedCase, rulebook: Rulebook,
             command_line: Mapping[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """The readings of named interpretations in force: the command line's over the
    case's.  An unknown interpretation or reading in the case is a located error; on
    the command line, a usage error."""
    chosen, problems = choose_readings(rulebook, loaded.case, command_line or {})
    located = [loaded.doc.diagnostic(("interpretations", ident), "unknown-interpretation",
                                     message) for who, ident, message in problems
               if who == "case"]
    if located:
        raise InvalidInputError(located)
    for _who, _ident, message in problems:
        raise UsageError(f"--interpretation: {message}")
    return chosen


def assess(loaded: LoadedCase, rulebook: Rulebook, as_of: dt.date | None = None, *,
           since: dt.date | None = None, until: dt.date | None = None,
           include_not_applicable: bool = False,
           interpretations: Mapping[str, str] | None = None) -> Assessment:
    """Assess a loaded case: the position on ``as_of`` (default: the case's date) and
    the status history of every finding from ``since`` to ``until`` (default: from
    the earliest date a rule binds to ``as_of``).  Reads nothing once the case is
    loaded (its JSON Lines relationships were read by :func:`load_case`).
    ``interpretations`` chooses readings of named interpretations (id -> reading),
    over the case's own choices."""
    return assess_relationships_of(loaded.case, loaded.relationships(), rulebook, as_of,
                                   since=since, until=until,
                                   include_not_applicable=include_not_applicable,
                                   case_sha256=loaded.sha256,
                                   readings=readings(loaded, rulebook, interpretations))


def report(loaded: LoadedCase, rulebook: Rulebook, as_of: dt.date | None = None, *,
           since: dt.date | None = None, until: dt.date | None = None,
           for_print: bool = True, interpretations: Mapping[str, str] | None = None
           ) -> Report:
    """Assess a case and build its report (the relationships are read once).

    Lay it out with :func:`compliance.render.report.report_pdf`; Jinja2 and
    WeasyPrint are imported only when a report is made."""
    from compliance.render.report import build_report

    relationships = tuple(loaded.relationships())
    assessment = assess_relationships_of(loaded.case, relationships, rulebook, as_of,
                                         since=since, until=until, case_sha256=loaded.sha256,
                                         readings=readings(loaded, rulebook, interpretations))
    return build_report(loaded, assessment, rulebook, relationships, for_print=for_print)

