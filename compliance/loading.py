"""Load case and rule files from disk into validated models (the input end)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.models.case import Case, Relationship
from compliance.models.rules import RuleSpec
from compliance.validation import diagnostics, validate
from compliance.yamlsource import Document, Loc, iter_jsonl, load_path

CASE_SUFFIXES = (".yaml", ".yml", ".json")


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
    """Load, validate and cross-check a case file; raise every problem found."""
    doc = load_path(path)
    case = validate(Case, doc)
    problems = list(check_case(case, doc))
    if case.relationships_file:
        bulk = path.parent / case.relationships_file
        if not bulk.is_file():
            problems.append(doc.diagnostic(("relationships_file",), "missing-file",
                                           f"'{case.relationships_file}' does not exist"
                                           " next to the case file"))
    if problems:
        raise InvalidInputError(problems)
    return LoadedCase(case, doc, hashlib.sha256(doc.text.encode()).hexdigest(), path)


def check_case(case: Case, doc: Document) -> Iterator[Diagnostic]:
    """Cross-file checks pydantic cannot do: unique ids and resolvable references."""
    for group in ("sources", "parties", "relationships"):
        yield from _unique_ids(getattr(case, group), (group,), doc)
    sources = {s.id for s in case.sources}
    parties = {p.id for p in case.parties}
    yield from _evidence_refs(doc.data, (), sources, doc)
    for i, party in enumerate(case.parties):
        for j, owner in enumerate(party.owners):
            if owner.owner not in parties:
                yield _unknown_ref(doc, ("parties", i, "owners", j, "owner"), "party",
                                   owner.owner, parties)
            if owner.owner == party.id:
                yield doc.diagnostic(("parties", i, "owners", j, "owner"), "self-ownership",
                                     f"party '{party.id}' cannot own itself")
    for i, rel in enumerate(case.relationships):
        yield from _participants(rel, ("relationships", i), parties, doc)


def check_relationship(rel: Relationship, parties: set[str], sources: set[str],
                       doc: Document) -> Iterator[Diagnostic]:
    """The checks of :func:`check_case` for one streamed relationship."""
    yield from _participants(rel, (), parties, doc)
    yield from _evidence_refs(doc.data, (), sources, doc)


def _participants(rel: Relationship, loc: Loc, parties: set[str],
                  doc: Document) -> Iterator[Diagnostic]:
    for j, participant in enumerate(rel.parties):
        if participant.party not in parties:
            yield _unknown_ref(doc, (*loc, "parties", j, "party"), "party",
                               participant.party, parties)


def _unique_ids(items: Iterable[Any], loc: Loc, doc: Document) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            line, _ = doc.locate((*loc, first[item.id], "id"))
            yield doc.diagnostic((*loc, i, "id"), "duplicate-id",
                                 f"id '{item.id}' is already used at line {line};"
                                 f" expected unique ids in '{loc[0]}'")
        else:
            first[item.id] = i


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
    return doc.diagnostic(loc, f"unknown-{what}",
                          f"'{ref}' is not a {what} id in this case{did_you_mean(ref, known)};"
                          f" expected one of the ids under '{plural}'")


def stream_relationships(loaded: LoadedCase, path: Path) -> Iterator[Relationship]:
    """Validate relationships one JSON line at a time; memory does not grow."""
    parties = {p.id for p in loaded.case.parties}
    sources = {s.id for s in loaded.case.sources}
    for _number, doc in iter_jsonl(path):
        try:
            rel = Relationship.model_validate(doc.data)
        except ValidationError as exc:
            raise InvalidInputError(diagnostics(Relationship, doc, exc)) from None
        problems = list(check_relationship(rel, parties, sources, doc))
        if problems:
            raise InvalidInputError(problems)
        yield rel


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
