"""Read rule files: find them, load each, validate it and check what one file can show.

Every check of a single rule file lives here and in :mod:`compliance.engine.compile`,
and both ``compliance check``/``report`` and ``compliance rules validate`` go
through :func:`read_rules`: the same file gets the same diagnostics either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.errors import Diagnostic, InvalidInputError
from compliance.inputs.documents import Document, load_path
from compliance.inputs.reading import regular_files
from compliance.inputs.validation import validate
from compliance.models.rules import CatalogueScope, RuleSpec

RULE_SUFFIXES = (".yaml", ".yml")


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.yaml`` files, sorted for determinism.

    Inside a directory only regular files count, and symbolic links are not
    followed (:func:`~compliance.inputs.reading.regular_files`); a file named
    directly is read if it is a regular file, and refused with a diagnostic if not.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(regular_files(path, RULE_SUFFIXES))
        else:
            found.append(path)
    return sorted(set(found))


@dataclass
class RuleFiles:
    """What reading a set of rule files found: the valid specs and every problem."""

    files: list[Path] = field(default_factory=list)
    specs: list[tuple[RuleSpec, Document]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: list[tuple[Document, Sequence[Diagnostic]]] = field(default_factory=list)
    """Files that parsed but did not validate, with their problems (the conditions of
    what validates are still checked: ``engine.partial``)."""


def read_rules(paths: Iterable[Path]) -> RuleFiles:
    """Load and validate every rule file under ``paths``; never raises for content."""
    paths = list(paths)
    out = RuleFiles(files=rule_files(paths))
    if not out.files:
        shown = str(paths[0]) if paths else "."
        out.diagnostics.append(Diagnostic(shown, 1, 1, "no-rules",
                                          "no rule files (*.yaml) found; expected a"
                                          " directory such as compliance/catalogue/rules"))
        return out
    for path in out.files:
        try:
            doc = load_path(path)
        except InvalidInputError as exc:
            out.diagnostics.extend(exc.diagnostics)
            continue
        try:
            spec = validate(RuleSpec, doc)
        except InvalidInputError as exc:
            out.diagnostics.extend(exc.diagnostics)
            out.invalid.append((doc, exc.diagnostics))
            continue
        out.specs.append((spec, doc))
        out.diagnostics.extend(local_checks(spec, doc, path))
    out.diagnostics.extend(duplicate_ids(out.specs))
    return out


def duplicate_ids(specs: list[tuple[RuleSpec, Document]]) -> Iterator[Diagnostic]:
    """Rule ids must be unique across the files read together."""
    first: dict[str, Document] = {}
    for spec, doc in specs:
        if spec.id in first:
            other = first[spec.id]
            line, col = other.locate(("id",))
            yield doc.diagnostic(("id",), "duplicate-id",
                                 f"rule id '{spec.id}' is also used at"
                                 f" {other.path}:{line}:{col}; expected unique rule ids")
        else:
            first[spec.id] = doc


def load_rule_specs(paths: Iterable[Path]) -> list[tuple[RuleSpec, Document]]:
    """The valid specs of every rule file; raise every problem of every file at once."""
    found = read_rules(paths)
    if found.diagnostics:
        raise InvalidInputError(found.diagnostics)
    return found.specs


def local_checks(spec: RuleSpec, doc: Document, path: Path) -> Iterator[Diagnostic]:
    """Checks one file can show beyond its schema: the id matches the file name, and
    carve-out, exemption and window ids are unique within the rule."""
    if path.stem != spec.id:
        yield doc.diagnostic(("id",), "id-mismatch",
                             f"rule id '{spec.id}' differs from the file name '{path.name}';"
                             f" expected the file to be named {spec.id}.yaml")
    seen: dict[str, tuple[str | int, ...]] = {}
    groups: list[tuple[tuple[str | int, ...], Iterable[Any]]] = [
        (("carve_outs",), spec.carve_outs), (("exemptions",), spec.exemptions)]
    if spec.wind_down is not None:
        groups.append((("wind_down", "windows"), spec.wind_down.windows))
    for loc, items in groups:
        for i, item in enumerate(items):
            here = (*loc, i, "id")
            if item.id in seen:
                line, _ = doc.locate(seen[item.id])
                yield doc.diagnostic(here, "duplicate-id",
                                     f"id '{item.id}' is already used at line {line};"
                                     " expected unique carve-out, exemption and window ids")
            else:
                seen[item.id] = here


def catalogue_root(paths: Sequence[Path]) -> Path:
    """The folder holding the ``rules/`` tree the paths belong to (a catalogue's root,
    with ``tests/`` and ``scope.yaml`` beside ``rules/``).

    The nearest ancestor named ``rules`` decides; otherwise the parent of the
    first path (or the current directory).

    >>> catalogue_root([Path("catalogue/rules/unscr/a.yaml")]).as_posix()
    'catalogue'
    """
    first = paths[0] if paths else Path("rules")
    for candidate in (first, *first.parents):
        if candidate.name == "rules":
            return candidate.parent
    return first.parent


def read_scope(paths: Sequence[Path]) -> tuple[CatalogueScope | None, list[Diagnostic]]:
    """The catalogue's ``scope.yaml`` (what it does not cover), if it has one."""
    path = catalogue_root(paths) / "scope.yaml"
    if not path.is_file():
        return None, []
    try:
        return validate(CatalogueScope, load_path(path)), []
    except InvalidInputError as exc:
        return None, list(exc.diagnostics)


def interpretation_clashes(specs: list[tuple[RuleSpec, Document]]) -> Iterator[Diagnostic]:
    """A named interpretation shared by several rules must be declared the same in each."""
    first: dict[str, tuple[Any, Document]] = {}
    for spec, doc in specs:
        for i, interpretation in enumerate(spec.interpretations):
            seen = first.get(interpretation.id)
            if seen is None:
                first[interpretation.id] = (interpretation, doc)
                continue
            other, other_doc = seen
            mine = ([r.id for r in interpretation.readings], interpretation.default)
            theirs = ([r.id for r in other.readings], other.default)
            if mine != theirs:
                line, _ = other_doc.locate(("interpretations",))
                yield doc.diagnostic(("interpretations", i, "id"), "interpretation-mismatch",
                                     f"'{interpretation.id}' is declared with other readings"
                                     f" or another default in {other_doc.path}:{line};"
                                     " expected the same readings and default wherever it"
                                     " is declared")
