"""The hostile-input corpus: what an entry is, and the small inputs entries build on.

An :class:`Entry` is one hostile input and its exact outcome: the command line,
the files it is given (written into a fresh folder, which is the working folder),
any setup that plain files cannot express (named pipes, links, devices), the exit
status and every line of stderr.  ``tests/test_hostile.py`` runs each entry in a
capped child (:mod:`tests.hostile.harness`) and checks, besides the exact outcome,
what must hold for every input: no traceback, no exception escaping, no hang, no
memory blow-up, no file opened outside the allowed folders, no network, no raw
control or bidi character on a terminal, and no temporary file left behind.

Entries are grouped by the class of the issue they belong to (the first part of
their key): ``outside`` (reads outside the case), ``numbers`` (values that change
verdicts), ``crash`` (ordinary data that crashed), ``limits`` (bounds that could
be bypassed), ``dropped`` (input silently dropped), ``output`` (files destroyed or
lost), ``display`` (forged display) and ``malformed`` (other broken input).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

CLASSES = ("outside", "numbers", "crash", "limits", "dropped", "output", "display",
           "malformed")


@dataclass(frozen=True)
class Entry:
    """One hostile input and exactly what the tool must do with it."""

    key: str
    """``<class>/<name>``."""
    args: tuple[str, ...]
    exit: int
    stderr: tuple[str, ...]
    """Every line of stderr, in order (``{dir}`` stands for the entry's folder)."""
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    stdout_has: tuple[str, ...] = ()
    """Substrings stdout must contain (its full text depends on the rule catalogue)."""
    after: Callable[[Path], None] | None = None
    """Checks on the folder after the run (a file kept, a link left alone)."""
    readonly: tuple[str, ...] = ()
    full: tuple[str, ...] = ()
    color: bool = False
    """stdout may hold the tool's own colour codes (``--color``)."""
    env: Mapping[str, str] = field(default_factory=dict)

    @property
    def klass(self) -> str:
        return self.key.split("/", 1)[0]


def summary(files: int, errors: int) -> str:
    """The closing line of a diagnostics block, e.g. ``1 file, 2 errors.``."""
    return (f"{files} file{'s' * (files != 1)}, {errors} error{'s' * (errors != 1)}.")


CASE = """\
id: hostile
title: A small case
as_of: 2017-10-02
parties:
  - id: kptc
    name: Korea Posts and Telecommunications Corporation
    kind: state_owned_enterprise
    country: KP
  - id: acme
    name: Acme Telecom
    kind: company
    country: RU
  - id: jv
    name: Acme-KPTC JV
    kind: company
    country: RU
    owners:
      - owner: kptc
        share: 60
      - owner: acme
        share: 40
relationships:
  - id: r1
    kind: joint_venture
    title: The JV
    parties:
      - party: acme
        role: partner
      - party: kptc
        role: partner
      - party: jv
        role: venture
    start: 2017-01-01
"""
"""A valid case (exit 0: the joint venture is undetermined, not prohibited)."""

BULK = """\
id: bulk
title: A case with its relationships in JSON Lines
as_of: 2017-10-02
parties:
  - id: kptc
    name: Korea Posts and Telecommunications Corporation
    kind: state_owned_enterprise
    country: KP
  - id: acme
    name: Acme Telecom
    kind: company
    country: RU
relationships_file: {name}
"""
"""A case whose relationships are in the JSON Lines file ``{name}`` (line 13)."""

LINE = ('{"id": "r1", "kind": "joint_venture", "start": "2017-01-01", "parties":'
        ' [{"party": "acme", "role": "partner"}, {"party": "kptc", "role": "partner"}]}\n')
"""One valid JSON Lines relationship."""

JSON_CASE = ('{"id": "j", "title": "T", "as_of": "2017-10-02", "parties": ['
             '{"id": "a", "name": "A", "kind": "company", "owners": [{"owner": "b",'
             ' "share": SHARE}]}, {"id": "b", "name": "B", "kind": "company"}],'
             ' "relationships": []}')
"""A JSON case; ``SHARE`` (column 141) is replaced by the share's text."""


def case(old: str = "", new: str = "", text: str = CASE) -> str:
    """:data:`CASE` with one piece of text replaced (which must be there)."""
    if old:
        assert old in text, old
    return text.replace(old, new, 1) if old else text


def mkfifo(name: str) -> Callable[[Path], None]:
    """A setup that makes a named pipe ``name`` (nothing ever writes to it)."""
    import os

    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)

    return setup


def mkdir(name: str) -> Callable[[Path], None]:
    """A setup that makes an empty folder ``name``."""

    def setup(folder: Path) -> None:
        (folder / name).mkdir(parents=True)

    return setup


def symlink(name: str, target: str) -> Callable[[Path], None]:
    """A setup that makes a symbolic link ``name`` pointing at ``target``."""

    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)

    return setup


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several setups, in order."""

    def setup(folder: Path) -> None:
        for step in setups:
            step(folder)

    return setup
