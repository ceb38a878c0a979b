"""Load a case file (and its JSON Lines relationships) into validated, cross-checked models.

The cross-checks themselves are in :mod:`compliance.inputs.crosschecks`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from compliance.errors import Diagnostic, InvalidInputError, Suggestions
from compliance.inputs.crosschecks import checked_case, checked_relationship
from compliance.inputs.documents import Document, iter_jsonl, load_path
from compliance.inputs.reading import regular_files
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
        rel = checked_relationship(doc, parties, sources, problems)
        if rel is not None:
            yield number, rel
    if problems:
        raise InvalidInputError(problems[:MAX_STREAM_ERRORS])
