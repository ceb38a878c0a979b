"""Cases an adapter builds in process, given every check a case file gets.

An adapter (a designation list, routing data) that runs in process produces the
case format's models; :func:`adopt` makes them a :class:`LoadedCase` as if they had
been read from a case file and a JSON Lines file, so that nothing an adapter builds
reaches the engine unchecked.  The case is written out as JSON (``<name>.json``,
the text a report attaches) and goes through the case file's validation and
cross-checks: unique ids, parties and sources that exist, dates in order, shares of
at most 100%.  Each relationship is written out as one JSON line and goes through
the JSON Lines checks as it is read, so an adapter's iterator is still consumed one
relationship at a time.  A problem is located in those texts: line ``n`` of
``<name>.jsonl`` is the adapter's ``n``-th relationship.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic_core import to_json

from compliance.errors import Diagnostic, InvalidInputError, Suggestions
from compliance.inputs.cases import MAX_STREAM_ERRORS, LoadedCase
from compliance.inputs.crosschecks import checked_case, checked_relationship
from compliance.inputs.documents import load_json_text
from compliance.models.case import Case, Relationship


def adopt(case: Case, relationships: Iterable[Relationship] = (), *,
          name: str) -> LoadedCase:
    """The case an adapter built, checked as a case file is; raise every problem.

    ``relationships`` (in addition to the case's own) are checked while
    :meth:`LoadedCase.relationships` is iterated, and their problems raised when
    it ends, as for a case's JSON Lines file.  ``name`` names the adapter's output
    in diagnostics and reports (e.g. ``un-list-2024-06``).  A case made this way
    cannot name a ``relationships_file``: there is no case folder to read it from.
    """
    shown = f"{name}.json"
    text = _json(case, indent=2) + "\n"
    doc = load_json_text(text, shown)
    checked, problems = checked_case(doc)
    if checked.relationships_file is not None:
        problems.append(doc.diagnostic(("relationships_file",), "relationships-file",
                                       "a case made by an adapter has no folder to read a"
                                       " relationships file from; expected its relationships"
                                       " handed to adopt()"))
    if problems:
        raise InvalidInputError(problems)
    doc.release()
    return LoadedCase(checked, doc, hashlib.sha256(text.encode()).hexdigest(), Path(shown),
                      supplied=_checked(checked, relationships, f"{name}.jsonl"))


def _json(model: Case | Relationship, indent: int | None = None) -> str:
    """The model as JSON text, as its author would have written it: the fields set,
    and a NaN or infinite number written as such (so that it is refused, where
    pydantic's own JSON would write ``null``, which reads as "unknown").  Pydantic's
    warnings about values of the wrong type are left to the validation that follows."""
    data = model.model_dump(exclude_unset=True, warnings=False)
    return to_json(data, indent=indent, inf_nan_mode="constants").decode()


def _checked(case: Case, relationships: Iterable[Relationship],
             shown: str) -> Iterator[Relationship]:
    """Each relationship as the JSON Lines checks leave it; every problem (up to
    ``MAX_STREAM_ERRORS``) raised together at the end."""
    parties = Suggestions(p.id for p in case.parties)
    sources = Suggestions(s.id for s in case.sources)
    problems: list[Diagnostic] = []
    for number, given in enumerate(relationships, 1):
        if len(problems) >= MAX_STREAM_ERRORS:
            break
        if not isinstance(given, Relationship):
            problems.append(Diagnostic(shown, number, 1, "invalid-type",
                                       f"the adapter gave a {type(given).__name__};"
                                       " expected a Relationship"))
            continue
        try:
            doc = load_json_text(_json(given), shown, line_offset=number - 1)
        except InvalidInputError as exc:
            problems.extend(exc.diagnostics)
            continue
        rel = checked_relationship(doc, parties, sources, problems)
        if rel is not None:
            yield rel
    if problems:
        raise InvalidInputError(problems[:MAX_STREAM_ERRORS])
