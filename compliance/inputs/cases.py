"""Load a case file (and its JSON Lines relationships) into validated, cross-checked models."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from compliance.errors import Diagnostic, InvalidInputError, Suggestions
from compliance.inputs.documents import Document, Loc, iter_jsonl, load_path
from compliance.inputs.reading import regular_files
from compliance.inputs.validation import diagnostics, validate
from compliance.memory import gc_paused
from compliance.models.case import Case, Relationship

CASE_SUFFIXES = (".yaml", ".yml", ".json")
MAX_STREAM_ERRORS = 100
"""Problems reported from one JSON Lines file before reading stops."""


@dataclass
class LoadedCase:
    """A validated case with its source document and digest.

    ``bulk`` is the checked path of its JSON Lines relationships, if any; they are
    read (and validated) only when :meth:`relationships` is iterated, one line at
    a time, so a run should iterate it once (:func:`read_relationships` keeps them).
    """

    case: Case
    doc: Document
    sha256: str
    path: Path
    bulk: Path | None = None
    kept: tuple[Relationship, ...] | None = None
    """The JSON Lines relationships, when they were read at load time."""
    supplied: Iterable[Relationship] | None = None
    """Relationships handed over in process by an adapter, checked as they are read
    (:func:`compliance.inputs.adopted.adopt`)."""

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship: those in the file, then those of the JSON Lines file
        (kept from loading, or streamed now, one line at a time) or an adapter's."""
        yield from self.case.relationships
        if self.kept is not None:
            yield from self.kept
        elif self.bulk is not None:
            yield from stream_relationships(self, self.bulk)
        elif self.supplied is not None:
            yield from self.supplied


CASE_KEYS = ("parties", "relationships", "relationships_file")
"""Top-level keys one of which makes a file found in a directory a case file."""
SKIPPED_DIRS = ("node_modules",)


def case_files(paths: Iterable[Path], skipped: list[Path] | None = None
               ) -> list[tuple[Path, bool]]:
    """Each path given, and for a directory every ``*.yaml``, ``*.yml`` and ``*.json``
    below it (sorted; hidden folders and ``node_modules`` left out), with whether it
    was found in a directory rather than named.  Only regular files are found, and no
    symbolic link is followed (:func:`~compliance.inputs.reading.regular_files`): a
    link in a folder of cases must not make the tool read a file outside it.  Links
    and special files with a case file's name are appended to ``skipped``."""
    out: list[tuple[Path, bool]] = []
    for path in paths:
        if not path.is_dir():
            out.append((path, False))
            continue
        found = regular_files(path, CASE_SUFFIXES, fold_case=True, skipped=skipped,
                              skip=lambda name: name.startswith(".") or name in SKIPPED_DIRS)
        out.extend((p, True) for p in found)
    return out


def is_case_document(doc: Document) -> bool:
    """Whether a document found in a directory is a case: a mapping with parties,
    relationships or a relationships file (rule files, rule tests and other JSON are
    not)."""
    return isinstance(doc.data, dict) and any(key in doc.data for key in CASE_KEYS)


def load_case(path: Path, *, stream: bool = False, doc: Document | None = None) -> LoadedCase:
    """Load, validate and cross-check a case file; raise every problem found.

    The JSON Lines relationships are read now too, unless ``stream`` is set: then
    they are read while :meth:`LoadedCase.relationships` is iterated, in bounded
    memory (``compliance check`` on bulk data), and their problems are raised then.
    Cross-references are checked on the loaded data even when validation
    fails, so a misspelt party id is reported together with a wrong type.
    The cyclic GC is paused throughout: a large case allocates millions of
    acyclic objects, and full collections would dominate the load time.  ``doc`` is
    the file already parsed, if it was (``check DIR`` reads a file to see whether it
    is a case).
    """
    with gc_paused():
        loaded = _load_case(path, doc)
        if not stream and loaded.bulk is not None:
            loaded.kept = tuple(stream_relationships(loaded, loaded.bulk))
        return loaded


def _load_case(path: Path, doc: Document | None = None) -> LoadedCase:
    doc = doc if doc is not None else load_path(path)
    case, problems = checked_case(doc)
    bulk = None
    if case.relationships_file:
        bulk, problem = contained_file(path, case.relationships_file)
        if problem:
            problems.append(doc.diagnostic(("relationships_file",), *problem))
    if problems:
        raise InvalidInputError(problems)
    doc.release()  # the models hold the case now; locations are recomposed if ever needed
    return LoadedCase(case, doc, hashlib.sha256(doc.text.encode()).hexdigest(), path, bulk)


def checked_case(doc: Document) -> tuple[Case, list[Diagnostic]]:
    """Validate a case document and cross-check it: the case and the problems found
    (raised at once, with the cross-checks, when it does not validate)."""
    try:
        case = validate(Case, doc)
    except InvalidInputError as exc:
        if not isinstance(doc.data, dict):
            raise
        raise InvalidInputError(merge_diagnostics(exc.diagnostics, check_case(doc))) from None
    return case, [*check_case(doc), *check_model(case, doc)]


def contained_file(case_path: Path, name: str) -> tuple[Path | None, tuple[str, str] | None]:
    """The file ``name`` inside the case's folder, or why it is refused (code, message).

    Only a relative path without ``..`` that resolves (symbolic links followed) to a
    regular file inside the folder of the case file is accepted: a case from
    someone else must not make the tool read ``/etc/passwd``, another client's
    folder, a device or a pipe.
    """
    written = PurePath(name)
    expected = "; expected the name of a JSON Lines file in the case's folder, e.g. links.jsonl"
    if written.is_absolute() or name.startswith("~") or ".." in written.parts:
        return None, ("outside-case",
                      f"'{name}' is outside the case's folder{expected}")
    folder = case_path.resolve().parent
    target = folder / written
    try:
        real = target.resolve(strict=True)
        mode = real.stat().st_mode
    except (OSError, RuntimeError):
        return None, ("missing-file", f"'{name}' does not exist in the case's folder{expected}")
    if not real.is_relative_to(folder):
        return None, ("outside-case",
                      f"'{name}' leads outside the case's folder (a symbolic link){expected}")
    if not stat.S_ISREG(mode):
        return None, ("not-a-file", f"'{name}' is not a regular file{expected}")
    if not os.access(real, os.R_OK):
        return None, ("unreadable", f"'{name}' cannot be read{expected}")
    return case_path.parent / written, None


def merge_diagnostics(first: Iterable[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
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


def _ids(data: Any, key: str) -> Suggestions:
    return Suggestions(item["id"] for _, item in _entries(data, key)
                       if isinstance(item.get("id"), str))


def check_case(doc: Document, at: Loc = ()) -> Iterator[Diagnostic]:
    """Cross-file checks pydantic cannot do: unique ids and resolvable references.

    Works on the loaded data (at ``at`` inside ``doc``: a rule test holds its case
    under ``tests[i].case``), so it also runs on a document that failed validation.
    """
    data = doc.value_at(at)
    for group in ("sources", "parties", "relationships"):
        yield from _unique_ids(_entries(data, group), (*at, group), doc)
    sources = _ids(data, "sources")
    parties = _ids(data, "parties")
    yield from _evidence_refs(data, at, sources, doc)
    for i, party in _entries(data, "parties"):
        for j, owner in _entries(party, "owners"):
            ref = owner.get("owner")
            if not isinstance(ref, str):
                continue
            loc = (*at, "parties", i, "owners", j, "owner")
            if ref not in parties:
                yield _unknown_ref(doc, loc, "party", ref, parties)
            if ref == party.get("id"):
                yield doc.diagnostic(loc, "self-ownership", f"party '{ref}' cannot own itself")
    for i, rel in _entries(data, "relationships"):
        yield from _participants(rel, (*at, "relationships", i), parties, doc)


def check_model(case: Case, doc: Document, at: Loc = ()) -> Iterator[Diagnostic]:
    """Checks on the validated case that span fields: dates in order, and shares of a
    party adding up to at most 100% on any day."""
    natural = {p.id for p in case.parties if p.kind in ("individual", "group")
               and _ever(p.country, "KP")}
    for i, rel in enumerate(case.relationships):
        loc = (*at, "relationships", i)
        yield from check_relationship_dates(rel, doc, loc)
        earning = rel.attributes.fact("dprk_nationals_earning_income")
        if _ever(earning, True) and not any(p.party in natural for p in rel.parties):
            # 2397 para. 8 reaches the income of DPRK nationals: they must appear as a
            # party, or a recorded "yes" would be silently left out of its scope.
            yield doc.diagnostic((*loc, "attributes", "dprk_nationals_earning_income"),
                                 "missing-dprk-nationals",
                                 "DPRK nationals are recorded as earning income, but none"
                                 " takes part; record them as a party (kind individual or"
                                 " group, country KP) with their role, e.g. worker")
    for i, party in enumerate(case.parties):
        loc = (*at, "parties", i)
        if party.kind == "group" and party.designations:
            yield doc.diagnostic((*loc, "designations"), "group-designated",
                                 "a group of natural persons is not designated as such; record"
                                 " a listed organisation with kind company, government_body or"
                                 " other, or a listed person with kind individual")
        for j, d in enumerate(party.designations):
            if d.delisted_on is not None and d.delisted_on < d.listed_on:
                yield doc.diagnostic((*loc, "designations", j, "delisted_on"), "date-order",
                                     f"'delisted_on' ({d.delisted_on.isoformat()}) is before"
                                     f" 'listed_on' ({d.listed_on.isoformat()}); expected"
                                     " delisted_on on or after listed_on")
        for j, o in enumerate(party.owners):
            if _ordered(o.since.bounds(), o.until.bounds()) is False:
                yield doc.diagnostic((*loc, "owners", j, "until"), "date-order",
                                     "'until' is before 'since'; expected since <= until")
        total, day = _peak_share(party)
        if total > 100.0 + 1e-9:
            when = f" on {day.isoformat()}" if day is not None else ""
            yield doc.diagnostic((*loc, "owners"), "shares-over-100",
                                 f"the shares recorded in {party.id} add up to {total:g}%{when};"
                                 " expected at most 100%")


def _ever(fact: Any, value: Any) -> bool:
    """Whether a fact holds ``value`` at all (undated, or in one of its periods)."""
    return bool(getattr(fact, "value", None) == value
                or any(p.value == value for p in getattr(fact, "periods", ()) or ()))


def check_relationship_dates(rel: Relationship, doc: Document, loc: Loc
                             ) -> Iterator[Diagnostic]:
    """A relationship cannot end before it starts (an act has start == end)."""
    if _ordered(rel.start.bounds(), rel.end.bounds()) is False:
        yield doc.diagnostic((*loc, "end"), "date-order",
                             "'end' is before 'start'; expected end on or after start (a one-off"
                             " act has the same start and end)")


def _ordered(start: tuple[Any, Any], end: tuple[Any, Any]) -> bool | None:
    """False when the end is certainly before the start."""
    lo, _hi = start
    _lo, hi = end
    return not (lo is not None and hi is not None and hi < lo)


def _peak_share(party: Any) -> tuple[float, Any]:
    """The largest total of known shares held at once, and a day it is reached.

    A holding counts on the days it is certainly held (from the latest possible
    start to the earliest possible end); an undated holding counts on every day.
    """
    events: list[tuple[Any, int, float]] = []
    for o in party.owners:
        periods = o.share.periods or (o.share,)
        for period in periods:
            if period.value is None:
                continue
            first = max((d for d in (o.since.bounds()[1], period.since) if d is not None),
                        default=None)
            last = min((d for d in (o.until.bounds()[0], period.until) if d is not None),
                       default=None)
            if first is not None and last is not None and last < first:
                continue
            events.append((first or _MIN, 0, period.value))
            if last is not None:
                events.append((last, 1, -period.value))
    total = peak = 0.0
    when = None
    for day, _order, delta in sorted(events, key=lambda e: (e[0], e[1])):
        total += delta
        if total > peak:
            peak, when = total, (None if day is _MIN else day)
    return peak, when


_MIN = dt.date.min


def check_relationship(doc: Document, parties: Suggestions,
                       sources: Suggestions) -> Iterator[Diagnostic]:
    """The checks of :func:`check_case` for one streamed relationship."""
    yield from _participants(doc.data, (), parties, doc)
    yield from _evidence_refs(doc.data, (), sources, doc)


def _participants(rel: Any, loc: Loc, parties: Suggestions,
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


def _evidence_refs(data: Any, loc: Loc, sources: Suggestions,
                   doc: Document) -> Iterator[Diagnostic]:
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


def _unknown_ref(doc: Document, loc: Loc, what: str, ref: str,
                 known: Suggestions) -> Diagnostic:
    plural = "sources" if what == "source" else "parties"
    hint = known.hint(ref)
    if hint:
        expected = hint
    elif not known:
        expected = f"; the case has no '{plural}'"
    elif len(known) <= 6:
        expected = f"; expected one of: {', '.join(sorted(known.choices))}"
    else:
        expected = f"; expected one of the ids under '{plural}'"
    return doc.diagnostic(loc, f"unknown-{what}",
                          f"'{ref}' is not a {what} id in this case{expected}")


def stream_relationships(loaded: LoadedCase, path: Path) -> Iterator[Relationship]:
    """Validate relationships one JSON line at a time; memory does not grow.

    A bad line is skipped and reported: every problem (up to
    ``MAX_STREAM_ERRORS``) is raised together once the file has been read.
    """
    for _number, rel in numbered_relationships(loaded, path):
        yield rel


def numbered_relationships(loaded: LoadedCase, path: Path
                           ) -> Iterator[tuple[int, Relationship]]:
    """:func:`stream_relationships` with the line number of each relationship."""
    parties = Suggestions(p.id for p in loaded.case.parties)
    sources = Suggestions(s.id for s in loaded.case.sources)
    problems: list[Diagnostic] = []
    for number, doc in iter_jsonl(path, problems):
        if len(problems) >= MAX_STREAM_ERRORS:
            break
        found = list(check_relationship(doc, parties, sources))
        try:
            rel = Relationship.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(merge_diagnostics(diagnostics(Relationship, doc, exc), found))
            continue
        found.extend(check_relationship_dates(rel, doc, ()))
        if found:
            problems.extend(found)
            continue
        yield number, rel
    if problems:
        raise InvalidInputError(problems[:MAX_STREAM_ERRORS])
