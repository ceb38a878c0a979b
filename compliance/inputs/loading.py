"""Load case and rule files from disk into validated models (the input end)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.documents import Document, Loc, iter_jsonl, load_path
from compliance.inputs.validation import diagnostics, validate
from compliance.memory import gc_paused
from compliance.models.case import Case, Relationship
from compliance.models.rules import RuleSpec

CASE_SUFFIXES = (".yaml", ".yml", ".json")
MAX_STREAM_ERRORS = 100
"""Problems reported from one JSON Lines file before reading stops."""


@dataclass
class LoadedCase:
    """A validated case with its source document and digest."""

    case: Case
    doc: Document
    sha256: str
    path: Path

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship: those in the file, then any streamed from JSON Lines."""
        yield from self.case.relationships
        if self.case.relationships_file:
            yield from stream_relationships(self, self.path.parent / self.case.relationships_file)


def load_case(path: Path) -> LoadedCase:
    """Load, validate and cross-check a case file; raise every problem found.

    Cross-references are checked on the loaded data even when validation
    fails, so a misspelt party id is reported together with a wrong type.
    The cyclic GC is paused throughout: a large case allocates millions of
    acyclic objects, and full collections would dominate the load time.
    """
    with gc_paused():
        return _load_case(path)


def _load_case(path: Path) -> LoadedCase:
    doc = load_path(path)
    try:
        case = validate(Case, doc)
    except InvalidInputError as exc:
        if not isinstance(doc.data, dict):
            raise
        raise InvalidInputError(_merge(exc.diagnostics, check_case(doc))) from None
    problems = list(check_case(doc))
    if case.relationships_file:
        bulk = path.parent / case.relationships_file
        if not bulk.is_file():
            problems.append(doc.diagnostic(("relationships_file",), "missing-file",
                                           f"'{case.relationships_file}' does not exist"
                                           " next to the case file"))
    if problems:
        raise InvalidInputError(problems)
    doc.release()  # the models hold the case now; locations are recomposed if ever needed
    return LoadedCase(case, doc, hashlib.sha256(doc.text.encode()).hexdigest(), path)


def _merge(first: Iterable[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Both lists, without a second diagnostic at the same place with the same code."""
    out = {(d.line, d.col, d.code): d for d in more}
    out.update({(d.line, d.col, d.code): d for d in first})
    return list(out.values())


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in the list ``data[key]``, with their indexes (raw data)."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _ids(data: Any, key: str) -> set[str]:
    return {item["id"] for _, item in _entries(data, key) if isinstance(item.get("id"), str)}


def check_case(doc: Document) -> Iterator[Diagnostic]:
    """Cross-file checks pydantic cannot do: unique ids and resolvable references.

    Works on the loaded data, so it also runs on a document that failed validation.
    """
    data = doc.data
    for group in ("sources", "parties", "relationships"):
        yield from _unique_ids(_entries(data, group), (group,), doc)
    sources = _ids(data, "sources")
    parties = _ids(data, "parties")
    yield from _evidence_refs(data, (), sources, doc)
    for i, party in _entries(data, "parties"):
        for j, owner in _entries(party, "owners"):
            ref = owner.get("owner")
            if not isinstance(ref, str):
                continue
            loc = ("parties", i, "owners", j, "owner")
            if ref not in parties:
                yield _unknown_ref(doc, loc, "party", ref, parties)
            if ref == party.get("id"):
                yield doc.diagnostic(loc, "self-ownership", f"party '{ref}' cannot own itself")
    for i, rel in _entries(data, "relationships"):
        yield from _participants(rel, ("relationships", i), parties, doc)


def check_relationship(doc: Document, parties: set[str],
                       sources: set[str]) -> Iterator[Diagnostic]:
    """The checks of :func:`check_case` for one streamed relationship."""
    yield from _participants(doc.data, (), parties, doc)
    yield from _evidence_refs(doc.data, (), sources, doc)


def _participants(rel: Any, loc: Loc, parties: set[str],
                  doc: Document) -> Iterator[Diagnostic]:
    for j, participant in _entries(rel, "parties"):
        ref = participant.get("party")
        if isinstance(ref, str) and ref not in parties:
            yield _unknown_ref(doc, (*loc, "parties", j, "party"), "party", ref, parties)


def _unique_ids(items: list[tuple[int, dict[str, Any]]], loc: Loc,
                doc: Document) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for i, item in items:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            line, _ = doc.locate((*loc, first[ident], "id"))
            yield doc.diagnostic((*loc, i, "id"), "duplicate-id",
                                 f"id '{ident}' is already used at line {line};"
                                 f" expected unique ids in '{loc[0]}'")
        else:
            first[ident] = i


def _evidence_refs(data: Any, loc: Loc, sources: set[str], doc: Document) -> Iterator[Diagnostic]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                for i, item in enumerate(value):
                    ref = item.get("source") if isinstance(item, dict) else None
                    if isinstance(ref, str) and ref not in sources:
                        yield _unknown_ref(doc, (*loc, key, i, "source"), "source", ref, sources)
            yield from _evidence_refs(value, (*loc, key), sources, doc)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _evidence_refs(item, (*loc, i), sources, doc)


def _unknown_ref(doc: Document, loc: Loc, what: str, ref: str, known: set[str]) -> Diagnostic:
    plural = "sources" if what == "source" else "parties"
    hint = did_you_mean(ref, known)
    if hint:
        expected = hint
    elif not known:
        expected = f"; the case has no '{plural}'"
    elif len(known) <= 6:
        expected = f"; expected one of: {', '.join(sorted(known))}"
    else:
        expected = f"; expected one of the ids under '{plural}'"
    return doc.diagnostic(loc, f"unknown-{what}",
                          f"'{ref}' is not a {what} id in this case{expected}")


def stream_relationships(loaded: LoadedCase, path: Path) -> Iterator[Relationship]:
    """Validate relationships one JSON line at a time; memory does not grow.

    A bad line is skipped and reported: every problem (up to
    ``MAX_STREAM_ERRORS``) is raised together once the file has been read.
    """
    parties = {p.id for p in loaded.case.parties}
    sources = {s.id for s in loaded.case.sources}
    problems: list[Diagnostic] = []
    for _number, doc in iter_jsonl(path, problems):
        if len(problems) >= MAX_STREAM_ERRORS:
            break
        found = list(check_relationship(doc, parties, sources))
        try:
            rel = Relationship.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(_merge(diagnostics(Relationship, doc, exc), found))
            continue
        if found:
            problems.extend(found)
            continue
        yield rel
    if problems:
        raise InvalidInputError(problems[:MAX_STREAM_ERRORS])


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.yaml`` rule files, sorted for determinism."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        else:
            found.append(path)
    return sorted(set(found))


def load_rule_specs(paths: Iterable[Path]) -> list[tuple[RuleSpec, Document]]:
    """Load and validate every rule file, reporting problems from all files at once."""
    specs: list[tuple[RuleSpec, Document]] = []
    problems: list[Diagnostic] = []
    files = rule_files(paths)
    if not files:
        raise InvalidInputError([Diagnostic(str(next(iter(paths), ".")), 1, 1, "no-rules",
                                            "no rule files (*.yaml) found")])
    for path in files:
        try:
            doc = load_path(path)
            specs.append((validate(RuleSpec, doc), doc))
        except InvalidInputError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InvalidInputError(problems)
    return specs
